"""Argument linking: the place, date, actors and source of one trigger.

Rules, in order of preference: the clause of the trigger, then its sentence, then (for places) the
article's focus as a coarser fallback.  Actors take their role from position and prepositions:
"شنّ التحالف غارات على مواقع الحوثيين" → agent التحالف, target الحوثيين; "قُتل ثلاثة مدنيين بقصف لقوات
النظام" → agent قوات النظام (after the لـ of the verbal noun), target the civilians.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise

import yaml

from rasd.document import ActorMention, Document, Place, Source, Span, Timex
from rasd.events.lexicon import load_lexicon, strip_article
from rasd.places.gazetteer import geonames_countries
from rasd.sources.factuality import SUFFERED, after_exposure
from rasd.sources.lexicon import load_cues, strip_conj
from rasd.text.morphology import is_verb
from rasd.text.normalize import dediac, normalize
from rasd.time.dates import valid_date

MIN_ACTOR_CONFIDENCE = 0.35  # bare country names ("واشنطن") only when nothing better is in the sentence
KIND_RANK = {"site": 0, "populated": 0, "admin": 1, "region": 2, "country": 3}  # place kinds, most specific first


@dataclass
class Roles:
    actor1: ActorMention | None
    actor2: ActorMention | None


def actor_at(doc: Document, span: list[int] | None) -> ActorMention | None:
    """The actor mention a record's span (``spans["actor1"]``…) points to."""
    if not span:
        return None
    return next((a for a in doc.index(doc.actors).starting_in(*span) if [a.start, a.end] == span), None)


def clause_of(doc: Document, offset: int, sentence: Span) -> Span:
    return doc.index(doc.spans.get("clauses", [])).containing(offset) or sentence


def pick_place(doc: Document, trigger_start: int, clause: Span, sentence: Span) -> tuple[Place | None, int, bool]:
    """The event's place, its ACLED geo_precision, and whether it was stated with the event.

    Clause, then sentence; then the nearest place in the two sentences before (discourse
    continuity, coarser precision), then the article focus.  Places inside a source phrase
    ("مصادر من داخل قاعدة التنف") say where the source is, not the event.
    """
    places = _eligible_places(doc)
    at_source = _source_places(doc)
    for lo, hi, last in ((clause.start, clause.end, False), (sentence.start, sentence.end, False),
                         (sentence.start, sentence.end, True)):
        cands = _drop_bearings([p for p in doc.index(places).starting_in(lo, hi)
                                if last or not (_is_origin(doc, p) or id(p) in at_source)], doc)
        if cands:
            # a place with coordinates beats an unresolved one ("قرب مخيم الجلزون شمال رام الله")
            best = min(cands, key=lambda p: (p.latitude is None, p.kind == "country", KIND_RANK.get(p.kind, 2) >= 2,
                                             _distance(p.start, trigger_start)))
            return best, place_precision(best), True
    previous = previous_sentences(doc, sentence)
    if previous:
        cands = doc.index(places).starting_in(previous[0].start, sentence.start)
        if cands:
            best = min(cands, key=lambda p: (KIND_RANK.get(p.kind, 2) > 1, -p.start))
            return best, max(place_precision(best), 2), False
    focus = doc.cached("focus", lambda: article_focus(doc, places), places)
    if focus is None:
        return None, 3, False
    return focus, max(place_precision(focus), 2), False


def _drop_bearings(cands: list[Place], doc: Document) -> list[Place]:
    """"مدينة سبها جنوب طرابلس", "محافظة إب جنوب صنعاء": a place named only to say where the one before it lies is
    no candidate (but "محافظة بابل وسط مدينة الحلة" names the town in it);
    nor is the province or country that contains it ("مدينة شقرة الساحلية في أبين، وسيطرت عليها")."""
    ordered = sorted(cands, key=lambda p: p.start)
    bearings = {id(b) for a, b in pairwise(ordered) if _locates(a, b, doc)}
    return [p for p in cands if id(p) not in bearings]


def _locates(a: Place, b: Place, doc: Document) -> bool:
    """Is ``b``, right after ``a``, named only to say where ``a`` lies (a bearing from it, or the unit holding it)?"""
    if a.kind not in ("populated", "site", "admin") or not 0 < b.start - a.end <= 24:
        return False
    direction = (b.extra or {}).get("direction")
    if direction and not (a.extra or {}).get("direction") and b.start - a.end <= 14:
        return a.kind != "admin" or direction != "Central"
    return a.kind != "admin" and _contains(a, b, doc.text[a.end : b.start])


_IN_UNIT = re.compile(r"^\s*(?:[^\s،,.:؛]+\s+){0,2}?(?:في\s+|ب)(?:محافظ[ةه]\s*|منطق[ةه]\s*|ولاي[ةه]\s*|[إا]قليم\s*)?$")


def _contains(town: Place, unit: Place, gap: str) -> bool:
    """"شقرة الساحلية في أبين", "قرية الجنادبة بمحافظة الضالع": the unit after «في / ب» locates the town."""
    return (unit.kind in ("admin", "country") and town.latitude is not None
            and (unit.country_code is None or unit.country_code == town.country_code) and bool(_IN_UNIT.match(gap)))


PREVIOUS_SENTENCES = 2


