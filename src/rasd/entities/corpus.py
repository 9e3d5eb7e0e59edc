"""Readers for the NER corpora: ANERcorp (train/test) and WikiFANE, cleaned into BIO sentences.

Labels are normalised to ``B-PER``/``I-LOC``/… (ANERcorp's ``PERS`` becomes ``PER``).  WikiFANE's
fine classes are mapped to PER/LOC/ORG (or O) and kept alongside in ``Sentence.fine``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "LOC", "ORG", "MISC")
_ALIASES = {"PERS": "PER", "ERS": "PER", "PERs": "PER", "ORF": "ORG", "OEG": "ORG", "PRG": "ORG"}
_SENT_END = frozenset({".", "!", "?", "؟"})
_MAX_LEN = 120  # cut run-on stretches without final punctuation
_INVISIBLE = "\ufeff\u200e\u200f"

# WikiFANE fine class -> coarse type; classes not listed (vehicles, works, software, nationalities…) -> O.
WIKIFANE_COARSE = {
    **dict.fromkeys(("Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Athlete",
                     "Businessperson", "Engineer", "Lawyer", "Police"), "PER"),
    **dict.fromkeys(("Population-Center", "Nation", "Water-Body", "State-or-Province", "Land-Region-Natural",
                     "Continent", "GPE-Cluster", "County-or-District", "Celestial", "Path", "Airport",
                     "Building-Grounds", "Subarea-Facility"), "LOC"),
    **dict.fromkeys(("Commercial", "Non-Governmental", "Government", "Educational", "Media", "Sports",
                     "Religious_ORG", "Entertainment", "Medical-Science"), "ORG"),
}
# WikiFANE's "Police" is a person class (a police officer) in its taxonomy: keep it PER.
_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك"})
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ي", "ك", "ني"})


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    fine: list[str | None] = field(default_factory=list)


def clean_tag(raw: str) -> str | None:
    """A normalised BIO tag, or None when the row is unusable (e.g. ANERcorp's ``None`` rows)."""
    tag = raw.strip().strip(_INVISIBLE)
    if tag.upper() == "O":
        return "O"
    if tag.upper().startswith("B-LOCI"):  # a merged "B-LOCI-PERS" row
        return "B-LOC"
    if len(tag) > 1 and tag[0] in "BIbi" and tag[1:2] in "-":
        prefix, kind = tag[0].upper(), tag[2:]
    elif len(tag) > 1 and tag[0] in "BIbi":  # "IPERS"
        prefix, kind = tag[0].upper(), tag[1:]
    else:
        return None
    kind = _ALIASES.get(kind, kind.upper())
    kind = _ALIASES.get(kind, kind)
    return f"{prefix}-{kind}" if kind in TYPES else None


def repair_bio(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` entity into ``B-X``."""
    out: list[str] = []
    for tag in tags:
        if tag.startswith("I-") and (not out or out[-1] == "O" or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def read_anercorp_train(path: str | Path) -> list[Sentence]:
    """``token<TAB>tag`` rows without sentence breaks; sentences are cut after final punctuation."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        token, tag = parts[0].strip(_INVISIBLE + " "), clean_tag(parts[1])
        if not token or tag is None:
            continue
        tokens.append(token)
        tags.append(tag)
        if token in _SENT_END or (len(tokens) >= _MAX_LEN and tag == "O"):
            sentences.append(Sentence(tokens, repair_bio(tags)))
            tokens, tags = [], []
    if tokens:
        sentences.append(Sentence(tokens, repair_bio(tags)))
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """``token TAG`` per line, a blank line between sentences (the ANERcorp test split)."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts:
            if tokens:
                sentences.append(Sentence(tokens, repair_bio(tags)))
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(clean_tag(parts[-1]) or "O" if len(parts) > 1 else "O")
    if tokens:
        sentences.append(Sentence(tokens, repair_bio(tags)))
    return sentences


def read_wikifane(path: str | Path) -> list[Sentence]:
    """WikiFANE gold with its BOM, U+200E marks and CRLF removed and its split clitics re-attached."""
    sentences: list[Sentence] = []
    rows: list[tuple[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.strip(_INVISIBLE + "\r ").split("\t")
        if len(parts) != 2 or not parts[0].strip(_INVISIBLE):
            if rows:
                sentences.append(_wikifane_sentence(rows))
            rows = []
            continue
        rows.append((parts[0].strip(_INVISIBLE + " "), parts[1].strip()))
    if rows:
        sentences.append(_wikifane_sentence(rows))
    return sentences


def _wikifane_sentence(rows: list[tuple[str, str]]) -> Sentence:
    tokens: list[str] = []
    tags: list[str] = []
    fine: list[str | None] = []
    pending = ""
    for i, (token, raw) in enumerate(rows):
        nxt = rows[i + 1][0] if i + 1 < len(rows) else ""
        if token in _PROCLITICS and nxt[:1].isalpha():
            pending += token
            continue
        if token in _ENCLITICS and tokens and not pending and tokens[-1][-1:].isalpha():
            stem = tokens[-1]
            tokens[-1] = (stem[:-1] + "ت" if stem.endswith("ة") else stem) + token
            continue
        tag, cls = _wikifane_tag(raw)
        tokens.append(pending + token)
        tags.append(tag)
        fine.append(cls)
        pending = ""
    return Sentence(tokens, repair_bio(tags), fine)


def _wikifane_tag(raw: str) -> tuple[str, str | None]:
    if len(raw) < 3 or raw[1] != "-":
        return "O", None
    coarse = WIKIFANE_COARSE.get(raw[2:])
    return (f"{raw[0]}-{coarse}", raw[2:]) if coarse else ("O", None)


def entity_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """``(start, end, type)`` token spans of a BIO sequence (CoNLL rules: I- after O starts an entity)."""
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        boundary = tag == "O" or tag.startswith("B-") or tag[2:] != kind
        if boundary and start >= 0:
            yield start, i, kind
            start, kind = -1, ""
        if tag != "O" and (tag.startswith("B-") or start < 0):
            start, kind = i, tag[2:]
