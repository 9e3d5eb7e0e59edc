"""Rules for relative expressions, durations, times of day, feasts, fixed phrases and sets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rasd.time import dates
from rasd.time.context import Candidate, Context
from rasd.time.dates import Resolved
from rasd.time.rules import _cand, _qual, _ws, _year_for, duration_value, get, handler, number

_NO_ANCHOR = "no publication date"
_AFTER_PUNCT = set(".،,:؛;!?؟\n\"«(")
_EVENT_RELATIVE = frozenset({"من", "علي"})  # "قبل يومين من الانتخابات": before another event
_SINGULAR_TRIGGERS = frozenset({"لمده", "مده", "طوال", "طيله", "علي مدي", "علي مدار", "لفتره", "خلال", "في غضون"})


def _day_or_time(m: re.Match[str], ctx: Context, d: date, pday: str | None) -> Candidate:
    if pday:
        return _cand(m, "TIME", dates.part_of_day(d, get(ctx.lex.parts_of_day, pday)))
    return _cand(m, "DATE", dates.day(d))


def _weekday_date(ctx: Context, wd: int, direction: int | None, start: int, end: int) -> date:
    assert ctx.anchor is not None
    if direction is not None and direction < 0:
        return dates.weekday_near(ctx.anchor, wd, -1, include_anchor=False)
    if direction is not None and direction > 0:
        return dates.weekday_near(ctx.anchor, wd, 1, include_anchor=False)
    if direction == 0 or ctx.future(start, end):
        return dates.weekday_near(ctx.anchor, wd, 1)
    return dates.weekday_near(ctx.anchor, wd, -1)


@handler("reldate")
def reldate(m: re.Match[str], ctx: Context) -> Candidate | None:
    wd_name = m.group("wd1") or m.group("wd2")
    if not wd_name and (ctx.next_words(m.end("core")) in ctx.lex.day_not_before
                        or (not m.group("pday") and ctx.prev_in(m.start(), ctx.lex.day_not_after))):
        return None
    type_ = "TIME" if m.group("pday") else "DATE"
    if ctx.anchor is None:
        return _cand(m, type_, value=None, reason=_NO_ANCHOR)
    offset = get(ctx.lex.days, m.group("rel"))
    d = ctx.anchor + timedelta(days=offset)
    if wd_name and offset < 0 and d + timedelta(days=1) <= ctx.anchor and \
            (d + timedelta(days=1)).isoweekday() == get(ctx.lex.weekdays, wd_name):
        d += timedelta(days=1)  # "أول من أمس الجمعة" dated Saturday: the Friday the day before, not a week before
    elif wd_name and offset <= 0:
        # "اليوم (الجمعة)" in a text dated Tuesday was written on the Friday before: never a later day
        d = dates.weekday_near(d, get(ctx.lex.weekdays, wd_name), -1)
    elif wd_name:
        d = dates.weekday_closest(d, get(ctx.lex.weekdays, wd_name))
    return _day_or_time(m, ctx, d, m.group("pday"))


@handler("night")
def night(m: re.Match[str], ctx: Context) -> Candidate | None:
    if ctx.anchor is None:
        return _cand(m, "TIME", value=None, reason=_NO_ANCHOR)
    d = ctx.anchor + timedelta(days=get(ctx.lex.nights, m.group("night")))
    return _cand(m, "TIME", dates.part_of_day(d, "NI"))


@handler("pday_bare")
def pday_bare(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"منذ الفجر", "خلال الليل": a part of the day whose day is the one the text last named."""
    if ctx.anchor is None:
        return _cand(m, "TIME", value=None, reason=_NO_ANCHOR)
    cand = _day_or_time(m, ctx, ctx.anchor, m.group("pday")[2:])
    cand.extra["_day_from_context"] = True
    return cand


@handler("weekday")
def weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    wd_name = m.group("wd")
    nxt = ctx.next_words(m.end("core"))
    if (wd_name == "الاحد" and nxt in ("عشر", "عشره")) or ctx.prev_in(m.start(), ctx.lex.weekday_not_after):
        return None
    if ctx.anchor is None:
        return _cand(m, "TIME" if m.group("pday") else "DATE", value=None, reason=_NO_ANCHOR)
    wd = get(ctx.lex.weekdays, wd_name)
    eve = _ws(m.group("pday") or "") in ("ليله", "ليله يوم")  # "ليلة الجمعة" is Thursday night
    if eve:
        wd = wd - 1 or 7
    d = _weekday_date(ctx, wd, _qual(m, ctx), m.start("core"), m.end("core"))
    return _day_or_time(m, ctx, d, m.group("pday"))


