"""Run time grows linearly: 4x the input, at most ~4x the work (counted in executed lines, not seconds)."""

from __future__ import annotations

import random
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta

import pytest

from rasd.document import Article, Document
from rasd.events.corpus import date_references, type_references
from rasd.events.record import Event
from rasd.pipeline import STAGES, Pipeline, load_stage
from tests.work import executed_lines

SLACK = 1.05  # 4x the input may cost up to 4.2x the work (the title is not repeated)

PARAGRAPH = ("قالت مصادر محلية في مدينة دير الزور إن طائرات حربية شنت غارات جوية على مواقع لتنظيم داعش قرب البوكمال "
             "أمس الجمعة، ما أسفر عن مقتل خمسة مسلحين. وأفاد شهود عيان أن اشتباكات عنيفة اندلعت بين قوات النظام "
             "ومقاتلين من المعارضة في ريف حمص وحماة وإدلب. وبحسب المرصد السوري لحقوق الإنسان اختطف مسلحون مجهولون "
             "صحفيا في مدينة الموصل العراقية. وذكرت وكالة الأنباء أن المئات تظاهروا في بغداد والبصرة احتجاجا على "
             "تردي الخدمات.")


def _article(chars: int) -> Article:
    reps = max(1, round(chars / (len(PARAGRAPH) + 2)))
    return Article(text="\n\n".join([PARAGRAPH] * reps), title="غارات واشتباكات في سوريا والعراق",
                   id=f"long-{chars}", published="2016-03-05", source="test")


def _stage_work(chars: int) -> dict[str, int]:
    doc = Document.from_article(_article(chars))
    work = {}
    for name in STAGES:
        work[name], doc = executed_lines(load_stage(name), doc)
    assert doc.events, "the paragraph must give events, or the events stage is not exercised"
    return work


def _one_blas_thread() -> AbstractContextManager:
    """Counting lines does not depend on threads, but a busy machine's BLAS threads make it crawl."""
    import numpy  # noqa: F401  (the limit applies to libraries already loaded)

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(1)


def test_every_stage_is_linear_in_article_length(monkeypatch):
    monkeypatch.setenv("RASD_NER", "fast")
    with _one_blas_thread():
        Pipeline()(_article(2_000))  # models and lexicons load outside the count (and untraced)
        small, large = _stage_work(10_000), _stage_work(40_000)
    ratios = {name: large[name] / small[name] for name in STAGES}
    assert all(r <= 4 * SLACK for r in ratios.values()), ratios


def _events(n: int, seed: int) -> list[Event]:
    """``n`` events of ``n // 3`` articles at constant density (a day per 6 events, a dozen towns)."""
    rng = random.Random(seed)
    types = [("Battles", ["Armed clash", "Government regains territory"]),
             ("Explosions/Remote violence", ["Air/drone strike", "Suicide bomb"])]
    out = []
    for i in range(n):
        event_type, subs = rng.choice(types)
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(max(1, n // 6)))
        ev = Event(doc_id=f"d{i // 3}", event_type=event_type, sub_event_type=rng.choice(subs), disorder_type="",
                   status="occurred", evidence={"start": i}, trigger={"start": i}, event_date=day.isoformat(),
                   time_precision=1, latitude=33.0 + rng.randrange(12) * 0.5, longitude=36.0)
        ev.generic = rng.random() < 0.33
        ev.date_explicit = not ev.generic
        out.append(ev)
    return out


def _naive_types(events: list[Event]) -> list[str]:
    """The cross-article sub-type vote written out directly (every generic against every specific)."""
    from collections import Counter

    from rasd.events.corpus import _near, load_lexicon

    decisive = {m.sub_event_type for m in load_lexicon().modifiers if m.tier == 0}
    specific = [e for e in events if (e.refined or not e.generic) and e.event_date and e.latitude is not None]
    out = []
    for ev in events:
        sub = ev.sub_event_type
        if ev.generic and not ev.refined and ev.event_date and ev.latitude is not None:
            votes = Counter(s.sub_event_type for s in specific if s.doc_id != ev.doc_id and s.event_type == ev.event_type
                            and s.event_date == ev.event_date and _near(ev, s))
            if votes:
                sub = max(votes, key=lambda x: (x in decisive, votes[x]))
        out.append(sub)
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_type_references_is_indexed_and_unchanged(seed):
    expected = _naive_types(_events(900, seed))
    events = _events(900, seed)
    type_references(events)
    assert [e.sub_event_type for e in events] == expected
    small, _ = executed_lines(type_references, _events(500, seed))
    large, _ = executed_lines(type_references, _events(2000, seed))
    assert large <= 4.4 * small


def test_date_references_grows_linearly():
    def run(n: int) -> int:
        events = _events(n, 3)
        by_doc: dict[str, list[Event]] = {}
        for e in events:
            by_doc.setdefault(e.doc_id, []).append(e)
        last = max(date.fromisoformat(e.event_date) for e in events)
        return executed_lines(date_references, [(last, evs) for evs in by_doc.values()])[0]

    assert run(2000) <= 4.4 * run(500)
