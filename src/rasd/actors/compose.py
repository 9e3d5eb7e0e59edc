"""Turn lexicon matches into actor candidates: heads + names, nationality coordination, categories.

Patterns (in order of the match sequence):
- [head|quantifier]* ALIAS                → the named actor(s)             "مقاتلو حزب الله"
- [head]+ NATIONALITY (و NATIONALITY)*   → one candidate per nationality  "الميليشيات الإيرانية والعراقية"
- [quantifier] CATEGORY [NATIONALITY]    → a generic category             "11 شابا"، "مدنيين سوريين"
- definite HEAD alone                    → refers back (anaphora)         "التنظيم"، "هذه الميليشيات"
- HEAD + loyal head, no name after       → the country's government forces "القوات الموالية"
- crowd word (+ person noun) in a sentence about a protest → protesters  "تظاهر المئات"
- COUNTRY alone                          → the country's forces, low confidence   "أمريكا"
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rasd.actors.keys import candidate_keys
from rasd.actors.lexicon import (
    ACTOR,
    ACTOR_AFTER_HEAD,
    CATEGORY,
    CITY,
    COUNTRY,
    CROWD,
    CUE,
    HEAD,
    NATIONALITY,
    QUANTIFIER,
    WEAK,
)
from rasd.actors.matcher import Match
from rasd.text.tokens import Token

# head class → keys of a country's `defaults`, tried in order, for "head + nationality"
HEAD_DEFAULTS = {
    "militia": ("militia", "factions"), "forces": ("forces", "military"), "military": ("military",),
    "air": ("air", "military"), "police": ("police", "security"), "security": ("security", "police"),
    "members": ("militia", "forces"), "group": ("militia", "factions"), "factions": ("factions", "militia"),
    "organization": ("militia",), "movement": ("militia",), "party": ("militia",), "front": ("factions",),
    "strike": ("air", "military"),
}
_LOYAL, _STRIKE = "loyal", "strike"
_SENTENCE_ENDS = frozenset({".", "!", "?", "؟"})
# person categories a crowd in a protest sentence turns into protesters
_CROWD_CATEGORIES = frozenset({"civilians"})
_DEMONSTRATIVES = frozenset({"هذه", "هذا", "تلك", "ذلك", "هاته", "هولاء"})
_HEAD_KINDS = frozenset({HEAD, QUANTIFIER})
_PLACE_KINDS = frozenset({NATIONALITY, COUNTRY, CITY})
_PREPOSITIONS = frozenset({"في", "الي", "من", "عن", "داخل", "بين", "مع", "على", "علي", "حدود", "نحو", "باتجاه"})


@dataclass(frozen=True)
class Candidate:
    """A span that names an actor, with what it could be before country resolution."""

    start: int
    end: int
    kind: str  # alias | nationality | category | anaphora | country_name
    actors: tuple[str, ...] = ()  # named actor ids (alias)
    category: str | None = None  # generic category id
    country: str | None = None  # stated nationality (overrides context)
    head: str | None = None  # head class
    confidence: float = 0.8


def _adjacent(a: Match, b: Match, tokens: list[Token]) -> bool:
    """``b`` follows ``a`` with nothing but quotes, commas or "من" in between."""
    for t in tokens[a.last + 1:b.first]:
        if t.norm not in {"من", "ل", "،", ",", '"', "«", "»", "“", "”", "'"}:  # "ل" is a detached "لـ"
            return False
    return b.first > a.last


def _conjoined(m: Match, tokens: list[Token]) -> bool:
    """The match's first word carries a conjunction ("والحوثيين"): it starts a new phrase."""
    tok = tokens[m.first]
    return m.start > tok.start and tok.norm[:1] in "وف"


def _is_prefix(m: Match, nxt: Match | None, tokens: list[Token]) -> bool:
    """Heads and quantifiers lead a phrase; so does a head that is also a category word ("مسلحون")
    before an alias valid only after a head ("مسلحون أكراد") or a loyal head ("المقاتلين الموالين"),
    when both agree in definiteness (in "هاجم مسلحون الحوثيين" the second is the object)."""
    if nxt is not None and HEAD in m.kinds() and nxt.kinds() == {QUANTIFIER}:
        return False  # "القوات الموالية نحو …": a number after a head starts another phrase
    if m.kinds() <= _HEAD_KINDS:
        return True
    if nxt is None or HEAD not in m.kinds():
        return False
    if ACTOR in nxt.kinds():  # partitive "مقاتلا من داعش"
        return [t.norm for t in tokens[m.last + 1:nxt.first]] == ["من"]
    describes = ACTOR_AFTER_HEAD in nxt.kinds() or _LOYAL in nxt.targets(HEAD)
    return describes and _definite(tokens, m) == _definite(tokens, nxt)


