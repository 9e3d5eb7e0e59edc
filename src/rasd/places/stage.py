"""The places stage: match (matcher), build the article context, resolve (resolve), write Places."""

from __future__ import annotations

import re
from dataclasses import replace

from anyascii import anyascii

from rasd.document import Document, Place
from rasd.places.gazetteer import Candidate, Gazetteer, default_gazetteer, fold, name_key, town_candidate
from rasd.places.lexicon import Lexicon, lexicon
from rasd.places.matcher import Mention, compass_before, find_mentions, readings
from rasd.places.resolve import Context, choose, is_common_word, is_place, rank, to_place
from rasd.places.spelling import by_spelling
from rasd.text.normalize import normalize
from rasd.text.tokens import Token, candidate_stems, tokenize

_LISTS = frozenset({"،", ",", "و", "، و", ", و"})
# "دوما في محافظة نابلس", "دوما بمدينة نابلس", "قرب الحسكة"
_IN_TOWN = re.compile(r"^(?:(?:الواقعه|التابعه)\s*)?(?:في|فى|قرب|ب|ل)\s*(?:(?:مدينه|بلده|قريه|محافظه|منطقه|ناحيه|قضاء|مديريه|ولايه)\s*)?$")
_LINKS = frozenset({"", "في", "ب", "من", "،", ",", "-", "فى", "التابعه ل", "التابعه", "الواقعه في", "الواقعه", "قرب"})


def resolve_places(doc: Document, gaz: Gazetteer | None = None) -> Document:
    """Fill ``doc.places`` with every place mention (repeats kept, each with its offsets)."""
    gaz = gaz or default_gazetteer()
    lex = lexicon()
    toks = doc.tokens or tokenize(doc.text)
    mentions = find_mentions(toks, gaz, lex)
    _link(mentions, toks, doc.text, lex)
    ctx = build_context(doc, mentions, lex)
    ctx.named.update(filter(None, (lex.nisba_country(t.norm) for t in toks)))  # «اليمني», «التونسية»
    places = [to_place(doc, m, m.candidates[0], 0.8, gaz) for m in _own_country(toks, mentions, ctx, gaz, lex)]
    unknown = []
    for m in mentions:
        if m.key in lex.own_country or _names_an_organisation(m, toks, lex) or _quoted_outlet(doc, m, lex):
            continue
        if m.extra.get("unknown_town"):
            m, spelt = _by_spelling(doc, m, ctx, gaz)
            if spelt is not None:
                places.append(to_place(doc, m, spelt, 0.6, gaz))
            else:
                unknown.append(m)
            continue
        if m.unresolved_site:
            unknown.append(m)
            continue
        if _club_name(doc, m, lex):
            continue
        best, conf = choose(m, ctx)
        if best is not None and is_place(m, best, ctx, lex):
            places.append(_facility(doc, m, to_place(doc, m, best, conf, gaz), lex))
    places.sort(key=lambda p: p.start)
    placed = [(m, _near_host(doc, m, places)) for m in unknown]
    places.extend(p if p is not None else _unplaced_site(doc, m, gaz, lex)
                  for m, p in placed if p is not None or m.unresolved_site)
    doc.places = sorted((_with_adjective(doc, p, lex) for p in places), key=lambda p: p.start)
    return doc


_NEXT_WORD = re.compile(r" ([\u0621-\u0652]+)")


def _with_adjective(doc: Document, place: Place, lex: Lexicon) -> Place:
    """"قاعدة انجرليك الجوية", "مستشفى القطيف المركزي": a site's name goes on over its adjective."""
    if place.kind != "site" or not lex.site_adjectives:
        return place
    m = _NEXT_WORD.match(doc.text, place.end)
    if m is None or name_key(m.group(1)) not in lex.site_adjectives:
        return place
    end = m.end()
    return replace(place, text=doc.text[place.start:end], end=end)


NEARBY = "nearby place"  # coord_source of a name no gazetteer has, placed at its sentence's town
_SENTENCE_END = re.compile(r"[.!؟?\n]")


