"""«جنوب البلاد»: a compass part of the country the article is about."""

from rasd.document import Article, Document
from rasd.places import resolve_places


def _places(text: str) -> list[tuple[str, str, str]]:
    doc = resolve_places(Document.from_article(Article(text=text, id="t")))
    return [(p.text, p.name_en, p.kind) for p in doc.places]


def test_compass_part_of_the_country_the_article_is_about():
    text = "تواصلت المعارك في أفغانستان اليوم، وهاجم مسلحون مركزا للشرطة شرق البلاد."
    assert ("شرق البلاد", "Eastern Afghanistan", "region") in _places(text)


def test_the_region_follows_the_article_country():
    text = "أعلنت الحكومة التركية حظر التجول في بلدات عدة جنوب شرق البلاد بعد اشتباكات في تركيا."
    assert ("جنوب شرق البلاد", "Southeast Turkey", "region") in _places(text)


def test_the_word_alone_or_without_a_country_is_no_place():
    assert not any("البلاد" in t for t, _, _ in _places("عادت الحياة إلى البلاد بعد سنوات في تركيا."))
    assert _places("اندلعت مواجهات جنوب البلاد مساء أمس.") == []


def test_seas_oceans_and_continental_regions():
    text = "أبحرت السفينة من المحيط الهندي إلى البحر الأسود، بينما يجتمع وزراء أمريكا الجنوبية."
    names = {(t, n) for t, n, k in _places(text) if k == "region"}
    assert names == {("المحيط الهندي", "Indian Ocean"), ("البحر الأسود", "Black Sea"),
                     ("أمريكا الجنوبية", "South America")}


def test_nato_is_not_the_atlantic_ocean():
    assert _places("قالت قوات حلف شمال الأطلسي إنها شنت غارة.") == []
