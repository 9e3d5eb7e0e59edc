"""Input readers (SCHEMA §1)."""

from rasd.io.readers import ReadProblem, read_articles

__all__ = ["ReadProblem", "read_articles"]
