"""From triggers to one record per real event in the article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from rasd.actors import get_actor
from rasd.actors.dictionary import load_dictionary
from rasd.document import ActorMention, Document, Place, Span
from rasd.events import roles as actor_roles
from rasd.events.arguments import (
    KIND_RANK,
    NON_STATE_ARMED,
    RELATIVES,
    Roles,
    actor_at,
    air_power,
    anchor_offset,
    clause_of,
    coordinated,
    expel_word,
    is_background,
    is_civilian,
    masdar_agent,
    pick_actors,
    pick_date,
    pick_place,
    place_precision,
    reporting_source,
    reports_another,
    takes_subject_after,
)
from rasd.events.detect import TriggerMatch, answers, find_triggers, motive_start
from rasd.events.landmarks import date_landmarks, landmark_dated
from rasd.events.lexicon import Lexicon, load_lexicon, strip_article, token_keys
from rasd.events.numbers import fatalities
from rasd.events.record import Event
from rasd.geo import haversine_km
from rasd.places.gazetteer import capital_of, default_gazetteer, geonames_countries, parent_town
from rasd.sources import factuality, is_aggregate, is_attempt, is_denial, is_foiled, is_future_possibility, source_for
from rasd.sources.factuality import is_hypothetical, is_past_reference, is_recent_reference, over_weeks_after
from rasd.sources.genre import is_column
from rasd.sources.lexicon import load_cues
from rasd.text.morphology import best_analysis, is_verb
from rasd.text.normalize import dediac, normalize

MIN_CONFIDENCE = 0.7  # weak trigger words with neither actor nor place are left out
COLUMNS_FILTERED = True  # off while the actor1 model is trained: it learns roles from every mention the rules find


ARMED_INTER = frozenset({1, 2, 3, 4, 8})
CONTEXT_FREE = frozenset({"Shelling/artillery/missile attack", "Peaceful protest", "Violent demonstration", "Protest with intervention",
                          "Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike", "Chemical weapon",
                          "Other", "Agreement", "Disrupted weapons use", "Abduction/forced disappearance"})


def extract_events(doc: Document) -> Document:
    lexicon = load_lexicon()
    matches = [m for m in find_triggers(doc, lexicon) if _in_conflict_context(doc, m, lexicon) and not _in_actor_name(doc, m)]
    where = {id(m): _locate(doc, m) for m in matches}
    matches = [m for m in matches if not is_aggregate(doc, m.start, where[id(m)].clause.start, where[id(m)].clause.end)
               and not is_past_reference(doc, m.start, where[id(m)].clause.start) and not is_recent_reference(doc, m.end)
               and not is_hypothetical(doc, m.start, where[id(m)].clause.start) and not answers(m)
               and not _territory_reference(doc, m) and not _period_summary(doc, m, where[id(m)].clause)]
    candidates = [ev for m in _best_per_sentence(doc, matches, where, lexicon)
                  for ev in _build_all(doc, m, lexicon.types, where[id(m)])]
    kept = [e for e in candidates if e.confidence >= MIN_CONFIDENCE and not _commentary(e) and _codable(e, candidates)]
    if _tally_headline(doc):
        kept = [e for e in kept if e.date_explicit]  # the body details the headline's tally, undated
    if kept and _crime_headline(doc, lexicon):
        kept = [e for e in kept if e.sub_event_type != "Arrests" or _political(doc, e, lexicon)]
    doc.events = date_landmarks([e for e in _merge(kept, doc.body_start) if _informative(e)], doc.published)
    for ev in doc.events:
        if landmark_dated(ev.dated_by) and not ev.in_sentence("actor1"):
            _clear(ev, "1")  # a reference to a landmark names who did it in its own sentence or not at all
        if ev.actor1 is not None and ev.actor1 == ev.actor2:
            _one_side(ev)
    if COLUMNS_FILTERED and is_column(doc.article):  # a columnist's undated mention is commentary
        doc.events = [e for e in doc.events if e.date_explicit or e.dated_by]
    return doc


_TALLY = re.compile(r"خلال\s+(?:\d+|\S+)\s+(?:يوما|ايام|اسابيع|اشهر|شهور|سنوات)\b|خلال\s+(?:يومين|اسبوعين|شهرين|عامين)\b")


def _territory_reference(doc: Document, m: TriggerMatch) -> bool:
    """"بعد تحرير عدن", "عقب تحريره": a change of hands named to date something else, with no day of its own
    within OWN_DATE_REACH characters after it, refers to an earlier event and reports none ("إثر تحرير المقاومة،
    أمس، مديرية عتمة", dated right after the trigger, is a report)."""
    if m.sub_event_type not in TERRITORY:
        return False
    words = [t.norm for t in doc.tokens_in(max(m.sentence.start, m.start - 12), m.start)]
    if not words or words[-1] not in load_cues().change_of_hands_anchors:
        return False
    return not any(t.type in ("DATE", "TIME") for t in doc.index(doc.timexes).starting_in(m.end, m.end + OWN_DATE_REACH))


OWN_DATE_REACH = 40  # characters after the trigger where its own day would be named


def _period_summary(doc: Document, m: TriggerMatch, clause: Span) -> bool:
    """What happened over weeks or months («احتجاجات على مدى أسابيع») or between two days of its sentence («قتل
    88 عنصرا خلال الفترة ما بين 20 - 31 يوليو») is a summary, not one event."""
    timexes = doc.index(doc.timexes).starting_in(m.sentence.start, m.sentence.end)
    own_day = any(t.type in ("DATE", "TIME") and clause.start <= t.start < clause.end for t in timexes)
    ranged = not own_day and any(
        t.type == "DURATION" and t.range and _days_apart(t.range[0], t.range[1]) >= RANGE_DAYS
        and _INTERVAL.match(normalize(t.text)) for t in timexes)
    return (ranged or over_weeks_after(doc, m.start, clause.end)) and factuality(doc, m.start, clause.start) == "occurred"


RANGE_DAYS = 3  # a range of days this long in a sentence makes its toll a tally (a night or two is one event)
_INTERVAL = re.compile(r"(?:ما )?(?:بين|من) \S*\d")  # two stated days: «من 20 إلى 31 يوليو», «بين 20 - 31 يوليو»


def _tally_headline(doc: Document) -> bool:
    """"مقتل 88 إرهابياً في سيناء خلال 11 يوماً": an article that sums up a period."""
    title = doc.article.title
    return bool(title) and bool(_TALLY.search(normalize(title)))


def _crime_headline(doc: Document, lexicon: Lexicon) -> bool:
    """"الإطاحة بـ 3 أفارقة في قضايا نصب": a headline of ordinary crime, with no armed group or activist."""
    keys = [token_keys(t) for t in doc.tokens_in(0, doc.body_start)]
    return lexicon.crime.find(keys) is not None and lexicon.political.find(keys) is None


def _political(doc: Document, ev: Event, lexicon: Lexicon) -> bool:
    """Does the event's own sentence name an armed group, an activist or an attack?"""
    keys = [token_keys(t) for t in doc.tokens_in(ev.evidence["start"], ev.evidence["end"])]
    return lexicon.political.find(keys) is not None


def _in_actor_name(doc: Document, m: TriggerMatch) -> bool:
    """"حركة النضال العربي لتحرير الأحواز", "هيئة تحرير الشام": a word inside a group's name is no event."""
    return any(a.start < m.start and m.end <= a.end and a.extra.get("kind") == "alias"
               for a in doc.index(doc.actors).starting_in(m.sentence.start, m.start))


def _informative(ev: Event) -> bool:
    """A mention with no place, day, actor or toll of its own that joined no other ("هربا من الاقتتال")
    tells an analyst nothing: it is a generic reference, not a codable event."""
    if ev.sub_event_type in TERRITORY:
        return ev.location_explicit  # a change of hands names the place ("استعادة زمام السلطة" is none)
    if ev.status == "occurred" and ev.event_type in VIOLENT and ev.location_kind in ("country", "region") and not (
            ev.date_explicit or ev.dated_by or ev.fatalities is not None):
        return False  # "الغارات التركية على شمال العراق": a campaign named in passing, no one event
    return ev.location_explicit or ev.date_explicit or ev.party_named or ev.fatalities is not None


def _names_party(ev: Event) -> bool:
    """Do the actors the rules found name a party? ("الليبيون" does not.)"""
    return any(a and not a.startswith("Civilians") for a in (ev.actor1, ev.actor2))


VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
AIR_OR_GROUND = frozenset({"Shelling/artillery/missile attack", "Attack", "Armed clash"})


def _best_per_sentence(doc: Document, matches: list[TriggerMatch], where: dict[int, Where], lexicon: Lexicon,
                       ) -> list[TriggerMatch]:
    """Per sentence keep one trigger per event type and place (specific beats generic, then stronger).

    "سيطرتها على المعسكر وتطهير الوادي": two territory events at two places.
    A generic violent word ("هجوم", "قتل") in a sentence that names the weapon ("عبوة ناسفة") is the
    same event; fighting that comes with a change of territory is part of the takeover.
    """
    types = lexicon.types
    by_sentence: dict[int, list[TriggerMatch]] = {}
    for m in matches:
        by_sentence.setdefault(m.sentence.start, []).append(m)
    kept: list[TriggerMatch] = []
    for group in by_sentence.values():
        specific_violent = any(not m.trigger.generic and types[m.sub_event_type][0] in VIOLENT for m in group)
        protest = any(types[m.sub_event_type][0] in ("Protests", "Riots") for m in group)
        territory = any(m.sub_event_type in TERRITORY and factuality(doc, m.start, where[id(m)].clause.start) == "occurred"
                        for m in group)  # "المواجهات … لتحرير المدينة": a goal does not absorb the fighting
        best: dict[tuple[str, str], TriggerMatch] = {}
        for m in group:
            etype = types[m.sub_event_type][0]
            refinable = m.sub_event_type in lexicon.refinable
            if m.trigger.generic and refinable and specific_violent and m.sub_event_type == m.trigger.sub_event_type:
                continue
            if (territory or protest) and (m.sub_event_type == "Armed clash" or m.borrowed):
                continue  # the fighting of a takeover, the scuffles of a demonstration: the same event (also
                # when a generic «هجوما» took a weapon from the sentences before)
            kind = "violent" if refinable and m.trigger.generic else etype
            key = (kind, where[id(m)].key)
            if key not in best or _strength(m) > _strength(best[key]):
                best[key] = m
        kept.extend(best.values())
    return sorted(kept, key=lambda m: m.start)


@dataclass(frozen=True)
class Where:
    """A trigger's clause and the place it gets (worked out once per trigger)."""

    clause: Span
    place: Place | None
    geo_precision: int
    explicit: bool  # stated in the trigger's clause or sentence, not a fallback

    @property
    def key(self) -> str:
        """The named town, site or district, for telling apart two events of one type in a sentence."""
        p = self.place
        named = p is not None and (p.kind in ("populated", "site") or (p.kind == "admin" and place_precision(p) == 2))
        return p.name_en if named and self.explicit else ""


def _locate(doc: Document, m: TriggerMatch) -> Where:
    clause = clause_of(doc, m.start, m.sentence)
    cut = motive_start(m)
    if cut is None:
        return Where(clause, *pick_place(doc, m.start, clause, m.sentence))
    own = Span(clause.start, min(clause.end, cut), "", clause.label), Span(m.sentence.start, cut, "", m.sentence.label)
    return Where(clause, *pick_place(doc, m.start, *own))  # "قتل جنديين قرب الحدود ردا على هجوم سروج": not Suruç


def _in_conflict_context(doc: Document, m: TriggerMatch, lexicon) -> bool:
    """Words like سيطر / تحرير / هجوم / إنشاء مقر are events only among armed actors.

    Outside the sub-types that name violence or protest by themselves, a trigger needs an armed
    actor (state forces, rebels, militias, foreign forces) or a fighting word in its sentence:
    "المال سيطر على المشاعر" and "تحرير الأسعار" are not territory changes.
    """
    if m.sub_event_type in CONTEXT_FREE and (not m.trigger.generic or m.weapon_cue
                                             or m.trigger.sub_event_type == "Shelling/artillery/missile attack"):
        return True
    after = doc.tokens_in(m.end, m.sentence.end)
    if after and strip_article(after[0].norm) in lexicon.terror:
        return True  # "التفجير الإرهابي الذي استهدف المسجد"
    between = _between_sides(doc, m)
    if between is not None:  # "اشتباك بين طبيب وذوي مريضة": the sides named are who fought
        return any(a.inter in ARMED_INTER for a in doc.index(doc.actors).starting_in(*between)) or \
            lexicon.combatant.find([k for t, k in zip(m.tokens, m.keys, strict=True) if between[0] <= t.start < between[1]]) is not None
    territory = m.sub_event_type in TERRITORY
    if any((a.inter in ARMED_INTER or (a.inter == 7 and not territory)) and a.confidence >= 0.35
           for a in doc.index(doc.actors).starting_in(m.sentence.start, m.sentence.end)):
        return True  # armed actors, or civilians as victims of violence
    return lexicon.combatant.find(m.keys) is not None


_BETWEEN = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:بين|ما\s+بين)\s+")


