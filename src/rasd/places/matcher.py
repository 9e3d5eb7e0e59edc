"""Find place-name mentions: longest gazetteer match over tokens, clitics stripped, with the trigger
words around each match (find first; the resolver decides later)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasd.places.gazetteer import Candidate, Gazetteer
from rasd.places.lexicon import Lexicon
from rasd.text.morphology import best_analysis, proclitic_forms
from rasd.text.normalize import normalize
from rasd.text.tokens import Token, candidate_stems

PREPOSITIONS = frozenset({"في", "من", "الي", "علي", "عند", "داخل", "نحو", "باتجاه", "حتي", "بين", "عبر", "قرب"})


@dataclass
class Mention:
    """A place-name match with its context; offsets are into ``doc.text``."""

    start: int  # span start (includes a kept trigger such as محافظة / حي)
    end: int
    name_start: int  # the name alone
    key: str  # normalised name
    candidates: list[Candidate]
    first: int  # token index of the name's first token
    last: int  # token index after the name
    trigger: str | None = None  # normalised trigger word before the name
    trigger_class: str | None = None  # admin district populated quarter site near feature
    direction: str | None = None  # Northern / Southern … when a compass word precedes
    direction_start: int | None = None
    preposition: bool = False  # a preposition or a ب/ل proclitic right before the name
    clitic: bool = False  # the name was read without a proclitic
    unresolved_site: bool = False  # "trigger + unknown name": a site with no coordinates
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    key: str
    start: int  # original offset where this reading starts
    stripped: str  # the removed proclitic letters


def readings(tok: Token) -> list[Reading]:
    """A token's normalised readings without proclitics (و ف ب ل ك), literal first."""
    return [Reading(key, tok.start + at, stripped) for key, at, stripped in _readings(tok.text, tok.norm)]


@lru_cache(maxsize=200_000)
def _readings(text: str, norm: str) -> tuple[tuple[str, int, str], ...]:
    """(reading, offset of its first letter in ``text``, removed letters) of a word."""
    out = []
    for cand in candidate_stems(norm):
        removed = len(norm) - len(cand)
        if cand.startswith("ال") and norm.startswith("لل") and removed == 1:
            out.append((cand, _skip_letters(text, 1), norm[:1]))
        else:
            out.append((cand, _skip_letters(text, removed), norm[:removed]))
    return tuple(out)


def _skip_letters(text: str, letters: int) -> int:
    pos = 0
    while letters and pos < len(text):
        if normalize(text[pos]):
            letters -= 1
        pos += 1
    return pos


_TANWEEN = frozenset("\u064b\u064c\u064d")


def _is_word(tok: Token) -> bool:
    return tok.is_arabic


def _nameable(tok: Token) -> bool:
    """Names carry no tanween: "إنكارًا" and "جويًا" are common nouns and adverbs."""
    return tok.is_arabic and not (_TANWEEN & set(tok.text))


@lru_cache(maxsize=50000)
def whole_word(word: str) -> bool:
    """Does morphology read the word best without a proclitic (وحدة, ولد), rather than و + name?

    Frequent news words are looked up in a table precomputed from news text
    (``clitic_words.tsv``, built by ``python -m rasd.places.build``); others ask farahidi.
    """
    known = _clitic_table().get(normalize(word))
    if known is not None:
        return known
    return best_analysis(word) is not None and not proclitic_forms(word)


@lru_cache(maxsize=1)
def _clitic_table() -> dict[str, bool]:
    path = resources.files("rasd.data").joinpath("places/clitic_words.tsv")
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")
    return {r[0]: r[1] == "1" for r in rows if len(r) == 2}