def previous_sentences(doc: Document, sentence: Span, n: int = PREVIOUS_SENTENCES) -> list[Span]:
    """The ``n`` sentences before ``sentence``, in text order."""
    # sentences are disjoint: of those starting before this one, only the last may not end before it
    return [s for s in doc.index(doc.sentences).starting_before(sentence.start, n + 1) if s.end <= sentence.start][-n:]


_PLACE_WORD = r"(?:(?:مدينه|بلده|قريه|ناحيه|قضاء|محافظه|منطقه|حي|مخيم)\s*)?"
# "في البصرة وذي قار", and a parallel count: "18 شابا من حمام العليل، و14 شابا آخر من باودش";
# a conjunct the gazetteer does not know does not end the list: "العلم ودوفس والكود وزنجبار"
_LIST_GAP = re.compile(r"^[\s،,]*(?:(?:و|او)?\s*|و\s*\d+\s+(?:\S+\s+){0,2}(?:في|من|ب)\s+|[و،,]\s*\S+[\s،,]+و\s*)"
                       + _PLACE_WORD + "$")


def coordinated(doc: Document, best: Place) -> list[Place]:
    """``best`` and the places listed with it ("في البصرة وذي قار والحلة") — one event each (ACLED).

    Only towns, sites and governorates chain; a place that merely locates another ("القريتين في
    محافظة حمص") is joined by a preposition, not a list separator, and does not chain.
    """
    if best.kind not in ("populated", "site", "admin"):
        return [best]
    ordered, position = _listable(doc)
    i = position[id(best)]
    chain = [best]
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            if not _LIST_GAP.match(normalize(doc.text[a.end : b.start])):
                break
            chain.append(ordered[j + step])
            j += step
    names = {p.name_en for p in chain}
    return sorted(chain, key=lambda p: p.start) if len(names) == len(chain) else [best]


def _listable(doc: Document) -> tuple[list[Place], dict[int, int]]:
    """Towns, sites and governorates in text order, and where each is in that order (once per document)."""
    return doc.cached("listable", lambda: _list_order(doc.places), doc.places)


def _list_order(places: list[Place]) -> tuple[list[Place], dict[int, int]]:
    ordered = sorted((p for p in places if p.kind in ("populated", "site", "admin")), key=lambda p: p.start)
    position: dict[int, int] = {}
    for k, p in enumerate(ordered):
        position.setdefault(id(p), k)
    return ordered, position


def _eligible_places(doc: Document) -> list[Place]:
    """Places that may be an event's: not inside a source phrase, not a patron, not part of an armed group's
    name ("أنصار بيت المقدس" is no event in Jerusalem) (worked out once per document)."""
    def build() -> list[Place]:
        sourced = _source_cover(doc)
        named = [(a.start, a.end) for a in doc.actors if a.inter in NON_STATE_ARMED and a.canonical
                 and not a.canonical.startswith("Unidentified")]
        return [p for p in doc.places if not sourced(p.start) and not _is_patron(doc, p) and not _government(doc, p)
                and not any(s <= p.start and p.end <= e for s, e in named)]

    return doc.cached("eligible places", build, doc.places, doc.sources, doc.actors)


_AT_SOURCE = re.compile(r"^\s*(?:في|من|ب)\s*(?:مدين[ةه]|العاصم[ةه])?\s*$")


def _government(doc: Document, place: Place) -> bool:
    """"وأعلنت أنقرة", "التي نفذتها أنقرة": a capital after a verb of saying or acting is its government."""
    capital = (geonames_countries().get(place.country_code or "") or {}).get("capital")
    if place.kind != "populated" or not capital or capital != place.name_en:
        return False
    before = doc.tokens_in(max(0, place.start - 16), place.start)[-1:]
    return bool(before) and strip_conj(before[0].norm) in _acting_verbs()


@cache
def _acting_verbs() -> frozenset[str]:
    return frozenset(load_cues().reporting_verbs) | _cues("acting_verbs")


def _source_places(doc: Document) -> set[int]:
    """"مسؤولون في لندن", "مصادر أمنية في بغداد": the place right after a source says where the source is
    (the event's place only when its sentence names no other)."""
    return doc.cached("source places", lambda: _find_source_places(doc), doc.sources, doc.places)


def _find_source_places(doc: Document) -> set[int]:
    out: set[int] = set()
    index = doc.index(doc.places)
    for src in doc.sources:
        if len(src.text.split()) > SOURCE_WORDS:
            continue  # "تبنى تنظيم داعش انفجار سيارة مفخخة …": a claim's whole object, no source's name
        end = src.end
        for p in index.starting_in(src.end, src.end + 60):
            gap = normalize(doc.text[end : p.start])
            # the source's place, then what locates it: "في مدينة سبها جنوب طرابلس", "كويتا عاصمة إقليم بلوشستان"
            if not (_AT_SOURCE.match(gap) if end == src.end else _LOCATES.match(gap)):
                break
            out.add(id(p))
            end = p.end
    return out


SOURCE_WORDS = 3
_LOCATES = re.compile(r"^\s*(?:[^\s،,.:؛«»\"]+\s+){0,2}$")


NON_STATE_ARMED = frozenset({2, 3, 4})  # rebels, political and identity militias (ACLED inter codes)