def _between_sides(doc: Document, m: TriggerMatch) -> tuple[int, int] | None:
    """For a clash, the span of "بين A و B" right after the trigger (to the clause's end), if any."""
    if m.sub_event_type != "Armed clash":
        return None
    stop = min(m.sentence.end, m.end + 160)
    hit = _BETWEEN.match(doc.text[m.end : stop])
    if hit is None:
        return None
    start = m.end + hit.end()
    cut = re.search(r"[،,.؛:]", doc.text[start:stop])
    return start, (start + cut.start()) if cut else stop


def _codable(ev: Event, candidates: list[Event]) -> bool:
    """A plan, threat or possibility is coded only where its clause names its place; the intended use of
    a seized weapon ("عبوات معدة لاستهداف القوات") is part of the seizure, not another event."""
    if ev.status == "occurred":
        return True
    if not ev.place_in_clause or ev.location_kind == "country":
        return False  # "خطة … لطرد داعش" with only a country named in the sentence: too vague to code
    return not (ev.event_type == "Explosions/Remote violence" and any(
        c.sub_event_type == "Disrupted weapons use" and c.evidence["start"] == ev.evidence["start"] for c in candidates))


def _next_clause_end(doc: Document, clause: Span, sentence: Span) -> int:
    """End of the clause after ``clause`` in its sentence ("قد يستهدفون من قاعدة التنف، المزيد … في البوكمال")."""
    following = doc.index(doc.spans.get("clauses", [])).starting_in(clause.end, sentence.end)
    return min(following, key=lambda c: c.start).end if following else clause.end


