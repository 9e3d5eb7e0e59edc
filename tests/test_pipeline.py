"""The whole pipeline keeps the SCHEMA's span contract on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.document import Article
from rasd.errors import RasdError
from rasd.pipeline import STAGES, Pipeline, default_pipeline
from rasd.runner import annotation

WORDS = ["قُتِلَ", "ثلاثةُ", "مدنيين", "بقصفٍ", "لقوات", "النظام", "على", "مدينة", "دوما", "أمس", "الاثنين", "30",
         "سبتمبر", "الماضي", "وقالت", "مصادر", "محلية", "إن", "غاراتٍ", "جوية", "استهدفت", "صنعاء", "داعش", "الحوثيين",
         "قـــتل", "٣", "عشرات", "القتلى", "في", "ريف", "دير", "الزور", "ISIS", "Reuters", "2015", "،", ".", "؟", "«", "»",
         "\u064b", "\u0640", "\u200f", "\n", "ﻻ", "مقرّات", "جديدة", "قد", "يستهدفون", "تظاهر", "المئات", "بغداد"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), st.booleans())
def test_every_span_is_an_exact_slice(words, with_title):
    text = " ".join(words)
    article = Article(text=text, title="عنوان: " + words[0] if with_title else None, published="2015-08-03")
    doc = default_pipeline()(article)
    record = annotation(doc)
    for layer in ("entities", "places", "timexes", "actors", "sources"):
        for span in record[layer]:
            assert doc.text[span["start"] : span["end"]] == span["text"], (layer, span)
    for ev in record["events"]:
        assert doc.text[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
        for role, (start, end) in ev["spans"].items():
            assert 0 <= start < end <= len(doc.text), role
        assert ev["status"] in {"occurred", "possible", "planned_or_threatened", "negated"}


def test_every_registered_stage_has_a_test_file():
    """A stage without tests is a stage nobody checks (datasette's hook test, STYLE §10)."""
    from pathlib import Path

    here = Path(__file__).parent
    names = {"text": "test_text.py", "entities": "test_entities.py", "places": "test_places.py",
             "time": "test_time.py", "actors": "test_actors.py", "sources": "test_sources.py", "events": "test_events.py"}
    assert set(names) == set(STAGES)
    for stage, filename in names.items():
        assert (here / filename).exists(), f"stage {stage!r} has no {filename}"


def test_pipeline_refuses_non_documents():
    with pytest.raises(RasdError, match="Document or Article"):
        Pipeline(["text"])("plain string")
    with pytest.raises(RasdError, match="unknown stage"):
        Pipeline(["nope"])


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_at_the_ends_of_the_calendar_counts_as_none(published):
    from rasd import analyse

    doc = analyse("تظاهر مئات الطلاب أمس الجمعة في مدينة القاهرة، وقال منظمون اليوم (السبت) إنهم سيعودون.",
                  published=published)
    assert doc.published is None and [e.sub_event_type for e in doc.events] == ["Peaceful protest"]
