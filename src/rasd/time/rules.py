"""The meaning of each grammar rule: a match and its context in, a :class:`Candidate` (or None) out.

Values follow rasd's gold conventions (SCHEMA §2, dev_gold/GUIDELINE.md): DATE values resolved
against the publication date, DURATION values in ISO 8601, null when an expression is vague.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rasd.text.numbers import parse_number
from rasd.time import dates
from rasd.time.context import Candidate, Context
from rasd.time.dates import Resolved

Handler = Callable[[re.Match[str], Context], Candidate | None]
HANDLERS: dict[str, Handler] = {}

_TEMPORAL_PREPS = frozenset("في منذ حتي خلال قبل بعد الي من مطلع نهايه بدايه اواخر اوائل منتصف طوال طيله مع".split())


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn
    return register


def _cand(m: re.Match[str], type_: str, res: Resolved | None = None, value: str | None = None,
          start: int | None = None, end: int | None = None, **extra) -> Candidate:
    s = m.start("core") if start is None else start
    e = m.end("core") if end is None else end
    if res is not None:
        return Candidate(s, e, type_, res.value, res.precision, res.range, extra=extra)
    return Candidate(s, e, type_, value, extra=extra)


def _month_of(m: re.Match[str], ctx: Context, p: str = "m") -> int:
    return get(ctx.lex.months, m.group(p + "1"))


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def get(table: dict, word: str | None, default=None):
    """Look a matched word up in a lexicon table; a fused لل form is read as ال."""
    if not word:
        return default
    w = _ws(word)
    if w in table:
        return table[w]
    if w.startswith("لل"):
        return table.get("ال" + w[2:], default)
    return default


def _paired(m: re.Match[str], p: str = "m") -> bool:
    return any(m.group(f"{p}{i}") for i in (2, 3, 4))


def _qual(m: re.Match[str], ctx: Context, group: str = "q") -> int | None:
    """The direction of a relative qualifier (-1 past, 0 current, +1 next) or None."""
    q = m.group(group) if group in m.re.groupindex else None
    if not q:
        return None
    q = _ws(q)
    if q.startswith(("من ", "العام ", "السنه ")):
        q = q.split()[-1]
        if q in ("العام", "الجاري", "الحالي"):
            return 0
        return ctx.lex.qualifiers.get(q, 0) * 12  # "من العام الماضي": a year, in months
    return ctx.lex.qualifiers.get(q)


def number(text: str, ctx: Context) -> float | None:
    """A number written in digits or words ("خمسة وعشرين" → 25), read by the shared number lexicon."""
    return parse_number(text)


def ordinal(text: str, ctx: Context) -> int | None:
    """An ordinal, simple or compound ("الخامس والعشرين" → 25)."""
    parts = [get(ctx.lex.ordinals, p) for p in re.split(r"\s+و\s*", _ws(text).strip())]
    return sum(parts) if parts and None not in parts else None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | None, unit: str, ctx: Context) -> str | None:
    if n is None:
        return None
    u = ctx.lex.units[unit]
    n = n * u.factor
    if n < 1 and u.smaller and float(n * u.smaller[1]).is_integer():  # "نصف عام" P6M
        letter, count, time = u.smaller
        return f"P{'T' if time else ''}{_fmt(n * count)}{letter}"
    return f"P{'T' if u.time else ''}{_fmt(round(n, 3))}{u.letter}"


# ---------------------------------------------------------------- absolute dates

def _year_for(ctx: Context, m: re.Match[str], mon: int, day: int, direction: int | None) -> int | None:
    if m.groupdict().get("y"):
        return int(m.group("y")[:4])
    if direction is None:
        hint = ctx.year_in_scope(m.start("core"))
        if hint is not None:
            return hint
    if ctx.anchor is None:
        return None
    if direction is not None and abs(direction) >= 12:  # "من العام الماضي"
        return ctx.anchor.year + direction // 12
    if direction == 0:
        return ctx.anchor.year
    if direction is None:
        direction = _unqualified_direction(ctx, m, mon, day)
    return dates.year_for_month_day(ctx.anchor, mon, day, direction)


SOON_DAYS = 31  # a day and month with no year, up to a month ahead, may be a coming one ("في 20 أغسطس")


def _unqualified_direction(ctx: Context, m: re.Match[str], mon: int, day: int) -> int:
    """A day and month with no year nor qualifier: news reports the past, so the last one, unless the
    clause speaks of the future or the next one is within a month ("في 15 يناير" in August: January past)."""
    assert ctx.anchor is not None
    if ctx.future(m.start(), m.end()):
        return 1
    nxt = dates.year_for_month_day(ctx.anchor, mon, day, 1)
    ahead = dates.valid_date(nxt, mon, day) if nxt is not None else None
    return 1 if ahead is not None and (ahead - ctx.anchor).days <= SOON_DAYS else -1


def _years_matching_weekday(mon: int, day: int, wd: int, around: int) -> list[int]:
    return [y for y in range(around - 7, around + 8) if (d := dates.valid_date(y, mon, day)) and d.isoweekday() == wd]


@handler("date_dmy")
def date_dmy(m: re.Match[str], ctx: Context) -> Candidate | None:
    mon = _month_of(m, ctx)
    day = int(m.group("d")) if m.group("d") else ordinal(m.group("dord"), ctx)
    if not day or day > 31:
        return None
    if re.match(r"\s+(?:من\s+)?كل\s+(?:عام|سنه)", ctx.text[m.end("core"):]):
        return _cand(m, "DATE", value=None, recurring=True)  # "18 مايو من كل عام"
    y = _year_for(ctx, m, mon, day, _qual(m, ctx))
    wd = get(ctx.lex.weekdays, m.group("wd"))
    if y is None:
        years = _years_matching_weekday(mon, day, wd, date.today().year) if wd else []
        return _cand(m, "DATE", value=None, year_candidates=years, reason="no publication date")
    d = dates.valid_date(y, mon, day)
    if d and m.group("d0"):  # "27 و28 أكتوبر": two days, the month as the gold writes it
        return _cand(m, "DATE", dates.month(y, mon))
    if d and m.group("pday"):  # "فجر الخامس من أغسطس", "منتصف ليلة 26 مارس": a part of that day
        return _cand(m, "TIME", dates.part_of_day(d, get(ctx.lex.parts_of_day, m.group("pday"))))
    return _cand(m, "DATE", dates.day(d)) if d else None


@handler("date_hijri")
def date_hijri(m: re.Match[str], ctx: Context) -> Candidate | None:
    hm, day = get(ctx.lex.hijri_months, m.group("hm")), int(m.group("d")) if m.group("d") else 1
    if m.group("y"):
        hy = int(m.group("y")[:4])
    elif ctx.anchor is not None:
        hy = dates.hijri_year_of(ctx.anchor)
    else:
        return _cand(m, "DATE", value=None, reason="no publication date")
    d = dates.hijri_to_gregorian(hy, hm, day)
    return _cand(m, "DATE", dates.day(d), calendar="hijri") if d else None


@handler("date_numeric")
def date_numeric(m: re.Match[str], ctx: Context) -> Candidate | None:
    a, b, c = m.group("a"), int(m.group("b")), m.group("c")
    if len(a) == 4:
        y, mon, day = int(a), b, int(c)
    elif len(c) == 4:
        y, mon, day = int(c), b, int(a)
    else:
        return None
    if 1300 <= y < 1500:
        d = dates.hijri_to_gregorian(y, mon, day)
        return _cand(m, "DATE", dates.day(d), calendar="hijri") if d else None
    end = m.start("h") if m.group("h") else None
    d = dates.valid_date(y, mon, day) if 1900 <= y <= 2100 else None
    return _cand(m, "DATE", dates.day(d), end=end and m.end("c")) if d else None


def _part_range(m: re.Match[str], ctx: Context) -> tuple[float, float] | None:
    part = m.groupdict().get("part")
    if not part:
        return None
    _kind, lo, hi = get(ctx.lex.part_of_period, part)
    return lo, hi


@handler("month_year")
def month_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    return _cand(m, "DATE", dates.month(int(m.group("y")[:4]), _month_of(m, ctx), _part_range(m, ctx)))


@handler("month_rel")
def month_rel(m: re.Match[str], ctx: Context) -> Candidate | None:
    name = _ws(m.group("m1"))
    direction = _qual(m, ctx)
    contextual = m.group("part") or m.group("shahr") or direction is not None or _paired(m)
    if name in ctx.lex.months_ambiguous and (m.group("clitic") or not (
            contextual or ctx.prev_in(m.start(), _TEMPORAL_PREPS))):
        return None
    mon = _month_of(m, ctx)
    if direction is not None and abs(direction) >= 12:
        y = ctx.anchor.year + direction // 12 if ctx.anchor else None
    elif ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason="no publication date")
    elif direction == 0:
        y = ctx.anchor.year
    elif direction is None:  # a bare month: the last one, unless the clause speaks of the future
        future = ctx.future(m.start("core"), m.end("core"))
        y = ctx.anchor.year - (mon > ctx.anchor.month and not future)
    elif direction < 0:
        y = ctx.anchor.year if mon < ctx.anchor.month else ctx.anchor.year - 1
    else:
        y = ctx.anchor.year if mon > ctx.anchor.month else ctx.anchor.year + 1
    if y is None:
        return None
    return _cand(m, "DATE", dates.month(y, mon, _part_range(m, ctx)))


@handler("hijri_month")
def hijri_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    contextual = m.group("part") or m.group("shahr") or m.group("q") or m.group("y")
    if not contextual and not ctx.prev_in(m.start(), _TEMPORAL_PREPS):
        return None
    hm = get(ctx.lex.hijri_months, m.group("hm"))
    if not (m.group("part") or m.group("q") or m.group("y")):
        return _cand(m, "DATE", value=None, calendar="hijri")  # the month in general: no value
    if m.group("y"):
        hy = int(m.group("y")[:4])
    elif ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason="no publication date")
    else:
        hy = _hijri_year_for(ctx.anchor, hm, _qual(m, ctx) or 0)
    span = dates.hijri_month_span(hy, hm)
    if span is None:
        return None
    part = _part_range(m, ctx)
    ref = span[1] if part and part[0] > 0.5 else span[0] if part and part[1] < 0.5 else span[0] + (span[1] - span[0]) / 2
    res = dates.month(ref.year, ref.month)
    return _cand(m, "DATE", Resolved(res.value, dates.MONTH, dates.part_of(*span, part)), calendar="hijri")


def _hijri_year_for(anchor: date, hm: int, direction: int) -> int:
    hy = dates.hijri_year_of(anchor)
    start = dates.hijri_to_gregorian(hy, hm, 1)
    if direction < 0 and start and start > anchor:
        return hy - 1
    if direction > 0 and start and start <= anchor:
        return hy + 1
    return hy


@handler("year")
def year(m: re.Match[str], ctx: Context) -> Candidate | None:
    y = int(m.group("y")[:4])
    gregorian = re.search(r"\d{4}\s*م(?!\w)", m.group("core")) is not None  # "عام 1453م": the م says Gregorian
    if gregorian and not m.group("h"):
        return _cand(m, "DATE", dates.year(y, _part_range(m, ctx))) if 1000 <= y <= 2100 else None
    if m.group("h") or (1300 <= y < 1500 and m.group("kw")):
        if not 1300 <= y < 1500:
            return None
        start = dates.hijri_to_gregorian(y, 1, 1)
        end = dates.hijri_to_gregorian(y, 12, 29)
        if start is None or end is None:
            return None
        mid = start + (end - start) / 2
        return _cand(m, "DATE", Resolved(f"{mid.year:04d}", dates.MONTH, (start, end)), calendar="hijri")
    if not 1800 <= y <= 2100:
        return None
    if not m.group("kw") and not _bare_year_ok(m, ctx):
        return None
    return _cand(m, "DATE", dates.year(y, _part_range(m, ctx)))


@handler("age")
def age(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"العشرين من عمره": an age, a DURATION in years."""
    n = ordinal(m.group("ordn"), ctx) if m.group("ordn") else number(m.group("n"), ctx)
    return _cand(m, "DURATION", value=f"P{_fmt(n)}Y") if n and n < 130 else None