def _source_cover(doc: Document):
    """Is an offset inside any source phrase? (binary search over the merged source spans)"""
    merged: list[list[int]] = []
    for s in sorted(doc.sources, key=lambda s: s.start):
        if s.start >= s.end:
            continue
        if merged and s.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], s.end)
        else:
            merged.append([s.start, s.end])
    starts = [m[0] for m in merged]

    def covered(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < merged[i][1]

    return covered


def _distance(pos: int, trigger: int) -> int:
    # places after the trigger ("غارات على مدينة X") are slightly preferred
    return (pos - trigger) if pos >= trigger else (trigger - pos) + 15


def _is_origin(doc: Document, place: Place) -> bool:
    """"من قاعدة التنف", "أقلعت من قاعدة في ديار بكر": where an attack came from, not where it struck (used
    only as a last resort)."""
    before = normalize(doc.text[max(0, place.start - 48) : place.start]).split()
    if before and before[-1] in ("من", "انطلاقا"):
        return True
    return "من" in before[-5:] and any(strip_conj(w) in _TAKE_OFF for w in before)


_TAKE_OFF = frozenset({"اقلعت", "اقلع", "اقلعوا", "تقلع", "يقلع"})  # not «انطلقت»: protests and battles start


@cache
def _arguments_data() -> dict:
    return yaml.safe_load(resources.files("rasd.data").joinpath("events/arguments.yaml").read_text(encoding="utf-8"))


@cache
def _cues(kind: str) -> frozenset[str]:
    """``target_cues``, ``agent_cues``, ``ally_cues`` or ``blame_words`` from ``arguments.yaml``, normalised."""
    return frozenset(normalize(str(w)) for w in _arguments_data()[kind])


@cache
def _patron_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in _arguments_data()["patron_words"])


def expel_words() -> frozenset[str]:
    """Words of driving out (``expel_words`` in arguments.yaml), normalised."""
    return _cues("expel_words")


def expel_word(norm: str) -> str | None:
    """The word of driving out a normalised token is, with its conjunction and article off («وطرد» → «طرد»)."""
    word = strip_article(strip_conj(norm))
    return word if word in expel_words() else None


def air_power(canonical: str | None) -> bool:
    """Does this actor fight from the air, so that its unqualified bombardment is an air strike?"""
    return canonical in _arguments_data().get("air_power", ())


def _is_patron(doc: Document, place: Place) -> bool:
    """"الذي تقوده المملكة", "حليفة الولايات المتحدة": a country as backer, not as the event's place."""
    if place.kind != "country":
        return False
    before = normalize(doc.text[max(0, place.start - 30) : place.start]).split()[-2:]
    return any(w in _patron_words() or w[1:] in _patron_words() for w in before)


def place_precision(place: Place) -> int:
    """ACLED geo precision as the places stage set it (a district is 2, a governorate 3)."""
    if place.kind in ("country", "region"):
        return 3
    return place.geo_precision or (3 if place.kind == "admin" else 1)


def article_focus(doc: Document, places: list[Place] | None = None) -> Place | None:
    """The article's main place: the most mentioned town, else admin unit, else country."""
    places = doc.places if places is None else places
    if not places:
        return None
    counts: dict[str, int] = {}
    for p in places:
        counts[p.name_en] = counts.get(p.name_en, 0) + 1
    return min(places, key=lambda p: (KIND_RANK.get(p.kind, 2), -counts[p.name_en], p.start))


def pick_date(doc: Document, trigger_start: int, clause: Span, sentence: Span, past: bool = False,
              ) -> tuple[str | None, int, Timex | None, bool]:
    """Event date, ACLED time precision, the timex it came from (clause first, then sentence), and
    whether that timex was stated with the event — not the lead's date, nor the report's
    ("قال المرصد اليوم إن …"). ``past``: only days up to publication (an event that happened)."""
    until = doc.published.isoformat() if past and doc.published else None
    in_sentence = [t for t in doc.index(doc.timexes).starting_in(sentence.start, sentence.end)
                   if (t.type in ("DATE", "TIME") or "date_value" in t.extra)  # "ومنذ أسبوع": a dating DURATION
                   and _as_date(t) and (t.value or (abs(t.start - trigger_start) <= VAGUE_TIMEX_REACH and (t.precision or 3) < 3))
                   and not since_year(doc, t) and not birth_year(doc, t)
                   and (until is None or (_as_date(t, doc.published) or "") <= until)]
    report_like = {id(t): dates_report(doc, t, sentence) for t in in_sentence}
    report = None
    for lo, hi in ((clause.start, clause.end), (sentence.start, sentence.end)):
        dated = [t for t in in_sentence if lo <= t.start < hi]
        report = report or next((t for t in dated if t.start < trigger_start and report_like[id(t)]), None)
        dated = [t for t in dated if not report_like[id(t)] or t.start > trigger_start]
        if dated:
            best = min(dated, key=lambda t: abs(t.start - trigger_start))
            if (day := on_this_day(doc, best)) is not None:
                return day, 1, best, True
            return _as_date(best, doc.published), best.precision or 1, best, not report_like[id(best)]
    if report is not None:  # the event is no later than the report
        return _as_date(report, doc.published), report.precision or 1, report, False
    reference = reference_date(doc)
    if reference is not None:
        return reference.value[:10], reference.precision or 1, reference, False
    pub = doc.published
    if pub is None:
        return None, 3, None, False
    return (pub - timedelta(days=1)).isoformat(), 2, None, False