class _ByFirst:
    """One article's matches by first token, sorted on first use (binary search: linear in the article)."""

    def __init__(self, matches: list[Match]) -> None:
        self.matches = matches
        self._sorted: tuple[list[int], list[Match]] | None = None

    def between(self, lo: int, hi: int) -> list[Match]:
        """The matches whose first token lies in ``[lo, hi]``."""
        if self._sorted is None:
            ordered = sorted(self.matches, key=lambda o: o.first)
            self._sorted = [o.first for o in ordered], ordered
        firsts, ordered = self._sorted
        return ordered[bisect_left(firsts, lo) : bisect_right(firsts, hi)]


def _protest_sentence(by_first: _ByFirst, tokens: list[Token], m: Match) -> bool:
    """A protesters cue word or a protest verb lies in ``m``'s sentence."""
    lo = m.first
    while lo > 0 and tokens[lo - 1].norm not in _SENTENCE_ENDS:
        lo -= 1
    hi = m.last
    while hi + 1 < len(tokens) and tokens[hi].norm not in _SENTENCE_ENDS:
        hi += 1
    return any("protesters" in o.targets(CATEGORY) or CUE in o.kinds() for o in by_first.between(lo, hi))


def _after_preposition(tokens: list[Token], m: Match) -> bool:
    tok = tokens[m.first]
    prev = tokens[m.first - 1].norm if m.first > 0 else ""
    return prev in _PREPOSITIONS or tok.norm[:1] in "بل" and not tok.norm.startswith("ال")


def _definite(tokens: list[Token], m: Match) -> bool:
    tok = tokens[m.first]
    prev = tokens[m.first - 1].norm if m.first > 0 else ""
    return tok.norm.lstrip("وفبلك").startswith("ال") or prev in _DEMONSTRATIVES


def compose(matches: list[Match], tokens: list[Token], head_words: dict[str, str]) -> list[Candidate]:
    """Candidates from the match sequence; ``head_words`` maps a word key to its head class."""
    out: list[Candidate] = []
    k, n = 0, len(matches)
    by_first = _ByFirst(matches)  # compose does not change ``matches``
    while k < n:
        j = k
        while (j + 1 < n and _is_prefix(matches[j], matches[j + 1], tokens) and _adjacent(matches[j], matches[j + 1], tokens)
               and not _conjoined(matches[j + 1], tokens)):
            j += 1
        prefix, core = matches[k:j], matches[j]
        start = prefix[0].start if prefix else core.start
        before = len(out)
        consumed = _compose_core(core, matches[j + 1:], prefix, start, tokens, out, head_words)
        crowd = any(CROWD in m.targets(QUANTIFIER) for m in (*prefix, core))
        if crowd and len(out) == before + 1:
            out[-1] = _crowd(out[-1], by_first, tokens, core)
        elif crowd and len(out) == before and _protest_sentence(by_first, tokens, core):  # "تظاهر المئات"
            out.append(Candidate(start, core.end, "category", category="protesters", confidence=0.5))
        k = j + 1 + consumed
    return out


def _crowd(c: Candidate, by_first: _ByFirst, tokens: list[Token], core: Match) -> Candidate:
    """A crowd of people ("الآلاف من المواطنين") in a sentence about a protest is the protesters."""
    if c.kind != "category" or c.category not in _CROWD_CATEGORIES or not _protest_sentence(by_first, tokens, core):
        return c
    return Candidate(c.start, c.end, "category", category="protesters", country=c.country, confidence=c.confidence)


