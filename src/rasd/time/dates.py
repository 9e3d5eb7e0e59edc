"""Calendar arithmetic for normalisation: TIMEX3 values, ranges, weekdays, Hijri conversion."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

# ACLED time_precision
DAY, WEEK, MONTH = 1, 2, 3

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Resolved:
    """A normalised DATE/TIME: TIMEX3 value, ACLED precision and the (earliest, latest) day range."""

    value: str | None
    precision: int | None
    range: tuple[date, date] | None


def day(d: date) -> Resolved:
    return Resolved(d.isoformat(), DAY, (d, d))


def part_of_day(d: date, code: str) -> Resolved:
    """A part of the day ("MO", "NI") or a clock time ("T00:00") on day ``d``: "2015-08-05TMO"."""
    return Resolved(d.isoformat() + (code if code.startswith("T") else "T" + code), DAY, (d, d))


def week(d: date) -> Resolved:
    y, w, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Resolved(f"{y}-W{w:02d}", WEEK, (monday, monday + timedelta(days=6)))


def weekend(d: date) -> Resolved:
    """The weekend (Saturday and Sunday) of ``d``'s ISO week: TIMEX3 "2015-W31-WE"."""
    y, w, _ = d.isocalendar()
    saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return Resolved(f"{y}-W{w:02d}-WE", WEEK, (saturday, saturday + timedelta(days=1)))


def month(y: int, m: int, part: tuple[float, float] | None = None) -> Resolved:
    first, last = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return Resolved(f"{y:04d}-{m:02d}", MONTH, part_of(first, last, part))


def year(y: int, part: tuple[float, float] | None = None) -> Resolved:
    return Resolved(f"{y:04d}", MONTH, part_of(date(y, 1, 1), date(y, 12, 31), part))


def season(y: int, code: str) -> Resolved:
    m1, m2 = _SEASON_MONTHS[code]
    end_year = y + 1 if m2 < m1 else y
    last = date(end_year, m2, calendar.monthrange(end_year, m2)[1])
    return Resolved(f"{y:04d}-{code}", MONTH, (date(y, m1, 1), last))


def century(c: int) -> Resolved:
    """The c-th century (1-based): TIMEX3 value is its first two digits ("19" for the 20th)."""
    start = (c - 1) * 100
    return Resolved(f"{start // 100:02d}", MONTH, (date(max(start, 1), 1, 1), date(start + 99, 12, 31)))


def vague(start: date, end: date) -> Resolved:
    """A vague date known only to lie between two days: no value, precision by the span."""
    span = (end - start).days
    return Resolved(None, DAY if span < 1 else WEEK if span <= 7 else MONTH, (start, end))


def part_of(first: date, last: date, part: tuple[float, float] | None) -> tuple[date, date]:
    if not part:
        return first, last
    n = (last - first).days
    return first + timedelta(days=round(n * part[0])), first + timedelta(days=round(n * part[1]))


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(anchor: date, n: int, unit: str) -> date | None:
    """``anchor`` moved by n units (day … century); None outside the calendar's range."""
    try:
        if unit in ("day", "night"):
            return anchor + timedelta(days=n)
        if unit == "week":
            return anchor + timedelta(weeks=n)
        months = {"month": 1, "year": 12, "decade": 120, "century": 1200}.get(unit)
        if months is None:
            return anchor
        y, m = add_months(anchor.year, anchor.month, n * months)
        return date(y, m, min(anchor.day, calendar.monthrange(y, m)[1]))
    except (ValueError, OverflowError):
        return None


def at_granularity(d: date, unit: str) -> Resolved:
    """The calendar period of ``unit`` that contains ``d`` (a day, its week, month or year)."""
    if unit in ("day", "night", "hour", "minute"):
        return day(d)
    if unit == "week":
        return week(d)
    if unit == "month":
        return month(d.year, d.month)
    if unit == "decade":
        return Resolved(f"{d.year // 10:03d}", MONTH, (date(d.year // 10 * 10, 1, 1), date(d.year // 10 * 10 + 9, 12, 31)))
    if unit == "century":
        return century(d.year // 100 + 1)
    return year(d.year)


def weekday_near(anchor: date, iso_weekday: int, direction: int, include_anchor: bool = True) -> date:
    """The given weekday before (direction -1) or after (+1) ``anchor``; ``anchor`` itself if allowed."""
    diff = (anchor.isoweekday() - iso_weekday) % 7
    if direction < 0:
        back = diff if (diff or include_anchor) else 7
        return anchor - timedelta(days=back)
    ahead = (iso_weekday - anchor.isoweekday()) % 7
    ahead = ahead if (ahead or include_anchor) else 7
    return anchor + timedelta(days=ahead)


def weekday_closest(target: date, iso_weekday: int) -> date:
    """The given weekday nearest to ``target`` (within three days either side)."""
    diff = (iso_weekday - target.isoweekday()) % 7
    return target + timedelta(days=diff if diff <= 3 else diff - 7)


def valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def hijri_year_of(d: date) -> int:
    return Gregorian(d.year, d.month, d.day).to_hijri().year


def hijri_month_of(d: date) -> int:
    return Gregorian(d.year, d.month, d.day).to_hijri().month


def hijri_month_span(y: int, m: int) -> tuple[date, date] | None:
    start = hijri_to_gregorian(y, m, 1)
    if start is None:
        return None
    try:
        length = Hijri(y, m, 1).month_length()
    except (ValueError, OverflowError):
        return None
    return start, start + timedelta(days=length - 1)


def year_for_month_day(anchor: date, m: int, d: int, direction: int) -> int | None:
    """Year of day/month relative to ``anchor``: last past (-1), next (+1) or nearest (0)."""
    options = [(y, valid_date(y, m, d)) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    options = [(y, x) for y, x in options if x]
    if direction < 0:
        past = [y for y, x in options if x <= anchor]
        return max(past) if past else None
    if direction > 0:
        future = [y for y, x in options if x >= anchor]
        return min(future) if future else None
    return min(options, key=lambda yx: abs((yx[1] - anchor).days))[0] if options else None