_OFFSET = re.compile(r"^P(\d+)([DW])$|^PT(\d+)H$")
_BEFORE_AFTER = {"بعد": -1, "وبعد": -1, "قبل": 1, "وقبل": 1}
_OF = frozenset({"على", "علي", "من"})


def anchor_offset(doc: Document, trigger_start: int) -> timedelta | None:
    """"بعد ثلاثة أيام على الهجوم", "قبل يومين من التفجير": the event is that far before (after) the day
    of its sentence. Counted days, weeks and hours only (a month or year away is no day)."""
    for t in doc.index(doc.timexes).starting_in(max(0, trigger_start - 60), trigger_start):
        hit = _OFFSET.match(t.value or "") if t.type == "DURATION" else None
        words = t.text.split()
        if hit is None or not words or words[0] not in _BEFORE_AFTER:
            continue
        gap = doc.text[t.end : trigger_start].split()
        if len(gap) != 1 or gap[0] not in _OF:
            continue  # «بعد ثلاثة أيام على» right before the trigger
        days, unit, hours = hit.groups()
        delta = timedelta(hours=int(hours)) if hours else timedelta(days=int(days) * (7 if unit == "W" else 1))
        return delta * _BEFORE_AFTER[words[0]]
    return None


_YEAR = re.compile(r"\d{4}")


def since_year(doc: Document, t: Timex) -> bool:
    """"منذ عام 2003", "منذ العام الماضي": where a state began, not when an event happened ("منذ يومين", two
    days ago, is a date). So is a span of months or years after a definite word or a «first / like» word:
    "القطاع المحاصر منذ تسع سنوات", "الأكبر من نوعها منذ 12 عاما" (but "ومنذ نحو عامين استعادت" is a date)."""
    before = normalize(doc.text[max(0, t.start - 40) : t.start]).split()
    if t.text.startswith("منذ"):
        before.append("منذ")
    if _compared_since(doc, t):
        return True
    if not before or before[-1] not in ("منذ", "ومنذ"):
        return False
    if _YEAR.search(t.text) or (t.type == "DATE" and t.value and len(t.value) <= 4):
        return True
    return bool(_LONG_SPAN.match(t.value or "")) and len(before) > 1 and _states_since(before[-2])


_LONG_SPAN = re.compile(r"P[\d.]+(Y|M|DE|CE)$|P([5-9]|\d\d+)W$")
_KIND_WORDS = frozenset({"نوعه", "نوعها", "مثيل", "مثيلا", "مثيله", "مره", "مرات"})


def _compared_since(doc: Document, t: Timex) -> bool:
    """"أعنف قتال وقع منذ شهر", "أول طائرة تصل منذ أربعة أشهر", "أول مواجهات تشهدها المدينة منذ فتحها عام 1453":
    what a first or a superlative is measured against, never the event's own day (12 of 12 such records in the
    30k articles had been dated to it)."""
    words = normalize(doc.text[max(0, t.start - 160) : t.start]).split()
    since = [i for i, w in enumerate(words) if w in ("منذ", "ومنذ") and len(words) - i <= 4]
    if not since:
        return False
    head, tail = words[max(0, since[-1] - 8) : since[-1]], words[since[-1] :]
    broken = any(w in ",،.؛" or w.endswith(("،", ".")) for w in tail)  # the time belongs to another clause
    return not broken and any(_FIRST_OR_MOST.fullmatch(w) for w in head)


_FIRST_OR_MOST = re.compile(r"و?(ال)?(اعنف|اسوا|اكبر|اول|اولي|الاولي|اشد|ادمي|اخطر|اوسع|اعلي)")


def _states_since(word: str) -> bool:
    """A definite participle or superlative, or a «first of its kind» word, right before «منذ» (in its clause:
    no punctuation between)."""
    return _LETTERS.fullmatch(word) is not None and (word.startswith(("ال", "وال", "لل")) or word in _KIND_WORDS)


_LETTERS = re.compile("[\u0621-\u064a]+")


def birth_year(doc: Document, t: Timex) -> bool:
    """"مواليد 1982": when a person was born (87 hits in the 30k articles), never when an event happened."""
    before = normalize(doc.text[max(0, t.start - 14) : t.start]).split()
    return bool(before) and (before[-1] in _BORN or (len(before) > 1 and before[-1] == "عام" and before[-2] in _BORN))


_BORN = frozenset({"مواليد", "(مواليد", "ومواليد"})


LEAD_SENTENCES = 2
_THAT = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها", ":"})


def dates_report(doc: Document, t: Timex, sentence: Span) -> bool:
    """Does the timex date a reporting verb ("قال المرصد اليوم الجمعة إن …") rather than an event?"""
    after = [w.norm for w in doc.tokens_in(t.end, t.end + 12)][:2]
    if not any(w in _THAT for w in after):
        return False
    before = doc.tokens_in(sentence.start, t.start)[-6:]
    verbs = load_cues().reporting_verbs
    return any(w.norm in verbs or w.norm[1:] in verbs for w in before)


