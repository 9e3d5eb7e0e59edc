"""Behavioural tests of the time stage: tagging, TIMEX3 values, ACLED precision, offsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd.document import Article, Document
from rasd.time import resolve, tag_timexes

SEED_PUB = date(2019, 10, 2)  # a Wednesday
AUG_2015 = date(2015, 8, 6)  # a Thursday
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def one(text: str, anchor: date | None = SEED_PUB):
    found = resolve(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def values(text: str, anchor: date | None = SEED_PUB) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in resolve(text, anchor)]


# -- the seed article's expressions ------------------------------------------------------------

def test_seed_weekday_resolves_to_the_past_monday():
    t = one("معبر القائم الذي افتتح رسمياً الاثنين، يأتي")
    assert (t.text, t.type, t.value, t.precision) == ("الاثنين", "DATE", "2019-09-30", 1)


def test_seed_day_month_with_past_qualifier_keeps_yom_in_span():
    t = one("تم افتتاحه مجدداً يوم 30 سبتمبر الماضي بعد إغلاق")
    assert (t.text, t.value, t.precision) == ("يوم 30 سبتمبر الماضي", "2019-09-30", 1)


def test_seed_a_few_days_ago_is_vague_with_week_precision():
    t = one("المقرات التي دمرتها الغارات الجوية قبل أيام")
    assert (t.text, t.type, t.value, t.precision) == ("قبل أيام", "DATE", None, 2)
    assert t.range == ("2019-09-25", "2019-09-30")


def test_seed_fronted_mundhu_about_two_years_is_a_duration_that_dates():
    t = one("ومنذ نحو عامين استعادت الحكومة العراقية بلدة القائم")
    assert (t.text, t.type, t.value, t.precision) == ("نحو عامين", "DURATION", "P2Y", 3)
    assert t.extra["date_value"] == "2017" and t.range[0] < "2017-10-02" < t.range[1]


def test_seed_duration_after_verb_excludes_the_verb():
    assert values("بعد إغلاق دام 6 سنوات") == [("6 سنوات", "DURATION", "P6Y")]


def test_seed_mundhu_sanawat_after_a_noun_is_a_vague_duration_with_its_preposition():
    assert values("لتسهيل مرور الأسلحة منذ سنوات") == [("منذ سنوات", "DURATION", None)]


# -- absolute dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("30 سبتمبر 2019", "2019-09-30"),
    ("30 أيلول 2019", "2019-09-30"),
    ("٣٠ سبتمبر ٢٠١٩", "2019-09-30"),
    ("30/9/2019", "2019-09-30"),
    ("2019-09-30", "2019-09-30"),
    ("الاثنين 30 سبتمبر", "2019-09-30"),
    ("10 ايلول/سبتمبر 2015", "2015-09-10"),
    ("الخامس والعشرين من شهر ديسمبر 2015", "2015-12-25"),
])
def test_absolute_dates(text, value):
    assert one(text).value == value


def test_gregorian_and_levantine_month_pairs_are_one_expression():
    t = one("في أواخر يوليو (تموز) الماضي", AUG_2015)
    assert (t.text, t.value, t.precision) == ("أواخر يوليو (تموز) الماضي", "2015-07", 3)
    assert t.range[0] >= "2015-07-20"


def test_past_day_month_of_the_same_month_goes_back_a_year():
    assert one("في 3 أغسطس/آب الماضي", date(2015, 8, 1)).value == "2014-08-03"


def test_hijri_date_with_era_mark():
    t = one("جدة 25 شوال 1436 هـ الموافق", date(2015, 8, 10))
    assert (t.text, t.value) == ("25 شوال 1436 هـ", "2015-08-10")


def test_numeric_dates_with_spaced_separators():
    t = one("وقعت الحادثة في 9 / 10 / 1436هـ قرب الحدود", date(2015, 8, 10))
    assert (t.text, t.value) == ("9 / 10 / 1436هـ", "2015-07-25")
    assert one("وأعلنت الوزارة في 3 - 8 - 2015 النتائج", date(2015, 8, 10)).value == "2015-08-03"


def test_hijri_month_alone_has_no_value_but_its_end_does():
    assert values("امتدت الحملة من شهر محرم حتى قبيل شهر رمضان المبارك", AUG_2015) == [
        ("شهر محرم", "DATE", None), ("شهر رمضان المبارك", "DATE", None)]
    assert one("في نهاية شهر رمضان", AUG_2015).value == "2015-07"


def test_year_with_keyword_and_bare_year_after_preposition():
    assert values("منذ عام 2003 وحتى 2011.") == [("عام 2003", "DATE", "2003"), ("2011", "DATE", "2011")]


def test_number_that_is_not_a_year_is_left_alone():
    assert resolve("وصل نحو 2000 مسؤول", SEED_PUB) == []


def test_ambiguous_month_name_needs_context():
    assert resolve("مارس الضغط على الحكومة من باب السلام", SEED_PUB) == []
    assert one("في مارس الماضي").value == "2019-03"


def test_day_month_takes_the_year_written_just_before():
    found = values("1952- وقع اتفاق في 10 ايلول/سبتمبر.", AUG_2015)
    assert ("10 ايلول/سبتمبر", "DATE", "1952-09-10") in found


# -- relative dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("اليوم", "2015-08-06"),
    ("أمس", "2015-08-05"),
    ("أول من أمس", "2015-08-04"),
    ("أمس الأول", "2015-08-04"),
    ("غدًا", "2015-08-07"),
    ("أمس الأربعاء", "2015-08-05"),
    ("اليوم (الخميس)", "2015-08-06"),
    ("الثلاثاء", "2015-08-04"),
    ("الخميس الماضي", "2015-07-30"),
    ("الأسبوع الماضي", "2015-W31"),
    ("هذا الأسبوع", "2015-W32"),
    ("الشهر الماضي", "2015-07"),
    ("العام الماضي", "2014"),
    ("مطلع الشهر الجاري", "2015-08"),
    ("قبل ثلاثة أيام", "2015-08-03"),
])
def test_relative_dates(text, value):
    assert one(text, AUG_2015).value == value


def test_weekday_resolves_forward_in_a_future_clause():
    assert one("ومن المقرر أن يعقد الاجتماع يوم الأحد", AUG_2015).value == "2015-08-09"


def test_weekday_named_with_today_wins_over_publication_day():
    # published on Monday, written on Sunday
    assert one("في خطاب اليوم (الأحد) استهدف", date(2015, 8, 3)).value == "2015-08-02"


def test_a_bracketed_weekday_after_day_or_part_of_day_is_one_expression():
    assert values("وقع الانفجار مساء يوم (الأحد) قرب السوق", AUG_2015) == [("مساء يوم (الأحد)", "TIME", "2015-08-02TEV")]
    assert values("وقع الانفجار يوم (الأحد) قرب السوق", AUG_2015) == [("يوم (الأحد)", "DATE", "2015-08-02")]
    # a bare bracketed weekday keeps its brackets out
    assert values("وقال الجيش (الأحد) إن", AUG_2015) == [("الأحد", "DATE", "2015-08-02")]


def test_late_or_early_in_a_day():
    assert values("وقتل خمسة في وقت متأخر من يوم الاثنين", AUG_2015) == [
        ("وقت متأخر من يوم الاثنين", "TIME", "2015-08-03TEV")]
    # before a part of the day only the part and the day are the expression
    assert values("وهاجم المسلحون الحاجز في ساعة متأخرة من مساء الثلاثاء", AUG_2015) == [
        ("مساء الثلاثاء", "TIME", "2015-08-04TEV")]


def test_editor_gloss_of_a_quoted_relative_day():
    found = values("ودبابات اليوم «أمس» أو غدًا «اليوم» إلى الجيش", date(2015, 8, 7))
    assert found == [("اليوم", "DATE", "2015-08-06"), ("أمس", "DATE", "2015-08-06"),
                     ("غدًا", "DATE", "2015-08-07"), ("اليوم", "DATE", "2015-08-07")]


def test_today_in_names_and_next_day_is_not_a_date():
    assert resolve("عين اليوم – بيروت", AUG_2015) == []
    # "the next day" is a date the text does not give, not today
    assert values("في اليوم التالي", AUG_2015) == [("اليوم التالي", "DATE", None)]


def test_parts_of_day_are_times():
    assert values("مساء أمس", AUG_2015) == [("مساء أمس", "TIME", "2015-08-05TEV")]
    assert values("الليلة الماضية", AUG_2015) == [("الليلة الماضية", "TIME", "2015-08-05TNI")]
    assert one("بعد منتصف ليل أول من أمس", AUG_2015).value == "2015-08-04T00:00"


def test_clock_times():
    assert one("الساعة العاشرة صباحاً", AUG_2015).value == "2015-08-06T10:00"
    assert one("الساعة الثامنة والنصف مساء أمس", AUG_2015).value == "2015-08-05T20:30"
    assert one("// انتهى // 17:42 ت م", AUG_2015).value == "2015-08-06T17:42"


def test_feasts_resolve_to_the_nearest_occurrence():
    assert one("في العيد", AUG_2015).value == "2015-07-17"
    assert one("في العيد الكبير", AUG_2015).value == "2015-09"


def test_a_day_of_a_feast_counts_from_its_first_day():
    assert values("زار الأمير المرضى ثالث أيام عيد الفطر", AUG_2015) == [("ثالث أيام عيد الفطر", "DATE", "2015-07-19")]
    assert values("تجمع الأهالي أول أيام العيد", AUG_2015) == [("أول أيام العيد", "DATE", "2015-07-17")]


def test_the_first_hours_of_a_named_dawn_are_that_dawn_not_one_oclock():
    assert values("حلقت طائرات حتى الساعات الأولى من فجر اليوم", AUG_2015) == [
        ("الساعات الأولى من فجر اليوم", "TIME", "2015-08-06TMO")]
    assert values("دوت انفجارات حتى الساعات الأخيرة من ليل أمس", AUG_2015) == [
        ("الساعات الأخيرة من ليل أمس", "TIME", "2015-08-05TNI")]


@pytest.mark.parametrize("text, expected", [
    ("ولد في أواخر الخمسينيات", ("أواخر الخمسينيات", "195")),
    ("ازدهرت التجارة في عشرينيات القرن الماضي", ("عشرينيات القرن الماضي", "192")),
    ("بنيت القلعة في ثلاثينيات القرن الثامن عشر", ("ثلاثينيات القرن الثامن عشر", "173")),
    ("تراجع الإنتاج في النصف الثاني من 2012", ("النصف الثاني من 2012", "2012-H2")),
    ("ارتفعت الصادرات في الربع الأول من العام الماضي", ("الربع الأول من العام الماضي", "2014-Q1")),
])
def test_decades_and_parts_of_a_year(text, expected):
    assert [(t.text, t.value) for t in resolve(text, AUG_2015)] == [expected]


def test_a_bare_month_in_a_past_clause_is_the_last_one():
    assert [(t.text, t.value) for t in resolve("وقع الانفجار في ديسمبر", AUG_2015)] == [("ديسمبر", "2014-12")]
    assert [(t.text, t.value) for t in resolve("سيعقد المؤتمر في ديسمبر", AUG_2015)] == [("ديسمبر", "2015-12")]


def test_a_year_named_by_a_noun_is_a_date_but_a_count_is_not():
    assert values("بعد زلزال 1999 المدمر", AUG_2015) == [("1999", "DATE", "1999")]
    assert values("أرسلت 2000 جندي", AUG_2015) == []


def test_a_year_in_an_earlier_sentence_does_not_date_a_day_and_month():
    text = "تأسست الشركة عام 2009. وفي 20 يوليو افتتحت فرعها"
    assert [(t.text, t.value) for t in resolve(text, AUG_2015)][-1] == ("20 يوليو", "2015-07-20")


@pytest.mark.parametrize("text, expected", [
    ("دوت الانفجارات تمام الساعة التاسعة وخمس دقائق مساء", ("تمام الساعة التاسعة وخمس دقائق مساء", "2015-08-06T21:05")),
    ("بدأ القصف عند الثالثة من فجر أمس", ("الثالثة من فجر أمس", "2015-08-05T03:00")),
    ("انطلقت القافلة الساعة السابعة إلا ربعا صباحا", ("الساعة السابعة إلا ربعا صباحا", "2015-08-06T06:45")),
    ("هبطت الطائرة الساعة الثانية ظهرا بالتوقيت المحلي", ("الساعة الثانية ظهرا", "2015-08-06T14:00")),
    ("اشتعلت النيران نهار أمس", ("نهار أمس", "2015-08-05TDT")),
    ("هاجم المسلحون الحاجز ليلة الأحد", ("ليلة الأحد", "2015-08-01TNI")),
])
def test_times_of_day(text, expected):
    assert [(t.text, t.value) for t in resolve(text, AUG_2015)] == [expected]


def test_a_clock_time_takes_its_day_from_a_following_day_phrase_left_as_its_own_timex():
    found = [(t.text, t.value) for t in resolve("وصل الوفد الساعة العاشرة ليلا من يوم أمس الأربعاء", AUG_2015)]
    assert found == [("الساعة العاشرة ليلا", "2015-08-05T22:00"), ("يوم أمس الأربعاء", "2015-08-05")]


def test_a_part_of_the_day_alone_takes_the_day_named_before_it():
    found = [(t.text, t.value) for t in resolve("بدأ الهجوم مساء الثلاثاء واستمر القصف خلال الليل", AUG_2015)]
    assert found == [("مساء الثلاثاء", "2015-08-04TEV"), ("خلال الليل", "2015-08-04TNI")]


def test_the_same_month_is_the_month_last_named():
    found = [(t.text, t.value) for t in resolve("وقعت الهدنة في 3 مايو الماضي، وانهارت في الشهر نفسه", AUG_2015)]
    assert found == [("3 مايو الماضي", "2015-05-03"), ("الشهر نفسه", "2015-05")]
    assert values("وفي الشهر نفسه", AUG_2015) == [("الشهر نفسه", "DATE", None)]


def test_a_day_of_a_relative_month():
    assert [(t.text, t.value) for t in resolve("يوم 9 من الشهر الماضي", AUG_2015)] == [
        ("يوم 9 من الشهر الماضي", "2015-07-09")]


@pytest.mark.parametrize("text, expected", [
    ("افتتح المصنع في مطلع 2013", ("مطلع 2013", "DATE", "2013")),
    ("سقطت القذيفة قرابة الساعة 23:15 تغ", ("الساعة 23:15 تغ", "TIME", "2015-08-06T23:15")),
    ("أعلنت الوكالة النبأ 19:05 تغ", ("19:05 تغ", "TIME", "2015-08-06T19:05")),
    ("قضى عامين ونصف العام في المنفى", ("عامين ونصف العام", "DURATION", "P2.5Y")),
    ("شاب في الخامسة والعشرين من عمره", ("الخامسة والعشرين من عمره", "DURATION", "P25Y")),
    ("شاب في الثلاثين من عمره", ("الثلاثين من عمره", "DURATION", "P30Y")),
])
def test_years_with_a_part_gmt_times_and_ages(text, expected):
    assert values(text, AUG_2015) == [expected]


# -- durations and sets -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("على مدى خمسة أيام", ("خمسة أيام", "DURATION", "P5D")),
    ("بعد ثلاثة ايام", ("بعد ثلاثة ايام", "DURATION", "P3D")),
    ("خلال اليومين الماضيين", ("اليومين الماضيين", "DURATION", "P2D")),
    ("خلال الأيام الماضية", ("الأيام الماضية", "DURATION", None)),
    ("الأيام القادمة", ("الأيام القادمة", "DATE", None)),
    ("للأسبوع الثاني على التوالي", ("للأسبوع الثاني على التوالي", "DURATION", "P2W")),
    ("لعقود طويلة", ("عقود طويلة", "DURATION", None)),
    ("الحرب الدائرة منذ أربعة أشهر", ("أربعة أشهر", "DURATION", "P4M")),
    ("تتراوح أعمارهم بين 4 و8 سنوات", ("8 سنوات", "DURATION", "P8Y")),
    ("عامين", ("عامين", "DURATION", "P2Y")),
    ("خمس سنوات ونصف", ("خمس سنوات ونصف", "DURATION", "P5.5Y")),
    ("24 ساعة", ("24 ساعة", "DURATION", "PT24H")),
])
def test_durations(text, expected):
    assert values(text, AUG_2015) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("ظل الحصار قائما عقدين", ("عقدين", "DURATION", "P20Y")),
    ("تغير البلد كثيرا خلال نصف القرن الماضي", ("نصف القرن الماضي", "DURATION", "P50Y")),
    ("حكم المدينة ثلاثة عقود", ("ثلاثة عقود", "DURATION", "P30Y")),
    ("تأجل المشروع نصف عام", ("نصف عام", "DURATION", "P6M")),
    ("بقي في السجن عاما ونصف", ("عاما ونصف", "DURATION", "P1.5Y")),
    ("أغلق المعبر شهرا واحدا فقط", ("شهرا واحدا", "DURATION", "P1M")),
    ("ظلت الطائرة محتجزة سبعة عشر يوما", ("سبعة عشر يوما", "DURATION", "P17D")),
    ("استمر الإضراب خمسة وعشرين يوما", ("خمسة وعشرين يوما", "DURATION", "P25D")),
    ("تعطلت المحطة لنحو ست سنوات", ("نحو ست سنوات", "DURATION", "P6Y")),
    ("سيبقى الوزير في منصبه سنتين أخريين", ("سنتين", "DURATION", "P2Y")),
    ("سيحكم الحزب ثلاث سنوات أخرى", ("ثلاث سنوات أخرى", "DURATION", "P3Y")),
    ("عاش المهاجرون في المخيم طوال سنوات", ("طوال سنوات", "DURATION", None)),
    ("توقف البث فترة زمنية قصيرة", ("فترة زمنية قصيرة", "DURATION", None)),
    ("تراجعت الأسعار خلال الفترة الماضية", ("الفترة الماضية", "DURATION", None)),
    ("احتجز الصيادون لفترة غير محددة", ("لفترة غير محددة", "DURATION", None)),
    ("تولى الرئاسة من 1990 إلى 1995", ("من 1990 إلى 1995", "DURATION", "P5Y")),
    ("خرج المحتجون للجمعة الثالثة على التوالي", ("للجمعة الثالثة على التوالي", "DURATION", "P3W")),
])
def test_durations_of_many_shapes(text, expected):
    assert values(text, AUG_2015) == [expected]


def test_a_definite_period_without_a_time_adjective_is_no_timex():
    assert values("الفترة الانتقالية بدأت", AUG_2015) == []


def test_day_range_is_a_duration_counting_both_ends():
    assert values("أغلق المعبر في المدة من 12 إلى 23 يوليو الماضي", date(2015, 8, 3)) == [
        ("من 12 إلى 23 يوليو الماضي", "DURATION", "P12D")]


def test_sets():
    assert values("يومياً", AUG_2015) == [("يومياً", "SET", "P1D")]
    assert values("كل يوم جمعة", AUG_2015) == [("كل يوم جمعة", "SET", "XXXX-WXX-5")]


@pytest.mark.parametrize("text, expected", [
    ("تجتمع اللجنة كل ثلاثة أشهر", ("كل ثلاثة أشهر", "SET", "P3M")),
    ("تجدد الرخصة كل نصف عام", ("كل نصف عام", "SET", "P6M")),
    ("تجرى الانتخابات كل عامين", ("كل عامين", "SET", "P2Y")),
    ("نشرت الوزارة تقريرها السنوي", ("السنوي", "SET", "P1Y")),
    ("ارتفعت الرحلات الأسبوعية", ("الأسبوعية", "SET", "P1W")),
])
def test_sets_of_many_shapes(text, expected):
    assert values(text, AUG_2015) == [expected]


def test_vague_dates_have_null_values_but_need_their_context():
    assert values("وفي الوقت نفسه وصل الوفد", AUG_2015) == [("الوقت نفسه", "DATE", None)]
    assert values("نأمل أن يتحسن الوضع في المستقبل", AUG_2015) == [("المستقبل", "DATE", None)]
    assert values("فاز مرشح تيار المستقبل", AUG_2015) == []


def test_vague_fixed_phrases_keep_their_annotated_span():
    assert values("كانت القوات قد انسحبت في وقت سابق من القرية", AUG_2015) == [("في وقت سابق", "DATE", None)]
    assert values("وحتى اللحظة لم تتبين الخسائر", AUG_2015) == [("حتى اللحظة", "DATE", None)]


# -- without a publication date -----------------------------------------------------------------

def test_without_anchor_relative_values_are_null_and_say_why():
    t = one("أمس", None)
    assert t.value is None and t.extra["reason"] == "no publication date"
    assert one("30 سبتمبر 2019", None).value == "2019-09-30"


def test_without_anchor_weekday_and_date_suggest_years():
    t = one("الاثنين 30 سبتمبر", None)
    assert t.value is None
    assert 2019 in t.extra["year_candidates"] and 2024 in t.extra["year_candidates"]


# -- the stage -----------------------------------------------------------------------------------

def test_stage_spans_are_slices_of_the_document_text():
    art = Article(text="وصباحَ أمسِ قُتل ثلاثة، وفي ٣٠ سبتمبر الماضي ...", title="عنوان اليوم",
                  published="2019-10-02")
    doc = tag_timexes(Document.from_article(art))
    assert doc.timexes
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert [t.value for t in doc.timexes] == ["2019-10-02", "2019-10-01TMO", "2019-09-30"]


def test_timex_dict_has_schema_keys():
    d = one("أمس").to_dict()
    assert {"text", "start", "end", "type", "value"} <= d.keys() and d["time_precision"] == 1


@pytest.mark.skipif(not (SHARED / "dev_gold" / "gold.jsonl").exists(), reason="needs ../shared/data")
def test_dev_gold_report_shows_errors_only_when_asked():
    from rasd.time.evaluate import main

    totals, detailed = main(str(SHARED / "dev_gold")), main(str(SHARED / "dev_gold"), errors=True)
    assert "value accuracy by gold type" in totals and "rasd errors:" not in totals
    assert detailed.startswith(totals) and "rasd errors:" in detailed


def test_regression_ancient_and_out_of_range_dates_do_not_crash():
    assert one("بني قبل 2500 عام").value is None
    assert resolve("في عام 1200 هـ", SEED_PUB) == []


def test_weekday_equated_with_a_full_date_takes_its_value():
    found = values("الجمعة الموافق 18/8/1436", AUG_2015)
    assert found == [("الجمعة", "DATE", "2015-06-05"), ("18/8/1436", "DATE", "2015-06-05")]


def test_part_of_a_hijri_month_narrows_its_range():
    from rasd.pipeline import analyse

    (t,) = analyse("عاد المقاتلون إلى أسرهم في نهاية شهر رمضان.", published="2015-08-02").timexes
    assert t.value == "2015-07" and t.range == ("2015-07-06", "2015-07-16")


# -- expressions found missing on unlabeled news (TimeML Arabic corpus, SaudiNewsNet n-grams) ---------

@pytest.mark.parametrize("text, span, kind", [
    ("وفي نفس الوقت أعلنت الوزارة خطة جديدة.", "نفس الوقت", "DATE"),
    ("وفي ذات الوقت دعا المجلس إلى الحوار.", "ذات الوقت", "DATE"),
    ("وصل الوفد ثم غادر في اليوم التالي.", "اليوم التالي", "DATE"),
    ("ارتفعت المبيعات في الفترة نفسها بنسبة كبيرة.", "الفترة نفسها", "DATE"),
    ("وكان يشغل في ذلك الوقت منصب المحافظ.", "ذلك الوقت", "DATE"),
    ("وأبرمت الأندية صفقات كبيرة في الموسم الجديد.", "الموسم الجديد", "DATE"),
    ("دوت صافرات الإنذار عند منتصف الليل.", "منتصف الليل", "TIME"),
])
def test_valueless_phrases_are_tagged(text, span, kind):
    t = one(text, AUG_2015)
    assert (t.text, t.type, t.value) == (span, kind, None)


def test_a_season_after_season_words_is_the_publication_years():
    assert values("تكثر الرحلات في فصل الصيف عادة.", AUG_2015) == [("فصل الصيف", "DATE", "2015-SU")]
    assert values("تبدأ العروض مع موسم الشتاء.", AUG_2015) == [("موسم الشتاء", "DATE", "2015-WI")]
    assert values("تكثر الأمطار في الشتاء.", AUG_2015) == []  # a bare season names no particular one


def test_quarter_units_and_within_are_durations():
    assert values("حكم البلاد ربع قرن تقريبا.", AUG_2015) == [("ربع قرن", "DURATION", "P25Y")]
    assert values("انتظر المسافرون ربع ساعة عند الحاجز.", AUG_2015) == [("ربع ساعة", "DURATION", "PT15M")]
    assert values("ستصدر النتائج في غضون أسبوع.", AUG_2015) == [("أسبوع", "DURATION", "P1W")]


def test_a_day_and_month_without_year_is_the_last_one_unless_soon_or_future():
    assert one("وكان قد اعتقل في 15 يناير.", AUG_2015).value == "2015-01-15"  # not the coming January
    assert one("وقع الهجوم في الأول من ديسمبر.", AUG_2015).value == "2014-12-01"
    assert one("تبدأ الدراسة في 20 أغسطس.", AUG_2015).value == "2015-08-20"  # two weeks ahead
    assert one("سيعقد المؤتمر في 15 يناير.", AUG_2015).value == "2016-01-15"  # a future clause


def test_a_range_of_two_years_after_the_dual_is_a_duration():
    assert values("حكم البلاد بين عامي 1982 و1990.", AUG_2015) == [("بين عامي 1982 و1990", "DURATION", "P8Y")]


def test_lone_bare_ab_is_the_yemeni_city_not_august():
    assert values("وسيطرت القبائل على ثلاث مديريات في اب جنوب صنعاء.", AUG_2015) == []
    assert values("اعتقل في 3 اب الماضي.", AUG_2015) == [("3 اب الماضي", "DATE", "2015-08-03")]
    assert values("سافر في آب إلى بيروت.", AUG_2015) == [("آب", "DATE", "2015-08")]


def test_a_four_digit_count_is_no_year_even_after_a_preposition():
    assert values("يصل مداها إلى 2000 كيلومتر.", AUG_2015) == []
    assert values("ارتفع العدد إلى 1900 شخص.", AUG_2015) == []
    assert values("انتقل إلى لندن في 2011 بعد الثورة.", AUG_2015) == [("2011", "DATE", "2011")]


def test_today_with_a_weekday_is_never_later_than_the_text_date():
    # AUG_2015 is a Thursday: "today, Saturday" was written on the Saturday before, not the one to come
    assert values("نظم الطلاب اليوم (السبت) وقفة أمام الجامعة.", AUG_2015) == [("اليوم (السبت)", "DATE", "2015-08-01")]
    assert values("اجتمع المجلس أمس الأربعاء.", AUG_2015) == [("أمس الأربعاء", "DATE", "2015-08-05")]
    assert values("يصل الوفد غدا الجمعة.", AUG_2015) == [("غدا الجمعة", "DATE", "2015-08-07")]


def test_a_text_that_names_its_day_well_before_its_date_counts_from_that_day():
    # AUG_2015 is a Thursday; the text was written on the Monday before (a late crawl date)
    found = values("أعلنت الشرطة اليوم (الاثنين) توقيف مشتبه به، بعد هجوم وقع أمس على مركز للشرطة.", AUG_2015)
    assert found == [("اليوم (الاثنين)", "DATE", "2015-08-03"), ("أمس", "DATE", "2015-08-02")]
    # a day's difference is the paper's morning-after date: "أمس" still counts from the date given
    found = values("قالت الوزارة اليوم الأربعاء إن الوفد وصل أمس.", AUG_2015)
    assert found == [("اليوم الأربعاء", "DATE", "2015-08-05"), ("أمس", "DATE", "2015-08-05")]


def test_an_ordinal_day_of_this_or_last_month():
    # «في الخامس من الشهر الجاري», «الـ25 من الشهر الماضي»: a day, not the whole month
    assert values("وقعت الغارة في الثالث من الشهر الجاري.") == [("الثالث من الشهر الجاري", "DATE", "2019-10-03")]
    assert values("وقعت الغارة في الـ27 من الشهر الماضي.") == [("الـ27 من الشهر الماضي", "DATE", "2019-09-27")]
    assert values("بدأت المعارك في الحادي والعشرين من الشهر الماضي.") == [
        ("الحادي والعشرين من الشهر الماضي", "DATE", "2019-09-21")]
    # the ordinal of a part of the month is no day
    assert values("ستعقد الجلسة في النصف الثاني من الشهر الجاري.") == [("الشهر الجاري", "DATE", "2019-10")]


def test_last_year_after_a_definite_noun_is_the_year_unless_the_noun_takes_aam_as_adjective():
    # after «المدينة» or «الحادثة», «العام الماضي» dates what happened
    assert values("استعاد الجيش السيطرة على المدينة العام الماضي.", AUG_2015) == [("العام الماضي", "DATE", "2014")]
    assert values("ووقعت الحادثة العام الماضي في الريف.", AUG_2015) == [("العام الماضي", "DATE", "2014")]
    # after «الأمين» or «المدير» it is «general»: the former secretary-general, no year
    assert values("وانتقد الأمين العام السابق للمنظمة القرار.", AUG_2015) == []
    assert values("والتقى الوزير بالمدير العام السابق للشركة.", AUG_2015) == []


def test_a_decade_of_time_is_a_duration_though_a_bare_decade_word_is_a_contract():
    # «عقد» alone is as often a contract; «عقد من الزمن» can only be ten years
    assert values("وظل الطريق مغلقا عقدا من الزمن قبل أن يفتح.", AUG_2015) == [("عقدا من الزمن", "DURATION", "P10Y")]
    assert values("عانى السكان من الحصار ثلاثة عقود من الزمن.", AUG_2015) == [
        ("ثلاثة عقود من الزمن", "DURATION", "P30Y")]
    assert values("ووقعت الشركة عقد توريد مع الحكومة.", AUG_2015) == []


def test_the_end_of_the_week_is_the_weekend_just_past_unless_the_clause_looks_ahead():
    monday = date(2015, 8, 3)
    assert values("وقتل جنديان في هجوم نهاية الأسبوع.", monday) == [("نهاية الأسبوع", "DATE", "2015-W31-WE")]
    assert values("وقتل جنديان في هجوم نهاية الأسبوع الماضي.", monday) == [
        ("نهاية الأسبوع الماضي", "DATE", "2015-W31-WE")]
    assert values("ومن المقرر أن يصل الوفد نهاية الأسبوع.", monday) == [("نهاية الأسبوع", "DATE", "2015-W32-WE")]


def test_a_part_of_the_day_before_a_full_date_makes_a_time_of_that_day():
    assert values("اندلعت الاشتباكات فجر الثالث من أغسطس في المدينة", AUG_2015) == [
        ("فجر الثالث من أغسطس", "TIME", "2015-08-03TMO")]
    assert values("بدأ القصف منتصف ليلة 12 يوليو الماضي", AUG_2015) == [("منتصف ليلة 12 يوليو الماضي", "TIME", "2015-07-12T00:00")]


def test_the_night_between_two_days_is_the_first_days_night():
    assert values("وقعت الانفجارات ليل الاثنين الثلاثاء قرب الميناء", AUG_2015) == [
        ("ليل الاثنين الثلاثاء", "TIME", "2015-08-03TNI")]
    # two days that do not follow each other are no night between them
    assert ("ليل الاثنين - الخميس", "TIME", "2015-08-03TNI") not in values("وقعت الانفجارات ليل الاثنين - الخميس قرب الميناء", AUG_2015)


def test_two_days_of_one_month_are_that_month_and_an_early_hour_is_the_morning():
    assert values("وتعقد الجولة المقبلة يومي 14 و15 سبتمبر المقبل في جنيف", AUG_2015) == [
        ("يومي 14 و15 سبتمبر المقبل", "DATE", "2015-09")]
    assert values("هاجم المسلحون الحاجز في وقت مبكر الثلاثاء", AUG_2015) == [("وقت مبكر الثلاثاء", "TIME", "2015-08-04TMO")]


def test_yesterday_named_by_a_weekday_one_day_later_is_that_day_not_a_week_before():
    # published on Saturday 8 August 2015: «أول من أمس الجمعة» is Friday the 7th (written a day late), not the 31st
    assert values("سقطت القذائف صباح أول من أمس الجمعة فوق السوق", date(2015, 8, 8)) == [
        ("صباح أول من أمس الجمعة", "TIME", "2015-08-07TMO")]
    assert values("سقطت القذائف أمس الجمعة فوق السوق", date(2015, 8, 8)) == [("أمس الجمعة", "DATE", "2015-08-07")]
