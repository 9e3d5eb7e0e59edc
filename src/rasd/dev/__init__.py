"""Developer tools: how often a cue fires in unlabeled news (``rasd dev fires``)."""