def _commentary(ev: Event) -> bool:
    """An analyst's or commentator's mention of an undated event is opinion, not a report (ACLED)."""
    return (ev.attribution or {}).get("kind") == "commentator" and not ev.date_explicit


def _strength(m: TriggerMatch) -> tuple[float, int]:
    return (m.trigger.weight + (0.0 if m.trigger.generic else 0.2), -m.start)


def _build_all(doc: Document, m: TriggerMatch, types: dict[str, tuple[str, str]], where: Where) -> list[Event]:
    """One event per trigger — or one per place when the trigger's places are a list."""
    place, clause = where.place, where.clause
    places = coordinated(doc, place) if place is not None and where.explicit else [place]
    if len(places) == 1:
        built = [_build(doc, m, types, clause, place, where.geo_precision, where.explicit)]
    else:
        built = [_build(doc, m, types, clause, p, place_precision(p), True) for p in places]
        for prev, p, ev in zip(places, places[1:], built[1:], strict=False):
            count = _PARALLEL_COUNT.match(normalize(doc.text[prev.end : p.start]))
            if ev is not None and ev.fatalities is not None and count:
                ev.fatalities = int(count.group(1))  # "قتل 3 في دوما و2 في داريا": each town its own toll
    return [ev for ev in built if ev is not None]


_PARALLEL_COUNT = re.compile(r"^[\s،,]*و\s*(\d+)\s")