def _compose_core(core: Match, rest: list[Match], prefix: list[Match], start: int,
                  tokens: list[Token], out: list[Candidate], head_words: dict[str, str]) -> int:
    """Add the candidates that ``core`` (with its prefix) makes; return how many of ``rest`` it used."""
    heads = [t for m in prefix for t in m.targets(HEAD)]
    quantified = any(QUANTIFIER in m.kinds() for m in prefix)
    kinds = core.kinds()
    actors = core.targets(ACTOR) or (core.targets(ACTOR_AFTER_HEAD) if heads else [])
    if actors:
        conf = 0.9 if ACTOR in kinds else 0.75
        head = heads[-1] if heads else _head_of(tokens[core.first], head_words)
        start = next((m.start for m in prefix if HEAD in m.kinds() and _STRIKE not in m.targets(HEAD)), core.start)
        out.append(Candidate(start, core.end, "alias", tuple(actors), head=head, confidence=conf))
        return _coordinated(core, rest, head, start, tokens, out, lead=False) if head else 0
    head_here = heads[-1] if heads else (core.targets(HEAD)[0] if HEAD in kinds else None)
    if NATIONALITY in kinds and heads:
        return _coordinated(core, rest, heads[-1], start, tokens, out)
    described = bool(rest) and NATIONALITY in rest[0].kinds() and _adjacent(core, rest[0], tokens)
    cats = core.targets(CATEGORY) or (core.targets(WEAK) if quantified or described else [])
    if _LOYAL in heads and cats == ["government"]:  # "القوات الموالية لحكومة …"
        cats = ["military"]
    if cats:
        used, country, end = 0, None, core.end
        if rest and _adjacent(core, rest[0], tokens) and rest[0].kinds() & _PLACE_KINDS:
            nxt = rest[0]
            country, end, used = (nxt.targets(NATIONALITY) or nxt.targets(COUNTRY) or nxt.targets(CITY))[0], nxt.end, 1
        if HEAD in kinds and country and NATIONALITY in rest[0].kinds():
            used = _coordinated(rest[0], rest[1:], core.targets(HEAD)[0], start, tokens, out, lead_end=end)
            return used + 1
        out.append(Candidate(start, end, "category", category=cats[0], country=country, head=head_here,
                             confidence=0.7 if core.targets(CATEGORY) else 0.6))
        return used
    if HEAD in kinds:
        if rest and NATIONALITY in rest[0].kinds() and _adjacent(core, rest[0], tokens):
            return 1 + _coordinated(rest[0], rest[1:], head_here, start, tokens, out)
        if _loyal(prefix, core, tokens):
            out.append(Candidate(start, core.end, "category", category="military", head="forces", confidence=0.5))
        elif _definite(tokens, core):  # the head that refers back is the last one ("مسلحي الحركة")
            out.append(Candidate(start, core.end, "anaphora", head=core.targets(HEAD)[0], confidence=0.4))
        return 0
    if COUNTRY in kinds and not heads and NATIONALITY not in kinds and not _after_preposition(tokens, core):
        out.append(Candidate(core.start, core.end, "country_name", country=core.targets(COUNTRY)[0],
                             head="military", confidence=0.3))
    return 0


def _loyal(prefix: list[Match], core: Match, tokens: list[Token]) -> bool:
    """Forces loyal to no one named ("القوات الموالية"، "المقاتلين الموالين"): a head, then a loyal head last,
    and no "لـ X" after it (loyal to someone the dictionary does not know)."""
    heads = [h for m in prefix for h in m.targets(HEAD)]
    after = tokens[core.last + 1].norm if core.last + 1 < len(tokens) else ""
    to_someone = after == "ل" or after[:1] == "ل" and not after.startswith("ال")
    return _LOYAL in core.targets(HEAD) and any(h not in {_LOYAL, _STRIKE} for h in heads) and not to_someone


def _head_of(tok: Token, head_words: dict[str, str]) -> str | None:
    return next((head_words[k] for k in candidate_keys(tok.norm) if k in head_words), None)


def _coordinated(first: Match, rest: list[Match], head: str, start: int, tokens: list[Token],
                 out: list[Candidate], lead_end: int | None = None, lead: bool = True) -> int:
    """Head + nationality (+ "و" nationality …): one candidate per nationality; returns ``rest`` used.

    With ``lead=False`` the first one is already a candidate (an alias such as "الميليشيات الإيرانية").
    """
    if lead:
        out.append(Candidate(start, lead_end or first.end, "nationality", country=first.targets(NATIONALITY)[0],
                             head=head, confidence=0.7))
    used, prev = 0, first
    for m in rest:
        if NATIONALITY not in m.kinds() or not _adjacent(prev, m, tokens):
            break
        if not tokens[m.first].norm.startswith("و") and "و" not in {t.norm for t in tokens[prev.last + 1:m.first]}:
            break
        out.append(Candidate(m.start, m.end, "nationality", country=m.targets(NATIONALITY)[0], head=head,
                             confidence=0.65))
        used, prev = used + 1, m
    return used
