"""Places: gazetteer loading, clitic-stripped matching, triggers, false places, disambiguation."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.document import Article, Document
from rasd.places import country_focus, geocode, resolve_places
from rasd.places.gazetteer import admin_rows, default_gazetteer, name_key, name_variants, site_rows
from rasd.places.resolve import distance_km
from rasd.text.stage import analyse_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def places_of(text: str, title: str | None = None, dateline: str | None = None):
    doc = analyse_text(Document.from_article(Article(text=text, title=title, dateline=dateline)))
    doc = resolve_places(doc)
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text
    return doc.places


def by_name(places, name_en):
    return [p for p in places if p.name_en == name_en]


def test_space_less_variant_is_indexed():
    assert "البوكمال" in name_variants("البو كمال")
    assert default_gazetteer().lookup(name_key("البوكمال"))


def test_admin_capitals_resolve_and_sites_are_curated():
    assert len(admin_rows()) > 250
    sites = list(site_rows())
    assert len(sites) >= 400
    assert all(c.lat is not None and names for names, c in sites)


def test_clitics_are_stripped_and_offsets_kept():
    places = places_of("قصفت الطائرات مواقع في مدينة وبغداد وبالموصل أمس.")
    names = {p.name_en for p in places}
    assert {"Baghdad", "Mosul"} <= names
    mosul = by_name(places, "Mosul")[0]
    assert mosul.text == "الموصل"


def test_bukamal_spelling_variants():
    for spelling in ("البوكمال", "البو كمال", "أبو كمال"):
        places = places_of(f"سيطرت القوات على مدينة {spelling} شرق سوريا.")
        town = [p for p in places if p.country_code == "SY" and p.kind == "populated"]
        assert town and distance_km(town[0].latitude, town[0].longitude, 34.45, 40.92) < 10


def test_countryside_is_precision_two_and_governorate_three():
    places = places_of("دارت اشتباكات في ريف دير الزور، وقصف الطيران محافظة الحسكة في سوريا.")
    deir = [p for p in places if p.text == "ريف دير الزور"][0]  # «ريف» names the region with the town
    assert deir.geo_precision == 2 and deir.name_en == "Deir ez-Zor"
    hasakah = [p for p in places if p.text.startswith("محافظة")][0]
    assert hasakah.kind == "admin" and hasakah.geo_precision == 3 and hasakah.admin1 == "Al-Hasakah"


def test_common_words_are_not_places():
    places = places_of("قال القائم بالأعمال إن الباب مفتوح أمام السلام وإن النصر قريب، وأكد علي وصالح ذلك.")
    assert places == []


def test_the_city_alone_is_no_medina():
    # «المدينة» on its own is the city just named, not Medina nor the Basra town of that name
    places = places_of("قصفت مقاتلات التحالف مخازن سلاح للحوثيين في تعز، واستهدفت أطراف المدينة الشرقية. "
                       "ودارت اشتباكات في أحياء المدينة بين المسلحين والجيش في درنة. "
                       "ويزور الحجاج المدينة المنورة بعد مكة.")
    assert [p.name_en for p in places if p.country_code == "SA"] == ["Madinah", "Makkah"]
    assert all(p.text != "المدينة" for p in places)


def test_common_nouns_and_adjectives_are_no_places():
    # the market, the coast, the prison, a valley and a nearby hospital are common words, not towns or sites
    places = places_of("ارتفعت أسعار الخبز في السوق السوداء بعد اشتباكات في الحي الغربي من حلب. "
                       "وهاجم مسلحون سجنا في منطقة الساحل الإفريقي ففر السجناء من السجن إلى وادي قريب، "
                       "ونقل الجرحى إلى مستشفى محلي.")
    assert [p.name_en for p in places] == ["Aleppo"]


def test_a_place_name_after_an_armed_groups_head_names_the_group():
    places = places_of("قتلت غارة أمريكية قائدا في جماعة خراسان قرب إدلب، وقصفت ميليشيات مصراتة مواقع في سرت.")
    assert [p.name_en for p in places] == ["Idlib", "Sirte"]


def test_led_to_is_no_valley():
    # «وأدى» (and led to) normalises to «وادي» (valley): what follows is no site
    places = places_of("وأدى الانفجار إلى تدمير جسر قرب مدينة الموصل، وقصفت الطائرات وادي بردى.")
    assert [p.name_en for p in places] == ["Mosul", "Wadi Barada"]


def test_a_minor_town_of_a_country_the_article_never_names_is_no_place_far_from_its_places():
    # «درعا» here is a shield and «لحج» «for the Hajj»: far from every Saudi place of the article
    text = ("قدم قائد الفريق درعا تذكاريا لأمير منطقة الباحة في مدينة الباحة، "
            "وبحث المجلس في مدينة جدة الاستعدادات لحج هذا العام.")
    assert [p.name_en for p in places_of(text)] == ["Al Bahah", "Al Bahah", "Jeddah"]
    # named by its country, the same town stays
    named = places_of("زار الوفد مدينة جدة ثم درعا في سوريا.")
    assert "Daraa" in {p.name_en for p in named}


def test_a_teams_camp_and_filling_a_gap_are_no_sites():
    places = places_of("التحق المهاجم بمعسكر الفريق في مدينة أبها، وتعمل الهيئة على سد العجز في قاعدة البيانات.")
    assert [p.name_en for p in places] == ["Abha"]


def test_common_word_with_trigger_is_a_place():
    places = places_of("سيطر تنظيم داعش على مدينة القائم العراقية قرب الحدود السورية.")
    qaim = [p for p in places if p.text == "القائم"]
    assert qaim and qaim[0].country_code == "IQ"


def test_curated_sites():
    places = places_of("انطلقت الطائرات من قاعدة حميميم، وأعيد فتح معبر نصيب، ونقل النازحون إلى مخيم الركبان.")
    kinds = {p.name_en: p.kind for p in places}
    assert kinds.get("Hmeimim air base") == "site"
    assert kinds.get("Nasib border crossing") == "site"
    assert kinds.get("Rukban camp") == "site"


def test_repeat_mentions_are_kept():
    places = places_of("وصل الوفد إلى صنعاء. وغادر صنعاء مساء اليوم.")
    assert len([p for p in places if p.name_en == "Sanaa"]) == 2


def test_country_focus_prefers_the_article_country():
    text = "قتل خمسة في قصف على تعز، وقال مسؤول في عدن إن القوات تقدمت في لحج باليمن."
    doc = analyse_text(Document.from_article(Article(text=text)))
    assert country_focus(doc) == "YE"


def test_northern_syria_is_a_region():
    places = places_of("أعلنت تركيا إقامة منطقة آمنة في شمال سوريا.")
    region = [p for p in places if p.kind == "region"]
    assert region and region[0].text == "شمال سوريا" and region[0].country_code == "SY"


def test_geocode_prefers_the_given_country():
    assert geocode("طرابلس", "LB").country == "LB"
    assert geocode("طرابلس", "LY").country == "LY"
    assert geocode("وبغداد").name_en == "Baghdad"
    assert geocode("كلمة لا وجود لها كمكان") is None


@pytest.mark.skipif(not (SHARED / "dev_gold" / "gold.jsonl").exists(), reason="needs ../shared/data")
def test_dev_gold_report_beats_the_peer():
    from rasd.places.evaluate import evaluate, load, naive_places

    data = load(SHARED / "dev_gold")
    from rasd.places.evaluate import _prf, _rasd

    ours, peer = evaluate(data, _rasd), evaluate(data, naive_places)
    assert _prf(ours.tp_lenient, ours.fp_lenient, ours.fn_lenient)[2] > _prf(peer.tp_lenient, peer.fp_lenient, peer.fn_lenient)[2] + 0.3


def test_a_word_of_a_persons_name_is_not_a_place():
    from rasd.document import Entity

    text = "وليس قتال الرئيس السوري بشار الأسد في دمشق."
    doc = analyse_text(Document.from_article(Article(text=text)))
    i = text.index("بشار الأسد")
    doc.entities = [Entity("بشار الأسد", i, i + len("بشار الأسد"), "PER")]
    assert "بشار" not in [p.text for p in resolve_places(doc).places] and "دمشق" in [p.text for p in doc.places]
    doc.entities = []
    assert "بشار" in [p.text for p in resolve_places(doc).places]  # GeoNames has a Bashar


def test_news_agency_and_tear_gas_are_not_places():
    for text in ("وقال لوكالة فرانس برس إن الهجوم وقع صباحا.", "أطلقت الشرطة القنابل المسيلة للدموع على المحتجين."):
        assert places_of(text) == [], text


def test_a_clitic_before_a_common_word_does_not_make_a_place():
    for text in ("واستقبلت المدينة عددا كبيرا من النازحين.", "ويخلف الرئيس المستقيل سيب بلاتر.", "أثار إقدام المتمردين على خطفهن استياء."):
        assert places_of(text) == [], text
    assert [p.name_en for p in places_of("وقصفت الطائرات مواقع في كسلا.")] != ["Salé"]


def test_a_district_named_after_its_town_stands_on_the_town():
    # the coder's geo_precision 1: "مديرية لودر" is placed on Lawdar itself; a unit with another name stays 2
    lawdar = [p for p in places_of("تحاصر المقاومة الحوثيين في مديرية لودر بمحافظة أبين.") if p.kind == "admin"]
    assert [(p.name_en, p.geo_precision) for p in lawdar][0] == ("Lawdar District", 1)
    sahar = [p for p in places_of("قصف طيران التحالف منزل أحد القياديين في مديرية سحار.") if p.name_en == "Sahar District"]
    assert sahar and sahar[0].geo_precision == 2
    # a Turkish ilçe (اقليم) is its town, named without the word; a Saudi محافظة is a district of its
    # region, placed on the town
    silopi = [p for p in places_of("أصيب جنديان في هجوم مسلح على ثكنة للدرك في اقليم سيلوبي.") if p.country_code == "TR"]
    assert [(p.text, p.geo_precision) for p in silopi] == [("سيلوبي", 1)]
    sabya = [p for p in places_of("سقطت قذيفة على محافظة صبيا في منطقة جازان.") if p.text.startswith("محافظة")]
    assert [(p.name_en, p.geo_precision) for p in sabya] == [("Sabya Governorate", 2)]


def test_an_ner_location_tag_on_a_common_word_is_no_place_without_a_cue():
    from rasd.document import Entity

    def places(text: str, word: str) -> list[str]:
        doc = analyse_text(Document.from_article(Article(text=text, id="t", published="2015-08-08")))
        i = text.index(word)
        doc.entities = [Entity(word, i, i + len(word), "LOC")]  # the CRF's tag, right or wrong
        return [p.name_en for p in resolve_places(doc).places]

    assert places("ونشر ناشطون صور الدمار الذي خلفه القصف على مواقع التواصل.", "صور") == []
    assert places("وقال إن الاتحاد سيجتمع الأسبوع المقبل لبحث الأزمة.", "الاتحاد") == []
    assert places("وقال المسؤول إن المدينة تعيش حالة من الهدوء.", "المدينة") == []
    assert "Tyre" in places("ووصل الوفد إلى مدينة صور في جنوب لبنان.", "صور")  # a cue still makes it one


def test_landform_words_stay_in_the_span_and_a_region_across_countries_drops_its_area_word():
    assert _texts_and_names("وقع انفجار قرب سوق شعبي في جزيرة سترة ليلة أمس.") == [("جزيرة سترة", "Sitrah")]
    assert _texts_and_names("سقطت قذيفتان على مرتفعات الجولان دون إصابات.") == [("مرتفعات الجولان", "Golan Heights")]
    assert _texts_and_names("تشهد منطقة الشرق الأوسط موجة حر غير مسبوقة.") == [("الشرق الأوسط", "Middle East")]
    assert _texts_and_names("تقدمت القوات في منطقة القلمون بعد معارك عنيفة.")[0][0] == "منطقة القلمون"  # one country's region


def test_a_city_named_without_a_cue_in_a_sports_report_is_a_club():
    assert _names("ليفربول يتعادل مع مانشستر يونايتد في مباراة الدوري الإنجليزي.") == []
    assert "Manchester" in _names("وصل اللاعب إلى مانشستر لإجراء الفحص الطبي قبل توقيع العقد مع النادي.")
    assert "Manchester" in _names("وقع انفجار في مدينة مانشستر أمس.")
    # a capital named as such, and a dateline, stay places in a sports report
    assert "London" in _names("وتحدث السباح للصحفيين بالعاصمة البريطانية لندن عشية انطلاق البطولة.")
    assert "Riyadh" in _names("مراسلنا- الرياض: جرت قرعة كأس الأندية الخليجية مساء أمس بحضور مدربي المنتخب.")


def test_the_arabian_gulf_keeps_its_adjective():
    assert _texts("تشهد منطقة الخليج العربي توترا متصاعدا.") == ["الخليج العربي"]
    assert _texts("دعت دول الخليج العربي إلى التهدئة.") == ["دول الخليج العربي"]


def test_saudi_governorates_the_index_lacked_and_their_common_word_twins():
    assert _texts_and_names("نقل الجندي المصاب إلى محافظة القنفذة لتلقي العلاج.") == [("محافظة القنفذة", "Al Qunfudhah")]
    assert _texts_and_names("وصل الوفد الرسمي إلى بيشة صباح اليوم.") == [("بيشة", "Bisha")]
    assert _texts_and_names("ارتطمت الكرة بالعارضة في الدقيقة الأخيرة.") == []  # the crossbar, not the governorate


def test_countries_of_world_news_are_known():
    doc = analyse_text(Document.from_article(Article(text="زار الوزير جامايكا وبوروندي وجزر المالديف الشهر الماضي.",
                                                     id="t", published="2015-08-08")))
    assert [(p.name_en, p.country_code, p.kind) for p in resolve_places(doc).places] == [
        ("Jamaica", "JM", "country"), ("Burundi", "BI", "country"), ("Maldives", "MV", "country")]


def test_a_city_after_the_preposition_b_that_morphology_reads_as_a_word():
    doc = analyse_text(Document.from_article(Article(text="أحبط جمرك المطار بجدة محاولة تهريب، وعقد الاجتماع بعدن.",
                                                     id="t", published="2015-08-08")))
    assert [p.name_en for p in resolve_places(doc).places] == ["Jeddah", "Aden"]


def _places_of(text: str) -> list:
    return resolve_places(analyse_text(Document.from_article(Article(text=text, id="t", published="2015-08-08")))).places


def _names(text: str) -> list[str]:
    return [p.name_en for p in _places_of(text)]


def _texts(text: str) -> list[str]:
    return [p.text for p in _places_of(text)]


def _texts_and_names(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.name_en) for p in _places_of(text)]


def test_the_area_word_names_a_saudi_region_but_not_a_province_elsewhere():
    assert _texts("هطلت أمطار غزيرة على منطقة تبوك يوم الخميس.") == ["منطقة تبوك"]
    assert _texts("وقع انفجار قوي في منطقة أضنة جنوب تركيا.")[0] == "أضنة"


def test_a_newspaper_named_after_a_place_in_quotes_is_no_place():
    assert _texts("وأوضح الضابط لمراسل «الشرق الأوسط» أمس أن الطريق أغلق.") == []
    assert _texts("وعلمت «المدينة» أن الزوار توافدوا على المدينة المنورة.") == ["المدينة المنورة"]
    assert _texts("تواصل القتال في منطقة الشرق الأوسط.") == ["الشرق الأوسط"]


def test_the_countryside_keeps_its_word_and_compass_adjective():
    assert _texts("سقطت قذائف على بلدات ريف حماة الشمالي الغربي ليلا.") == ["ريف حماة الشمالي الغربي"]
    assert _texts("تقدمت الفصائل قرب مدينة حماة.") == ["حماة"]  # a preposition is no part of the name


def test_a_film_hero_is_no_turkish_city_but_a_listed_province_is():
    assert _names("وكان المسلح قد فتح النار في سينما بمدينة أورورا الأمريكية عام 2012 أثناء عرض فيلم عن باتمان.") == ["Aurora"]
    assert "Batman" in _names("واعتقلت الشرطة التركية 297 شخصا في ولايات أضنة ومرسين وبينغول وموش وباتمان وشرناق.")


def test_an_unknown_village_stands_at_the_main_place_of_the_sentence_before():
    from rasd import analyse

    doc = analyse("قصفت المدفعية مواقع في مديرية خولان شرق صنعاء أمس. وقالت مصادر محلية إن القذائف سقطت على منازل "
                  "في قرية المعاصرة.", published="2015-08-06")
    village = next(p for p in doc.places if p.text == "المعاصرة")
    assert village.extra.get("near") == "Khawlan District" and village.geo_precision == 2


def test_a_two_letter_syllable_is_no_place_abroad():
    # «بي» was an Arabic alias of Bex (Switzerland), «حي» of a hamlet in Iran
    assert "Bex" not in _names("وتجول السياح أمس في حي بي أوغلو التاريخي بمدينة اسطنبول.")
    assert "Qom" in _names("وصل الوفد أمس إلى مدينة قم الإيرانية.")


def test_a_common_word_a_gazetteer_gives_a_far_village_is_no_place():
    assert _names("وأكد الوزير أن الحكومة تعمل على إعداد كوادر مدربة في مدينة عدن.") == ["Aden"]


def test_a_site_nobody_can_place_still_has_a_name():
    from rasd import analyse

    doc = analyse("وذكرت تقارير أن مسلحين نصبوا كمينا قرب مستشفى الرحمة الخيري لقيادي في الحركة.", published="2015-08-06")
    (site,) = [p for p in doc.places if p.kind == "site"]
    assert site.latitude is None and site.name_en.endswith("hospital") and len(site.name_en) > len("hospital")
    assert doc.events and doc.events[0].location == site.name_en


def test_the_forces_base_is_no_named_site():
    assert _names("وقع تفجير انتحاري عند قاعدة القوات قرب مدينة الحلة مساء الجمعة.") == ["Al-Hillah"]


def test_a_siege_is_no_indian_city():
    assert "Hisar" not in _names("وأكملت القوات العراقية حصار مدينة الرمادي أمس.")


def test_common_words_and_a_governorate_are_no_far_towns():
    assert _names("وقال الأهالي إنهم عاشوا حرب إبادة في مدينة الموصل.") == ["Mosul"]
    assert _names("وقال الطبيب لا بأس بحالة المصابين في مدينة الموصل.") == ["Mosul"]
    assert _names("وقتل شرطي في هجوم على مديرية أمن العريش أمس.") == ["Arish"]
    assert _names("وقتل خمسة جنود في هجوم شمال صلاح الدين أمس.") == ["Salah al-Din"]
    assert _names("وتحدث السكان عن ورود أنباء عن سقوط قتلى في مدينة الموصل.") == ["Mosul"]
    assert _names("وتجمع المشاركون في مدينة شيكاغو بعد الوقف دقيقة صمت على أرواح الضحايا.") == ["Chicago"]
    assert _names("ونقلت وكالة الأنباء الكويتية (كونا) أن الشرطة اعتقلت شخصين في مدينة الجهراء.") == ["Al Jahra"]


def test_a_town_named_by_its_bearing_or_its_host_town_is_the_namesake_near_it():
    # two towns called Duma: the one south of Nablus is in the West Bank, the one east of Damascus in Syria
    def duma(text: str) -> str | None:
        return next((p.country_code for p in places_of(text) if p.name_en == "Duma"), None)

    assert duma("وهاجم مستوطنون منازل بلدة دوما جنوب نابلس فجر اليوم.") == "PS"
    assert duma("وهاجم مستوطنون منازل بلدة دوما بمدينة نابلس فجر اليوم.") == "PS"
    assert duma("وسقطت قذائف على مدينة دوما شرق دمشق فجر اليوم.") == "SY"


def test_a_ramadi_neighbourhood_is_not_kirkuks_old_governorate_name():
    from rasd import analyse

    ev = analyse("وقصفت القوات العراقية تجمعات المسلحين في حي التأميم جنوب مدينة الرمادي أمس.", published="2015-08-06").events[0]
    assert ev.location == "Al-Tamim (Ramadi)"