def _build(doc: Document, m: TriggerMatch, types: dict[str, tuple[str, str]], clause, place, geo_precision: int,
           place_explicit: bool) -> Event | None:
    sentence = m.sentence
    event_date, precision, timex, stated = pick_date(doc, m.start, clause, sentence)
    dated_in_clause = timex is not None and clause.start <= timex.start < clause.end
    roles = pick_actors(doc, m.start, m.end, clause, sentence, one_sided=types[m.sub_event_type][0] != "Battles")
    sub = m.sub_event_type
    source = source_for(doc, m.start)
    if sub in TERRITORY and roles.actor2 is not None and is_civilian(roles.actor2):
        roles = Roles(roles.actor1, None)  # territory is taken from an armed side; civilians nearby are no party
    if sub in TERRITORY and roles.actor1 is not None and (roles.actor2 is None or roles.actor2.start < m.start) \
            and _expelled(doc, m, roles.actor1.canonical):
        # "تم طرد الحوثيين من المعسكر": who is driven out lost the ground; a side the rules had as the target
        # before it ("أسرى في أيدي المقاومة … بعد دحر المليشيا") is then who drove them out ("طرد المقاومة
        # الحوثيين": a side named after it is the object, the first its agent)
        other = roles.actor2 if roles.actor2 is not None and roles.actor2.canonical != roles.actor1.canonical else None
        roles = Roles(other, roles.actor1)
    if sub in TERRITORY and roles.actor1 is not None and roles.actor1.inter is not None:
        sub = _territory_kind(roles.actor1)
    if m.trigger.generic and not m.weapon_cue and sub in AIR_OR_GROUND and roles.actor1 and air_power(roles.actor1.canonical):
        sub = "Air/drone strike"  # "قصف التحالف محلات تجارية": the coalition bombs from the air
    if sub == "Attack" and roles.actor2 is not None and roles.actor2.inter not in (7, None) and roles.actor1 is not None:
        sub = "Armed clash"
    event_type, disorder = types[sub]
    status = factuality(doc, m.start, clause.start, source.cue if source else None)
    if status == "occurred" and event_type != "Battles" and sub != "Disrupted weapons use" and is_foiled(doc, m.start, clause.start):
        status = "planned_or_threatened"  # "أحبطت السلطات هجوما انتحاريا": foiled, so it did not happen
    if status == "occurred" and sub in TERRITORY and is_attempt(doc, m.start, sentence.start):
        status = "planned_or_threatened"  # "يحاولون استعادة الأحياء": an attempt changes no hands
    if status == "occurred" and event_date and doc.published and event_date > doc.published.isoformat():
        # what happened is not dated after the report: that day belongs to another clause ("خلال الأسبوع المقبل")
        event_date, precision, timex, stated = pick_date(doc, m.start, clause, sentence, past=True)
        dated_in_clause = timex is not None and clause.start <= timex.start < clause.end
    if event_date and (offset := anchor_offset(doc, m.start)) is not None:
        shifted = (date.fromisoformat(event_date) + offset).isoformat()  # "بعد ثلاثة أيام على الهجوم"
        event_date = shifted if status != "occurred" or not doc.published or shifted <= doc.published.isoformat() else event_date
    if status == "negated" and not _denied_act(doc, m, clause):
        return None  # "الهدف هو خدمة أمن تركيا، وليس قتال الأسد": a negated noun is no event at all
    if status == "occurred" and not dated_in_clause and _present_tense(doc, m):
        return None  # "المخططات التي تستهدف قوات الجيش": a present-tense generality, not a report
    undated = status == "planned_or_threatened" or (status == "possible" and is_future_possibility(doc, m.start, clause.start))
    if undated and not dated_in_clause:
        event_date, precision = None, 3  # a plan or threat with no day stated in its clause has no event date
    ev = Event(
        doc_id=doc.doc_id,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=disorder,
        status=status,
        evidence={"text": sentence.text, "start": sentence.start, "end": sentence.end},
        trigger={"text": doc.text[m.start : m.end], "start": m.start, "end": m.end},
        event_date=event_date,
        time_precision=precision,
        source=doc.article.source,
    )
    _set_place(ev, place, geo_precision)
    ev.location_explicit = place_explicit
    ev.place_in_clause = place is not None and clause.start <= place.start < _next_clause_end(doc, clause, sentence)
    _assign_actors(ev, roles, m, clause)
    if timex is not None:
        ev.date_explicit = stated
        if not ev.date_explicit:
            ev.time_precision = max(ev.time_precision, 2)  # a day the event inherits is known only to the week
        ev.date_ar = timex.text
        ev.spans["date"] = [timex.start, timex.end]
    ev.fatalities = _fatalities(doc, clause, sentence, event_type, sub)
    if source is not None:
        ev.attribution = {"text": source.text, "start": source.start, "end": source.end, "kind": source.kind}
    ev.is_background = is_background(event_date, doc.published)
    ev.countries = frozenset(p.country_code for p in doc.index(doc.places).starting_in(sentence.start, sentence.end) if p.country_code)
    ev.generic = m.trigger.generic and not m.weapon_cue and m.trigger.sub_event_type in load_lexicon().refinable
    ev.refined = m.sub_event_type != m.trigger.sub_event_type
    ev.confidence = _confidence(m, ev)
    ev.party_named = _names_party(ev)
    if event_type not in ("Protests", "Riots"):  # the crowd is actor1 there (_demonstrators)
        learned = _learned_actors(doc, m, sentence, clause, event_type, place, roles)
        if learned != roles:
            for role in ("1", "2"):
                _clear(ev, role)
            _assign_actors(ev, learned, m, clause)
            if ev.sub_event_type in TERRITORY and learned.actor1 is not None and learned.actor1.inter is not None:
                ev.sub_event_type = _territory_kind(learned.actor1)  # who took it decides which kind
    if ev.sub_event_type == "Air/drone strike" and ev.inter1 in NON_STATE_ARMED:
        _no_air_force(doc, ev, clause)
        if m.borrowed and ev.inter1 in NON_STATE_ARMED:
            ev.sub_event_type = m.trigger.sub_event_type  # an armed group's attack after a paragraph of air raids
    if ev.sub_event_type == GROUP_CHANGE:
        _in_group_country(doc, ev)
    ev.civilian_targeting = event_type == "Violence against civilians" or bool(ev.actor2 and ev.actor2.startswith("Civilians"))
    return ev


GROUP_CHANGE = "Change to group/activity"


def _expelled(doc: Document, m: TriggerMatch, canonical: str) -> bool:
    """Is this actor the object of a word of driving out, named right after it ("طرد الحوثيين", "دحر التنظيم")?"""
    word = expel_word(m.tokens[m.last].norm)  # «وطرد الميليشيات» as «طرد الميليشيات»
    after = doc.index(doc.actors).starting_in(m.end, m.end + 3)
    before = doc.tokens_in(max(m.sentence.start, m.start - 12), m.start)[-1:]
    relative = bool(before) and before[0].norm in RELATIVES  # "الوحدات التي طردت التنظيم": the subject came first
    if word is None or (word.endswith(("ت", "وا")) and not relative and takes_subject_after(doc, m.start, m.end, after)):
        return False  # "طردت المقاومة الحوثيين": after a verb, its subject (a bare «طرد» is mostly the noun)
    return any(
        a.canonical == canonical and not doc.text[m.end : a.start].strip() for a in after)