def reference_date(doc: Document) -> Timex | None:
    """The lead's date ("… اليوم الجمعة في بغداد"), which events the article leaves undated inherit.

    The first day-precise date in the first body sentences, if it lies in the week before
    publication; otherwise None (the caller falls back to the day before publication).
    """
    pub = doc.published
    lead = doc.index(doc.sentences).starting_from(doc.body_start, LEAD_SENTENCES)  # sentences are in text order
    if pub is None or not lead:
        return None
    for t in doc.index(doc.timexes).starting_in(lead[0].start, lead[-1].end):
        if t.type == "DATE" and t.precision == 1 and t.value:
            try:
                day = date.fromisoformat(t.value[:10])
            except ValueError:
                continue
            if timedelta(0) <= pub - day <= timedelta(days=7):
                return t
    return None


VAGUE_TIMEX_REACH = 40  # "في الوقت الحالي" / "قبل أيام" date only the words right next to them


PART_OF_MONTH_DAYS = 12


def _as_date(t: Timex, until: date | None = None) -> str | None:
    """A day for the timex: its value when a full date, else the middle of its range — for a month or
    vaguer (ACLED precision 3), the 15th of the middle month ("الشهر الماضي", "صيف 2014"). A range
    that runs past ``until`` (publication) is cut there: "القرن الحالي" is not the year 2049."""
    value = t.value or ""
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    if t.range:
        try:
            lo, hi = date.fromisoformat(t.range[0][:10]), date.fromisoformat(t.range[1][:10])
        except ValueError:
            return None
        if until is not None and lo <= until < hi:
            hi = until
        middle = lo + (hi - lo) / 2
        whole_months = (hi - lo).days > PART_OF_MONTH_DAYS  # not "نهاية شهر رمضان", "مطلع الشهر"
        return middle.replace(day=15).isoformat() if (t.precision or 3) >= 3 and whole_months else middle.isoformat()
    return None


_ON_THIS_DAY = re.compile(r"في مثل هذا اليوم|هذا اليوم في التاريخ")
_YEAR_DASH = re.compile(r"\d{4}\s*[-–]")


def on_this_day(doc: Document, t: Timex) -> str | None:
    """"1945- قنبلة نووية تدمر هيروشيما" in an "on this day" column («في مثل هذا اليوم»): that year, on the
    publication's day and month."""
    if doc.published is None or t.value is None or len(t.value) != 4 or not t.value.isdigit():
        return None
    if not doc.cached("on this day", lambda: bool(_ON_THIS_DAY.search(normalize(doc.text[:600])))):
        return None
    line_start = doc.text.rfind("\n", 0, t.start) + 1
    if doc.text[line_start : t.start].strip() or not _YEAR_DASH.match(doc.text, t.start):
        return None  # the year must open its line: "1945- …"
    day = valid_date(int(t.value), doc.published.month, doc.published.day)
    return day.isoformat() if day else None


def is_background(event_date: str | None, published: date | None) -> bool:
    if not event_date or not published:
        return False
    try:
        return (published - date.fromisoformat(event_date)).days > 30
    except ValueError:
        return False


def pick_actors(doc: Document, trigger_start: int, trigger_end: int, clause: Span, sentence: Span,
                one_sided: bool = False) -> Roles:
    """actor1 and actor2 from the mentions of the sentence. ``one_sided`` (a strike, a bombing, an attack on
    civilians): the side whose dead are counted («مقتل 14 من عناصر التنظيم جراء الغارات») is the target; in a
    battle the dead are of either side."""
    mentions = [a for a in doc.index(doc.actors).starting_in(sentence.start, sentence.end) if a.canonical
                and not _contrast_between(doc, trigger_end, a.start)]
    # "الهجوم الانتحاري", "فجر انتحاري نفسه": the bomber in the trigger's own words acted, unless the
    # sentence names who did ("حمل المسؤول حزب العمال مسؤولية الهجوم الانتحاري")
    bomber = [a for a in mentions if trigger_start <= a.start < trigger_end and a.canonical.startswith("Unidentified")]
    mentions = [a for a in mentions if a not in bomber]
    strong = [a for a in mentions if a.confidence >= MIN_ACTOR_CONFIDENCE]
    mentions = strong or mentions
    if not mentions:
        return Roles(bomber[0] if bomber else None, None)
    agents, targets = [], []
    tok = doc.tokens_in(trigger_start, trigger_end)
    definite_noun = bool(tok) and "ال" in tok[0].prefixes
    verb = takes_subject_after(doc, trigger_start, trigger_end, mentions)
    previous: tuple[ActorMention, str] | None = None
    for m in sorted(mentions, key=lambda a: a.start):
        role = _role(doc, m, trigger_start, trigger_end, one_sided)
        if previous is not None and _coordinated(doc, previous[0], m):
            previous = (m, previous[1])
            continue  # "مواقع الحوثيين وأتباع صالح": the first conjunct is the party, the rest its associates
        previous = (m, role)
        if role in ("accuser", "other") or reports_another(doc, m, trigger_start):
            continue  # "قالت الشرطة إن قنبلة انفجرت …": who tells of it is not who did it
        if vso_subject(m, trigger_end, verb) or (not verb and masdar_agent(doc, m, trigger_end)):
            role = "agent"  # verb–subject–object: "استعادت الحكومة العراقية بلدة القائم"
        if role == "agent" and definite_noun and m.end + 3 < trigger_start and not _held_responsible(doc, m, trigger_start):
            continue  # "… باتوا يتبعون … نتيجة الغارات": the topic before a definite noun is not its agent
        (targets if role == "target" else agents).append(m)
    actor1 = min(agents, key=lambda m: (m.start < clause.start or m.start >= clause.end, abs(m.start - trigger_start)),
                 default=bomber[0] if bomber else None)
    targets = [t for t in targets if actor1 is None or t.canonical != actor1.canonical]
    actor2 = min(targets, key=lambda m: abs(m.start - trigger_end), default=None)
    return Roles(actor1, actor2)


