"""The timex grammar: regular expressions over normalised text, built once from the lexicons.

Each rule is a named pattern whose ``core`` group is the expression; the wrapper lets a proclitic
(و ف, then ب ل ك) stand before it without entering the span, and requires word boundaries.
The meaning of a match is worked out in :mod:`rasd.time.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rasd.text.numbers import number_pattern
from rasd.time.lexicon import Lexicon, load_lexicon

# A proclitic before the core; ب ل ك never before أمس ("لامس" is a verb).
_WRAP = r"(?<!\w)(?P<clitic>[وف]?(?:[بلك](?!امس))?)(?P<core>{core})(?!\w)"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?:م(?!\w))?"
HYEAR = r"(?:1[34]\d\d)(?!\d)"
SEP = r"\s*[،,]?\s*"
GMT = r"(?:\s+(?:تغ|ت\s*غ|جمت)(?!\w))?"  # "20:30 تغ"; the gold leaves "ت م" (Mecca time) out
FEAST_DAYS = r"(?:اول|ثاني|ثالث|رابع|اخر)"  # "ثالث أيام عيد الفطر"
WDN = r"(?:جمعه|سبت|احد|اثنين|ثلاثاء|اربعاء|خميس)"  # a weekday without its article
PERIOD_ADJ = (r"(?:ال)?(?:قصيره|طويله|وجيزه|ماضيه|منصرمه|اخيره|سابقه|فايته)|غير\s+محدده|غير\s+محدوده"
              r"|محدده|معينه")


def alt(words: Iterable[str]) -> str:
    """A non-capturing alternation, longest first; a leading ال also matches the fused لل form."""
    forms: set[str] = set()
    for w in words:
        forms.add(w)
        if w.startswith("ال") and len(w) > 3:
            forms.add("لل" + w[2:])
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]


def _month_pair(lex: Lexicon, p: str) -> str:
    m = alt(lex.months)
    return (rf"(?P<{p}1>{m})(?:\s*[/\-]\s*(?P<{p}2>{m})|\s*\(\s*(?P<{p}3>{m})\s*\)|\s+(?P<{p}4>{m}))?")


def _pieces(lex: Lexicon) -> dict[str, str]:
    unit_sg = alt(w for u in lex.units.values() for w in u.singular)
    unit_du = alt(w for u in lex.units.values() for w in u.dual)
    unit_pl = alt(w for u in lex.units.values() for w in u.plural)
    num = number_pattern()
    qual = alt(lex.qualifiers)
    qty = (rf"(?P<qty>(?:ال)?(?P<n>{num})\s+(?P<u>{unit_pl}|{unit_sg}|{unit_du})(?P<half>\s+و\s*نصف(?:\s+(?:ال)?{unit_sg})?)?"
           rf"|(?P<u1>{unit_sg})(?:\s+(?:واحد|واحده|واحدا)(?!\w)|(?P<half1>\s+و\s*نصف(?:\s+(?:ال)?{unit_sg})?))"
           rf"|(?P<hf>نصف|ربع)\s+(?:ال)?(?P<hu>{unit_sg})(?:\s+(?:الماضي|المنصرم|الاخير|الفايت))?"
           rf"|(?P<vq>{alt(lex.vague_quantities)})\s+(?:من\s+)?(?:ال)?(?P<vu>{unit_pl}|{unit_sg})"
           rf"|(?P<du>{unit_du})(?P<halfd>\s+و\s*نصف(?:\s+(?:ال)?{unit_sg})?)?|(?P<pu>{unit_pl})|(?P<su>{unit_sg})"
           r"|(?P<vw>فتره|مده|زمن|وقت|برهه|قليل)(?:\s+(?:قصيره|قصير|طويله|طويل|وجيزه|قريب|بعيد))?)")
    return {
        "MP": _month_pair(lex, "m"), "MPA": _month_pair(lex, "a"), "MPB": _month_pair(lex, "b"),
        "HM": alt(lex.hijri_months), "EPI": alt(lex.hijri_epithets), "WD": alt(lex.weekdays),
        "REL": alt(lex.days), "QUAL": qual, "PQUAL": alt(lex.plural_qualifiers),
        "PART": alt(lex.part_of_period), "PDAY": alt(lex.parts_of_day), "ORD": alt(lex.ordinals),
        "NUM": num, "QTY": qty, "APPROX": alt(lex.approximators), "CALU": alt(lex.calendar_units),
        "DEM": alt(lex.demonstratives), "SEASON": alt(lex.seasons), "FEAST": alt(lex.feasts),
        "NIGHT": alt(lex.nights), "PHRASE": alt(p.text for p in lex.phrases), "SET": alt(lex.sets),
        "UNIT_SG": unit_sg, "UNIT_DU": unit_du, "UNIT_PL": unit_pl, "UNIT_ANY": f"(?:{unit_pl}|{unit_sg}|{unit_du})",
        "DEF_UNIT": alt("ال" + w for u in lex.units.values() for w in u.plural + u.dual),
        "DEF_NUM": alt("ال" + w for w in lex.cardinals if not w.startswith("ال")),
        "DTRIG": alt(lex.duration_triggers), "VADJ": alt(lex.vague_adjectives),
        "CPER": alt(lex.clock_periods), "CSUF": alt(lex.clock_suffixes),
        "QREL": rf"(?:{qual}|(?:من\s+)?(?:العام|السنه)\s+{qual}|من\s+(?:هذا\s+العام|العام\s+الجاري|العام\s+الحالي))",
        "YKW": r"(?:عام|العام|سنه|السنه)",
        "DECADE": alt(w + suffix for w in lex.cardinals if lex.cardinals[w] in range(20, 100, 10) and w.endswith("ين")
                      for suffix in ("يات", "ات")),
    }


def _core_patterns(p: dict[str, str]) -> dict[str, str]:
    wd_or_rel = rf"(?:(?P<rel>{p['REL']})|(?P<wd>{p['WD']}))"
    minutes = (rf"(?:\s+و\s*(?P<frac>النصف|الربع|نصف|ربع|(?P<miw>\d{{1,2}}|{p['NUM']})\s+(?:دقيقه|دقايق)))?"
               r"(?:\s+(?P<less>الا\s+(?:ربعا|ربع|الربع|ثلثا|ثلث)))?")
    return {
        "date_dmy": (
            rf"(?:(?P<pday>{p['PDAY']})\s+)?(?:(?P<rel>{p['REL']})\s+)?(?:(?:يوم\s+)?(?P<wd>{p['WD']}){SEP})?(?:يومي?\s+)?"
            rf"(?:(?:(?P<d0>{DAYNUM})\s*(?:و|-|–|الي)\s*)?(?P<d>{DAYNUM})|(?P<dord>{p['ORD']}(?:\s+و\s*{p['ORD']})?)\s+من)\s+(?:من\s+)?(?:شهر\s+)?{p['MP']}"
            rf"(?:{SEP}(?:من\s+)?(?:{p['YKW']}\s+)?(?P<y>{YEAR})|\s+(?P<q>{p['QREL']}))?"),
        "date_hijri": (
            rf"(?:(?:يوم\s+)?(?P<wd>{p['WD']}){SEP})?(?:(?P<d>{DAYNUM})|(?P<first>غره|مستهل))\s+(?:من\s+)?(?:شهر\s+)?(?P<hm>{p['HM']})"
            rf"(?:\s+{p['EPI']})?(?:{SEP}(?:{p['YKW']}\s+)?(?P<y>{HYEAR}))?(?:\s*(?P<h>ه|هجريه|للهجره)(?!\w))?"),
        # "15/10/1436هـ", and with a space each side of the separator "15 / 10 / 1436هـ" (515 hits in the 30k articles)
        "date_numeric": r"(?P<a>\d{1,4})(?P<sp> ?)(?P<s>[/\-.])(?P=sp)(?P<b>\d{1,2})(?P=sp)(?P=s)(?P=sp)(?P<c>\d{4}|\d{1,2})(?![\d/.\-]\d)(?:\s*(?P<h>ه)(?!\w))?",
        "month_year": (
            rf"(?:(?P<part>{p['PART']})\s+)?(?:(?:شهر|الشهر)\s+)?{p['MP']}{SEP}(?:من\s+)?(?:{p['YKW']}\s+)?(?P<y>{YEAR})"),
        "month_rel": (
            rf"(?:(?P<part>{p['PART']})\s+)?(?P<shahr>(?:شهر|الشهر)\s+)?{p['MP']}(?:\s+(?P<q>{p['QREL']}))?"),
        "hijri_month": (
            rf"(?:(?P<part>{p['PART']})\s+)?(?P<shahr>(?:شهر|الشهر)\s+)?(?P<hm>{p['HM']})(?:\s+{p['EPI']})?"
            rf"(?:\s+(?P<q>{p['QUAL']})|{SEP}(?:{p['YKW']}\s+)?(?P<y>{HYEAR})(?:\s*ه(?!\w))?)?"),
        "year": (rf"(?:(?P<part>{p['PART']})\s+)?(?:(?P<kw>{p['YKW']}|عامي|العامين)\s+)?(?P<y>\d{{4}})(?!\d)(?:م(?!\w))?"
                 r"(?:\s*(?P<h>ه)(?!\w))?"),
        "age": (rf"(?:(?P<ordn>{p['ORD']}(?:\s+و\s*{p['ORD']})?)|(?:ال)?(?P<n>{p['NUM']}))"
                r"\s+من\s+(?:عمره|عمرها|عمرهم|عمرهما|العمر)"),
        "season": (rf"(?:(?P<dem>{p['DEM']}|موسم|فصل)\s+)?(?P<s>{p['SEASON']})"
                   rf"(?:\s+(?:{p['YKW']}\s+)?(?P<y>{YEAR})|\s+(?P<q>{p['QUAL']}))?"),
        "century": rf"(?:(?P<part>{p['PART']})\s+)?القرن\s+(?P<ord>{p['ORD']})(?P<teen>\s+عشر)?(?P<twenty>\s+و\s*العشرين)?",
        "same_unit": (r"(?:(?P<u>اليوم|الشهر|العام|الاسبوع|السنه)\s+(?:نفسه|ذاته|عينه)"
                      r"|(?:ذات|نفس)\s+(?P<u2>اليوم|الشهر|العام|الاسبوع|السنه))"),
        # "يوم 13 من الشهر الحالي", "الـ25 من الشهر الماضي", "الخامس والعشرين من الشهر الجاري" (81 hits of the last two
        # kinds in the 30k articles)
        "day_of_month": (rf"(?:يوم\s+)?(?:(?P<d>{DAYNUM})|ال\s*ـ?\s*(?P<d2>\d{{1,2}})|(?P<dord>{p['ORD']}(?:\s+و\s*{p['ORD']})?))"
                         rf"\s+من\s+(?:هذا\s+)?الشهر(?:\s+(?P<q>{p['QUAL']}))?"),
        "year_part": (rf"(?P<frac>النصف|الربع)\s+(?P<ord>الاول|الثاني|الثالث|الرابع|الاخير)\s+(?:من\s+)?"
                      rf"(?:(?:{p['YKW']}\s+)?(?P<y>{YEAR})|(?P<dem>هذا\s+)?(?:العام|السنه)(?:\s+(?P<q>{p['QUAL']}))?)"),
        "decade": (rf"(?:(?P<part>{p['PART']})\s+)?(?:(?:عقد|حقبه)\s+)?(?:ال)?(?P<dec>{p['DECADE']})"
                   rf"(?:\s+(?:(?P<ce>الميلاديه)|(?:من\s+)?القرن\s+(?:(?P<q>{p['QUAL']})|(?P<ord>{p['ORD']})(?P<teen>\s+عشر)?)))?"),
        "reldate": (rf"(?:(?P<early>الساعات\s+(?:الاولي|الاخيره))\s+(?:من\s+)?)?(?:(?P<pday>{p['PDAY']})\s+)?(?P<rel>{p['REL']})"
                    rf"(?:\s*\(\s*(?P<wd1>{p['WD']})\s*\)|(?:\s+|{SEP})(?:يوم\s+)?(?P<wd2>{p['WD']}))?"),
        "night": rf"(?P<night>{p['NIGHT']})",
        "pday_bare": r"(?:خلال|منذ|حتي|عند|قبيل|بعيد)\s+(?P<pday>ال(?:فجر|صباح|ليل|مساء|ظهر|عصر|ظهيره|ضحي))",
        # "مساء يوم (الأحد)": the weekday in brackets after «يوم» or a part of the day (403 hits of «يوم (الأحد)»)
        "weekday": (rf"(?:(?P<pday>{p['PDAY']})\s+)?(?:(?P<yawm>يوم)\s+)?(?:(?(yawm)|(?(pday)|(?!)))(?P<lp>\()\s*)?"
                    rf"(?P<wd>{p['WD']})(?(lp)\s*\))(?:\s+(?P<q>{p['QUAL']}))?"),
        # "ليل الأربعاء الخميس", "ليل الأربعاء - الخميس": the night between two days, the first day's night
        "night_pair": rf"(?P<pday>ليل|ليله)\s+(?P<wd>{p['WD']})\s*(?:[-–/]\s*|الي\s+)?(?P<wd2>{p['WD']})",
        "calunit": (rf"(?:(?P<dem>{p['DEM']})\s+)?(?:(?P<part>{p['PART']})\s+)?(?:(?P<dem2>{p['DEM']})\s+)?"
                    rf"(?P<u>{p['CALU']})(?:\s+(?P<q>{p['QUAL']}))?"),
        "plural_rel": (rf"(?:(?:ال\s*(?P<n>\d+)|(?:ال)?(?P<nw>{p['NUM']}))\s+(?P<u>{p['UNIT_ANY']})|(?P<du>{p['DEF_UNIT']}))"
                       rf"(?:\s+(?:(?P<n2>{p['DEF_NUM']})|ال\s*ـ?\s*(?P<n3>\d+)))?\s+(?P<pq>{p['PQUAL']})"),
        "ago": rf"(?P<prep>قبل|منذ)\s+(?:(?P<ap>{p['APPROX']})\s+)?{p['QTY']}",
        "after": rf"بعد\s+(?:(?P<ap>{p['APPROX']})\s+)?{p['QTY']}",
        "duration": (rf"(?:(?P<trig>{p['DTRIG']})\s+)?(?:(?P<ap>{p['APPROX']})\s+)?{p['QTY']}(?P<zaman>\s+من\s+الزمن)?"
                     rf"(?:\s+(?P<adj>{p['VADJ']}(?:\s+جدا)?))?(?:\s+(?P<more>اخري|اخر|اضافيه|اضافي))?"),
        "consecutive": rf"(?:لل|ال)(?:(?P<u>{p['UNIT_SG']})|(?P<wdn>{WDN}))\s+(?P<ord>{p['ORD']})\s+علي\s+التوالي",
        "year_range": (rf"(?:من|بين)\s+(?:(?:{p['YKW']}|عامي|العامين|سنتي|السنتين)\s+)?(?P<y1>{YEAR})\s*(?:الي|حتي|وحتي|و|-|–)\s*"
                       rf"(?:{p['YKW']}\s+)?(?P<y2>{YEAR})"),
        "period": (rf"(?:(?P<dem>هذه|تلك)\s+)?(?P<def>ال)?(?:فتره|مده)(?:\s+(?P<zm>الزمنيه|زمنيه))?"
                   rf"(?:\s+(?P<adj>{PERIOD_ADJ})(?:\s+جدا)?)?"),
        "range": (rf"(?:من|بين)\s+(?P<d1>{DAYNUM})(?:\s+(?:شهر\s+)?{p['MPA']})?\s*(?:الي|حتي|و|-|–)\s*"
                  rf"(?P<d2>{DAYNUM})\s+(?:شهر\s+)?{p['MPB']}(?:{SEP}(?P<y>{YEAR})|\s+(?P<q>{p['QREL']}))?"),
        "clock": (rf"(?:تمام\s+)?(?:ال)?ساعه\s+(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?|(?P<hw>{p['ORD']}|الواحده))"
                  rf"{minutes}(?:\s+(?P<per>{p['CPER']}))?(?P<dayp>\s+(?:من\s+)?(?:يوم\s+)?{wd_or_rel})?{GMT}"),
        "clock_word": (rf"(?P<hw>{p['ORD']}|الواحده){minutes}\s+(?P<per>{p['CPER']})"
                       rf"(?P<dayp>\s+(?:من\s+)?(?:يوم\s+)?{wd_or_rel})?"),
        "hhmm": (rf"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<per>{p['CPER']}))?"
                 rf"{GMT}"),
        "feast": (rf"(?:(?P<fday>{FEAST_DAYS})\s+(?:ايام|يوم)\s+(?:من\s+)?(?:ايام\s+)?)?"
                  rf"(?P<f>{p['FEAST']})(?:\s+(?P<q>{p['QUAL']}))?"),
        "phrase": rf"(?P<ph>{p['PHRASE']})",
        "set": (rf"(?:كل|ايام)\s+(?:يوم\s+)?(?:ال)?(?P<wdn>{WDN})|(?P<set>{p['SET']})"
                rf"|(?:مره|مرتين|(?:{p['NUM']})\s+مرات)\s+(?:في|كل)\s+(?:ال)?(?P<per>{p['UNIT_SG']})"
                rf"|كل\s+(?:(?P<n>{p['NUM']})\s+(?P<u>{p['UNIT_ANY']})|نصف\s+(?P<hu>{p['UNIT_SG']})|(?P<du>{p['UNIT_DU']}))"),
    }


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled rules, in priority order (an earlier rule wins a tie of equal spans)."""
    cores = _core_patterns(_pieces(load_lexicon()))
    return tuple(Rule(name, re.compile(_WRAP.format(core=c))) for name, c in cores.items())