@handler("night_pair")
def night_pair(m: re.Match[str], ctx: Context) -> Candidate | None:
    wd, wd2 = get(ctx.lex.weekdays, m.group("wd")), get(ctx.lex.weekdays, m.group("wd2"))
    if wd2 != wd % 7 + 1:
        return None  # not the night between a day and the next
    if ctx.anchor is None:
        return _cand(m, "TIME", value=None, reason=_NO_ANCHOR)
    return _day_or_time(m, ctx, _weekday_date(ctx, wd, _qual(m, ctx), m.start("core"), m.end("core")), m.group("pday"))


def _adjective_of(word: str, nouns: frozenset[str]) -> bool:
    """Is ``word`` (with a clitic و ف ب ل ك or none) one of the definite ``nouns``?"""
    for w in (word, word[1:] if word[:1] in "وف" else ""):
        if w in nouns or (w.startswith(("بال", "كال")) and w[1:] in nouns) or (w.startswith("لل") and "ا" + w[1:] in nouns):
            return True
    return False


@handler("calunit")
def calunit(m: re.Match[str], ctx: Context) -> Candidate | None:
    unit = get(ctx.lex.calendar_units, m.group("u"))
    demo, direction, part = m.group("dem") or m.group("dem2"), _qual(m, ctx), m.group("part")
    if not (demo or part or direction is not None):
        return None
    if unit == "year" and not (demo or part) and _adjective_of(ctx.prev_words(m.start()), ctx.lex.year_adjective_after):
        return None  # "الأمين العام السابق": العام is an adjective here
    if ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason=_NO_ANCHOR)
    n, a = direction or 0, ctx.anchor
    rng = get(ctx.lex.part_of_period, part)[1:] if part else None
    if unit == "week" and part and get(ctx.lex.part_of_period, part)[0] == "late":
        # "نهاية الأسبوع" is the weekend: in a report, the last one before publication (on a weekday; the
        # coming one where the clause speaks of the future), "نهاية الأسبوع الماضي" the one before that week's end
        if direction is None:
            n = 0 if a.isoweekday() >= 6 or ctx.future(m.start(), m.end()) else -1
        res = dates.weekend(a + timedelta(weeks=n))
    elif unit == "week":
        res = dates.week(a + timedelta(weeks=n))
    elif unit == "month":
        res = dates.month(*dates.add_months(a.year, a.month, n), rng)
    elif unit == "century":
        res = dates.century(a.year // 100 + 1 + n)
    else:
        res = dates.year(a.year + n, rng)
    return _cand(m, "DATE", res)


@dataclass(frozen=True)
class Qty:
    n: float | None  # None: vague ("أيام", "عدة أشهر")
    unit: str | None  # None: an unspecified stretch ("فترة", "قليل")
    singular: bool = False


def quantity(m: re.Match[str], ctx: Context) -> Qty:
    g = m.groupdict()
    forms = ctx.lex.unit_forms
    if g.get("u") and g.get("n"):
        n = number(g["n"], ctx)
        return Qty(n + 0.5 if n is not None and g.get("half") else n, forms[_ws(g["u"])][0])
    if g.get("u1"):
        return Qty(1.5 if g.get("half1") else 1, forms[_ws(g["u1"])][0])
    if g.get("hf"):  # "نصف ساعة", "ربع قرن"
        return Qty(0.5 if g["hf"] == "نصف" else 0.25, forms[_ws(g["hu"])][0])
    if g.get("vu"):
        return Qty(None, forms[_ws(g["vu"])][0])
    if g.get("du"):
        return Qty(2.5 if g.get("halfd") else 2, forms[g["du"]][0])
    if g.get("pu"):
        return Qty(None, forms[g["pu"]][0])
    if g.get("su"):
        return Qty(1, forms[g["su"]][0], singular=True)
    return Qty(None, None)


def _followed_by_date(m: re.Match[str], ctx: Context) -> bool:
    nxt = ctx.next_words(m.end("core"))
    return nxt.isdigit() or nxt in ctx.lex.months or nxt in ctx.lex.hijri_months or \
        any(h.startswith(nxt + " ") for h in ctx.lex.hijri_months)


def _ago(ctx: Context, q: Qty, approx: bool) -> Resolved:
    assert ctx.anchor is not None
    a = ctx.anchor
    if q.unit is None:
        return dates.vague(a - timedelta(days=1), a) if q.n is None else dates.vague(a - timedelta(days=365), a)
    if q.n is None:
        lo, hi, _prec = ctx.lex.vague_ago[q.unit]
        return dates.vague(a - timedelta(days=hi), a - timedelta(days=lo))
    if q.unit in ("hour", "minute"):
        return dates.day(a)
    n = round(q.n)
    then = dates.shift(a, -n, q.unit)
    if then is None:
        return Resolved(None, dates.MONTH, None)
    res = dates.at_granularity(then, q.unit)
    lo, hi = dates.shift(a, -n - 1, q.unit), dates.shift(a, -max(n - 1, 0), q.unit)
    if approx and lo and hi:
        return Resolved(res.value, max(res.precision or 1, dates.vague(lo, hi).precision or 1), (lo, hi))
    return res


def _duration(m: re.Match[str], ctx: Context, q: Qty, start: int | None = None, end: int | None = None) -> Candidate:
    value = duration_value(q.n, q.unit, ctx) if q.unit else None
    return _cand(m, "DURATION", value=value, start=start, end=end)


def _span_start(m: re.Match[str], q: Qty) -> int:
    """A DURATION starts at its approximator ("نحو أربعة أشهر"), else at its quantity."""
    return m.start("ap") if m.group("ap") else m.start("qty")


@handler("ago")
def ago(m: re.Match[str], ctx: Context) -> Candidate | None:
    q = quantity(m, ctx)
    if q.singular and _followed_by_date(m, ctx):
        return None
    fronted = m.group("clitic") or ctx.char_before(m.start()) in _AFTER_PUNCT or not ctx.text[:m.start()].strip()
    after = ctx.next_words(m.end("core"), 2)
    relative_to_event = after.split(" ")[0] in _EVENT_RELATIVE and after not in ("من الزمن", "من الزمان")
    if q.unit is None and not fronted and not (m.group("prep") == "منذ" and m.group("vw")):
        return None  # "منذ زمن الاتحاد السوفييتي"
    vague = q.n is None or q.unit is None
    if relative_to_event or (m.group("prep") == "منذ" and (vague or not fronted)):
        cand = _duration(m, ctx, q, start=m.start("core") if vague and not relative_to_event else _span_start(m, q))
        if not (vague or relative_to_event) and ctx.anchor is not None:
            _dates_too(cand, _ago(ctx, q, bool(m.group("ap"))))  # "قتل … منذ يومين": two days ago
        return cand
    if ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason=_NO_ANCHOR)
    res = _ago(ctx, q, bool(m.group("ap")))
    if vague or m.group("prep") == "قبل":
        return _cand(m, "DATE", res)
    # "قبل ثلاثة أيام": a DURATION (as the gold writes it) that still dates what it tells of
    cand = _duration(m, ctx, q, start=m.start("ap") if m.group("ap") else None)
    _dates_too(cand, res)
    return cand


