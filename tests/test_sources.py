from __future__ import annotations

import pytest

from rasd.document import Article, Document
from rasd.sources import factuality, find_sources, source_for
from rasd.text.stage import analyse_text


def _doc(text: str) -> Document:
    return find_sources(analyse_text(Document.from_article(Article(text=text))))


def test_anonymous_source_and_carry_over(seed):
    doc = find_sources(analyse_text(Document.from_article(seed)))
    first = doc.sources[0]
    assert first.text == "مصادر أمنية من داخل قاعدة التنف العسكرية" and first.kind == "anonymous"
    later = doc.text.index("قبل أيام")  # "وأضافت المصادر أن ..." carries the same source
    assert source_for(doc, later).text == first.text
    recapture = doc.text.index("استعادت الحكومة العراقية")  # the outlet's own voice
    assert source_for(doc, recapture) is None


def test_source_kinds():
    cases = {
        "وقال المتحدث باسم وزارة الداخلية إن الشرطة اعتقلت خمسة.": "official",
        "وأفاد المرصد السوري لحقوق الإنسان بمقتل عشرة.": "organization",
        "وذكرت وكالة الأنباء السعودية أن الهجوم فشل.": "media",
        "وقال شهود عيان إن الطائرات قصفت السوق.": "witness",
        "وبحسب مصادر محلية، قتل ثلاثة.": "anonymous",
        "وأعلن المركز الإعلامي للمقاومة مقتل قيادي.": "party_to_conflict",
    }
    for text, kind in cases.items():
        doc = _doc(text)
        assert doc.sources and doc.sources[0].kind == kind, text
        assert doc.text[doc.sources[0].start : doc.sources[0].end] == doc.sources[0].text


def _status(text: str, trigger: str) -> str:
    doc = _doc(text)
    return factuality(doc, doc.text.index(trigger), 0)


def test_factuality_cues():
    assert _status('فإن الأميركيين "قد يستهدفون" مقرات الميليشيات', "يستهدفون") == "possible"
    assert _status("وقد استهدفت الطائرات مقرات الميليشيات", "استهدفت") == "occurred"
    assert _status("هدد التنظيم بتفجير الجسر", "بتفجير") == "planned_or_threatened"
    assert _status("وسيستهدف الجيش المواقع", "وسيستهدف") == "planned_or_threatened"
    assert _status("لم تقصف الطائرات المدينة", "تقصف") == "negated"
    assert _status("قصفت الطائرات المدينة", "قصفت") == "occurred"


def test_source_phrase_stops_at_the_verbs_object():
    doc = _doc("من جانبها أكدت المقاومة الشعبية سيطرتها على جبل صبر.")
    assert [(s.text, s.kind) for s in doc.sources] == [("المقاومة الشعبية", "party_to_conflict")]


def test_words_that_begin_with_si_are_not_future():
    assert _status("أعلنت المقاومة الشعبية سيطرتها على المعسكر", "سيطرتها") == "occurred"
    assert _status("ستشن الطائرات غارات على المدينة", "غارات") == "planned_or_threatened"


def test_second_sentence_source_covers_the_lead():
    doc = _doc("هزت انفجارات عنيفة مدينة تعز عقب غارات للتحالف. وقالت مصادر محلية إن الغارات استهدفت مواقع الحوثيين.")
    assert source_for(doc, doc.text.index("انفجارات")).text == "مصادر محلية"


def test_purpose_imminence_and_genitive_lam():
    assert _status("ويتحرك الجيش لاستعادة المدينة", "لاستعادة") == "planned_or_threatened"
    assert _status("ضمانة لدحر الحوثيين", "لدحر") == "planned_or_threatened"
    # لـ + the article: "the last moments of the bombing", not "in order to bomb"
    assert _status("روى الإمام تفاصيل اللحظات الأخيرة للتفجير الذي استهدف المسجد", "للتفجير") == "occurred"
    assert _status("وقال المتحدث إن تحرير زنجبار بات قريبا", "تحرير") == "planned_or_threatened"
    assert _status("استعدادات المعارضة تمهيدا للاقتحام الوشيك لقلب درعا", "للاقتحام") == "planned_or_threatened"


def test_launching_and_resolving_are_purposes():
    assert _status("ومنحت الحكومة الطائرات حق استخدام قاعدة قرب أضنة لشن غارات", "غارات") == "planned_or_threatened"
    assert _status("وكثفت الفصائل قصفها في محاولة لانتزاع السيطرة على الحي", "السيطرة") == "planned_or_threatened"
    assert _status("وقال القائد إن المقاتلين عقدوا العزم على تحرير المدينة", "تحرير") == "planned_or_threatened"
    assert _status("وواصلت القوات الاحتشاد حول البلدة توطئة لاقتحامها وتطهيرها", "وتطهيرها") == "planned_or_threatened"
    # what was suffered stays what happened: "تعرضت القافلة لشن هجوم" is rare, "تعرضت لهجوم" common
    assert _status("وتعرضت القافلة لهجوم قرب المدينة", "لهجوم") == "occurred"
    assert _status("وشنت الطائرات غارات على المدينة", "غارات") == "occurred"


def test_what_is_expected_has_not_happened():
    assert _status("ومن المتوقع أن تندلع المعارك في الريف الشرقي خلال أيام", "المعارك") == "possible"


def test_a_plural_intention_is_a_plan():
    assert _status("وتبين أن أفراد الخلية كانوا ينوون تفجير مقر الشرطة في المدينة", "تفجير") == "planned_or_threatened"


