"""``rasd dev fires PATTERN``: how often a cue fires in the unlabeled SaudiNewsNet corpus, with a sample.

A rule or lexicon entry earns its place by how often it fires correctly in unseen news, not by one
dev sentence. The corpus is normalised once (``rasd.text.normalize``) and cached next to nothing
in the project: under ``$XDG_CACHE_HOME/rasd`` (or ``~/.cache/rasd``). Articles of the labelled sets
beside the corpus (``../*_gold/articles.jsonl``, matched by URL) are left out: the count is of unlabeled
news, and a sample never shows the text of the held-out check set.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasd.text.normalize import normalize

DEFAULT_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


@dataclass
class Fires:
    pattern: str
    articles: int = 0  # articles read
    hits: int = 0  # matches in all
    docs: int = 0  # articles with at least one match
    sample: list[str] = field(default_factory=list)


def _cache_path(corpus: Path, held_out: frozenset[str]) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasd"
    stat = corpus.stat()
    return root / f"{corpus.stem}-{stat.st_size}-{int(stat.st_mtime)}-{len(held_out)}.norm.txt"


def held_out_urls(corpus: Path) -> frozenset[str]:
    """URLs of the labelled articles in the data folder above the corpus's own (``dev_gold``, ``check_gold``)."""
    urls: set[str] = set()
    for path in sorted(corpus.resolve().parent.parent.glob("*_gold/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (url := json.loads(line).get("url")):
                urls.add(url)
    return frozenset(urls)


def normalised_texts(corpus: Path = DEFAULT_CORPUS) -> Iterator[str]:
    """Each unlabeled article's title and text, normalised, one per line (cached after the first call)."""
    held_out = held_out_urls(corpus)
    cache = _cache_path(corpus, held_out)
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        opener = gzip.open if corpus.suffix == ".gz" else open
        with opener(corpus, "rt", encoding="utf-8") as src, tmp.open("w", encoding="utf-8") as out:
            for line in src:
                row = json.loads(line) if line.strip() else {}
                if row.get("url") in held_out:
                    continue
                text = " ".join(str(row.get(k) or "") for k in ("title", "content", "text"))
                out.write(" ".join(normalize(text).split()) + "\n")
        tmp.replace(cache)
    with cache.open(encoding="utf-8") as f:
        yield from (line.rstrip("\n") for line in f)


def compile_cue(pattern: str, regex: bool = False) -> re.Pattern:
    """A plain cue matches as whole words after normalisation; ``regex`` takes the pattern as it is."""
    if regex:
        return re.compile(pattern)
    return re.compile(r"(?<!\w)" + re.escape(" ".join(normalize(pattern).split())) + r"(?!\w)")


def fires(pattern: str, regex: bool = False, sample: int = 10, corpus: Path = DEFAULT_CORPUS,
          window: int = 60, seed: int = 0) -> Fires:
    """Count the cue's hits and keep a reservoir sample of ``sample`` contexts."""
    cue, out, rng = compile_cue(pattern, regex), Fires(pattern), random.Random(seed)
    for text in normalised_texts(corpus):
        out.articles += 1
        found = False
        for m in cue.finditer(text):
            out.hits += 1
            found = True
            ctx = f"…{text[max(0, m.start() - window):m.start()]}[{m.group(0)}]{text[m.end():m.end() + window]}…"
            if len(out.sample) < sample:
                out.sample.append(ctx)
            elif (j := rng.randrange(out.hits)) < sample:
                out.sample[j] = ctx
        out.docs += found
    return out


def report(f: Fires) -> str:
    share = f.docs / f.articles if f.articles else 0.0
    lines = [f"{f.pattern}: {f.hits} hits in {f.docs} of {f.articles} articles ({share:.2%})"]
    lines += [f"  {s}" for s in f.sample]
    return "\n".join(lines)