def _dates_too(cand: Candidate, res: Resolved) -> None:
    """A DURATION (as the gold writes it) that still dates what it tells of (``extra['date_value']``)."""
    cand.precision, cand.range = res.precision, res.range
    cand.extra["date_value"] = res.value


@handler("after")
def after(m: re.Match[str], ctx: Context) -> Candidate | None:
    q = quantity(m, ctx)
    if q.singular and _followed_by_date(m, ctx):
        return None
    return _duration(m, ctx, q, start=m.start("ap") if m.group("ap") else None)


_VAGUE_TRIGGERS = frozenset({"طوال", "طيله"})


@handler("duration")
def duration(m: re.Match[str], ctx: Context) -> Candidate | None:
    q = quantity(m, ctx)
    trig = _ws(m.group("trig") or "")
    zaman = m.group("zaman") is not None  # "عقد من الزمن", "لعقود من الزمن": a stretch of time, whatever the unit
    end = (m.end("more") if m.group("more") else m.end("adj") if m.group("adj") else m.end("zaman") if zaman
           else m.end("qty"))
    if q.unit is None or (q.singular and not zaman and (trig not in _SINGULAR_TRIGGERS or _followed_by_date(m, ctx))):
        return None
    bare = m.group("pu") and not m.group("vq")
    start = _span_start(m, q)
    if bare and not (zaman or trig or m.group("adj") or ctx.text[start - 1:start] == "ل"):
        return None
    if q.n is None and trig in _VAGUE_TRIGGERS and not m.group("ap"):
        start = m.start("trig")  # "طوال سنوات": the gold keeps the trigger
    return _duration(m, ctx, q, start=start, end=end)


