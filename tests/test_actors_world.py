"""Actors beyond the Levant and the Gulf, and generic categories that take the event's country."""

from __future__ import annotations

from rasd.actors import find_actors, load_dictionary
from rasd.document import ActorMention, Article, Document
from rasd.text.stage import analyse_text


def actors_of(text: str) -> list[ActorMention]:
    return find_actors(analyse_text(Document.from_article(Article(text=text)))).actors


def by_text(text: str) -> dict[str, str]:
    return {m.text: m.canonical for m in actors_of(text)}


def test_taliban_and_afghan_forces():
    got = by_text("هاجم مسلحو حركة طالبان نقطة تفتيش في قندهار وقتلوا ثلاثة جنود من الجيش الأفغاني.")
    assert "Taliban" in got.values()
    assert got["جنود من الجيش الأفغاني"].startswith("Military Forces of Afghanistan")


def test_afghan_soldiers_are_not_a_syrian_militia():
    got = by_text("قتل عشرة من الجنود الأفغان في اشتباك قرب مدينة قندوز.")
    assert all("Fatemiyoun" not in name for name in got.values())
    assert any(name.startswith("Military Forces of Afghanistan") for name in got.values())


def test_civilians_take_the_event_country():
    got = by_text("قتل سبعة مدنيين في انفجار سيارة مفخخة في مدينة جلال آباد شرقي أفغانستان.")
    assert got["سبعة مدنيين"] == "Civilians (Afghanistan)"


def test_rebels_are_the_countrys_insurgents():
    turkey = by_text("قتل جنديان في هجوم شنه المتمردون على قاعدة في ولاية شرناق جنوب شرقي تركيا.")
    yemen = by_text("قصفت طائرات التحالف مواقع المتمردين في محافظة صعدة اليمنية.")
    assert turkey["المتمردون"].startswith("PKK")
    assert yemen["المتمردين"] == "Houthis (Ansar Allah)"


def test_rebels_without_a_known_insurgency_are_unidentified():
    got = by_text("أعلنت السلطات في تونس أن المتمردين هاجموا دورية في الجبال.")
    assert got["المتمردين"] == "Unidentified Armed Group (Tunisia)"


def test_gendarmerie_in_turkey_and_elsewhere():
    turkey = by_text("استهدف تفجير مركزا للدرك في ولاية ماردين التركية.")
    jordan = by_text("اعتقلت قوات الدرك في مدينة معان الأردنية ثلاثة مطلوبين.")
    assert turkey["للدرك"] == "Military Forces of Turkey (Gendarmerie)"
    assert jordan["قوات الدرك"].startswith("Police Forces of Jordan")


def test_islamist_militants_by_country():
    got = by_text("أعلن الجيش النيجيري مقتل عشرين من المتشددين في ولاية بورنو.")
    assert got["عشرين من المتشددين"].startswith("Boko Haram")


def test_fallback_categories_generate_no_actors_of_their_own():
    d = load_dictionary()
    assert not any(a.category in {"rebels", "militants", "gendarmerie"} for a in d.actors.values())
    assert d.for_category("rebels", "IQ").name == "Unidentified Armed Group (Iraq)"


def test_loyal_forces_are_the_governments():
    got = by_text("تقدمت القوات الموالية نحو مدينة زنجبار في محافظة أبين اليمنية.")
    assert got["القوات الموالية"].startswith("Military Forces of Yemen")


def test_loyal_to_a_named_actor_is_that_actor():
    got = by_text("قتل خمسة من المسلحين الموالين لتنظيم داعش في محافظة الأنبار العراقية.")
    assert [name for name in got.values() if "Islamic State" in name]
    assert not [name for name in got.values() if name.startswith("Military Forces")]


def test_loyal_to_an_unknown_person_is_no_guess():
    got = by_text("قصفت الطائرات معسكرا للكتيبة الموالية لـ\"فلان\" في محافظة تعز اليمنية.")
    assert not [name for name in got.values() if name.startswith("Military Forces of Yemen")]