VSO_GAP = 3  # characters between a verb and the subject that follows it
_ON_TARGET = re.compile(r"^(?:\s+\S+){0,4}?\s+على\s")  # «على» as written: «علي» is as often the name Ali


def masdar_agent(doc: Document, m: ActorMention, trigger_end: int) -> bool:
    """"هجوم الحوثيين على الضالع", "قصف للحوثيين وقوات صالح على أحياء سكنية": the group right after the verbal noun,
    with «على» and its target following, is who attacked (8 of the 10 such records in the 30k articles had it as
    the target)."""
    word = doc.tokens_in(trigger_end - 1, trigger_end)
    if word and expel_word(word[0].norm):
        return False  # "دحر الحوثيين": after a word of driving out, who is driven out
    return 0 <= m.start - trigger_end <= VSO_GAP and not is_civilian(m) and bool(
        _ON_TARGET.match(doc.text[m.end : m.end + 60]))


def takes_subject_after(doc: Document, trigger_start: int, trigger_end: int, mentions: list[ActorMention]) -> bool:
    """Is the trigger a verb whose subject follows it (verb–subject–object)?"""
    if not _finite_verb(doc, trigger_start, trigger_end):
        return False
    tok = doc.tokens_in(trigger_start, trigger_end)
    if tok[0].norm in _PASSIVE_READING:
        return False
    if tok[0].norm.endswith("وا"):
        return False  # "فقتلوا جنديين": a verb that carries its plural subject (-وا) is followed by its object
    # subject–verb–object: "المقاومة تحاصر الحوثيين" — the noun right after the verb is then its object
    return not any(0 <= trigger_start - m.end <= VSO_GAP and not is_civilian(m) for m in mentions)


def vso_subject(m: ActorMention, trigger_end: int, verb: bool) -> bool:
    """The mention right after a verb that takes its subject after it ("استعادت الحكومة العراقية …")."""
    return verb and 0 <= m.start - trigger_end <= VSO_GAP and not is_civilian(m)


def _held_responsible(doc: Document, m: ActorMention, trigger_start: int) -> bool:
    """"وحمل مسؤول تركي حزب العمال مسؤولية الهجوم", "أعلنت الجماعة مسؤوليتها عن التفجير": the one responsible acted."""
    between = normalize(doc.text[m.end : trigger_start]).split()
    return 0 < len(between) <= 3 and between[0] in _cues("responsibility_words")


def _coordinated(doc: Document, first: ActorMention, second: ActorMention) -> bool:
    """"الحوثيين وقوات صالح", "الحوثيين، وأتباع صالح": the second actor is joined to the first by و
    (but "بين المقاومة والحوثيين" names the two sides)."""
    gap = doc.text[first.end : second.start].strip(" ،,")
    if first.end > second.start or not (gap == "و" or (gap == "" and second.text.startswith("و"))):
        return False
    before = normalize(doc.text[max(0, first.start - 12) : first.start]).split()
    return not before or before[-1] not in ("بين", "وبين")


def _contrast_between(doc: Document, start: int, end: int) -> bool:
    """"افتتح المعبر …، لكن من يسيطر عليه هم الميليشيات": who comes after "لكن" is not a party to the event."""
    return end > start and bool(set(normalize(doc.text[start:end]).split()) & _cues("contrast_words"))


# Unvocalised قتل / أصيب / جرح before a noun are read as passives in news ("قتل أربعة عناصر من الشرطة"):
# the noun that follows is the victim, not the killer.
_PASSIVE_READING = frozenset({"قتل", "وقتل", "فقتل", "اصيب", "واصيب", "جرح", "وجرح", "استشهد", "واستشهد", "قضي", "وقضي"})


def _killed_after(doc: Document, m: ActorMention, trigger_start: int) -> bool:
    """An indefinite count of people right before a passive «قتل / أصيب / استشهد / لقي» ("شرطيا قتل",
    "ثلاثة جنود أصيبوا"): the casualties ("الجيش قتل …", definite, is who killed)."""
    after = [strip_conj(t.norm) for t in doc.tokens_in(m.end, trigger_start)[:2]]
    first = normalize(m.text).split()[0] if m.text.strip() else ""
    return bool(after) and not first.startswith("ال") and any(
        w in _PASSIVE_READING or w in _CASUALTY_VERBS for w in after)