@handler("plural_rel")
def plural_rel(m: re.Match[str], ctx: Context) -> Candidate | None:
    forms = ctx.lex.unit_forms
    direction = get(ctx.lex.plural_qualifiers, m.group("pq"))
    if m.group("du"):
        unit, kind = forms[m.group("du")[2:]]  # drop ال / لل
        n = 2 if kind == "dual" else (number(m.group("n2")[2:], ctx) if m.group("n2")
                                      else int(m.group("n3")) if m.group("n3") else None)  # "الساعات الـ24 الماضية"
    else:
        unit = forms[_ws(m.group("u"))][0]
        n = number(m.group("n") or m.group("nw"), ctx)
    if direction > 0 and n is None:
        return _cand(m, "DATE", value=None)
    cand = _duration(m, ctx, Qty(n, unit))
    if ctx.anchor is not None and direction < 0:
        lo, hi, _p = ctx.lex.vague_ago.get(unit, (0, 0, 3))
        back = dates.shift(ctx.anchor, -round(n), unit) if n else ctx.anchor - timedelta(days=hi)
        cand.range = (back, ctx.anchor) if back else None
    return cand


@handler("consecutive")
def consecutive(m: re.Match[str], ctx: Context) -> Candidate | None:
    n = get(ctx.lex.ordinals, m.group("ord"))
    unit = ctx.lex.unit_forms[m.group("u")][0] if m.group("u") else "week"  # "للجمعة الثانية على التوالي"
    return _cand(m, "DURATION", value=duration_value(n, unit, ctx))


@handler("year_range")
def year_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"من 1996 إلى 2001": a DURATION of the years between."""
    y1, y2 = int(m.group("y1")[:4]), int(m.group("y2")[:4])
    if not 0 < y2 - y1 <= 200:
        return None
    cand = _cand(m, "DURATION", value=f"P{y2 - y1}Y")
    cand.range = (date(y1, 1, 1), date(y2, 12, 31))
    return cand


_PAST_PERIOD = ("ماضيه", "منصرمه", "اخيره", "سابقه", "فايته")


@handler("period")
def period(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"فترة زمنية قصيرة", "الفترة الماضية", "لفترة غير محددة": a stretch of time of no stated length."""
    adj = _ws(m.group("adj") or "")
    definite = bool(m.group("def"))
    if definite and not (m.group("dem") or (adj.startswith("ال") and adj.endswith(_PAST_PERIOD))):
        return None  # "الفترة من …", "الفترة المقبلة" (a phrase)
    if not definite and not (m.group("zm") or adj) or (not definite and adj.startswith("ال")):
        return None
    start = m.start("core")
    if not definite and m.group("clitic").endswith("ل"):
        start -= 1  # "لفترة غير محددة": the gold keeps ل
    return _cand(m, "DURATION", value=None, start=start)


