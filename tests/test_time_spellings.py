"""Durations with a definite number word, and a spelling that is never the month آب."""

from datetime import date

from rasd.time import resolve

PUB = date(2016, 3, 10)


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in resolve(text, PUB)]


def test_a_definite_number_word_before_the_unit_is_a_duration():
    assert _found("ارتفعت الأسعار خلال الأربعة أشهر الماضية") == [("الأربعة أشهر الماضية", "DURATION", "P4M")]
    assert _found("تستمر الخطة في الخمس سنوات المقبلة") == [("الخمس سنوات المقبلة", "DURATION", "P5Y")]


def test_ibb_is_not_august():
    assert _found("تجددت المواجهات في مدينة إب وسط اليمن") == []
    assert _found("عاد الوفد في آب الماضي") == [("آب الماضي", "DATE", "2015-08")]


def test_an_hour_of_this_morning_keeps_the_day_in_its_span():
    """«اليوم» contains the letters of «يوم»: only the separate word «يوم» («من يوم أمس») stays out."""
    assert _found("دوى انفجار في العاشرة من صباح اليوم") == [("العاشرة من صباح اليوم", "TIME", "2016-03-10T10:00")]
    assert _found("بدأ القصف الساعة الرابعة فجرا من يوم أمس")[0] == ("الساعة الرابعة فجرا", "TIME", "2016-03-09T04:00")


def test_how_often_is_a_set():
    assert _found("تعقد اللجنة اجتماعا مرتين في الأسبوع") == [("مرتين في الأسبوع", "SET", "P1W")]
    assert _found("تصدر النشرة بشكل شهري") == [("شهري", "SET", "P1M")]
    assert _found("يتجمع المحتجون أيام الجمعة أمام المبنى") == [("أيام الجمعة", "SET", "XXXX-WXX-5")]


def test_a_counted_period_written_with_digits():
    assert _found("ارتفع عدد الإصابات خلال الساعات الـ24 الماضية") == [("الساعات الـ24 الماضية", "DURATION", "PT24H")]


def test_a_year_marked_gregorian_is_not_hijri():
    assert _found("سقطت المدينة عام 1453م") == [("عام 1453م", "DATE", "1453")]
    assert _found("في عام 1436 هـ")[0][2] == "2015"  # a Hijri year stays Hijri
