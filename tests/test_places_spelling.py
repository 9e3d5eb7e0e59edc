"""Towns GeoNames has only in Latin script, found from their Arabic spelling (rasd.places.spelling)."""

from __future__ import annotations

from rasd.places.spelling import arabic_skeleton, by_spelling, latin_skeleton


def test_both_scripts_reduce_to_the_same_consonants():
    assert arabic_skeleton("سيلوبي") == latin_skeleton("Silopi") == "SLB"
    assert arabic_skeleton("جزرة") == latin_skeleton("Cizre") == "JZR"  # Turkish c is «ج»
    assert arabic_skeleton("سروج") == latin_skeleton("Suruç")
    assert arabic_skeleton("كوموشخانة") == latin_skeleton("Gümüşhane")  # g and «ك»
    assert arabic_skeleton("قندهار") == latin_skeleton("Kandahār")


def test_only_a_unique_town_of_the_given_country_with_three_consonants_is_found():
    assert by_spelling("سيلوبي", ["TR"]).name == "Silopi"
    assert by_spelling("سيلوبي", ["EG"]) is None  # not in that country
    assert by_spelling("ليجة", ["TR"]) is None  # two consonants match too much


def test_an_unknown_town_word_in_an_article_about_the_country_is_placed():
    from rasd import analyse

    doc = analyse("قالت باكستان إن ثلاثة مدنيين قتلوا بنيران هندية أمس قرب بلدة سيالكوت في إقليم البنجاب. "
                  "وتتهم باكستان الهند بخرق الهدنة.", published="2015-08-06")
    town = next(p for p in doc.places if p.text.endswith("سيالكوت"))
    assert town.name_en == "Sialkot" and town.country_code == "PK" and abs(town.latitude - 32.49) < 0.05
    assert [e.location for e in doc.events] == ["Sialkot"]


def test_no_lookup_by_spelling_without_a_country_of_the_region_in_focus():
    from rasd import analyse

    doc = analyse("وقالت الشرطة الفرنسية إن المسلح هاجم مصنعا في بلدة سيالكوت أمس.", published="2015-08-06")
    assert all(p.name_en != "Sialkot" for p in doc.places)


def test_turkish_soft_g_may_be_written_with_ghain():
    from rasd import analyse

    doc = analyse("وأصيب شرطيان أمس في انفجار عبوة في حي باغجيلار في مدينة اسطنبول بتركيا.", published="2015-08-06")
    assert any(p.name_en == "Bagcilar" for p in doc.places)


def test_a_town_arabic_writes_in_two_words_is_found_by_both():
    from rasd import analyse

    doc = analyse("اندلعت اشتباكات أمس في محافظة كوموش خانة في تركيا بين الشرطة ومسلحين.", published="2015-08-06")
    town = next(p for p in doc.places if p.name_en == "Gumushane")
    assert town.text == "محافظة كوموش خانة" and town.country_code == "TR"
