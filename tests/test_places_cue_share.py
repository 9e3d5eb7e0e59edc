"""Names that news seldom writes after a place cue read as common words without context."""

from rasd.document import Article, Document
from rasd.places import resolve_places
from rasd.places.build import MAX_CUE_SHARE, MIN_CUE_COUNT
from rasd.places.lexicon import lexicon


def _names(text: str) -> list[str]:
    doc = resolve_places(Document.from_article(Article(text=text, id="t")))
    return [p.name_en for p in doc.places]


def test_a_seldom_cued_name_is_a_common_word():
    names = _names("شارك يهود ومسيحيون ومسلمون في وقفة تضامنية أمام مبنى البلدية في القدس.")
    assert "Jerusalem" in names
    assert not any("Yehud" in n for n in names)


def test_the_table_holds_only_seldom_cued_names():
    shares = lexicon().cue_share
    assert shares and all(0.0 <= s < MAX_CUE_SHARE for s in shares.values())
    assert MIN_CUE_COUNT >= 10


def test_a_well_cued_town_is_not_in_the_table():
    assert "حلب" not in lexicon().cue_share
    assert "Aleppo" in _names("قصفت الطائرات أحياء في حلب صباح اليوم.")


def test_near_before_a_common_word_is_only_a_preposition():
    names = _names("سقطت قذائف صباح اليوم قرب جامعة دمشق وأصابت سيارات.")
    assert "Damascus" in names
    assert "Djamaa" not in names


def test_the_dual_of_a_place_word_is_no_town():
    names = _names("دمرت الغارات جسرين رئيسيين على نهر الفرات قرب مدينة الرقة.")
    assert "Jisrin" not in names and "Ar-Raqqa" in names
    assert "Al-Qaryatayn" in _names("سيطر التنظيم على بلدة القريتين في ريف حمص.")


def test_a_country_in_an_organisations_name_is_no_place():
    assert _names("وقال المتحدث في تصريح لوكالة الأنباء السعودية إن الوفد وصل.") == []
    assert _names("أعلنت الخطوط الجوية السعودية تعليق رحلاتها.") == []
    assert _names("وصل الوزير إلى السعودية مساء أمس.") == ["Saudi Arabia"]
