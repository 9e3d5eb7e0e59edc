"""The shared number lexicon (rasd.text.numbers) and the fatality counts built on it."""

from __future__ import annotations

import re

import pytest

from rasd.events.numbers import fatalities
from rasd.text.normalize import normalize
from rasd.text.numbers import NumberLexiconError, load_numbers, number_pattern, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("7", 7),
    ("سبعة", 7),
    ("واحداً", 1),
    ("ثلاث عشرة", 13),
    ("تسعة عشر", 19),
    ("إحدى عشرة", 11),
    ("اثنتي عشرة", 12),
    ("ستة وثلاثين", 36),
    ("أربع وتسعون", 94),
    ("خمس مئة", 500),
    ("ستمائة وعشرون", 620),
    ("مئتين وخمسة", 205),
    ("ألفين", 2000),
    ("أربعة آلاف", 4000),
    ("سبعة عشر ألفا", 17000),
    ("ثلاثمئة ألف", 300000),
    ("9 آلاف", 9000),
    ("1.5 مليون", 1500000),
    ("والأربعين", 40),
    ("بسبعة", 7),
    ("للخمسة", 5),
])
def test_cardinals(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "سيارة", "عشرات", "خمسة سيارات", "الأول"])
def test_not_cardinals(text: str) -> None:
    assert parse_number(text) is None


def test_ordinals_and_vague_words_are_separate_kinds() -> None:
    lex = load_numbers()
    assert lex.lookup(normalize("الرابعة"), "ordinals").value == 4
    assert lex.lookup(normalize("العشرات"), "vague").value == 12
    assert lex.lookup(normalize("الرابعة"), "units") is None


def test_pattern_takes_the_whole_compound() -> None:
    text = normalize("وصل ثمانية وعشرون زائرا بعد 3 آلاف كيلومتر")
    found = [m.group(0) for m in re.finditer(number_pattern(), text)]
    assert [parse_number(f) for f in found] == [28, 3000]


def _write(tmp_path, body: str):
    path = tmp_path / "numbers.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_valid_file_loads(tmp_path) -> None:
    lex = load_numbers(_write(tmp_path, "units:\n  3: [ثلاث, ثلاثة]\ntens:\n  30: [ثلاثين]\n"))
    assert parse_number("ثلاثة وثلاثين", lex) == 33


@pytest.mark.parametrize(("body", "entry"), [
    ("units:\n  three: [ثلاثة]\n", "units.three"),
    ("units:\n  3: ثلاثة\n", "units.3"),
    ("units:\n  3: [three]\n", "units.3"),
    ("units:\n  3: [ثلاثة]\ntens:\n  30: [ثلاثة]\n", "tens.30"),
    ("numbers:\n  3: [ثلاثة]\n", "numbers"),
    ("units: [ثلاثة]\n", "units"),
])
def test_malformed_entries_are_named(tmp_path, body: str, entry: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(NumberLexiconError) as err:
        load_numbers(path)
    assert str(path) in str(err.value) and f"entry {entry}" in str(err.value)


def test_fatalities_read_number_words() -> None:
    assert fatalities("قتل سبعة عشر مدنيا في القصف") == 17
    assert fatalities("أسفر الانفجار عن مقتل ستة وثلاثين شخصا") == 36


def test_fatalities_add_the_dead_but_not_the_wounded() -> None:
    assert fatalities("أسفر القصف عن مقتل 4 مدنيين و11 جريحا") == 4
    assert fatalities("أسفر الكمين عن مقتل 9 جنود و2 من المدنيين") == 11
    assert fatalities("أسفر الاشتباك عن مقتل 6 مسلحين وإصابة 10 آخرين") == 6


def test_a_killing_verb_its_subject_and_a_count_of_workers_or_shepherds():
    assert fatalities("قتل مسلحون ثلاثة رعاة قرب القرية.") == 3
    assert fatalities("قتلت الميليشيا ستة عمال في المصنع.") == 6
