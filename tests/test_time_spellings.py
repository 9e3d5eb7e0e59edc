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