def test_a_crowd_in_a_protest_is_the_protesters():
    protest = by_text("تظاهر المئات من المواطنين في مدينة البصرة العراقية احتجاجا على انقطاع الكهرباء.")
    killed = by_text("قتل المئات من المواطنين في القصف على مدينة الرمادي العراقية.")
    assert protest["المئات من المواطنين"] == "Protesters (Iraq)"
    assert killed["المئات من المواطنين"] == "Civilians (Iraq)"


def test_a_bare_crowd_needs_a_protest():
    assert by_text("خرج الآلاف في مظاهرة بمدينة الموصل العراقية.").get("الآلاف") == "Protesters (Iraq)"
    assert "الآلاف" not in by_text("نزح الآلاف من مدينة الموصل العراقية.")


def test_journalists_are_civilians_and_a_press_conference_is_no_actor():
    assert by_text("اختطف مسلحون ثلاثة صحفيين في مدينة عدن اليمنية.")["ثلاثة صحفيين"] == "Civilians (Yemen)"
    assert by_text("اعتقلت الشرطة الصحفي التركي في إسطنبول.")["الصحفي التركي"] == "Civilians (Turkey)"
    assert by_text("قال الوزير في المؤتمر الصحفي إن المحادثات مستمرة.") == {}


def test_kurdish_gunmen_by_country():
    turkey = by_text("هاجم مسلحون أكراد نقطة للشرطة في ولاية هكاري التركية.")
    syria = by_text("سيطر المقاتلون الأكراد على قرية قرب مدينة الحسكة السورية.")
    assert turkey["مسلحون أكراد"].startswith("PKK")
    assert syria["المقاتلون الأكراد"].startswith("YPG")


def test_strikes_by_a_country_are_its_forces_without_widening_a_name():
    assert by_text("قتل مدنيان في القصف التركي على قرية في إقليم كردستان العراق.")["القصف التركي"].startswith(
        "Military Forces of Turkey")
    assert "هجوم داعش" not in by_text("أسفر هجوم داعش على مدينة الرمادي العراقية عن قتلى.")


def test_jewish_extremists_are_settlers():
    assert by_text("أحرق يهود متطرفون منزلا في قرية قرب نابلس.")["يهود متطرفون"] == "Settlers (Israel)"


def test_unnamed_fighters_are_an_unidentified_armed_group_of_the_country():
    got = by_text("اندلعت اشتباكات بين الجيش ومقاتلين في بلدة قرب مدينة كركوك العراقية.")
    assert got["مقاتلين"] == "Unidentified Armed Group (Iraq)"


def test_fighters_of_a_named_group_are_that_group():
    got = by_text("قتل 12 مقاتلا من حركة الشباب في غارة جنوب الصومال.")
    assert "Al Shabaab" in got.values()
    assert not [name for name in got.values() if name.startswith("Unidentified")]


def test_gunmen_then_their_target_stay_two_actors():
    got = by_text("هاجم مسلحون الحوثيين في مدينة إب اليمنية.")
    assert got["مسلحون"] == "Unidentified Armed Group (Yemen)"
    assert got["الحوثيين"] == "Houthis (Ansar Allah)"


def test_police_in_the_united_states_are_its_police_not_its_army():
    got = by_text("أطلق شرطي النار على رجل أعزل في مدينة سينسيناتي الأمريكية.")
    assert got["شرطي"] == "Police Forces of the United States"
    got = by_text("قصفت القوات الأمريكية مواقع التنظيم قرب مدينة الرقة.")
    assert got["القوات الأمريكية"] == "Military Forces of the United States"


def test_the_investigations_police_are_the_countrys_own():
    assert by_text("وقال مدير المباحث في محافظة الغربية المصرية إن خمسة متهمين اعتقلوا.")["المباحث"].startswith(
        "Police Forces of Egypt")