def _bare_year_ok(m: re.Match[str], ctx: Context) -> bool:
    """A bare 4-digit number is a year after a temporal word, before a dash, or ending a phrase."""
    end = m.end("core")
    if ctx.next_words(end) in _COUNTED:
        return False  # "إلى 2000 كيلومتر", "من 1500 شخص": a count, whatever the preposition
    if ctx.prev_in(m.start(), _TEMPORAL_PREPS) or m.group("clitic") or ctx.char_before(m.start()) in "-–(/":
        return True
    after = ctx.text[end:end + 3]
    if re.match(r"\s*[-–)]|م(?!\w)|\s*$|\s*[.،,؛;:]", after):
        return True
    # "حرب 1994 الأهلية", "انتخابات 2011 ضد": a noun's year, not a count (a counted noun is indefinite)
    nxt, prev = ctx.next_words(end), ctx.prev_words(m.start())
    return bool(prev) and not prev.isdigit() and prev not in _COUNT_BEFORE and (
        nxt.startswith("ال") or nxt in _FUNCTION_AFTER)


# counted nouns and measures (normalised): a 4-digit number before them is a quantity
_COUNTED = frozenset("""كيلومتر كيلومترا كيلو كلم كم متر مترا ميل ميلا قدم دولار دولارا ريال ريالا جنيه جنيها يورو درهم
    درهما دينار دينارا ليره شخص شخصا مليون مليار طن طنا برميل برميلا قتيل قتيلا جريح جريحا عنصر عنصرا مقاتل مقاتلا
    جندي جنديا مواطن مواطنا طالب طالبا طالبه موظف موظفا حاله وحده سياره منزل منزلا لاجي لاجيا نسمه مشارك مشاركا
    اسره عايله""".split())
