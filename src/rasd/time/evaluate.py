"""``rasd eval time DIR``: timex spans and values against dev_gold, for rasd and dateparser.

Gold time expressions carry text but no offsets, so a prediction matches a gold expression of
the same (normalised) text in the same article, one to one, preferring a pair whose values agree.
Span precision/recall count matched expressions; value accuracy is the share of ALL gold
expressions matched with exactly the gold TIMEX3 value (a gold null must be predicted null).
Only the article body is scored (the guideline annotates the content, not the title).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rasd.document import Article, Document
from rasd.text.normalize import normalize


@dataclass(frozen=True)
class Expr:
    text: str
    type: str
    value: str | None

    @property
    def key(self) -> str:
        return " ".join(normalize(self.text).split())


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_ok: int = 0
    relaxed: int = 0  # gold expressions overlapped by a prediction (text containment)
    misses: list[str] = field(default_factory=list)

    def add(self, gold: list[Expr], pred: list[Expr], doc_id: str) -> None:
        self.gold += len(gold)
        self.predicted += len(pred)
        pairs = align(gold, pred)
        self.matched += len(pairs)
        for g, p in pairs:
            if g.value == p.value:
                self.value_ok += 1
            else:
                self.misses.append(f"{doc_id}  {g.text}  gold={g.value}  got={p.value}")
        matched_gold = {id(g) for g, _ in pairs}
        for g in gold:
            if id(g) in matched_gold:
                continue
            if any(g.key in p.key or p.key in g.key for p in pred if p.key):
                self.relaxed += 1
            self.misses.append(f"{doc_id}  {g.text}  gold={g.value}  (not found)")

    def lines(self, name: str) -> list[str]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_ok / self.gold if self.gold else 0.0
        rr = (self.matched + self.relaxed) / self.gold if self.gold else 0.0
        return [f"{name:<12} {p:9.3f} {r:7.3f} {f:6.3f} {rr:14.3f} {acc:15.3f}   "
                f"({self.value_ok}/{self.gold} values, {self.matched} matched, {self.predicted} predicted)"]


def align(gold: list[Expr], pred: list[Expr]) -> list[tuple[Expr, Expr]]:
    """One-to-one pairs of equal text, pairs with equal values first."""
    free = list(pred)
    pairs: list[tuple[Expr, Expr]] = []
    rest: list[Expr] = []
    for g in gold:
        p = next((p for p in free if p.key == g.key and p.value == g.value), None)
        if p is None:
            rest.append(g)
            continue
        free.remove(p)
        pairs.append((g, p))
    for g in rest:
        p = next((p for p in free if p.key == g.key), None)
        if p is not None:
            free.remove(p)
            pairs.append((g, p))
    return pairs


def _jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load(path: str) -> list[tuple[Document, list[Expr]]]:
    root = Path(path)
    gold = {g["doc_id"]: g for g in _jsonl(root / "gold.jsonl")}
    docs = []
    for a in _jsonl(root / "articles.jsonl"):
        if a["id"] not in gold:
            continue
        art = Article(text=a["text"], title=a.get("title"), id=a["id"], published=a.get("published"),
                      source=a.get("source"), url=a.get("url"), dateline=a.get("dateline"))
        exprs = [Expr(t["text"], t["type"], t.get("value")) for t in gold[a["id"]].get("time_expressions", [])]
        docs.append((Document.from_article(art), exprs))
    return docs


def rasd_predict(doc: Document) -> list[Expr]:
    from rasd.time import tag_timexes

    tag_timexes(doc)
    return [Expr(t.text, t.type, t.value) for t in doc.timexes if t.start >= doc.body_start]


def dateparser_predict(doc: Document) -> list[Expr]:
    """The peer: dateparser's ``search_dates`` on the body, relative to the publication date."""
    from dateparser.search import search_dates

    pub = doc.published
    settings = {"PREFER_DATES_FROM": "past"}
    if pub:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    try:
        found = search_dates(doc.article.text, languages=["ar"], settings=settings) or []
    except Exception:  # the peer fails on some inputs; count that as finding nothing
        found = []
    return [Expr(text, "DATE", dt.date().isoformat()) for text, dt in found]


def score(docs: list[tuple[Document, list[Expr]]], predict: Callable[[Document], list[Expr]]) -> Score:
    s = Score()
    for doc, gold in docs:
        s.add(gold, predict(doc), doc.doc_id)
    return s


def main(path: str, errors: bool = False) -> str:
    """The time report; per-expression errors only with ``errors`` (never on check data)."""
    docs = load(path)
    ours = score(docs, rasd_predict)
    peer = score(docs, dateparser_predict)
    by_type = {}
    for doc, gold in docs:
        pred = rasd_predict(doc)
        for g, p in align(gold, pred):
            ok = by_type.setdefault(g.type, [0, 0])
            ok[0] += g.value == p.value
        for g in gold:
            by_type.setdefault(g.type, [0, 0])[1] += 1
    lines = [f"time expressions: {len(docs)} articles, {ours.gold} gold expressions ({path})",
             f"{'system':<12} {'span P':>9} {'R':>7} {'F1':>6} {'relaxed R':>14} {'value accuracy':>15}"]
    lines += ours.lines("rasd") + peer.lines("dateparser")
    lines.append("rasd value accuracy by gold type: " + ", ".join(
        f"{t} {ok}/{n}" for t, (ok, n) in sorted(by_type.items())))
    lines.append(f"rasd − peer value accuracy: {(ours.value_ok - peer.value_ok) / max(ours.gold, 1) * 100:+.1f} points")
    if errors and ours.misses:
        lines.append("rasd errors:")
        lines += [f"  {m}" for m in ours.misses]
    return "\n".join(lines)

