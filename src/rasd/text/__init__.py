"""Text stage: normalisation, sentences, tokens and clitics (the stage itself: rasd.text.stage)."""

from rasd.text.normalize import NormText, normalize, normalize_with_map
from rasd.text.sentences import split_sentences
from rasd.text.tokens import Token, tokenize

__all__ = ["NormText", "Token", "normalize", "normalize_with_map", "split_sentences", "tokenize"]