_COUNT_BEFORE = frozenset("نحو حوالي قرابه زهاء اكثر اقل من الي و بين".split())
_FUNCTION_AFTER = frozenset("في علي ضد الي من عن حين عندما وفي التي الذي".split())


@handler("season")
def season(m: re.Match[str], ctx: Context) -> Candidate | None:
    code = get(ctx.lex.seasons, m.group("s"))
    if m.group("y"):
        return _cand(m, "DATE", dates.season(int(m.group("y")[:4]), code))
    direction = _qual(m, ctx)
    if direction is None and not m.group("dem"):
        return None
    if ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason="no publication date")
    return _cand(m, "DATE", dates.season(ctx.anchor.year + (direction or 0), code))


@handler("century")
def century(m: re.Match[str], ctx: Context) -> Candidate | None:
    n = get(ctx.lex.ordinals, m.group("ord"))
    if n is None:
        return None
    n += 10 if m.group("teen") else 0
    n += 20 if m.group("twenty") else 0
    return _cand(m, "DATE", dates.century(n))


@handler("decade")
def decade(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"أواخر السبعينيات" → 197: the decade of the last century unless another one is named."""
    dec = _ws(m.group("dec"))
    tens = get(ctx.lex.cardinals, dec[:-3] if dec.endswith("يات") else dec[:-2])
    if tens is None:
        return None
    century = 19
    if m.group("ord"):
        century = (get(ctx.lex.ordinals, m.group("ord")) or 20) + (10 if m.group("teen") else 0) - 1
    elif m.group("q") and ctx.anchor is not None:
        century = ctx.anchor.year // 100 + (_qual(m, ctx) or 0)
    start = century * 100 + int(tens)
    rng = _part_range(m, ctx)
    res = dates.Resolved(f"{start // 10:03d}", dates.MONTH, dates.part_of(date(start, 1, 1), date(start + 9, 12, 31), rng))
    return _cand(m, "DATE", res)


_PART_NUMBER = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}


@handler("year_part")
def year_part(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"النصف الأول من 2014" → 2014-H1, "الربع الثالث من العام الماضي" → 2014-Q3."""
    halves = m.group("frac") == "النصف"
    count = 2 if halves else 4
    n = count if m.group("ord") == "الاخير" else _PART_NUMBER[m.group("ord")]
    if n > count:
        return None
    if m.group("y"):
        y = int(m.group("y")[:4])
    elif ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason="no publication date")
    else:
        y = ctx.anchor.year + (_qual(m, ctx) or 0)
    months = 12 // count
    first = date(y, (n - 1) * months + 1, 1)
    last = dates.month(y, n * months).range[1]
    return _cand(m, "DATE", Resolved(f"{y:04d}-{'H' if halves else 'Q'}{n}", dates.MONTH, (first, last)))


