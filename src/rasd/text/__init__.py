"""Text stage: normalisation, sentences, tokens and clitics."""

from rasd.text.normalize import NormText, normalize, normalize_with_map
from rasd.text.sentences import split_sentences
from rasd.text.tokens import Token, tokenize
from rasd.text.stage import analyse_text

__all__ = ["NormText", "Token", "analyse_text", "normalize", "normalize_with_map", "split_sentences", "tokenize"]