def _in_group_country(doc: Document, ev: Event) -> None:
    """A new leader or a split happens to the whole group, not at the town its sentence names ("أعلن تعيينه
    الجمعة" near Kandahar): it is coded in the group's country, precision 3 — at that country's mention nearest
    the trigger when the article names it, else at the country itself with no words to point to."""
    group = actor_at(doc, ev.spans.get("actor1"))
    if group is None or not group.country or group.inter not in NON_STATE_ARMED:
        return
    named = [p for p in doc.places if p.kind == "country" and p.country_code == group.country]
    if named:
        _set_place(ev, min(named, key=lambda p: abs(p.start - ev.trigger["start"])), 3)
        return
    country = default_gazetteer().country(group.country)
    if country is None:
        return
    ev.spans.pop("location", None)
    ev.location, ev.location_ar, ev.location_kind, ev.within_town = country.name_en, None, "country", None
    ev.latitude, ev.longitude, ev.geonameid, ev.admin1, ev.admin2 = country.lat, country.lon, None, None, None
    ev.geo_precision, ev.country_code = 3, group.country
    ev.country, ev.iso = _country(group.country)
    _at_capital(ev)


def _no_air_force(doc: Document, ev: Event, clause: Span) -> None:
    """An armed group has no aircraft. Where actor2 is a state's or a coalition's aircraft ("القصف المكثف لطيران
    التحالف"), the two were read the wrong way round and swap; where such aircraft are named elsewhere in the
    clause, the group is what was hit ("قتل عناصر من التنظيم في الغارات التركية")."""
    target = ev.spans.get("actor2")
    if target and _flies(ev.inter2, ev.actor2, doc.text[target[0] : target[1]]):
        _swap_actors(ev)
    elif any(_flies(a.inter, a.canonical, a.text) for a in doc.index(doc.actors).starting_in(clause.start, clause.end)):
        if ev.actor2 is None:
            _swap_actors(ev)
        _clear(ev, "1")


_AIR_WORDS = re.compile(r"طيران|طاير|مقاتلات|جوي|سلاح الجو")


def _flies(inter: int | None, canonical: str | None, text: str) -> bool:
    """A state's or a coalition's aircraft ("مقاتلات تركية", "طيران التحالف")."""
    return inter in (1, 8) and (air_power(canonical) or bool(_AIR_WORDS.search(normalize(text))))


def _swap_actors(ev: Event) -> None:
    for attr in ("actor{}", "actor{}_ar", "inter{}"):
        one, two = getattr(ev, attr.format(1)), getattr(ev, attr.format(2))
        setattr(ev, attr.format(1), two)
        setattr(ev, attr.format(2), one)
    one, two = ev.spans.pop("actor1", None), ev.spans.pop("actor2", None)
    if two is not None:
        ev.spans["actor1"] = two
    if one is not None:
        ev.spans["actor2"] = one


def _territory_kind(actor: ActorMention) -> str:
    """ACLED: rebels (inter 2) overtake territory; state forces and their allies regain it."""
    return "Non-state actor overtakes territory" if actor.inter == 2 else "Government regains territory"


def _assign_actors(ev: Event, roles: Roles, m: TriggerMatch, clause: Span) -> None:
    _set_actors(ev, roles)
    _localise_generic_actors(ev)
    if ev.event_type in ("Protests", "Riots"):
        _demonstrators(ev, "Protesters" if ev.event_type == "Protests" else "Rioters")
    elif ev.event_type == "Violence against civilians" and ev.actor2 is None and ev.country_code:
        _civilian_victims(ev)
    elif ev.event_type == "Explosions/Remote violence" and ev.actor2 is None and ev.country_code and _hits_civilians(m, clause):
        _civilian_victims(ev)  # "إصابة رجل وزوجته بانفجار قنبلة … على منزلهما": the victims are civilians


def _one_side(ev: Event) -> None:
    """One actor is not both sides. Who is named took ground, demonstrated, arrested, fought or flew the strike
    («سيطرت المقاومة على …», «قصف جوي للقوات العراقية»); in the other violence it is who was hit («قتل خمسة من
    قوات الأمن في هجوم», «هجوم استهدف دورية أمنية»). 284 records of the 30k articles had one actor on both sides."""
    keeps_actor1 = (ev.sub_event_type in TERRITORY or ev.event_type in ("Protests", "Riots")
                    or ev.sub_event_type == "Armed clash"
                    or (ev.sub_event_type in ("Arrests", "Air/drone strike") and ev.inter1 in (1, 8)))
    _clear(ev, "2" if keeps_actor1 else "1")


def _learned_actors(doc: Document, m: TriggerMatch, sentence: Span, clause: Span, event_type: str,
                    place: Place | None, roles: Roles) -> Roles:
    """actor1 as the learned model ranks the mentions around the trigger (rasd.events.roles); the
    rules' actor2 stays, and where the model would make that target the actor, the rules' roles stand."""
    if not actor_roles.ENABLED or (roles.actor1 is not None and m.start <= roles.actor1.start < m.end):
        return roles  # the bomber in the trigger's own words ("فجر انتحاري نفسه") stays
    if roles.actor1 is not None and masdar_agent(doc, roles.actor1, m.end) and not takes_subject_after(
            doc, m.start, m.end, [roles.actor1]):
        return roles  # so does the group right after the verbal noun ("سيطرة تنظيم داعش على مدينة تدمر")
    ctx = actor_roles.Context(m.start, m.end, sentence, clause, event_type, m.sub_event_type,
                              place.country_code if place is not None else None, roles.actor2)
    decided, actor1 = actor_roles.choose_actor1(doc, ctx)
    if not decided or (actor1 is not None and roles.actor2 is not None and actor1.canonical == roles.actor2.canonical):
        return roles
    if actor1 is not None and actor1 is not roles.actor1 and (
            reports_another(doc, actor1, m.start)
            or (roles.actor1 is not None and reporting_source(doc, actor1, m.start) is not None)):
        return roles  # "قال الجيش في بيان إن مسلحين هاجموا …": who reports it is not who did it
    return Roles(actor1, roles.actor2)


