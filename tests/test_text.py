from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.document import Article, Document
from rasd.text.normalize import (
    dediac,
    normalize,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_hamza,
    normalize_presentation_forms,
    normalize_taa_marbuta,
    normalize_with_map,
    remove_tatweel,
)
from rasd.text.sentences import split_clauses, split_sentences
from rasd.text.stage import analyse_text
from rasd.text.tokens import candidate_stems, split_clitics, tokenize


def test_each_normaliser_alone():
    assert dediac("قُتِلَ") == "قتل"
    assert remove_tatweel("قـــتل") == "قتل"
    assert normalize_alef("أإآٱ") == "اااا"
    assert normalize_alef_maqsura("مستشفى") == "مستشفي"
    assert normalize_taa_marbuta("مدينة") == "مدينه"
    assert normalize_hamza("مؤتمر رئيس") == "موتمر رييس"
    assert normalize_digits("٣٠ ۱۲") == "30 12"
    assert normalize_presentation_forms("\ufefb") == "لا"


def test_normalize_composes_all():
    assert normalize("وقُتِلَ الأطفالُ فــي مدينةٍ ٣") == "وقتل الاطفال في مدينه 3"


def test_offset_map_finds_original_span():
    text = "قُتِلَ ثلاثةُ مدنيّين في الرَّقَّة"
    view = normalize_with_map(text)
    i = view.text.find("الرقه")
    start, end = view.to_original(i, i + len("الرقه"))
    assert text[start:end] == "الرَّقَّة"


arabic_chars = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة") + ["\u064e", "\u064f", "\u0650", "\u0651",
                               "\u0652", "\u064b", "\u0640", " ", ".", "،", "؟", "\n", "a", "Z", "7", "٣", "\ufefb", "\u200f", "\""])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=arabic_chars, max_size=80))
def test_map_is_monotonic_and_in_bounds(text):
    view = normalize_with_map(text)
    assert len(view.index) == len(view.text) + 1
    assert list(view.index) == sorted(view.index)
    for i in range(len(view.text)):
        s, e = view.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
        assert normalize(text[s:e]).startswith(view.text[i]) or view.text[i] in normalize(text[s:e])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=arabic_chars, min_size=1, max_size=120))
def test_tokens_and_sentences_are_exact_slices(text):
    doc = analyse_text(Document.from_article(Article(text=text)))
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text and s.text.strip()
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
        assert t.start <= t.stem_start <= t.stem_end <= t.end


def test_sentences_split_on_terminators_and_seed_joins():
    text = 'قال المصدر "إن الهجوم وقع قبل أيام"., وأضافت المصادر أن القصف مستمر؟ نعم! د. أحمد زار العربية.نت أمس؛ وانتهى'
    spans = split_sentences(text)
    sents = [text[s:e] for s, e in spans]
    assert sents[0] == 'قال المصدر "إن الهجوم وقع قبل أيام".'
    assert sents[1] == "وأضافت المصادر أن القصف مستمر؟"
    assert sents[2] == "نعم!"
    assert sents[3] == "د. أحمد زار العربية.نت أمس؛"  # abbreviation and a dotted site name do not split
    assert sents[4] == "وانتهى"


def test_clauses_split_at_arabic_commas():
    text = "قصفت الطائرات المدينة، وقتل ثلاثة"
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == ["قصفت الطائرات المدينة", "وقتل ثلاثة"]


def test_a_clause_opened_by_kama_is_a_clause_of_its_own():
    text = "اندلع حريق في مخزن بمدينة إب كما قصفت الطائرات مواقع في ذمار، وفق مصادر محلية."
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == [
        "اندلع حريق في مخزن بمدينة إب", "كما قصفت الطائرات مواقع في ذمار", "وفق مصادر محلية."]


def test_clitic_split_is_conservative():
    assert split_clitics("والمدينه") == (("و", "ال"), "مدينه", "")
    assert split_clitics("بالمدينه") == (("ب", "ال"), "مدينه", "")
    assert split_clitics("للعربيه") == (("ل", "ال"), "عربيه", "")
    assert split_clitics("بغداد") == ((), "بغداد", "")
    assert split_clitics("وزير") == ((), "وزير", "")
    assert "بغداد" in candidate_stems("وبغداد")


def test_token_stem_offsets_skip_clitics():
    tok = tokenize("وبالمدينةِ")[0]
    assert tok.prefixes == ("و", "ب", "ال")
    assert "وبالمدينةِ"[tok.stem_start : tok.stem_end] == "مدينةِ"


def test_shared_morphology_reads_verbs_and_clitics():
    from rasd.text.morphology import is_verb, proclitic_forms

    assert is_verb("استعادت") and not is_verb("الغارات")
    assert any("س" in form for form in proclitic_forms("سيستهدف"))
    assert proclitic_forms("وحدة") == ()


def test_the_morphology_table_holds_farahidis_own_answers():
    """The precomputed table only saves time: its analyses are farahidi's (a sample, compared live)."""
    from rasd.text import morphology

    table = morphology._table()
    if not table:
        pytest.skip("no morphology table built (python -m rasd.text.build)")
    words = sorted(table)[:: max(1, len(table) // 40)]
    assert [table[w] for w in words] == [morphology.farahidi_analysis(w) for w in words]
    assert morphology.best_analysis(words[0]) is table[words[0]]


def test_morphology_answers_unknown_words_and_verbs():
    from rasd.text.morphology import best_analysis, is_verb, proclitic_forms

    assert is_verb("يقصفون") and not is_verb("المدينة")
    assert proclitic_forms("وسيقصفون")
    assert best_analysis("qqq") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    "\ufef7\ufe8d\ufdf2\u200f\u0640\u06f5 a1") , max_size=40))
def test_normalize_is_the_character_rule_applied_to_each_character(text):
    from rasd.text.normalize import _norm_char, normalize

    assert normalize(text) == "".join(_norm_char(c) for c in text)


def test_a_full_stop_glued_between_two_arabic_words_ends_a_sentence():
    from rasd.text.sentences import split_sentences

    text = "وهدأت الاشتباكات مساء أمس.وقتل خمسة أشخاص في القصف. وزار موقع الجزيرة.نت الحدود"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "وهدأت الاشتباكات مساء أمس.", "وقتل خمسة أشخاص في القصف.", "وزار موقع الجزيرة.نت الحدود"]
