"""A town the gazetteer lacks, named after «قرية», «حي»…, stands at the nearest known place of its sentence."""

from rasd.document import Article, Document
from rasd.places import resolve_places


def _places(text: str) -> list:
    return resolve_places(Document.from_article(Article(text=text, id="t"))).places


def test_an_unknown_village_takes_the_next_known_place_of_its_sentence():
    places = _places("دهمت قوة أمنية قرية الخزامية في ريف حمص الشرقي واعتقلت خمسة أشخاص.")
    village = next(p for p in places if p.text == "الخزامية")
    homs = next(p for p in places if p.name_en == "Homs")
    assert (village.latitude, village.longitude) == (homs.latitude, homs.longitude)
    assert village.geo_precision == 2 and village.kind == "populated"
    assert village.name_en and village.name_en.isascii() and village.name_en != homs.name_en


def test_a_quarter_keeps_its_word_in_the_span():
    places = _places("سقطت قذيفة على حي القصيبات في مدينة تعز صباح اليوم.")
    assert any(p.text == "حي القصيبات" for p in places)


def test_a_common_word_after_the_trigger_is_no_town():
    places = _places("ولد في قرية صغيرة قرب مدينة حماة وعاش في حي سكني هادئ.")
    assert [p.name_en for p in places] == ["Hama"]


def test_without_a_known_place_in_the_sentence_nothing_is_guessed():
    assert _places("وصل الوفد إلى قرية الخزامية مساء أمس.") == []


def test_an_unknown_site_stands_at_the_town_of_its_sentence():
    places = _places("سيطرت القوات على معسكر الصفيرة شمال مدينة عدن بعد معارك عنيفة.")
    camp = next(p for p in places if p.text == "معسكر الصفيرة")
    aden = next(p for p in places if p.name_en == "Aden")
    assert camp.kind == "site" and camp.geo_precision == 2
    assert (camp.latitude, camp.longitude) == (aden.latitude, aden.longitude)
    assert camp.name_en.isascii() and "Aden" not in camp.name_en


def test_an_unknown_site_alone_keeps_no_coordinates():
    (camp,) = _places("وصلت تعزيزات إلى معسكر الصفيرة صباح اليوم.")
    assert camp.kind == "site" and camp.latitude is None


def test_the_perpetrator_of_an_attack_is_no_crossing():
    assert _places("قالت الشرطة إن منفذ الهجوم فجّر نفسه قرب مدينة كركوك.")[0].name_en == "Kirkuk"
    assert not any("منفذ" in p.text for p in _places("قالت الشرطة إن منفذ الهجوم فجّر نفسه قرب مدينة كركوك."))


def test_an_unknown_governorate_keeps_its_word_and_stands_at_its_province():
    places = _places("أعلنت شرطة منطقة جازان القبض على مطلوب في محافظة العيدابي مساء أمس.")
    unit = next(p for p in places if p.text == "محافظة العيدابي")
    jazan = next(p for p in places if p.text == "منطقة جازان")
    assert unit.kind == "admin" and unit.geo_precision == 2
    assert (unit.latitude, unit.longitude) == (jazan.latitude, jazan.longitude)
    assert unit.name_en.startswith("Al-") and unit.name_en.isascii()


def test_an_indefinite_adjective_after_a_unit_word_is_no_name():
    places = _places("أقامت القوات منطقة عازلة ومنطقة حدودية قرب مدينة إدلب.")
    assert [p.name_en for p in places] == ["Idlib"]


def test_an_alias_that_starts_with_madina_is_the_word_and_a_name():
    """GeoNames lists «مدينة X» among a city's names; in the text it is «مدينة» before X, read in context."""
    places = _places("استعادت القوات السيطرة على مدينة زنجبار في محافظة أبين جنوب اليمن.")
    assert ("زنجبار", "Zinjibar", "YE") in [(p.text, p.name_en, p.country_code) for p in places]


def test_whose_camp_it_is_is_no_name():
    assert [p.text for p in _places("هاجم مسلحون معسكرا تابعا للجيش ثم معسكر للشرطة قرب مدينة عدن.")] == ["عدن"]
