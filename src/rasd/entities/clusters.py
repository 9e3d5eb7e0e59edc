"""Word clusters from unlabeled news text: PPMI-SVD word vectors, then k-means at several granularities.

A cheap stand-in for Brown clusters: each normalised word gets one cluster id per granularity
(coarse to fine), used as CRF features so that rare names share evidence with frequent ones.
Built at training time (``rasd train ner``; needs numpy, scipy, scikit-learn) and shipped as a
small gzipped TSV; reading it needs nothing beyond the standard library.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rasd.text.normalize import normalize

if TYPE_CHECKING:
    import numpy as np

GRANULARITIES = (64, 256, 1024)
_WORD = re.compile(r"[\u0621-\u064a]+|[A-Za-z]+|\d+|[^\s\w]", re.UNICODE)


def words(text: str) -> list[str]:
    """Normalised words of a text, as the cluster table keys them."""
    return _WORD.findall(normalize(text))


def news_texts(path: str | Path) -> Iterator[str]:
    """Titles and bodies of the SaudiNewsNet ``articles.jsonl.gz`` file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield f"{rec.get('title') or ''}\n{rec.get('content') or ''}"


def build_clusters(texts: Iterable[list[str]], vocab_size: int = 120_000, contexts: int = 8000,
                   dim: int = 100, min_count: int = 3, seed: int = 0,
                   granularities: tuple[int, ...] = GRANULARITIES) -> dict[str, tuple[int, ...]]:
    """Cluster ids per word from tokenised texts (one list of normalised words per text)."""
    import numpy as np

    docs = [np.asarray(t, dtype=object) for t in texts]
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.concatenate([np.fromiter((index.get(w, -1) for w in d), np.int64, len(d)) for d in docs])
    vectors = _svd_vectors(ids, len(vocab), min(contexts, len(vocab)), min(dim, len(vocab) - 1), seed)
    labels = [_kmeans(vectors, min(k, len(vocab)), seed) for k in granularities]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def _svd_vectors(ids: np.ndarray, n_words: int, n_ctx: int, dim: int, seed: int) -> np.ndarray:
    """Unit-length rows of the SVD of a positional PPMI matrix (offsets -2..2)."""
    import numpy as np
    from scipy import sparse
    from sklearn.utils.extmath import randomized_svd

    offsets = (-2, -1, 1, 2)
    rows, cols = [], []
    for k, off in enumerate(offsets):
        w = ids[max(0, -off): len(ids) - max(0, off)]
        c = ids[max(0, off): len(ids) - max(0, -off) if off < 0 else len(ids)]
        keep = (w >= 0) & (c >= 0) & (c < n_ctx)
        rows.append(w[keep])
        cols.append(c[keep] + k * n_ctx)
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), np.float32), (r, c)), shape=(n_words, n_ctx * len(offsets))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum /= col_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total / (row_sum[coo.row] / total) / col_sum[coo.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    u, s, _ = randomized_svd(ppmi, dim, n_iter=4, random_state=seed)
    vec = u * np.sqrt(s)
    return vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)


def _kmeans(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    from sklearn.cluster import MiniBatchKMeans

    km = MiniBatchKMeans(n_clusters=k, batch_size=4096, n_init=1, max_iter=50, random_state=seed)
    return km.fit_predict(vectors)


def save_clusters(clusters: dict[str, tuple[int, ...]], path: str | Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for w, ids in clusters.items():
            fh.write(w + "\t" + "\t".join(map(str, ids)) + "\n")


def read_clusters(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        w, *ids = line.rstrip("\n").split("\t")
        out[w] = tuple(ids)
    return out
