"""Find timexes in a text (match), choose among overlapping ones, and write them as Timex spans.

Matching runs on the normalised text; offsets are mapped back so every span is a slice of the
original.  Overlaps are settled by one rule: the longest candidate wins, then the earliest, then
the rule listed first in the grammar.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from rasd.document import Timex
from rasd.text.normalize import NormText, normalize_with_map
from rasd.time import dates, relative  # noqa: F401  (registers its handlers)
from rasd.time.context import Candidate, Context
from rasd.time.grammar import rules
from rasd.time.lexicon import Lexicon, load_lexicon
from rasd.time.rules import HANDLERS

# An editor's gloss of a quoted relative day: 'اليوم «أمس»' = the speaker's today, i.e. yesterday.
_GLOSS = re.compile(r"\s*«\s*$")
_GLOSS_END = re.compile(r"^\s*»")


def match(norm_text: str, anchor: date | None) -> list[Candidate]:
    """Every candidate any rule finds, overlapping ones included."""
    ctx = Context(norm_text, anchor, load_lexicon())
    found: list[Candidate] = []
    for order, rule in enumerate(rules()):
        handle = HANDLERS[rule.name]
        for m in rule.regex.finditer(norm_text):
            cand = handle(m, ctx)
            if cand is not None and cand.end > cand.start:
                cand.rule = rule.name
                cand.extra.setdefault("_order", order)
                found.append(cand)
    return found


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then earliest, then rule order."""
    chosen: list[Candidate] = []  # disjoint, in text order: only the last one starting before c.end may overlap c
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (-c.length, c.start, c.extra["_order"])):
        i = bisect_left(starts, c.end) - 1
        if i < 0 or chosen[i].end <= c.start:
            chosen.insert(i + 1, c)
            starts.insert(i + 1, c.start)
    for c in chosen:
        c.extra.pop("_order", None)
    return chosen


def apply_glosses(norm_text: str, cands: list[Candidate]) -> None:
    """A relative day followed by a quoted relative day takes the quoted one's value."""
    for a, b in zip(cands, cands[1:], strict=False):
        between = norm_text[a.end:b.start]
        if a.type == b.type == "DATE" and a.rule == b.rule == "reldate" and _GLOSS.fullmatch(between) \
                and _GLOSS_END.match(norm_text[b.end:]) and b.value:
            a.value, a.precision, a.range = b.value, b.precision, b.range
            a.extra["glossed_by"] = "«»"


_EQUALS = re.compile(r"\s*[،,(]?\s*(?:الموافق|الموافقه|الموافق\s+ل)\s*$")


def apply_equivalences(norm_text: str, cands: list[Candidate]) -> None:
    """'الجمعة الموافق 18/8/1436': a relative day takes the value of the full date it is equated with."""
    for a, b in zip(cands, cands[1:], strict=False):
        if a.rule in ("weekday", "reldate") and b.type == "DATE" and b.value and len(b.value) == 10 \
                and _EQUALS.fullmatch(norm_text[a.end:b.start]):
            a.value, a.precision, a.range = b.value, b.precision, b.range


_CONTEXT_REACH = 300  # characters back within the paragraph where a time's day may be named


def apply_context_days(norm_text: str, cands: list[Candidate]) -> None:
    """A part of the day with no day of its own ("خلال الليل") takes the last day named before it."""
    for i, c in enumerate(cands):
        if not c.extra.pop("_day_from_context", False) or c.value is None:
            continue
        for prev in reversed(cands[:i]):
            if c.start - prev.end > _CONTEXT_REACH or "\n" in norm_text[prev.end:c.start]:
                break
            if prev.type in ("DATE", "TIME") and prev.value and re.match(r"\d{4}-\d\d-\d\d", prev.value):
                c.value = prev.value[:10] + c.value[10:]
                c.range = prev.range
                break


def apply_same_as_previous(cands: list[Candidate]) -> None:
    """"الشهر نفسه": the month (day, year) of the last date before it precise enough to give one."""
    for i, c in enumerate(cands):
        n = c.extra.pop("_same_as_previous", None)
        if n is None:
            continue
        prev = next((p for p in reversed(cands[:i]) if p.type == "DATE" and p.value
                     and re.fullmatch(r"\d{4}(-\d\d){0,2}", p.value) and len(p.value) >= n), None)
        if prev is not None:
            v = prev.value[:n]
            res = dates.day(date.fromisoformat(v)) if n == 10 else \
                dates.month(int(v[:4]), int(v[5:7])) if n == 7 else dates.year(int(v))
            c.value, c.precision, c.range = res.value, res.precision, res.range


def _never_a_month(original: str, norm: NormText, c: Candidate, lex: Lexicon) -> bool:
    """A month read from a spelling print never uses for it ("محافظة إب" is the city Ibb)."""
    if not (lex.never_months or lex.lone_never_months) or c.rule not in ("month_rel", "month_year", "date_dmy"):
        return False
    start, end = norm.to_original(c.start, c.end)
    words = original[start:end].split()
    if len(words) == 1 and c.rule == "month_rel" and words[0].lstrip("وفبل") in lex.lone_never_months:
        return True  # "في اب" alone is Ibb; "3 اب الماضي", "آب" are the month
    return any(w.lstrip("وفبل") in lex.never_months or w in lex.never_months for w in words)


def to_timex(original: str, norm: NormText, c: Candidate) -> Timex:
    start, end = norm.to_original(c.start, c.end)
    rng = (c.range[0].isoformat(), c.range[1].isoformat()) if c.range else None
    precision = c.precision if c.type in ("DATE", "TIME") or "date_value" in c.extra else None
    return Timex(original[start:end], start, end, c.type, c.value, precision, rng, dict(c.extra))


CRAWL_LAG_DAYS = 2  # a text that names its day as this many days or more before its date was dated late
_TODAY = re.compile(r"(?:^|\s)اليوم\s*\(?\s*(ال\S+?)\)?(?=[\s،,.)]|$)")


def written_on(norm_text: str, anchor: date | None, lex: Lexicon) -> date | None:
    """The day a text was written, when it names it ("… اليوم (الجمعة)") well before the date it came
    with (a crawl date, not the publication date): its "اليوم" and "أمس" count from that day.
    A day's difference is left alone: papers dated the morning after write "اليوم" for the day before."""
    if anchor is None:
        return None
    for m in _TODAY.finditer(norm_text[:1500]):
        wd = lex.weekdays.get(m.group(1))
        if wd is None:
            continue
        day = dates.weekday_near(anchor, wd, -1)
        return day if (anchor - day).days >= CRAWL_LAG_DAYS else anchor
    return anchor


def find_timexes(text: str, anchor: date | None, norm: NormText | None = None) -> list[Timex]:
    """All time expressions in ``text``, normalised against ``anchor`` (the publication date)."""
    norm = norm if norm is not None else normalize_with_map(text)
    lex = load_lexicon()
    anchor = written_on(norm.text, anchor, lex)
    chosen = select([c for c in match(norm.text, anchor) if not _never_a_month(text, norm, c, lex)])
    apply_context_days(norm.text, chosen)
    apply_same_as_previous(chosen)
    apply_glosses(norm.text, chosen)
    apply_equivalences(norm.text, chosen)
    return [to_timex(text, norm, c) for c in chosen]