def _longest(toks: list[Token], i: int, gaz: Gazetteer) -> tuple[Reading, int, str] | None:
    """The longest gazetteer name starting at token ``i`` (any reading of its first token)."""
    best: tuple[Reading, int, str] | None = None
    for r in readings(toks[i]):
        if len(r.key) < 2:
            continue
        parts = [r.key]
        n = 1
        found = (r.key if r.key in gaz else None, 1)
        key = r.key
        while (key in gaz.prefixes and n < gaz.max_tokens and i + n < len(toks) and _nameable(toks[i + n])
               and toks[i + n].start - toks[i + n - 1].end <= 1):
            parts.append(toks[i + n].norm)
            n += 1
            key = " ".join(parts)
            if key in gaz:
                found = (key, n)
        if found[0] and found[1] == 1 and r.stripped and len(r.key) <= 2:
            continue  # "ولد" is not و + لد: a two-letter name after a clitic only inside a longer name
        if found[0] and found[1] == 1 and r.stripped and len(r.key) <= 4 and whole_word(toks[i].text):
            continue  # "وحدة" (a unit), "كبيرا" (big), "بلاتر" (Blatter): words of their own, not clitic + name
        if found[0] and (best is None or found[1] > best[1]):
            best = (r, found[1], found[0])
    return best


