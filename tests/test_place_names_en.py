"""English place names in records: ASCII, ACLED's spelling (Al-Bukamal, Al-Qaim), admin units kept."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rasd.document import Article
from rasd.export import write_events
from rasd.pipeline import default_pipeline
from rasd.places.english import acled_style, spelling
from rasd.places.gazetteer import admin_rows, default_gazetteer, fold, geonames_rows, parent_town, site_rows

PIPE = default_pipeline()


def _doc(text: str):
    return PIPE(Article(text=text, id="t", published="2016-03-10", source="alriyadh"))


def test_a_strike_on_albukamal_is_located_at_al_bukamal():
    doc = _doc("قصفت طائرات مسيرة مواقع للمسلحين في مدينة البوكمال شرقي سوريا فجر اليوم.")
    assert [(e.location, e.country) for e in doc.events] == [("Al-Bukamal", "Syria")]
    assert doc.events[0].admin1 == "Deir ez-Zor"  # the governorate is still found from the capital table


def test_the_article_is_hyphenated_by_rule_in_iraq():
    doc = _doc("استعادت القوات العراقية السيطرة على بلدة القائم غرب الأنبار بعد معارك مع مسلحي داعش أمس.")
    assert [(e.location, e.admin1) for e in doc.events] == [("Al-Qaim", "Anbar")]


def test_inner_articles_and_marks():
    doc = _doc("قتل جنديان في اشتباكات مع مسلحين قرب مدينة رأس العين شمال الحسكة أمس.")
    assert {p.name_en for p in doc.places} == {"Ras al-Ayn", "Al-Hasakah"}
    assert all(e.admin1 == "Al-Hasakah" for e in doc.events) and doc.events


@pytest.mark.parametrize(("name", "country", "expected"), [
    ("Al Qā’im", "IQ", "Al-Qaim"),
    ("Aş Şūrah aş Şaghīrah", "SY", "As-Surah as-Saghirah"),
    ("Al Ḩudaydah", "YE", "Al Hudaydah"),  # ACLED keeps the article apart in Yemen
    ("Ma'rib", "YE", "Marib"),
    ("Jabal Sirāj", "SY", "Jabal Siraj"),  # no article: nothing joined
    ("Łódź", "PL", "Lodz"),
    ("L'Aquila", "IT", "L'Aquila"),  # an apostrophe outside the Arabic world is a letter's place
    ("Al-Medy Village, قرية المدي", "EG", "Al-Medy Village"),
])
def test_acled_style(name: str, country: str, expected: str):
    assert acled_style(name, country) == expected


def test_every_indexed_place_has_an_ascii_name():
    bad = [r.name for r in geonames_rows() if not r.name_en or not r.name_en.isascii()]
    assert bad == []


def test_overrides_name_indexed_places():
    ids = {r.geonameid for r in geonames_rows()}
    assert spelling().names and set(spelling().names) <= ids


def test_admin_capitals_and_neighbourhood_towns_still_resolve():
    # capitals are looked up by their GeoNames name, which the English spelling leaves alone
    capitals = {a.capital.geonameid: a.capital for a in admin_rows()}
    assert capitals and all(c.name_en.isascii() for c in capitals.values())
    # a quarter is tied to its city through the city's English name ("neighbourhood:Taiz")
    towns = {parent_town(c.subtype) for _, c in site_rows()} - {None}
    names = {fold(c.name_en) for cands in default_gazetteer().names.values() for c in cands
             if c.kind in ("populated", "admin")}
    assert towns and {t for t in towns if fold(t) not in names} == set()


def test_exports_carry_the_spelling():
    doc = _doc("قصفت طائرات مسيرة مواقع للمسلحين في مدينة البوكمال شرقي سوريا فجر اليوم.")
    recs = [e.to_record() for e in doc.events]
    for fmt in ("csv", "acled-csv"):
        out = io.StringIO()
        write_events(recs, out, fmt)
        assert [r["location"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["Al-Bukamal"]
    out = io.StringIO()
    write_events(recs, out, "geojson")
    features = json.loads(out.getvalue())["features"]
    assert [f["properties"]["location"] for f in features] == ["Al-Bukamal"]
