"""``rasd eval ner FILE``: CoNLL entity-level precision / recall / F1 per type and micro-averaged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rasd.entities.corpus import TYPES, Sentence, entity_spans, read_conll
from rasd.entities.memory import blocks
from rasd.entities.model import load_model


@dataclass
class Scores:
    """Exact-match entity counts per type."""

    gold: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    hit: Counter = field(default_factory=Counter)

    def add(self, gold_tags: list[str], pred_tags: list[str]) -> None:
        gold = set(entity_spans(gold_tags))
        pred = set(entity_spans(pred_tags))
        self.gold.update(k for *_, k in gold)
        self.pred.update(k for *_, k in pred)
        self.hit.update(k for *_, k in gold & pred)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        hit, pred, gold = pick(self.hit), pick(self.pred), pick(self.gold)
        p = hit / pred if pred else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self) -> str:
        lines = [f"{'type':<6} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for kind in [t for t in TYPES if self.gold[t] or self.pred[t]]:
            p, r, f = self.prf(kind)
            lines.append(f"{kind:<6} {p:6.4f} {r:6.4f} {f:6.4f} {self.gold[kind]:6d} {self.pred[kind]:6d}")
        p, r, f = self.prf()
        lines.append(f"{'micro':<6} {p:6.4f} {r:6.4f} {f:6.4f} {sum(self.gold.values()):6d} {sum(self.pred.values()):6d}")
        return "\n".join(lines)


def score_model(sentences: list[Sentence], folder: str | None = None) -> Scores:
    """Score ``sentences`` taken as pseudo-documents of consecutive sentences (CoNLL files have no breaks)."""
    model = load_model(folder)
    scores = Scores()
    for block in blocks(len(sentences)):
        doc = [sentences[i] for i in block]
        for s, labels in zip(doc, model.tag_document([s.tokens for s in doc]), strict=True):
            scores.add(s.tags, labels)
    return scores


def main(path: str) -> str:
    """Score the shipped model on a CoNLL file (``token TAG`` lines, blank line between sentences)."""
    sentences = read_conll(path)
    scores = score_model(sentences)
    n = sum(len(s.tokens) for s in sentences)
    return f"NER on {path}: {len(sentences)} sentences, {n} tokens\n{scores.report()}"