_UNIT_LENGTH = {"اليوم": 10, "الشهر": 7, "العام": 4, "السنه": 4}


@handler("same_unit")
def same_unit(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"الشهر نفسه", "ذات اليوم": the period of the last date named before it (set in the tagger)."""
    unit = m.group("u") or m.group("u2")
    cand = _cand(m, "DATE", value=None)
    if unit in _UNIT_LENGTH:
        cand.extra["_same_as_previous"] = _UNIT_LENGTH[unit]
    return cand


def _counts_a_part(m: re.Match[str]) -> bool:
    """Is the ordinal that of a noun before it ("النصف الثاني", "الجزء الثاني"), other than the day itself ("اليوم الأول")?"""
    before = m.string[: m.start()].split()[-1:]
    return bool(before) and before[0].startswith(("ال", "وال", "بال", "لل")) and before[0] not in ("اليوم", "واليوم")


@handler("day_of_month")
def day_of_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"يوم 13 من الشهر الحالي", "20 من الشهر الماضي", "الخامس من الشهر الجاري"."""
    if ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason="no publication date")
    y, mon = dates.add_months(ctx.anchor.year, ctx.anchor.month, _qual(m, ctx) or 0)
    if m.group("dord") and _counts_a_part(m):
        return None  # "النصف الثاني من الشهر", "الأسبوع الأول من الشهر": a part of the month, not its day
    day = int(m.group("d") or m.group("d2")) if (m.group("d") or m.group("d2")) else ordinal(m.group("dord"), ctx)
    d = dates.valid_date(y, mon, day) if day else None
    return _cand(m, "DATE", dates.day(d)) if d else None
