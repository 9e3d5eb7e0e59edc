"""Regression: the canonical Al Arabiya article (published 2019-10-02) gives the records users expect."""

from __future__ import annotations

import pytest

from rasd.pipeline import default_pipeline

from .conftest import seed_article


@pytest.fixture(scope="module")
def events():
    return [e.to_record() for e in default_pipeline()(seed_article()).events]


def _find(events, sub, status=None):
    found = [e for e in events if e["sub_event_type"] == sub and (status is None or e["status"] == status)]
    assert found, f"no {sub} ({status}) in {[(e['sub_event_type'], e['status']) for e in events]}"
    return found


def test_crossing_reopened_on_monday_30_september(events):
    (crossing,) = _find(events, "Other", "occurred")
    assert crossing["event_type"] == "Strategic developments"
    assert crossing["event_date"] == "2019-09-30" and crossing["time_precision"] == 1
    assert "Qaim" in crossing["location"]


def test_new_headquarters_in_rural_deir_ez_zor(events):
    (hq,) = _find(events, "Headquarters or base established", "occurred")
    assert hq["location"] == "Deir ez-Zor" and hq["geo_precision"] == 2
    assert hq["attribution"]["kind"] == "anonymous"
    assert hq["attribution"]["text"] == "مصادر أمنية من داخل قاعدة التنف العسكرية"


def test_strikes_that_destroyed_the_compound_days_before(events):
    strikes = _find(events, "Air/drone strike", "occurred")
    assert any(e["time_precision"] == 2 and "2019-09-24" <= e["event_date"] <= "2019-10-01" for e in strikes)


def test_possible_us_strikes_are_not_occurred(events):
    (threat,) = [e for e in events if e["sub_event_type"] == "Air/drone strike" and e["status"] in ("possible", "planned_or_threatened")]
    assert threat["actor1"] == "Military Forces of the United States"
    assert threat["event_date"] is None  # "قد يستهدفون": what may yet happen has no date
    assert threat["location"] == "Al-Bukamal"


def test_recapture_of_al_qaim_is_background(events):
    (recapture,) = _find(events, "Government regains territory")
    assert recapture["is_background"] and recapture["event_date"].startswith("2017")
    assert recapture["actor2"].startswith("Islamic State")