def _near_host(doc: Document, m: Mention, places: list[Place]) -> Place | None:
    """A town or site the gazetteer lacks stands at the nearest known place of its sentence, the first
    after it ("قرية المفتاحة في ريف حلب", "معسكر لبوزة في لحج") or else the last before it
    (geo_precision 2, as ACLED codes a village it cannot find); None when the sentence has none (an
    unknown site stays a mention without coordinates, a bare word after «قرية» is left out)."""
    begin = max((e.end() for e in _SENTENCE_END.finditer(doc.text, max(0, m.start - 400), m.start)), default=0)
    stop = _SENTENCE_END.search(doc.text, m.end)
    stop_at = stop.start() if stop else len(doc.text)
    def known_in(lo: int, hi: int) -> list[Place]:
        return [p for p in places if p.latitude is not None and p.kind != "country" and lo <= p.start < hi]

    known = known_in(begin, stop_at)
    if not known:  # the sentence before, in the same paragraph ("… في مديرية أرحب. واندلعت الاشتباكات في قرية الجنادبة")
        para = doc.text.rfind("\n", 0, begin) + 1
        prev = max((e.end() for e in _SENTENCE_END.finditer(doc.text, max(para, begin - 400), max(para, begin - 1))), default=para)
        known = known_in(prev, begin)[:1]  # its main place ("مديرية أرحب شمال صنعاء"), not the one that locates it
    after = [p for p in known if p.start >= m.end]
    host = after[0] if after else (known[-1] if known else None)
    kind = "site" if m.unresolved_site else "admin" if m.trigger_class == "admin" else "populated"
    text = doc.text[m.start:m.end]
    if host is None:
        return None
    words = doc.text[m.name_start:m.end].split(maxsplit=1)
    name = _rough_spelling(words[-1] if m.unresolved_site else " ".join(words))  # a site without its trigger
    return Place(text, m.start, m.end, name, host.country_code, host.latitude, host.longitude, kind,
                 admin1=host.admin1, admin2=host.admin2, confidence=0.4, geo_precision=2,
                 name_ar=doc.text[m.name_start:m.end], coord_source=NEARBY,
                 extra={"trigger": m.trigger, "near": host.name_en})


def _by_spelling(doc: Document, m: Mention, ctx: Context, gaz: Gazetteer) -> tuple[Mention, Candidate | None]:
    """"مدينة سيلوبي": a town GeoNames has only in Latin script, in the country the article is about.  A name
    Arabic writes in two words ("محافظة كوموش خانة" is Gümüşhane) is tried with the next word when the first
    alone matches nothing and that word is no known place, article-marked word or function word."""
    if not ctx.focus:
        return m, None
    row = by_spelling(doc.text[m.name_start:m.end], [ctx.focus])
    nxt = _NEXT_WORD.match(doc.text, m.end)
    if row is None and nxt is not None and _second_name_word(nxt.group(1), gaz):
        row = by_spelling(doc.text[m.name_start:nxt.end()], [ctx.focus])
        if row is not None:
            m = replace(m, end=nxt.end())
    return m, (town_candidate(row) if row is not None else None)


def _second_name_word(word: str, gaz: Gazetteer) -> bool:
    key = name_key(word)
    return len(key) >= 3 and not key.startswith(("ال", "لل")) and key not in gaz and key not in _FUNCTION_WORDS


_FUNCTION_WORDS = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "على", "عن", "مع", "بين", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي",
    "غربي", "حيث", "التي", "الذي", "بعد", "قبل", "منذ", "خلال", "أمس", "اليوم", "حتى", "عند", "لدى", "نحو", "ضد"))


def _unplaced_site(doc: Document, m: Mention, gaz: Gazetteer, lex: Lexicon) -> Place:
    """A site no gazetteer has and no known place near it: no coordinates, but a name to show
    ("مستشفى النداء" → "Al-Nd hospital"), not an empty one."""
    place = to_place(doc, m, None, 0.4, gaz)
    words = doc.text[m.name_start:m.end].split(maxsplit=1)
    what = lex.facility.get(m.trigger or "")
    return replace(place, name_en=" ".join(filter(None, (_rough_spelling(words[-1]), what))))


