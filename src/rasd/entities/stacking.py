"""What the CRF tells the neural layer: label marginals, document memory and gazetteer tags per token.

Used the same way when tagging (with the shipped first-pass CRF) and when training (with CRFs that
did not see the sentences they describe, see :func:`rasd.entities.train_neural.cross_dense`).
"""

from __future__ import annotations

import numpy as np

from rasd.entities.features import Resources, gazetteer_tags, sentence_features, stripped
from rasd.entities.memory import memories
from rasd.entities.neural import LABELS, dense_features
from rasd.text.normalize import normalize


def first_pass(tagger: object, tokens: list[str], res: Resources) -> tuple[list[str], np.ndarray]:
    """The CRF's labels for one sentence and its (n, len(LABELS)) marginals in ``LABELS`` order."""
    if not tokens:
        return [], np.zeros((0, len(LABELS)), np.float32)
    labels = list(tagger.tag(sentence_features(tokens, res)))
    known = set(tagger.labels())
    marg = np.array([[tagger.marginal(lab, i) if lab in known else 0.0 for lab in LABELS]
                     for i in range(len(tokens))], np.float32)
    return labels, marg


def document_dense(sentences: list[list[str]], labels: list[list[str]], marginals: list[np.ndarray],
                   res: Resources) -> list[np.ndarray]:
    """Dense neural-layer features for each sentence of one document from its first-pass output."""
    out = []
    for tokens, mem, marg in zip(sentences, memories(sentences, labels), marginals, strict=True):
        words = [normalize(t) or t for t in tokens]
        kinds = [mem.get(stripped(w)) for w in words]
        out.append(dense_features(marg, kinds, gazetteer_tags(words, res)))
    return out