def _present_tense(doc: Document, m: TriggerMatch) -> bool:
    """Is the trigger a bare present-tense verb ("تستهدف", "يقصف")? Undated, it states a generality."""
    word = dediac(doc.text[m.start : m.end])
    norm = normalize(word)
    if norm[:1] in ("و", "ف") and norm[1:2] in ("ي", "ت") and len(norm) > 4:
        word, norm = word[1:], norm[1:]  # "وتستهدف": the conjunction does not make it past
    if _MASDAR_II.fullmatch(norm):
        return False  # "تفكيك" (تفعيل) is a noun, though the analyser reads the doubled root as a verb
    analysis = best_analysis(word) if norm[:1] in ("ي", "ت") and len(norm) > 3 else None
    if analysis is None or analysis.pos != "فعل" or analysis.tense != "مضارع":
        return False
    # "تظاهر" reads as present تُفاعِل but is mostly the past تَفاعَلَ
    return not (norm[0] == "ت" and analysis.pattern in _PAST_LOOKALIKE)


_PAST_LOOKALIKE = frozenset({"تُفَاعِل", "تُفَعِّل", "تُفْعِل", "تُفْعَل"})
_MASDAR_II = re.compile("ت..ي.")


def _denied_act(doc: Document, m: TriggerMatch, clause: Span) -> bool:
    """A denial ("نفى الجيش قصف المدينة") or a negated verb ("لم تقصف الطائرات المدينة") reports a claim
    about an event; a negated verbal noun ("وليس قتال", "عدم استهداف") names none."""
    return is_denial(doc, m.start, clause.start) or is_verb(dediac(doc.text[m.start : m.end]))


def _fatalities(doc: Document, clause, sentence, event_type: str, sub: str) -> int | None:
    """Deaths stated in the trigger's clause; violent events may take them from the sentence."""
    if event_type in ("Protests", "Strategic developments") or sub in TERRITORY:
        return fatalities(doc.text[clause.start : clause.end]) if event_type != "Protests" else None
    found = fatalities(doc.text[clause.start : clause.end])
    return found if found is not None else fatalities(doc.text[sentence.start : sentence.end])


def _demonstrators(ev: Event, category: str) -> None:
    """ACLED codes the demonstrators as actor1 ("Protesters (Iraq)"), the force facing them as actor2,
    and a group they belong to ("أنصار حزب الله") as assoc_actor_1."""
    actor = get_actor(f"gen.{category.lower()}.{ev.country_code}") if ev.country_code else None
    if actor is None:
        return
    crowd = ("Protesters", "Rioters", "Civilians")
    if ev.actor2 and ev.actor2.startswith(crowd):
        _clear(ev, "2")
    if ev.actor2 and ev.inter2 != 1:  # a party or movement is who the demonstrators are, not whom they face
        ev.assoc_actor_1 = ev.actor2
        _clear(ev, "2")
    if ev.actor1 and not ev.actor1.startswith(crowd):
        facing = ev.sub_event_type in ("Protest with intervention", "Excessive force against protesters")
        if facing and ev.inter1 in ARMED_INTER and ev.actor2 is None:
            ev.actor2, ev.actor2_ar, ev.inter2 = ev.actor1, ev.actor1_ar, ev.inter1
            if "actor1" in ev.spans:
                ev.spans["actor2"] = ev.spans.pop("actor1")
        else:
            ev.assoc_actor_1 = ev.actor1
    ev.actor1, ev.inter1 = actor.name, actor.inter


def _localise_generic_actors(ev: Event) -> None:
    """"مسلحون مجهولون" are the unidentified armed group of the country where the event happened
    (ACLED), not of the country the article is mostly about; a generic actor with no country yet («Police Forces»,
    «Protesters») takes the event's, wherever that came from (about 170 records of the 30k articles had none)."""
    if not ev.country_code:
        return
    for role in ("1", "2"):
        actor = get_actor(getattr(ev, f"actor{role}") or "")
        if actor is None or not actor.id.startswith("gen.") or not actor.category or actor.country == ev.country_code:
            continue
        if not ev.location_explicit and actor.country is not None:
            continue  # a fallback place does not move a country's actor; a bare «Police Forces» takes its country
        local = load_dictionary().for_category(actor.category, ev.country_code)
        if local is not None and local.country == ev.country_code:
            setattr(ev, f"actor{role}", local.name)
            setattr(ev, f"inter{role}", local.inter)
        elif ev.country:  # a country the dictionary has no entry for: the category's ACLED name for it
            template = load_dictionary().categories[actor.category].name
            setattr(ev, f"actor{role}", template.format(country=ev.country))


def _hits_civilians(m: TriggerMatch, clause: Span) -> bool:
    """Civilian victims or places ("مدنيين", "أطفال", "منزل", "سوق") named in the trigger's clause."""
    keys = [k for t, k in zip(m.tokens, m.keys, strict=True) if clause.start <= t.start < clause.end]
    return load_lexicon().civilian.find(keys) is not None


def _civilian_victims(ev: Event) -> None:
    """ACLED: the victims of violence against civilians are "Civilians (country)" when unnamed."""
    actor = get_actor(f"gen.civilians.{ev.country_code}")
    if actor is not None:
        ev.actor2, ev.inter2 = actor.name, actor.inter


def _clear(ev: Event, role: str) -> None:
    setattr(ev, f"actor{role}", None)
    setattr(ev, f"actor{role}_ar", None)
    setattr(ev, f"inter{role}", None)
    ev.spans.pop(f"actor{role}", None)


