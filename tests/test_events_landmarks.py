from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rasd import analyse
from rasd.errors import RasdError
from rasd.events.landmarks import date_landmarks, load_landmarks
from rasd.events.record import Event

RETAKING = "أكد المحافظ أن استعادة القوات الحكومية مدينة عدن من الحوثيين فتحت الطريق أمام عودة الخدمات."


def _event(sub: str = "Government regains territory", where: str = "Aden", status: str = "occurred",
           day: str | None = "2015-08-19") -> Event:
    ev = Event(doc_id="t", event_type="Battles", sub_event_type=sub, disorder_type="Political violence", status=status,
               evidence={"text": "x", "start": 0, "end": 1}, trigger={"text": "x", "start": 0, "end": 1},
               event_date=day, location=where)
    ev.spans["date"] = [0, 1]
    return ev


def test_a_later_report_of_a_landmark_takes_its_day():
    [ev] = analyse(RETAKING, published="2015-08-20").events
    assert (ev.sub_event_type, ev.location, ev.event_date, ev.time_precision) == (
        "Government regains territory", "Aden", "2015-07-17", 1)
    assert ev.dated_by == "landmark:Liberation of Aden" and ev.date_ar is None and "date" not in ev.spans


def test_news_of_the_landmark_itself_keeps_its_own_day():
    [ev] = analyse("أعلنت القوات الحكومية أمس استعادة مدينة عدن من الحوثيين.", published="2015-07-18").events
    assert ev.event_date == "2015-07-17" and ev.dated_by is None and ev.date_ar == "أمس"


def test_two_mentions_of_one_landmark_in_an_article_are_one_record():
    text = ("وقال الوزير إن تحرير عدن كان بداية الطريق، مضيفا أن استعادة عدن على أيدي الجيش الوطني غيرت موازين "
            "المعركة.")
    events = [e for e in analyse(text, published="2015-09-02").events if e.location == "Aden"]
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Government regains territory", "2015-07-17")]


def test_only_the_landmarks_sub_type_place_and_window_are_redated(tmp_path: Path):
    path = tmp_path / "landmarks.yaml"
    path.write_text("- name: Fall of X\n  sub_event_type: Government regains territory\n  places: [Aden]\n"
                    "  date: 2015-07-17\n  settle_days: 3\n  refer_days: 30\n", encoding="utf-8")
    marks = load_landmarks(path)
    other_place, other_type = _event(where="Lahij"), _event(sub="Armed clash")
    denied, planned = _event(status="negated"), _event(status="planned_or_threatened", day=None)
    kept = date_landmarks([other_place, other_type, denied, planned], date(2015, 8, 1), marks)
    assert [e.event_date for e in kept] == ["2015-08-19", "2015-08-19", "2015-08-19", None]
    assert [e.dated_by for e in kept] == [None] * 4
    too_early, too_late = _event(), _event()
    date_landmarks([too_early], date(2015, 7, 19), marks)
    date_landmarks([too_late], date(2015, 9, 1), marks)
    assert too_early.event_date == too_late.event_date == "2015-08-19"


@pytest.mark.parametrize("entry, problem", [
    ("- name: A\n  sub_event_type: Armed clash\n  reported_as: [Air raid]\n  places: [Aden]\n  date: 2015-07-17\n",
     "Air raid"),
    ("- name: B\n  sub_event_type: Armed clash\n  places: [Aden]\n  date: 17/07/2015\n", "date"),
    ("- name: C\n  sub_event_type: Armed clash\n  date: 2015-07-17\n", "places"),
    ("- name: D\n  places: [Aden]\n  date: 2015-07-17\n", "None"),
    ("- name: E\n  sub_event_type: Armed clash\n  places: [Aden]\n  date: 2015-07-17\n  day: 3\n", "day"),
])
def test_a_bad_landmark_entry_names_the_file_and_the_entry(tmp_path: Path, entry: str, problem: str):
    path = tmp_path / "landmarks.yaml"
    path.write_text(entry, encoding="utf-8")
    with pytest.raises(RasdError) as err:
        load_landmarks(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_a_report_is_retyped_as_its_landmark_unless_its_own_words_date_it_apart(tmp_path: Path):
    path = tmp_path / "landmarks.yaml"
    path.write_text("- name: Mosque bombing\n  sub_event_type: Suicide bomb\n  reported_as: [Attack]\n"
                    "  places: [Kuwait]\n  date: 2015-06-26\n", encoding="utf-8")
    marks = load_landmarks(path)
    later, old = _event(sub="Attack", where="Kuwait"), _event(sub="Attack", where="Kuwait", day="1983-12-12")
    old.date_explicit = True  # "تفجيرات الكويت عام 1983": its own sentence dates it
    date_landmarks([later, old], date(2015, 8, 1), marks)
    assert (later.sub_event_type, later.event_type, later.event_date) == ("Suicide bomb", "Explosions/Remote violence",
                                                                          "2015-06-26")
    assert (old.sub_event_type, old.event_date, old.dated_by) == ("Attack", "1983-12-12", None)


def test_the_shipped_landmarks_load():
    names = [lm.name for lm in load_landmarks()]
    assert "Liberation of Aden" in names and len(names) == len(set(names))


def test_a_mosque_named_for_its_village_is_the_villages_landmark():
    [ev] = analyse("واستذكر الخطيب ضحايا تفجير مسجد القديح الذي نفذه انتحاري من داعش.", published="2015-08-12").events
    assert (ev.sub_event_type, ev.location, ev.event_date) == ("Suicide bomb", "Al-Qudaih mosque", "2015-05-22")


def test_a_landmarks_report_takes_no_actor_from_another_sentence():
    text = "وقال قائد في الشرطة اليمنية إن رجال الأمن انتشروا في شوارع المدينة. وأضاف أن تحرير عدن فتح الطريق أمام عودة الحكومة."
    [ev] = analyse(text, published="2015-08-20").events
    assert ev.dated_by == "landmark:Liberation of Aden" and ev.actor1 is None and "actor1" not in ev.spans
    named = analyse("وأكد المحافظ أن الجيش اليمني حرر مدينة عدن قبل أسابيع.", published="2015-08-20")
    assert [e.actor1 for e in named.events if e.dated_by] == ["Military Forces of Yemen (2012-2022)"]


def test_the_duma_arson_reported_at_nablus_takes_its_day():
    text = "وجددت الحكومة إدانتها للجريمة التي نفذها مستوطنون في قرية قرب نابلس وأدت إلى حرق طفل فلسطيني."
    [ev] = analyse(text, published="2015-08-04").events
    assert (ev.location, ev.event_date, ev.dated_by) == ("Nablus", "2015-07-31", "landmark:Arson attack on the Dawabsheh home in Duma")