def _town_word_alias(key: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """"مدينة زنجبار" is an alias of Zanzibar, but in the text it is the word «مدينة» and a name
    (Zinjibar in Abyan): read the name after the word, for the context to decide."""
    first, _, rest = key.partition(" ")
    return bool(rest) and lex.trigger_class(first) == "populated" and rest in gaz


def find_mentions(toks: list[Token], gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Longest-then-earliest gazetteer matches, each with its trigger context."""
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        hit = _longest(toks, i, gaz) if _nameable(toks[i]) else None
        if hit is None or _town_word_alias(hit[2], gaz, lex):
            i += 1
            continue
        reading, n, key = hit
        if key in lex.admin | lex.populated | lex.district | lex.quarter | lex.site | lex.near or key in lex.directions:
            i += 1
            continue
        m = Mention(reading.start, toks[i + n - 1].end, reading.start, key, list(gaz.lookup(key)), i, i + n)
        if n > 1 and lex.trigger_class(reading.key) in ("admin", "district"):
            m.name_start = toks[i + 1].start  # a curated unit name with its word: "قضاء سنجار"
        m.clitic = bool(reading.stripped)
        m.preposition = any(c in reading.stripped for c in "بل")
        _attach_context(m, toks, lex)
        out.append(m)
        i += n
    out.extend(_unresolved_sites(toks, out, lex))
    out.extend(_unknown_towns(toks, out, lex))
    return sorted(out, key=lambda m: m.start)


_LED_TO = re.compile(r"[وف]?أد[ىي]")  # «وأدى» (and led to) normalises to «وادي», a valley


def _trigger_at(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    if _LED_TO.fullmatch(tok.text):
        return None
    for r in readings(tok):
        cls = lex.trigger_class(r.key)
        if cls:
            return r.key, cls
    return None


def _attach_context(m: Mention, toks: list[Token], lex: Lexicon) -> None:
    """Trigger, compass word and preposition right before the name."""
    j = m.first - 1
    if j < 0:
        return
    prev = toks[j]
    if prev.end < m.start - 1 or not _is_word(prev):
        return
    trig, at = _trigger_at(prev, lex), prev
    if trig is None and prev.norm == "من" and j >= 1 and _trigger_at(toks[j - 1], lex):
        trig, at = _trigger_at(toks[j - 1], lex), toks[j - 1]  # بالقرب من X
        if trig and trig[1] != "near":
            trig = None
    if trig:
        m.trigger, m.trigger_class = trig
        m.extra["trigger_start"] = next(r.start for r in readings(at) if r.key == m.trigger)
        if m.trigger_class in ("admin", "quarter", "feature") or m.trigger in lex.near_regions:
            m.start = m.extra["trigger_start"]
        if m.trigger in lex.near_regions:
            _compass_adjective(m, toks, lex)
        _before_trigger(m, toks, j, lex)
        return
    compass_before(m, toks, j, lex)
    if m.direction is None:
        m.preposition = m.preposition or prev.norm in PREPOSITIONS


def _compass_adjective(m: Mention, toks: list[Token], lex: Lexicon) -> None:
    """"ريف حلب الشمالي": the compass adjective after the name belongs to the region."""
    for width in (2, 1):
        words = toks[m.last:m.last + width]
        joined = len(words) == width and all(
            w.start - p.end <= 1 for p, w in zip([toks[m.last - 1], *words], words, strict=False))
        if joined and " ".join(w.norm for w in words) in lex.near_adjectives:
            m.end, m.last = words[-1].end, m.last + width
            return


def _before_trigger(m: Mention, toks: list[Token], j: int, lex: Lexicon) -> None:
    """ريف محافظة X, شمال مدينة X, في مدينة X: context one word further back."""
    if j - 1 < 0:
        return
    prev = toks[j - 1]
    trig = _trigger_at(prev, lex)
    if trig and trig[1] == "near":
        m.extra["near"] = trig[0]
    elif prev.norm in PREPOSITIONS:
        m.preposition = True
    else:
        compass_before(m, toks, j - 1, lex)


def compass_before(m: Mention, toks: list[Token], j: int, lex: Lexicon) -> None:
    """A compass word (or two: شمال شرق) ending at token ``j``."""
    for width in (2, 1):
        k = j - width + 1
        if k < 0 or not all(_is_word(t) for t in toks[k:j + 1]):
            continue
        first = readings(toks[k])
        for r in first:
            phrase = " ".join([r.key] + [t.norm for t in toks[k + 1:j + 1]])
            if phrase in lex.directions:
                m.direction = lex.directions[phrase]
                m.direction_start = r.start
                return


def _unresolved_sites(toks: list[Token], found: list[Mention], lex: Lexicon) -> list[Mention]:
    """"مستشفى الأمل", "معسكر لبوزة": a site trigger and a name the gazetteer lacks."""
    covered = {k for m in found for k in range(m.first, m.last)}
    starts = {m.first for m in found}
    out = []
    for j in range(len(toks) - 1):
        if j in covered or not _is_word(toks[j]):
            continue
        trig = _trigger_at(toks[j], lex)
        if not trig or trig[1] != "site":
            continue
        nxt = toks[j + 1]
        if j + 1 in covered or j + 1 in starts or not _is_word(nxt) or nxt.start - toks[j].end > 1:
            continue
        if nxt.norm in lex.site_generic or len(nxt.norm) < 3 or nxt.norm.startswith("لل"):
            continue  # "معسكر للجيش": whose camp, not its name
        if not nxt.norm.startswith("ال") and trig[0] not in ("جبل", "وادي", "جبال", "معسكر"):
            continue
        start = next(r.start for r in readings(toks[j]) if r.key == trig[0])
        m = Mention(start, nxt.end, start, f"{trig[0]} {nxt.norm}", [], j, j + 2, trig[0], "site")
        m.unresolved_site = True
        out.append(m)
    return out


TOWN_SHARE = 0.2  # a word news writes after a town trigger at least this often (of all its uses) is a name


def town_name(tok: Token, lex: Lexicon) -> bool:
    """A word the gazetteer lacks that reads as a town's name after «قرية», «محافظة»…"""
    if not _nameable(tok) or len(tok.norm) < 3 or tok.norm in lex.site_generic:
        return False
    if not tok.norm.startswith("ال") and (tok.norm.endswith("يه") or best_analysis(tok.text) is not None):
        return False  # "منطقة حدودية", "منطقة عازلة": an indefinite word morphology knows is no name
    after, total = lex.town_words.get(tok.norm, (0, 0))
    return total == 0 or after / total >= TOWN_SHARE


def _unknown_towns(toks: list[Token], found: list[Mention], lex: Lexicon) -> list[Mention]:
    """"قرية المفتاحة", "حي الجمعيات": a town trigger and a name the gazetteer lacks (no candidates)."""
    covered = {k for m in found for k in range(m.first, m.last)}
    out = []
    for j in range(len(toks) - 1):
        if j in covered or j + 1 in covered or not _is_word(toks[j]):
            continue
        trig = next((r for r in readings(toks[j]) if r.key in lex.town_triggers), None)
        nxt = toks[j + 1]
        cls = lex.trigger_class(trig.key) if trig is not None else None
        if trig is None or nxt.start - toks[j].end > 1 or not town_name(nxt, lex):
            continue
        start = trig.start if cls in ("quarter", "admin") else nxt.start  # "حي", "محافظة" stay in the span
        m = Mention(start, nxt.end, nxt.start, nxt.norm, [], j, j + 2, trig.key, cls)
        m.extra["unknown_town"] = True
        out.append(m)
    return out