def _set_place(ev: Event, place, geo_precision: int) -> None:
    if place is None:
        return
    ev.location, ev.location_ar, ev.location_kind = place.name_en, place.text, place.kind
    ev.within_town = parent_town((place.extra or {}).get("subtype"))
    ev.latitude, ev.longitude, ev.geonameid = place.latitude, place.longitude, place.geonameid
    ev.admin1, ev.admin2 = place.admin1, place.admin2
    ev.geo_precision = geo_precision
    ev.country_code = place.country_code
    ev.country, ev.iso = _country(place.country_code)
    ev.spans["location"] = [place.start, place.end]
    if place.kind == "country":
        _at_capital(ev)


def _at_capital(ev: Event) -> None:
    """An event known only to its country is put at the capital (ACLED, the annotation guideline), not at the
    country's middle: Yemen's is in the empty quarter, 330 km from Sanaa."""
    capital = capital_of(ev.country_code) if ev.country_code else None
    if capital is not None:
        ev.latitude, ev.longitude, ev.geo_precision = capital.lat, capital.lon, 3


def _set_actors(ev: Event, roles) -> None:
    if roles.actor1 is not None:
        ev.actor1, ev.actor1_ar, ev.inter1 = roles.actor1.canonical, roles.actor1.text, roles.actor1.inter
        ev.spans["actor1"] = [roles.actor1.start, roles.actor1.end]
    if roles.actor2 is not None:
        ev.actor2, ev.actor2_ar, ev.inter2 = roles.actor2.canonical, roles.actor2.text, roles.actor2.inter
        ev.spans["actor2"] = [roles.actor2.start, roles.actor2.end]


@cache
def _countries() -> dict[str, tuple[str, int | None]]:
    return {cc: (c["name"], int(c["isonumeric"]) if str(c.get("isonumeric", "")).isdigit() else None)
            for cc, c in geonames_countries().items()}


def _country(code: str | None) -> tuple[str | None, int | None]:
    if not code:
        return None, None
    return _countries().get(code, (None, None))


def _confidence(m: TriggerMatch, ev: Event) -> float:
    """How sure the record is: the trigger's weight, a specific word, and the arguments found."""
    score = m.trigger.weight + (0.0 if m.trigger.generic else 0.1)
    score += 0.1 if ev.location else 0.0
    score += 0.1 if ev.actor1 or ev.actor2 else 0.0
    score += 0.05 if ev.fatalities else 0.0
    if not ev.location and not (ev.actor1 or ev.actor2):
        score -= 0.1
    if ev.location_kind in ("country", "region") and m.trigger.generic and not m.weapon_cue:
        score -= 0.1  # "الهجمات" somewhere in a country: a reference more than a report (not "ضربات" of jets)
    return max(0.0, min(1.0, score))


def _merge(events: list[Event], body_start: int) -> list[Event]:
    """One record per real event: same sub-type, compatible place and day.

    Mentions with a precise place (a town, site or district named with the event) are grouped
    first; a vague mention (country, governorate, fallback place, headline) then joins the first
    compatible group instead of gluing distinct precise events together.
    """
    kept: list[Event] = []
    precise = [e for e in events if _is_precise(e)]
    vague = [e for e in events if not _is_precise(e)]
    for ev in precise + vague:
        twin = next((k for k in kept if _same(k, ev) or _headline_twin(k, ev, body_start)
                     or _headline_twin(ev, k, body_start)), None)
        if twin is None:
            kept.append(ev)
        elif ev.evidence["start"] < body_start <= twin.evidence["start"] and not _is_precise(twin):
            _absorb(ev, twin, body_start)  # keep the headline's record, filled from the body
            kept[kept.index(twin)] = ev
        else:
            _absorb(twin, ev, body_start)
    return sorted(kept, key=lambda e: (e.evidence["start"], e.trigger["start"]))


SAME_PLACE_KM = 5  # two differently named places further apart are two events (ACLED)
NEAR_SAME_DAY_KM = 25  # both stated to be on the same day: nearby landmarks describe one event
REGION_KM = 100
IMPLICIT_DATE_SLACK = 7  # a mention with no date of its own joins one dated within a week
_STATED_SLACK = {1: 1, 2: 7, 3: 15}  # days apart two stated dates may be, by the vaguer one's precision


BOMBING = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})


def _bare(ev: Event) -> bool:
    return not ev.location_explicit and not ev.date_explicit


def _is_precise(ev: Event) -> bool:
    return ev.location is not None and ev.location_explicit and (ev.geo_precision or 3) <= 2


def _more_specific(a: Event, b: Event) -> bool:
    if a.within_town is not None and a.within_town == b.location and not b.place_in_clause:
        return True  # the neighbourhood over a town named only near the event ("… في المدينة")
    return _specificity(a) > _specificity(b)


def _specificity(ev: Event) -> tuple[bool, int, int]:
    """Stated with the event, then finer precision, then finer kind: a province over its country (KIND_RANK)."""
    return ev.location_explicit, -(ev.geo_precision or 3), -KIND_RANK.get(ev.location_kind or "", 3)


