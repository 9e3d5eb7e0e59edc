"""``rasd dev fires``: counts a cue's hits in a corpus and samples contexts."""

import gzip
import json

from rasd.dev.fires import fires, report


def _corpus(tmp_path, texts):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"title": "خبر", "content": t}, ensure_ascii=False) + "\n")
    return path


def test_counts_whole_word_hits_after_normalisation(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path, ["سقطت قذيفةٌ على السوق وقذيفة أخرى", "لا شيء هنا", "القذائف كثيرة"])
    f = fires("قذيفة", corpus=corpus, sample=5)
    assert (f.articles, f.hits, f.docs) == (3, 1, 1)  # وقذيفة and القذائف are other words; ئ is normalised to ي
    assert "[قذيفه]" in f.sample[0]
    r = fires(r"(?:و|ال)?قذ(?:يفه|ايف)", regex=True, corpus=corpus, sample=1)
    assert (r.hits, r.docs, len(r.sample)) == (3, 2, 1)
    assert report(r).startswith("(?:و|ال)?قذ(?:يفه|ايف): 3 hits in 2 of 3 articles")


def test_articles_of_the_labelled_sets_beside_the_corpus_are_left_out(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    news = tmp_path / "data" / "news"
    news.mkdir(parents=True)
    corpus = news / "news.jsonl"
    rows = [{"url": "u1", "content": "اندلع حريق في مستودع"}, {"url": "u2", "content": "اندلع حريق في سوق"}]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert fires("حريق", corpus=corpus).docs == 2
    gold = tmp_path / "data" / "check_gold"
    gold.mkdir()
    (gold / "articles.jsonl").write_text(json.dumps({"id": "c1", "url": "u2"}) + "\n", encoding="utf-8")
    f = fires("حريق", corpus=corpus, sample=5)
    assert (f.articles, f.docs) == (1, 1)
    assert all("سوق" not in s for s in f.sample)