def _club_name(doc: Document, m: Mention, lex: Lexicon) -> bool:
    """A city named with no place cue in a sports report is a club («مانشستر سيتي», «روما»)."""
    if m.trigger is not None or m.preposition or m.direction is not None or not lex.sport_words:
        return False
    if not m.candidates or any(c.kind == "country" for c in m.candidates):
        return False  # a country is no club
    before = normalize(doc.text[max(0, m.start - 24) : m.start]).split()
    if any(w.lstrip("وب").startswith(("العاصمه", "عاصمه")) for w in before[-2:]):
        return False  # "بالعاصمة البريطانية لندن"
    if re.match(r"\s*:", doc.text[m.end : m.end + 3]) or re.search(r"[-–]\s*$", doc.text[max(0, m.start - 3) : m.start]):
        return False  # a dateline: "سبق- الرياض:"
    sentence = doc.index(doc.sentences).containing(m.start) if doc.sentences else None
    if sentence is None:
        return False
    words = doc.cached(("sport sentence", sentence.start), lambda: {
        r.key for t in doc.tokens_in(sentence.start, sentence.end) for r in readings(t)}, doc.tokens)
    return bool(words & lex.sport_words)


def _quoted_outlet(doc: Document, m: Mention, lex: Lexicon) -> bool:
    """"في تصريح لـ«الشرق الأوسط»", "وعلمت «المدينة»": a newspaper or channel named after a place."""
    if m.key not in lex.outlet_names:
        return False
    return doc.text[max(0, m.start - 1):m.start] in ("«", '"') and doc.text[m.end:m.end + 1] in ("»", '"')


def _names_an_organisation(m: Mention, toks: list[Token], lex: Lexicon) -> bool:
    """"وكالة الأنباء السعودية": a country's name after an organisation's head word is part of its name;
    so is any place's name after an armed group's head ("جماعة خراسان", "ميليشيات مصراتة")."""
    if m.first == 0:
        return False
    before = toks[max(0, m.first - 2):m.first]
    stems = candidate_stems(before[-1].norm)
    if any(w in lex.group_heads for w in stems):
        return True
    if not any(c.kind == "country" for c in m.candidates):
        return False
    heads = lex.organisation_heads
    if any(w in heads for w in stems):
        return True
    return len(before) == 2 and any(f"{w} {before[1].norm}" in heads for w in candidate_stems(before[0].norm))


def _rough_spelling(name_ar: str) -> str:
    """An ASCII stand-in for a name no gazetteer has (no vowels: "زركلة" → "Zrklh", "العيدابي" → "Al-Ydby")."""
    def word(w: str) -> str:
        article = w.startswith("ال") and len(w) > 3
        spelt = re.sub(r"[^A-Za-z]", "", anyascii(w[2:] if article else w)).title()
        return f"Al-{spelt}" if article and spelt else spelt
    return " ".join(filter(None, map(word, name_ar.split()))) or "Unknown"


def _own_country(toks: list[Token], mentions: list[Mention], ctx: Context, gaz: Gazetteer,
                 lex: Lexicon) -> list[Mention]:
    """"جنوب البلاد": a compass part of the country the article is about."""
    country = gaz.country(ctx.focus)
    if country is None:
        return []
    taken = {k for m in mentions if m.key not in lex.own_country for k in range(m.first, m.last)}
    out = []
    for j, tok in enumerate(toks):
        if j in taken or tok.norm not in lex.own_country:
            continue
        m = Mention(tok.start, tok.end, tok.start, tok.norm, [country], j, j + 1)
        compass_before(m, toks, j - 1, lex)
        if m.direction not in (None, "Central"):
            out.append(m)
    return out


def _facility(doc: Document, m: Mention, place: Place, lex: Lexicon) -> Place:
    """"مطار كابول", "مستشفى بئر السبع": the facility named after its town is a site at the town."""
    what = lex.facility.get(m.trigger or "")
    if what is None or place.kind != "populated" or m.direction or "trigger_start" not in m.extra:
        return place
    start = m.extra["trigger_start"]
    return replace(place, text=doc.text[start:place.end], start=start, name_en=f"{place.name_en} {what}",
                   kind="site", geonameid=None, extra={**place.extra, "town": place.name_en})


