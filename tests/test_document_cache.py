"""Each stage memoises on the Document it is given: no result leaks between documents or threads."""

from __future__ import annotations

import copy
import pickle
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from rasd.document import Article, Document, Span
from rasd.pipeline import Pipeline
from rasd.runner import annotation

# Two invented reports with different places, sources and crowds, and events whose place is the article's
# focus (no place in their sentence or the two before), so that every per-document memo differs.
FIRST = Article(
    title="قصف على ريف حلب",
    text=("أفادت مصادر طبية أن الطيران الحربي قصف بلدات الأتارب ودارة عزة وعندان وحريتان وتل رفعت في ريف حلب "
          "فجر الأحد. وقال الدفاع المدني إن فرقه انتشلت جثث الضحايا. وأصيب خمسة أشخاص بجروح خطيرة. واندلعت "
          "اشتباكات عنيفة بعد الظهر بين الفصائل. وسقطت قذائف هاون على منازل السكان مساء. وقال ناشطون إن مئات "
          "المحتجين خرجوا في مدينة إدلب رفضا للقصف."),
    id="cache-first", published="2017-04-09", source="test")
SECOND = Article(
    title="هجوم على مواقع أمنية جنوب اليمن",
    text=("قال مسؤول أمني يمني إن مسلحين مجهولين هاجموا مواقع في عدن ولحج وأبين وشبوة والضالع مساء الثلاثاء. "
          "وأضاف المسؤول أن التحقيقات جارية. واعتقلت قوات الأمن ثلاثة مشتبه بهم. واندلعت اشتباكات متقطعة حتى "
          "الفجر. وانفجرت عبوة ناسفة بدورية عسكرية صباح الأربعاء. وتظاهر العشرات في المكلا للمطالبة بصرف الرواتب."),
    id="cache-second", published="2018-11-13", source="test")

# The NER stage shares one CRF tagger whose state lives between its ``tag`` and ``marginal`` calls, so the
# threads below start from documents whose entities were tagged beforehand.
BEFORE = ["text", "entities"]
AFTER = ["places", "time", "actors", "sources", "events"]


@pytest.fixture
def tagged(monkeypatch: pytest.MonkeyPatch) -> dict[str, Document]:
    monkeypatch.setenv("RASD_NER", "fast")
    return {a.id: Pipeline(BEFORE)(a) for a in (FIRST, SECOND)}


def _runner(tagged: dict[str, Document], stages: list[str]) -> Callable[[str], Any]:
    """Run ``stages`` on a fresh copy of a tagged document; its annotation, or the error it raised."""
    pipeline = Pipeline(stages)

    def run(doc_id: str) -> Any:
        try:
            return annotation(pipeline(copy.deepcopy(tagged[doc_id])))
        except Exception as err:  # a leaked memo may point past the end of this document's lists
            return repr(err)

    return run


@pytest.fixture
def rapid_switching() -> Iterator[None]:
    """Threads switch every microsecond, so a check-then-read of shared state is interrupted often."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_two_threads_on_two_documents_get_their_single_threaded_results(tagged, rapid_switching):
    run = _runner(tagged, AFTER)
    alone = {doc_id: run(doc_id) for doc_id in tagged}
    assert alone[FIRST.id] == annotation(Pipeline()(FIRST))
    assert all(alone[d]["places"] and len(alone[d]["events"]) > 2 for d in alone)
    rounds = [FIRST.id, SECOND.id] * 40  # interleaved: each thread takes the next article as it frees up
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda doc_id: (doc_id, run(doc_id)), rounds))
    wrong = [doc_id for doc_id, got in results if got != alone[doc_id]]
    assert not wrong, f"{len(wrong)} of {len(results)} concurrent runs differ from their single-threaded result"


def _module_state() -> dict[tuple[str, str], tuple]:
    """Every list, dict and set held by a rasd module: its identity and what it holds."""
    state = {}
    for name, module in list(sys.modules.items()):
        if name == "rasd" or name.startswith("rasd."):
            for attr, value in vars(module).items():
                if isinstance(value, dict):
                    state[name, attr] = (id(value), [(id(k), id(v)) for k, v in value.items()])
                elif isinstance(value, list | set):
                    state[name, attr] = (id(value), [id(x) for x in value])
    return state


def test_a_document_leaves_no_trace_in_module_state(tagged):
    """What a stage works out for one document lives on that document, never in a module global that
    the next document (or another thread) would read (STYLE: no mutable module globals changed per call)."""
    run = _runner(tagged, AFTER)
    run(FIRST.id)  # loads lexicons, models and registries
    before = _module_state()
    first, second = run(SECOND.id), run(FIRST.id)
    after = _module_state()
    changed = sorted(f"{name}.{attr}" for name, attr in before.keys() | after.keys()
                     if before.get((name, attr)) != after.get((name, attr)))
    assert not changed, f"per-document state in module globals: {changed}"
    assert first != second and second == run(FIRST.id)


def test_cached_value_is_rebuilt_when_a_list_it_depends_on_changes():
    doc = Document.from_article(Article(text="نص قصير"))
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return len(doc.sentences)

    assert doc.cached("n", build, doc.sentences) == 0
    assert doc.cached("n", build, doc.sentences) == 0 and len(built) == 1  # memoised
    doc.sentences.append(Span(0, 3, "نص "))
    assert doc.cached("n", build, doc.sentences) == 1  # the list grew
    doc.sentences = [Span(0, 3, "نص "), Span(4, 7, "قصي")]
    assert doc.cached("n", build, doc.sentences) == 2  # the list was replaced
    assert len(built) == 3
    other = Document.from_article(Article(text="نص قصير"))
    assert other.cached("n", lambda: -1, other.sentences) == -1  # another document has its own memo


def test_index_of_a_replaced_list_is_not_reused():
    doc = Document.from_article(Article(text="أ ب ج د"))
    doc.sentences = [Span(0, 1, "أ"), Span(2, 3, "ب")]
    assert [s.text for s in doc.index(doc.sentences).starting_in(0, 4)] == ["أ", "ب"]
    doc.sentences = [Span(4, 5, "ج"), Span(6, 7, "د")]  # same length, new list
    assert [s.text for s in doc.index(doc.sentences).starting_in(0, 7)] == ["ج", "د"]
    assert doc.index(doc.sentences).containing(6).text == "د"


def test_a_document_pickles_and_copies_without_its_cache(tagged):
    doc = Pipeline(AFTER)(copy.deepcopy(tagged[FIRST.id]))
    assert len(doc._cache) > 0, "the stages memoise on the document"
    assert "_cache" not in doc.__getstate__()
    shipped = pickle.loads(pickle.dumps(doc))
    assert shipped == doc and repr(shipped) == repr(doc) and len(shipped._cache) == 0
    assert annotation(shipped) == annotation(doc)
    assert len(copy.deepcopy(doc)._cache) == 0 and len(copy.copy(doc)._cache) == 0
    # a document shipped half-way (Dask) goes on the same way as one that stayed
    half = Pipeline(AFTER[:-1])(copy.deepcopy(tagged[SECOND.id]))
    half.index(half.places)
    moved = pickle.loads(pickle.dumps(half))
    assert annotation(Pipeline(["events"])(moved)) == annotation(Pipeline(["events"])(half))
