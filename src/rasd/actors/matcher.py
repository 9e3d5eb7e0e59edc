"""Find lexicon phrases in a document: longest match first, then earliest (one rule, stated once).

Words are compared by key (keys.py), so clitics (و ف ب ل ك ال لل), hamza/taa variants and nisba
inflections are tolerated; quotation marks inside a phrase are skipped (ميليشيا "حزب الله").
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.actors.keys import candidate_forms, candidate_keys, clitic_length, inner_keys
from rasd.actors.lexicon import QUANTIFIER, Entry, Lexicon, TrieNode
from rasd.text.normalize import normalize
from rasd.text.tokens import Token

QUOTES = frozenset('"«»“”„\'‘’`')


@dataclass(frozen=True)
class Match:
    """A lexicon phrase found at tokens ``[first, last]`` (inclusive), char span ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int
    entries: tuple[Entry, ...]

    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def targets(self, kind: str) -> list[str]:
        return [e.target for e in self.entries if e.kind == kind]


def is_word(tok: Token) -> bool:
    return bool(tok.norm) and (tok.norm[0].isalnum())


def _valid(entries: list[Entry], path: tuple[int, ...], tokens: list[Token]) -> tuple[Entry, ...]:
    """Entries whose exact word forms (if any) the matched tokens show."""
    out = []
    for e in entries:
        if not e.exact or (len(e.exact) == len(path) and all(
                f in candidate_forms(tokens[j].norm) for f, j in zip(e.exact, path, strict=True))):
            out.append(Entry(e.kind, e.target))
    return tuple(dict.fromkeys(out))


def _walk(tokens: list[Token], i: int, root: TrieNode) -> tuple[int, tuple[Entry, ...], str] | None:
    """Longest phrase starting at token ``i``: (its last token, its entries, the first word's key)."""
    best: tuple[int, tuple[Entry, ...], str] | None = None
    stack: list[tuple[int, TrieNode, tuple[int, ...], str]] = [(i, root, (), "")]
    while stack:
        j, node, path, first = stack.pop()
        while j < len(tokens) and tokens[j].text in QUOTES and j > i:
            j += 1
        if j >= len(tokens) or not is_word(tokens[j]):
            continue
        # a fixed order (fullest reading first): iterating the set would make ties depend on PYTHONHASHSEED
        for key in sorted((candidate_keys if j == i else inner_keys)(tokens[j].norm), key=lambda k: (-len(k), k)):
            child = node.children.get(key)
            if child is None:
                continue
            head_key = first or key
            if child.entries and (best is None or j > best[0]):
                valid = _valid(child.entries, (*path, j), tokens)
                if valid:
                    best = (j, valid, head_key)
            if child.children:
                stack.append((j + 1, child, (*path, j), head_key))
    return best


def find_matches(tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    """All non-overlapping lexicon matches, scanning left to right, longest at each position."""
    out: list[Match] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.norm.isdigit():
            out.append(Match(i, i, tok.start, tok.end, (Entry(QUANTIFIER, "number"),)))
            i += 1
            continue
        found = _walk(tokens, i, lexicon.root) if is_word(tok) else None
        if found is None:
            i += 1
            continue
        last, entries, key = found
        start = trimmed_start(tok, clitic_length(tok.norm, key))
        out.append(Match(i, last, start, tokens[last].end, entries))
        i = last + 1
    return out


def trimmed_start(tok: Token, drop: int) -> int:
    """Original offset of ``tok`` after skipping ``drop`` normalised letters (its proclitics)."""
    pos = 0
    while drop and pos < len(tok.text):
        if normalize(tok.text[pos]):
            drop -= 1
        pos += 1
    while pos < len(tok.text) and not normalize(tok.text[pos]):
        pos += 1
    return tok.start + pos