def _link(mentions: list[Mention], toks: list[Token], text: str, lex: Lexicon) -> None:
    """Containment: "X في محافظة Y", "X، Y", "X بـY" and nisba adjectives ("الرقة السورية"); and a
    bearing, "X جنوب Y", or a town, "X بمدينة Y": X lies near Y."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        between = " ".join(normalize(text[a.end:b.start]).split())
        bearing = b.direction and b.direction_start is not None and not normalize(text[a.end:b.direction_start]).strip()
        if bearing or _IN_TOWN.match(between) or (b.clitic and between == ""):
            a.extra["bearing"] = [c for c in b.candidates if c.lat is not None and c.kind not in ("country", "region")]
        if between in _LISTS or (between == "" and b.clitic and text[b.start - 1] == "و"):
            a.extra.setdefault("listed", b.key)
            b.extra.setdefault("listed", a.key)
        if between not in _LINKS and not (b.clitic and between == ""):
            continue
        host = next((c for c in b.candidates if c.kind in ("admin", "country") and c.level <= 1), None)
        if host is not None and all(c.kind != "country" for c in a.candidates):
            a.extra["within"] = host
    for m in mentions:
        if m.last < len(toks):
            cc = lex.nisba_country(toks[m.last].norm)
            if cc and "within" not in m.extra:
                m.extra["within"] = Candidate(cc, "country", cc, None, None, source="country")


def _unambiguous(m: Mention, lex: Lexicon) -> Candidate | None:
    if m.unresolved_site or not m.candidates or m.key in lex.common_words or m.key in lex.person_names:
        return None
    if is_common_word(m, lex) and m.trigger_class is None:
        return None
    kinds = {c.kind for c in m.candidates}
    countries = {c.country for c in m.candidates}
    if len(countries) != 1:
        return None
    top = max(m.candidates, key=lambda c: (c.kind != "populated", c.population))
    if top.source == "geonames" and " " not in m.key and top.population < 20000 and m.trigger_class is None:
        return None
    return top if len(m.candidates) == 1 or kinds <= {"admin", "populated", "site"} else None


def build_context(doc: Document, mentions: list[Mention], lex: Lexicon) -> Context:
    ctx = Context(entities=list(doc.entities))
    title_end = doc.body_start
    for m in mentions:
        c = _unambiguous(m, lex)
        if c is None:
            continue
        weight = 2 if m.start < title_end else 1
        if c.country:
            ctx.countries[c.country] += weight * (2 if c.kind == "country" else 1)
            if c.kind == "country":
                ctx.named.add(c.country)
        if c.kind != "country":
            ctx.anchors.append(c)
            ctx.cities.add(fold(c.name_en))
            if c.admin1:
                ctx.cities.add(fold(c.admin1))
    dateline = _dateline_country(doc, lex)
    if dateline:
        ctx.countries[dateline] += 1
        ctx.named.add(dateline)
    ctx.focus = ctx.countries.most_common(1)[0][0] if ctx.countries else None
    return ctx


def _dateline_country(doc: Document, lex: Lexicon) -> str | None:
    line = doc.article.dateline
    if not line:
        return None
    gaz = default_gazetteer()
    for m in find_mentions(tokenize(line), gaz, lex):
        c = _unambiguous(m, lex) or (m.candidates[0] if len(m.candidates) == 1 else None)
        if c is not None and c.country:
            return c.country
    return None


def country_focus(doc: Document) -> str | None:
    """The ISO2 code of the country the article is mainly about (mentions, title, dateline)."""
    lex = lexicon()
    toks = doc.tokens or tokenize(doc.text)
    mentions = find_mentions(toks, default_gazetteer(), lex)
    return build_context(doc, mentions, lex).focus


def geocode(name_ar: str, country: str | None = None, gaz: Gazetteer | None = None) -> Candidate | None:
    """The most likely gazetteer entry for an Arabic name (clitics stripped), preferring ``country``."""
    gaz = gaz or default_gazetteer()
    toks = tokenize(name_ar)
    if not toks:
        return None
    keys = [" ".join([r.key] + [t.norm for t in toks[1:]]) for r in readings(toks[0])]
    key = next((k for k in keys if k in gaz), name_key(name_ar))
    m = Mention(0, len(name_ar), 0, key, list(gaz.lookup(key)), 0, len(toks))
    ranked = rank(m, Context(focus=country))
    return ranked[0][1] if ranked else None