_CASUALTY_VERBS = frozenset({"قتلوا", "اصيبوا", "جرحوا", "استشهدوا", "لقي", "لقوا", "قضوا"})

_DEATH_NOUNS = frozenset({"مقتل", "ومقتل", "بمقتل", "مصرع", "ومصرع", "بمصرع"})  # "مقتل 14 من عناصر التنظيم"

_DEMONSTRATIVES = ("هذه", "هذا", "هولاء")  # "لهذه الميليشيات" is no verb with an object pronoun


_QUANTITIES = frozenset({"عدد", "عشرات", "العشرات", "مئات", "المئات", "العديد", "بعض", "اي", "احد", "كثير"})


def _suffered(doc: Document, trigger_start: int) -> bool:
    """Is the trigger what someone suffered ("تعرض … لـ", "جراء")? Up to four words before it."""
    return after_exposure([t.norm for t in doc.tokens_in(max(0, trigger_start - 40), trigger_start)])


def _finite_verb(doc: Document, trigger_start: int, trigger_end: int) -> bool:
    """Does the trigger open with a verb (no article: "القصف" is a noun)?  After a preposition the same letters
    are a verbal noun ("تمكنوا من طرد الحوثيين", "بعد تحرير المدينة"): its object follows, not its subject."""
    tok = doc.tokens_in(trigger_start, trigger_end)
    if not tok or "ال" in tok[0].prefixes or not is_verb(dediac(tok[0].text)):
        return False
    before = normalize(doc.text[max(0, trigger_start - 12) : trigger_start]).split()
    return not (before and strip_conj(before[-1]) in _NOUN_BEFORE)


# a verb never follows these: what comes after them is a noun («من طرد», «بعد تحرير», «عملية تطهير»)
_NOUN_BEFORE = frozenset({"من", "في", "علي", "الي", "عن", "بعد", "قبل", "خلال", "منذ", "عقب", "اثر", "حول", "ضد", "اجل",
                          "بهدف", "عمليه", "عمليات", "معركه", "معارك", "حمله", "استكمال", "اعلان"})


def _verb_between(doc: Document, start: int, end: int) -> bool:
    """A present-tense verb ("يمنح", "تقول") between the trigger and a later actor: a new predicate
    (not one in a relative clause on the target: "البلدة التي يتمركز فيها الجيش")."""
    raw = [dediac(w.strip('"«»،,.:()')) for w in doc.text[start:end].split()]
    norm = [normalize(w) for w in raw]
    for i, w in enumerate(norm):
        if w in RELATIVES or w[1:] in RELATIVES:
            return False  # "… على مواقعها والذي كان من المقرر أن تستخدمه هذه الميليشيات"
        if i > 0 and w[:1] in ("ي", "ت") and len(w) > 3 and w not in _cues("belonging_verbs") and is_verb(raw[i]):
            return True
    return False


RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})  # relative pronouns


_ASIDE = re.compile(r"\s[-–](?=\S)[^-–\n]{3,160}?(?<=\S)[-–]\s|\([^()\n]{3,160}\)")


_THAT_BARE = frozenset({"ان", "بان"})


def reporting_source(doc: Document, m: ActorMention, trigger_start: int) -> Source | None:
    """The source phrase ``m`` stands in, when it ends before the trigger ("قال الجيش التركي إن …")."""
    return next((s for s in doc.index(doc.sources).around(m.start, m.start + 1)
                 if s.start <= m.start < s.end and s.end <= trigger_start), None)


def reports_another(doc: Document, m: ActorMention, trigger_start: int) -> bool:
    """Is ``m`` the source of a report ("قالت الشرطة إن …") whose reported clause names its own subject
    before the trigger? "قال الجيش إنه قصف", "إن قواته قصفت" and "نفى الجيش أن يكون قد قصف" keep the source
    as the agent."""
    src = reporting_source(doc, m, trigger_start)
    if src is None:
        return False
    toks = doc.tokens_in(src.end, trigger_start)
    k = next((i for i, t in enumerate(toks) if strip_conj(t.norm) in _THAT_BARE), None)
    if k is None:
        return False
    if k + 1 == len(toks):
        return True  # "إن عبوة ناسفة انفجرت": the trigger is the reported clause's subject
    subject = dediac(toks[k + 1].text)  # the raw word: «قنبلة» ends in ة, «قواته» in a pronoun
    if is_verb(subject):
        return False  # "نفى الجيش أن يكون قد قصف": the clause's subject is the source itself
    return not (subject.endswith(("ها", "ه", "هم")) and len(subject) > 3)


def _in_aside(doc: Document, m: ActorMention, trigger_start: int) -> bool:
    """Is the mention inside a parenthetical aside ("-والذي …-", "(…)") that the trigger is not in?"""
    sentence = doc.index(doc.sentences).containing(m.start)
    if sentence is None:
        return False
    for a in _asides(doc, sentence):
        if a.start() <= m.start and m.end <= a.end():
            return not (a.start() <= trigger_start < a.end())
    return False


def _asides(doc: Document, sentence: Span) -> list[re.Match[str]]:
    return doc.cached(("asides", sentence.start), lambda: list(_ASIDE.finditer(doc.text, sentence.start, sentence.end)))