def _same(a: Event, b: Event) -> bool:
    """Two mentions of one event: same sub-type and status, compatible day and place.

    A date or place that was not stated with the mention (publication default, fallback place,
    a whole country) is compatible with any other.
    """
    if a.status != b.status and {a.status, b.status} != {"occurred", "possible"}:
        return False  # a suspected detail ("يشتبه بأنه انتحاري") is still the same event
    if a.sub_event_type != b.sub_event_type:
        # a generic mention ("الهجوم", "التفجير") is the same event as a specific one of its kind;
        # "تحرير عدن" and "سيطرة القوات على عدن" are one change of hands, whoever the text makes the agent
        violent = a.event_type in VIOLENT and b.event_type in VIOLENT and not _blast_and_other(a, b)
        territory = a.sub_event_type in TERRITORY and b.sub_event_type in TERRITORY
        # "سيارة مفخخة في الحي" … "هجوم انتحاري بسيارة مفخخة في الحي نفسه"
        bombing = {a.sub_event_type, b.sub_event_type} <= BOMBING and (
            (a.location_explicit and b.location_explicit) or _bare(a) or _bare(b))
        if not (territory or bombing or ((a.generic or b.generic) and (a.event_type == b.event_type or violent))):
            return False
        if a.location != b.location and _precise(a) and _precise(b) and not _in_town_of(a, b):
            return False  # two differently typed attacks at two named places are two events
    apart = _days_apart(a.event_date, b.event_date)
    vague = max(a.time_precision, b.time_precision)  # a week or a month stated: days within it are one
    if (a.date_explicit and b.date_explicit and apart > _STATED_SLACK[vague]) or apart > max(IMPLICIT_DATE_SLACK, _STATED_SLACK[vague]):
        return False
    if a.location is None or b.location is None:
        return True
    if "country" in (a.location_kind, b.location_kind):
        # a country-level mention is compatible with a precise one in that country
        return (a.country_code == b.country_code or a.country_code in b.countries or b.country_code in a.countries)
    if a.latitude is None or b.latitude is None:
        return a.location == b.location
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    same_kind = a.sub_event_type == b.sub_event_type or {a.sub_event_type, b.sub_event_type} <= BOMBING
    if (_bare(a) or _bare(b)) and same_kind:
        # "وحمل مسؤول الحزب مسؤولية الهجوم الانتحاري": a later mention with no place or day of its own,
        # wherever the fallback placed it (a country named in the sentence before: where it was condemned)
        return True
    if not (a.location_explicit and b.location_explicit) or 3 in (a.geo_precision, b.geo_precision):
        # a governorate, region or fallback place: the other lies in it (same admin1) or near it
        return (a.admin1 is not None and a.admin1 == b.admin1) or km <= REGION_KM
    if _in_town_of(a, b) and apart <= 1:
        return True  # strikes on a town and on its neighbourhoods ("الحوبان شرقي مدينة تعز") in one day: one event
    # on one stated day a landmark and the town around it are one event; two named towns stay two
    landmark = "site" in (a.location_kind, b.location_kind)
    same_day = a.date_explicit and b.date_explicit and apart == 0 and landmark
    return a.location == b.location or km <= (NEAR_SAME_DAY_KM if same_day else SAME_PLACE_KM)


def _blast_and_other(a: Event, b: Event) -> bool:
    """A generic blast ("الانفجار") is an explosion still: not the same event as a clash named as such
    ("اشتباكات"); with another generic mention ("الهجوم") it may be."""
    blast = "Explosions/Remote violence"
    if (a.event_type == blast) == (b.event_type == blast):
        return False
    other = b if a.event_type == blast else a
    return not other.generic


def _in_town_of(a: Event, b: Event) -> bool:
    """Is one place a neighbourhood of the other's town ("سلطان بايلي" in Istanbul)?"""
    return a.location is not None and b.location is not None and (a.location == b.within_town or b.location == a.within_town)


_TYPE_RANK = {"Explosions/Remote violence": 0, "Violence against civilians": 1, "Battles": 2}


def _precise(ev: Event) -> bool:
    return ev.location_explicit and ev.location_kind in ("populated", "site")


def _rank(ev: Event) -> int:
    """Between two generic mentions, the more informative type wins (a bombing over a clash)."""
    return _TYPE_RANK.get(ev.event_type, 3)


def _headline_twin(title_event: Event, body_event: Event, body_start: int) -> bool:
    return (title_event.evidence["start"] < body_start <= body_event.evidence["start"]
            and title_event.sub_event_type == body_event.sub_event_type and title_event.status == body_event.status)


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0 if a == b else 999
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _absorb(keep: Event, other: Event, body_start: int) -> None:
    """Fill what ``keep`` lacks from ``other``; fatalities: the most conservative non-null figure."""
    if (keep.generic and not other.generic) or (keep.generic and other.generic and _rank(other) < _rank(keep)):
        keep.sub_event_type, keep.generic = other.sub_event_type, other.generic
        keep.event_type, keep.disorder_type = other.event_type, other.disorder_type
    from_title = keep.evidence["start"] < body_start <= other.evidence["start"]
    if from_title:
        keep.evidence, keep.trigger = other.evidence, other.trigger  # the body sentence over the headline
    if other.location is not None and (keep.location is None or from_title or _more_specific(other, keep)):
        for attr in ("location", "location_ar", "latitude", "longitude", "geonameid", "admin1", "admin2",
                     "geo_precision", "country", "country_code", "iso", "location_kind", "within_town"):
            setattr(keep, attr, getattr(other, attr))
        keep.location_explicit = other.location_explicit
        if "location" in other.spans:
            keep.spans["location"] = other.spans["location"]
    for role in ("1", "2"):
        mine, theirs = getattr(keep, f"actor{role}"), getattr(other, f"actor{role}")
        # a named side (a claim, the blamed group) replaces "unidentified armed men" of another mention
        unnamed = (mine is not None and mine.startswith("Unidentified") and theirs is not None
                   and not theirs.startswith("Unidentified") and getattr(other, f"inter{role}") in NON_STATE_ARMED)
        if (mine is None or unnamed) and theirs is not None:
            for attr in (f"actor{role}", f"actor{role}_ar", f"inter{role}"):
                setattr(keep, attr, getattr(other, attr))
            if f"actor{role}" in other.spans:
                keep.spans[f"actor{role}"] = other.spans[f"actor{role}"]
    keep.party_named = keep.party_named or other.party_named
    if other.fatalities is not None:
        keep.fatalities = other.fatalities if keep.fatalities is None else min(keep.fatalities, other.fatalities)
    if other.date_explicit and not keep.date_explicit:
        keep.event_date, keep.time_precision, keep.date_ar = other.event_date, other.time_precision, other.date_ar
        keep.date_explicit, keep.is_background = True, other.is_background
        if "date" in other.spans:
            keep.spans["date"] = other.spans["date"]
    if "occurred" in (keep.status, other.status):
        keep.status = "occurred"
    if keep.attribution is None:
        keep.attribution = other.attribution
    keep.confidence = max(keep.confidence, other.confidence)
