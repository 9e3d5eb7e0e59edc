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
