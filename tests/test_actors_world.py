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
    assert got["الجيش الأفغاني"].startswith("Military Forces of Afghanistan")


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