@handler("range")
def day_range(m: re.Match[str], ctx: Context) -> Candidate | None:
    m_end = get(ctx.lex.months, m.group("b1"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y = _year_for(ctx, m, m_end, d2, _qual(m, ctx)) or (ctx.anchor.year if ctx.anchor else 2001)
    end = dates.valid_date(y, m_end, d2)
    if m.group("a1"):
        m_start = get(ctx.lex.months, m.group("a1"))
        y_start = y - 1 if m_start > m_end else y
    else:
        y_start, m_start = dates.add_months(y, m_end, -1) if d1 > d2 else (y, m_end)
    start = dates.valid_date(y_start, m_start, d1)
    if not (start and end) or end < start:
        return None
    cand = _cand(m, "DURATION", value=f"P{(end - start).days + 1}D")
    cand.range = (start, end)
    return cand


def _clock_hour(m: re.Match[str], ctx: Context) -> tuple[int, int] | None:
    if m.groupdict().get("hw"):
        h = 1 if m.group("hw") == "الواحده" else get(ctx.lex.ordinals, m.group("hw"))
    else:
        h = int(m.group("h"))
    frac = m.groupdict().get("frac") or ""
    miw = number(m.group("miw"), ctx) if m.groupdict().get("miw") else None
    mi = int(m.group("mi")) if m.groupdict().get("mi") else 30 if "نصف" in frac else 15 if "ربع" in frac else \
        int(miw) if miw is not None else 0
    if m.groupdict().get("less") and h is not None:  # "الثامنة إلا ربعا": 7:45
        h, mi = h - 1, 60 - (20 if "ثلث" in m.group("less") else 15)
    if h is None or h > 24 or mi > 59:
        return None
    per = get(ctx.lex.clock_periods, m.group("per") or "")
    if per == "pm" and h < 12 and not (h <= 4 and "ليل" in (m.group("per") or "")):
        h += 12
    return h % 24, mi


@handler("clock")
def clock(m: re.Match[str], ctx: Context) -> Candidate | None:
    hm = _clock_hour(m, ctx)
    if hm is None:
        return None
    if ctx.anchor is None:
        return _cand(m, "TIME", value=None, reason=_NO_ANCHOR)
    d, g = ctx.anchor, m.groupdict()
    if g.get("rel"):
        d = ctx.anchor + timedelta(days=get(ctx.lex.days, m.group("rel")))
    elif g.get("wd"):
        d = _weekday_date(ctx, get(ctx.lex.weekdays, m.group("wd")), None, m.start("core"), m.end("core"))
    # "الساعة الرابعة فجرا من يوم أمس": the day, named as a day of its own, dates the time outside its span
    end = m.start("dayp") if g.get("dayp") and "يوم" in g["dayp"].split() else None  # not "اليوم"
    return _cand(m, "TIME", Resolved(f"{d.isoformat()}T{hm[0]:02d}:{hm[1]:02d}", dates.DAY, (d, d)), end=end)


@handler("clock_word")
def clock_word(m: re.Match[str], ctx: Context) -> Candidate | None:
    """"الرابعة من صباح أمس", "العاشرة مساء": an hour by its ordinal and a part of the day."""
    return clock(m, ctx)


@handler("hhmm")
def hhmm(m: re.Match[str], ctx: Context) -> Candidate | None:
    return clock(m, ctx)


@handler("feast")
def feast(m: re.Match[str], ctx: Context) -> Candidate | None:
    f = get(ctx.lex.feasts, m.group("f"))
    nxt = ctx.next_words(m.end("core"))
    if len(f.names) == 1 and nxt.startswith("ال") and not m.group("q"):
        return None  # "العيد الوطني": not the feast
    if ctx.anchor is None:
        return _cand(m, "DATE", value=None, reason=_NO_ANCHOR)
    a = ctx.anchor
    options: list[date] = []
    if f.gregorian:
        options = [d for y in (a.year - 1, a.year, a.year + 1) if (d := dates.valid_date(y, *f.gregorian))]
    hy = dates.hijri_year_of(a)
    for hm, hd in f.hijri:
        options += [d for y in (hy - 1, hy, hy + 1) if (d := dates.hijri_to_gregorian(y, hm, hd))]
    direction = _qual(m, ctx)
    if direction is not None and direction < 0:
        options = [d for d in options if d <= a]
    elif direction is not None and direction > 0:
        options = [d for d in options if d > a]
    if not options:
        return None
    d = min(options, key=lambda x: abs((x - a).days))
    d += timedelta(days=_feast_day(m.group("fday"), d))
    if d <= a:
        return _cand(m, "DATE", dates.day(d))
    return _cand(m, "DATE", Resolved(dates.month(d.year, d.month).value, dates.MONTH,
                                     (d - timedelta(days=1), d + timedelta(days=1))))


_FEAST_DAY = {"اول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3}


def _feast_day(word: str | None, first: date) -> int:
    """Days after the feast's first day: "ثالث أيام العيد" is +2; "آخر أيام" the fourth of al-Adha, else the third."""
    if not word:
        return 0
    if word == "اخر":
        return 3 if dates.hijri_month_of(first) == 12 else 2
    return _FEAST_DAY[word]


@handler("phrase")
def phrase(m: re.Match[str], ctx: Context) -> Candidate | None:
    p = get({p.text: p for p in ctx.lex.phrases}, m.group("ph"))
    if p.after and not ctx.prev_in(m.start(), p.after):
        return None
    cand = _cand(m, p.type, value=p.value)
    if p.range and ctx.anchor is not None:
        r = dates.vague(ctx.anchor + timedelta(days=p.range[0]), ctx.anchor + timedelta(days=p.range[1]))
        cand.precision, cand.range = r.precision, r.range
    return cand


@handler("set")
def set_(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("set"):
        return _cand(m, "SET", value=get(ctx.lex.sets, m.group("set")))
    forms = ctx.lex.unit_forms
    if m.group("per"):  # "مرتين في الأسبوع": how often, per one unit
        return _cand(m, "SET", value=duration_value(1, forms[_ws(m.group("per"))][0], ctx))
    if m.group("u"):  # "كل ثلاثة أشهر"
        return _cand(m, "SET", value=duration_value(number(m.group("n"), ctx), forms[_ws(m.group("u"))][0], ctx))
    if m.group("hu"):  # "كل نصف عام"
        return _cand(m, "SET", value=duration_value(0.5, forms[_ws(m.group("hu"))][0], ctx))
    if m.group("du"):
        return _cand(m, "SET", value=duration_value(2, forms[_ws(m.group("du"))][0], ctx))
    wd = ctx.lex.weekdays["ال" + m.group("wdn")]
    return _cand(m, "SET", value=f"XXXX-WXX-{wd}")