def test_a_condition_is_a_possibility():
    assert _status("ويخشى الموظفون على عائلاتهم في حال اعتقالهم من قبل المسلحين", "اعتقالهم") == "possible"
    assert _status("وقال إن الحكومة ستفرج عنهم بعد ساعات إذا ما اعتقلتهم", "اعتقلتهم") == "possible"
    assert _status("واعتقلت الشرطة ثلاثة مطلوبين في المدينة", "واعتقلت") == "occurred"
    assert _status("وتستطيع الطائرة حمل الجنود كما يمكنها إسقاط المعدات", "إسقاط") == "possible"


def test_a_verb_of_suffering_far_before_its_lam():
    text = "وفي العاشرة صباحا تعرض موقع حدودي تابع لقطاع الحدود في منطقة جبلية لقذائف من الجانب الآخر"
    assert _status(text, "لقذائف") == "occurred"
    assert _status("وأرسلت القيادة تعزيزات كبيرة إلى المنطقة لتحرير المدينة", "لتحرير") == "planned_or_threatened"


def test_qad_before_a_past_of_the_tafaal_form_is_no_hedge():
    assert _status("وقالت المصادر إن قوات الجيش قد تمكنت من طرد المسلحين من المدينة", "طرد") == "occurred"
    assert _status("وكان المقاتلون قد تمكنوا من طرد المسلحين من المدينة", "طرد") == "occurred"
    assert _status("وقال المسؤول إن المسلحين قد يستهدفون المدينة", "يستهدفون") == "possible"


def test_an_accusation_about_who_leaves_what_happened_standing():
    text = "وتلاحق الحكومة التنظيم المتهم بتدبير التفجير الانتحاري الذي وقع في البلدة الشهر الماضي"
    assert _status(text, "التفجير") == "occurred"
    assert _status("وتتهم الحكومة التنظيم بتنفيذ عملية انتحارية في البلدة", "عملية") == "possible"


def test_refraining_is_no_attack():
    assert _status("وعزا المسؤول امتناع الحركة عن استهداف القائد إلى خشيتها من الرد", "استهداف") == "negated"


def test_analysts_are_commentators():
    doc = _doc("وقال المحلل السياسي عبدالناصر مودع إن دحر الحوثيين من عدن تطور نوعي.")
    assert [s.kind for s in doc.sources] == ["commentator"]


def test_each_claim_takes_the_source_that_introduces_it():
    doc = _doc("من جانبها أكدت المقاومة الشعبية سيطرتها على جبل صبر، فيما أوضح متحدث باسم الجيش الوطني أن "
               "تحرير مدينة تعز بات وشيكا.")
    assert source_for(doc, doc.text.index("سيطرتها")).kind == "party_to_conflict"
    assert source_for(doc, doc.text.index("تحرير")).text == "متحدث باسم الجيش الوطني"


def test_between_is_not_a_reporting_verb_and_a_titled_name_is_official():
    assert _doc("وكانت مواجهات نشبت بين الأهالي ومسؤولين حوثيين في ذمار.").sources == []
    from rasd.pipeline import analyse

    doc = analyse("وقال عبدالله أحمد الحميري محافظ لحج إن المقاومة استعادت السيطرة على قاعدة العند.")
    assert [s.kind for s in doc.sources] == ["official"]


def test_a_period_after_the_trigger_makes_a_summary_but_last_days_do_not():
    from rasd.sources import is_aggregate

    toll = _doc("قتل 170 مدنيا في غارات التحالف على مدينة الرقة خلال الأشهر الماضية.")
    i = toll.text.index("غارات")
    assert is_aggregate(toll, i, 0, len(toll.text)) and not is_aggregate(toll, i, 0)
    recent = _doc("واندلعت اشتباكات خلال الأيام الماضية بين رجال القبائل ومسلحي الحوثي.")
    assert not is_aggregate(recent, recent.text.index("اشتباكات"), 0, len(recent.text))


def test_an_event_noun_after_since_dates_something_else():
    from rasd.sources import is_past_reference

    since = _doc("وصلت أول طائرة إلى مطار عدن منذ تحرير المدينة.")
    assert is_past_reference(since, since.text.index("تحرير"), 0)
    after = _doc("قتل ثلاثة جنود إثر هجوم على حاجز في عدن.")
    assert not is_past_reference(after, after.text.index("هجوم"), 0)


@pytest.mark.parametrize("byline, column", [
    ("منيرة عبدالله القحطاني", True),  # a person's name alone
    ("د. يوسف بن حمد الزهراني", True),  # with a title
    ("رأي الوطن", True),  # the paper's editorial
    ("عمان - رويترز", False),  # a place and an agency
    ("الرياض: فريق التحرير", False),
    ("أحمد الشمري من باريس", False),  # a correspondent and his city
    ("أ ف ب", False),  # an agency's letters
    ("القاهرة الفرنسية", False),
    ("", False),
    (None, False),
])
def test_a_column_is_told_by_a_byline_that_only_names_a_person(byline, column):
    from rasd.sources.genre import is_column

    assert is_column(Article(text="نص", dateline=byline)) is column


def test_an_outlets_opinion_pages_are_columns_by_their_address():
    from rasd.sources.genre import is_column

    column = "http://aawsat.com/home/article/100/كاتب-ما/عنوان-المقال"
    report = "http://aawsat.com/home/article/101/عنوان-الخبر"
    assert is_column(Article(text="نص", url=column)) and not is_column(Article(text="نص", url=report))
    assert is_column(Article(text="نص", url="http://www.alwatan.com.sa/Articles/Detail.aspx?ArticleID=1"))
