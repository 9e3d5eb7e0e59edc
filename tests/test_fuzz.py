"""Fuzzing: random Unicode, Arabic and binary-ish documents through the whole pipeline (fast NER).

No document may raise, and every span must be an exact slice of the document text.  The example
count comes from a hypothesis profile chosen by ``HYPOTHESIS_PROFILE``: ``dev`` (default, quick)
or ``ci`` (10,000 documents, set by ``.ci/run``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.document import Article
from rasd.io.readers import read_articles
from rasd.pipeline import default_pipeline
from rasd.runner import annotation

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("dev", max_examples=60, **_COMMON)
settings.register_profile("ci", max_examples=10_000, **_COMMON)
settings.register_profile("measure", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), **_COMMON)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Invented news words and the characters that stress normalisation: diacritics, tatweel, ligatures,
# bidi marks, Arabic-Indic digits, quotes and brackets.
WORDS = ["قُتِلَ", "قتلى", "مقتل", "بقصفٍ", "غارةٌ", "جوية", "استهدفت", "مواقع", "للمسلحين", "في", "مدينة", "حلب", "صنعاء",
         "الموصل", "أمس", "الاثنين", "١٥", "2016", "يناير", "الماضي", "وقال", "مصدر", "إن", "الجيش", "داعش", "الحوثيين",
         "تظاهر", "المئات", "بين", "و", "«", "»", "(", ")", "[", "]", "،", ".", "؟", ":", "-", "ـــ", "\u064b", "\u0651",
         "\u0640", "\u200f", "\u200e", "\u202b", "\ufeff", "ﻻ", "ﷲ", "\n", "\n\n", "\t", "%", "$", "http://x.y/z?a=1"]
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ARABIC_FORMS = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)  # presentation forms
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())  # lone ones, as JSON allows
separators = st.sampled_from([" ", "", "\n", "، ", ". ", "  "])


def _news() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(WORDS), st.text(ARABIC, min_size=1, max_size=8),
                      st.text(ARABIC_FORMS, max_size=4), st.integers(0, 10**6).map(str))
    return st.lists(st.tuples(piece, separators), max_size=80).map(lambda xs: "".join(a + b for a, b in xs))


def _binaryish() -> st.SearchStrategy[str]:
    raw = st.binary(max_size=600)
    return st.one_of(raw.map(lambda b: b.decode("utf-8", "replace")), raw.map(lambda b: b.decode("latin-1")),
                     raw.map(lambda b: b.decode("cp1256", "replace")), raw.map(lambda b: b.decode("utf-8", "surrogateescape")))


TEXTS = st.one_of(_news(), st.text(max_size=400), st.text(st.one_of(ARABIC, SURROGATES, st.characters()), max_size=200),
                  _binaryish())
PUBLISHED = st.one_of(st.none(), st.dates().map(str), st.datetimes().map(str), st.text(max_size=12))


@pytest.fixture(scope="module")
def pipeline():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RASD_NER", "fast")
        yield default_pipeline()


@settings(PROFILE)
@given(text=TEXTS, title=st.one_of(st.none(), TEXTS), published=PUBLISHED)
def test_random_documents_never_raise_and_spans_are_exact(pipeline, text, title, published):
    article = Article(text=text, title=title or None, published=published, id="fuzz")
    doc = pipeline(article)
    assert doc.text == article.document_text
    record = annotation(doc)
    for layer in ("entities", "places", "timexes", "actors", "sources"):
        for span in record[layer]:
            assert 0 <= span["start"] <= span["end"] <= len(doc.text), (layer, span)
            assert doc.text[span["start"]: span["end"]] == span["text"], (layer, span)
    for ev in record["events"]:
        evidence = ev["evidence"]
        assert doc.text[evidence["start"]: evidence["end"]] == evidence["text"]
        for role, (start, end) in ev["spans"].items():
            assert 0 <= start < end <= len(doc.text), role


@settings(PROFILE)
@given(data=st.binary(max_size=2000), name=st.sampled_from(["a.jsonl", "a.json", "a.csv", "a.tsv", "a.txt", "a.jsonl.gz",
                                                              "a.csv.gz", "a.txt.gz", "a.md"]))
def test_random_bytes_in_any_input_form_give_articles_or_messages(tmp_path_factory, data, name):
    import gzip

    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    problems = []
    for article in read_articles(path, problems.append):
        assert isinstance(article.text, str) and article.text.strip()
    assert all(p.where.startswith(str(path)) for p in problems)