def _owner(doc: Document, m: ActorMention) -> ActorMention | None:
    """The mention right before ``m`` when ``m`` is glued to it by ل ("دورية للجيش", "مواقع لقوات صالح")."""
    if not (m.text.startswith("ل") or doc.text[m.start - 1 : m.start] == "ل"):
        return None
    prev = doc.index(doc.actors).starting_before(m.start, 1)
    if not prev or prev[-1].end > m.start or doc.text[prev[-1].end : m.start].strip(" ل"):
        return None
    return prev[-1]


def _supports(doc: Document, m: ActorMention, trigger_start: int) -> bool:
    """Is ``m`` named as support for another's act ("بدعم جوي من التحالف", "مدعومة من طيران التحالف")? Up to
    four words back, and the event's own word not between ("بدعم من غارات جوية للتحالف": the strikes are his)."""
    support = load_lexicon().support
    toks = doc.tokens_in(max(0, m.start - 40), m.start)[-4:]
    at = [t.start for t in toks if t.norm in support or t.norm[1:] in support]
    return bool(at) and not at[-1] < trigger_start < m.start


def is_civilian(m: ActorMention) -> bool:
    category = (m.extra or {}).get("category", "") or ""
    return "civilian" in category.lower() or (m.canonical or "").startswith("Civilians")


def _role(doc: Document, m: ActorMention, trigger_start: int, trigger_end: int, one_sided: bool = False) -> str:
    if _in_aside(doc, m, trigger_start):
        return "other"  # "جيش الفتح -والذي يتكون من فصائل معارضة لنظام الأسد- عن سيطرته": a gloss, no party
    if _supports(doc, m, trigger_start):
        return "other"  # "شنت القوات بدعم جوي من التحالف هجمات": who supports did not carry it out
    owner = _owner(doc, m)
    if owner is not None and _role(doc, owner, trigger_start, trigger_end) == "target":
        return "target"  # "على دورية للجيش": the army's patrol was the target, so was the army
    before = normalize(doc.text[max(0, m.start - 25) : m.start]).split()
    prev = before[-2:] if before else []
    targets, agents, blames = _cues("target_cues"), _cues("agent_cues"), _cues("blame_words")
    if any(w in _cues("ally_cues") for w in prev):
        return "agent"  # "بالتنسيق مع الجيش": fights alongside the one who acted
    if any(w in targets or (len(w) > 1 and w[0] in "و" and w[1:] in targets) for w in prev):
        return "target"
    if prev == ["من", "يد"]:
        return "target"  # "تحريرها من يد الميليشيات": taken out of their hands («على يد» names who acted)
    if any(w in agents for w in prev):
        return "agent"
    if before and before[-1] in blames:
        return "accuser"  # "نسبته السلطات إلى …": who blames is not a party
    if len(before) >= 2 and before[-1] in ("الي", "لـ") and any(w in blames for w in before[-4:-1]):
        return "agent"  # "هجوم نسبته السلطات إلى التمرد الكردي"
    if before and before[-1] in ("من", "في"):
        deaths = _PASSIVE_READING | _DEATH_NOUNS if one_sided else _PASSIVE_READING
        wide = normalize(doc.text[max(0, m.start - 45) : m.start]).split()
        if any(w in deaths for w in wide[-6:-1]):
            return "target"  # "وقتل عنصران من الشرطة": the victims' side of a passive death
    raw_prev = doc.text[max(0, m.start - 25) : m.start].split()
    if (prev and prev[-1].endswith(("ها", "ه", "هم")) and len(prev[-1]) > 3 and not prev[-1].endswith(_DEMONSTRATIVES)
            and raw_prev and is_verb(dediac(raw_prev[-1]))):
        return "agent"  # "قنبلة ألقاها مسلحون مجهولون": the subject after a verb with an object pronoun
    if is_civilian(m):
        return "target"
    if one_sided and m.end <= trigger_start and _killed_after(doc, m, trigger_start):
        return "target"  # "أن شرطيا قتل حينما انفجرت عبوة": who was killed or hurt by the blast, not who set it
    if m.end <= trigger_start and any(strip_conj(t.norm) in SUFFERED for t in doc.tokens_in(m.end, trigger_start)):
        return "target"  # "مسلحو الحزب تعرضوا أمس لقصف": the subject of «تعرض» is who suffered it
    if m.start >= trigger_end:
        # verbal noun + لـ agent: "بقصف لقوات النظام", "غارات لطيران التحالف"
        glued = doc.text[m.start - 1 : m.start] == "ل" or (m.text.startswith("ل") and not m.text.startswith("لل"))
        if glued and m.start - trigger_end < 20 and not _finite_verb(doc, trigger_start, trigger_end):
            return "agent"  # after a verb, لـ says whose the object is: "قصفت معسكرات لحزب العمال"
        if (before and before[-1] == "من" and m.start - trigger_end <= 20 and _suffered(doc, trigger_start)
                and not (len(before) > 1 and (before[-2].isdigit() or before[-2] in _QUANTITIES))):
            return "agent"  # "تعرضت المدينة لقصف من الحوثيين": who did what the place suffered (not "عدد من")
        if _verb_between(doc, trigger_end, m.start):
            return "other"  # "افتتاح المعبر يمنح الحماية لهذه الميليشيات": the object of another verb
        return "target"
    return "agent"
