"""CRF features for Arabic NER: word forms, clitic-stripped stems, affixes, clusters, gazetteer, triggers.

Features are computed on normalised words (:func:`rasd.text.normalize`), so the same code serves
training (corpus tokens) and tagging (document tokens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasd.text.normalize import normalize
from rasd.text.tokens import candidate_stems, split_clitics

_MAX_GAZ = 4  # longest gazetteer entry, in words


@dataclass(frozen=True)
class Resources:
    """Lookup tables the features use; tests may pass tiny ones."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: frozenset[tuple[str, ...]] = frozenset()
    triggers: dict[str, str] = field(default_factory=dict)  # normalised word -> trigger class
    names: dict[str, str] = field(default_factory=dict)  # word -> its usual entity type in WikiFANE
    proper_nouns: frozenset[str] = frozenset()  # farahidi's proper-noun lexicon, normalised

    def __hash__(self) -> int:  # identity: one instance per loaded model
        return id(self)


def shape(word: str) -> str:
    if not word:
        return "empty"
    if word.isdigit():
        return "digit"
    if "\u0621" <= word[0] <= "\u064a":
        return "ar"
    if word[0].isascii() and word[0].isalpha():
        return "latin"
    return "punct" if len(word) == 1 else "other"


def stripped(word: str) -> str:
    """The word without its proclitics (و ف ب ل ك ال), most stripped candidate first."""
    _, stem, _ = split_clitics(word)
    if stem != word:
        return stem
    cands = candidate_stems(word)
    return cands[-1] if len(cands[-1]) >= 3 else word


def lookup_cluster(word: str, res: Resources) -> tuple[str, ...]:
    """Cluster ids of the word, else of a clitic-stripped reading of it, else ()."""
    for cand in (word, *candidate_stems(word)[1:], stripped(word)):
        ids = res.clusters.get(cand)
        if ids:
            return ids
    return ()


def gazetteer_tags(words: list[str], res: Resources) -> list[str]:
    """``B``/``I``/``O`` per word for the longest gazetteer matches (earliest first).

    The first word of a match may carry proclitics (``وبغداد``, ``بالموصل``); the rest must match as written.
    """
    tags = ["O"] * len(words)
    if not res.gazetteer:
        return tags
    i = 0
    while i < len(words):
        for n in range(min(_MAX_GAZ, len(words) - i), 0, -1):
            rest = tuple(words[i + 1:i + n])
            if any((f, *rest) in res.gazetteer for f in surface_forms(words[i])):
                tags[i:i + n] = ["B"] + ["I"] * (n - 1)
                i += n - 1
                break
        i += 1
    return tags


@lru_cache(maxsize=100_000)
def surface_forms(word: str) -> tuple[str, ...]:
    """The word and its readings without proclitics, with and without the article."""
    prefixes, stem, _ = split_clitics(word)
    forms = [word, *candidate_stems(word)[1:], stem]
    if "ال" in prefixes:
        forms.append("ال" + stem)
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=200_000)
def _word_features(word: str, res: Resources) -> tuple[str, ...]:
    stem = stripped(word)
    prefixes, _, _ = split_clitics(word)
    feats = [f"w={word}", f"s={stem}", f"shape={shape(word)}", f"len={min(len(stem), 8)}",
             f"pro={'+'.join(prefixes)}", f"w0={word[:1]}"]
    for n in range(1, 5):
        if len(stem) > n:
            feats += [f"p{n}={stem[:n]}", f"x{n}={stem[-n:]}"]
    feats += [f"c{i}={c}" for i, c in enumerate(lookup_cluster(word, res))]
    feats += _lexicon_keys(word, stem, res)
    if stem in res.proper_nouns or word in res.proper_nouns:
        feats.append("propn")
    return tuple(feats)


def _context_keys(word: str, res: Resources) -> tuple[str, ...]:
    """The few features of a neighbouring word that go into the window."""
    stem = stripped(word)
    ids = lookup_cluster(word, res)
    keys = [f"w={word}", f"s={stem}"]
    if ids:
        keys.append(f"c1={ids[1] if len(ids) > 1 else ids[0]}")
    keys += _lexicon_keys(word, stem, res)
    return tuple(keys)


def _lexicon_keys(word: str, stem: str, res: Resources) -> list[str]:
    """Trigger class and usual name type of the word (or its stem), when the lexicons know it."""
    keys = []
    trig = res.triggers.get(word) or res.triggers.get(stem)
    if trig:
        keys.append(f"trig={trig}")
    name = res.names.get(word) or res.names.get(stem)
    if name:
        keys.append(f"name={name}")
    return keys


def sentence_features(tokens: list[str], res: Resources, memory: dict[str, str] | None = None) -> list[list[str]]:
    """Features for every token of a sentence (tokens as written; normalised here).

    ``memory`` (second pass only) maps a clitic-free word to the entity type a first pass gave
    it elsewhere in the same document.
    """
    words = [normalize(t) or t for t in tokens]
    gaz = gazetteer_tags(words, res)
    ctx = [_context_keys(w, res) for w in words]
    out: list[list[str]] = []
    for i, word in enumerate(words):
        feats = ["bias", *_word_features(word, res)]
        if gaz[i] != "O":
            feats.append(f"gaz={gaz[i]}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(words):
                feats += [f"{off}:{k}" for k in ctx[j]]
                if gaz[j] != "O":
                    feats.append(f"{off}:gaz={gaz[j]}")
            else:
                feats.append(f"{off}:pad")
        if i > 0:
            feats.append(f"bi-={words[i - 1]}|{word}")
        if i + 1 < len(words):
            feats.append(f"bi+={word}|{words[i + 1]}")
        if memory is not None:
            feats += _memory_features(words, i, memory)
        out.append(feats)
    return out


def _memory_features(words: list[str], i: int, memory: dict[str, str]) -> list[str]:
    feats = []
    for off in (-1, 0, 1):
        j = i + off
        if 0 <= j < len(words):
            kind = memory.get(stripped(words[j]))
            feats.append(f"{off}:mem={kind}" if kind else f"{off}:mem=none")
    return feats


def entity_key(tokens: list[str]) -> str:
    """The lookup key of an entity: normalised words, the first without its proclitics."""
    words_ = [normalize(t) for t in tokens]
    return " ".join([stripped(words_[0]), *words_[1:]]) if words_ else ""
