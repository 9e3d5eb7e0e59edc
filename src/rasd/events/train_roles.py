"""Train the actor1 model (rasd.events.roles) on a gold folder: ``python -m rasd.events.train_roles DIR``.

Events are extracted with the rules alone (a column's undated mentions kept), paired with gold events
(same type and place; the date left out), and every candidate mention is labelled by whether it is the
gold actor1.  Prints the rules' accuracy (tuned on these articles) and the model's under cross-validation
by article, and writes the weights to ``rasd/data/models/actor1.json`` (``--out`` elsewhere).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from rasd.document import Document
from rasd.events import extract, roles
from rasd.events.arguments import actor_at, clause_of
from rasd.events.evaluate import _match, analysed, load_gold, same_actor

C = 0.1  # strong regularisation: a few hundred events
FOLDS = 10
SKIPPED = ("Protests", "Riots")  # the demonstrators are actor1 there


def matched_events(folder: Path) -> list[tuple[Document, roles.Context, dict]]:
    """Events the rules alone extract, each with its context and the gold event it pairs with
    (same type and place; the date left out)."""
    gold = load_gold(folder / "gold.jsonl")
    enabled, roles.ENABLED = roles.ENABLED, False
    filtered, extract.COLUMNS_FILTERED = extract.COLUMNS_FILTERED, False  # a column's undated mentions teach roles too
    try:
        docs = analysed(folder / "articles.jsonl")
    finally:
        roles.ENABLED, extract.COLUMNS_FILTERED = enabled, filtered
    out = []
    for doc in docs:
        records = [e.to_record() for e in doc.events]
        for g, p in _match(gold.get(doc.doc_id, []), records, dated=False):
            ev = doc.events[records.index(p)]
            sentence = doc.sentence_at(ev.trigger["start"])
            if sentence is None or ev.event_type in SKIPPED:
                continue
            ctx = roles.Context(ev.trigger["start"], ev.trigger["end"], sentence,
                                clause_of(doc, ev.trigger["start"], sentence), ev.event_type, ev.sub_event_type,
                                ev.country_code, actor_at(doc, ev.spans.get("actor2")))
            out.append((doc, ctx, {"gold": g, "rules": ev.actor1}))
    return out


def examples(events: list) -> list[tuple]:
    """(doc_id, event number, features, is the gold actor1, the rules got it) per candidate."""
    rows = []
    for n, (doc, ctx, info) in enumerate(events):
        want = info["gold"].get("actor1")
        for features, mention in roles.candidates(doc, ctx):
            rows.append((doc.doc_id, n, features, same_actor(mention.canonical if mention else None, want),
                         same_actor(info["rules"], want)))
    return rows


def _picked(rows: list, scores: np.ndarray) -> dict[int, int]:
    best: dict[int, int] = {}
    for i, r in enumerate(rows):
        if r[1] not in best or scores[i] > scores[best[r[1]]]:
            best[r[1]] = i
    return best


def train(rows: list) -> tuple[DictVectorizer, LogisticRegression, float]:
    """The model fitted on all rows, and its accuracy under cross-validation by article."""
    vec = DictVectorizer()
    x = vec.fit_transform([r[2] for r in rows])
    y = np.array([r[3] for r in rows])
    groups = np.array([r[0] for r in rows])
    scores = np.zeros(len(rows))
    for tr, te in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        scores[te] = LogisticRegression(C=C, max_iter=5000).fit(x[tr], y[tr]).decision_function(x[te])
    picked = _picked(rows, scores)
    cv = sum(rows[i][3] for i in picked.values()) / len(picked)
    return vec, LogisticRegression(C=C, max_iter=5000).fit(x, y), cv


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="where to write the model (default: rasd/data/models/actor1.json)")
    args = ap.parse_args(argv)
    rows = examples(matched_events(args.folder))
    rules = {r[1]: r[4] for r in rows}
    vec, model, cv = train(rows)
    print(f"actor1: {len(rules)} events, {len(rows)} candidates; right: rules {sum(rules.values()) / len(rules):.3f}"
          f" (tuned on these articles), model cross-validated by article {cv:.3f}")
    weights = {k: round(float(w), 4) for k, w in zip(vec.feature_names_, model.coef_[0], strict=True) if abs(w) >= 1e-4}
    out = args.out or Path(str(roles.model_path()))
    out.write_text(json.dumps({
        "about": "actor1 choice among mentions (rasd.events.roles); trained by rasd.events.train_roles",
        "trained_on": args.folder.name, "events": len(rules), "C": C, "cross_validated_accuracy": round(cv, 3),
        "bias": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
