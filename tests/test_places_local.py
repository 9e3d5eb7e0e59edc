"""Curated districts and small places (admin_local.tsv): loading, resolution in context, common words."""

from __future__ import annotations

from rasd.document import Article, Document
from rasd.places import geocode, resolve_places
from rasd.places.gazetteer import admin_rows, local_rows
from rasd.places.resolve import distance_km
from rasd.text.stage import analyse_text


def places_of(text: str):
    doc = analyse_text(Document.from_article(Article(text=text)))
    doc = resolve_places(doc)
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text
    return doc.places


def test_local_rows_are_complete_and_admin1_names_are_known():
    rows = list(local_rows())
    assert len(rows) >= 300
    known = {a.name_en for a in admin_rows() if a.level == 1}
    for names, c in rows:
        assert names and c.lat is not None and c.lon is not None
        assert c.kind in ("admin", "populated", "site") and c.coord_source == "knowledge"
        assert c.kind != "admin" or c.level in (2, 3)
        assert c.admin1 in known, (c.name_en, c.admin1)


def test_nineveh_sub_districts():
    places = places_of("داهم مسلحون فجرا ناحية القيارة وناحية حمام العليل جنوب الموصل.")
    local = {p.name_en: p for p in places if p.country_code == "IQ" and p.admin1 == "Ninewa"}
    assert "Hammam al-Alil" in local
    assert any("Qayyarah" in n or "Qayy" in n for n in local)
    alil = local["Hammam al-Alil"]
    assert alil.text == "حمام العليل"
    assert distance_km(alil.latitude, alil.longitude, 36.16, 43.26) < 15


def test_yemen_district_with_trigger():
    places = places_of("قصف طيران التحالف مديرية سحار في محافظة صعدة.")
    sahar = [p for p in places if "سحار" in p.text]
    assert sahar and sahar[0].country_code == "YE" and sahar[0].admin1 == "Sa'dah"
    assert sahar[0].kind == "admin"


def test_district_missing_from_geonames_resolves():
    places = places_of("اندلعت مواجهات عنيفة في مديرية الوازعية غرب تعز.")
    waz = [p for p in places if p.name_en == "Al Wazi'iyah District"]
    assert waz and waz[0].country_code == "YE" and waz[0].admin1 == "Taizz" and waz[0].geo_precision == 2


def test_common_word_district_needs_context():
    # التعزية (condolence) is also a district of Taiz: only a place after a trigger.
    assert not [p for p in places_of("قدم الرئيس التعزية لأسر الضحايا.") if p.country_code == "YE"]
    hit = [p for p in places_of("قصفت المدفعية قرى في مديرية التعزية.") if p.country_code == "YE"]
    assert hit and hit[0].admin1 == "Taizz"


def test_riyadh_stays_riyadh_without_nahiya():
    c = geocode("الرياض", "IQ")
    assert c is not None and c.country == "SA"
    c = geocode("ناحية الرياض", "IQ")
    assert c is not None and c.country == "IQ" and c.admin1 == "Kirkuk"


def test_country_context_picks_local_entry():
    c = geocode("همدان", "YE")
    assert c is not None and c.country == "YE"
    c = geocode("همدان", "IR")
    assert c is not None and c.country == "IR"
