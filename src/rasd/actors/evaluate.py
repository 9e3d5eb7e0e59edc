"""``rasd eval actors DIR``: are the gold event actors found and resolved to the right canonical actor?

For every gold ``actor1``/``actor2`` (text + canonical) of ``DIR/gold.jsonl`` the article of
``DIR/articles.jsonl`` is analysed; the actor is *found* when a mention overlaps an occurrence of the
gold text, *strict* when such a mention's actor carries the gold name (canonical or English alias),
*lenient* when it is the same actor family (parent/child), the same generic category, or shares a
distinctive name word.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rasd.actors.dictionary import ActorDictionary, load_dictionary, name_key
from rasd.actors.stage import find_actors
from rasd.document import ActorMention, Article, Document
from rasd.errors import RasdError
from rasd.pipeline import load_stage
from rasd.text.normalize import normalize

_GENERIC_WORDS = frozenset("""military forces of the police group armed unidentified loyalists regime
government army s and a an in""".split())


@dataclass
class GoldActor:
    doc_id: str
    role: str
    text: str
    canonical: str


@dataclass
class Outcome:
    gold: GoldActor
    found: bool
    strict: bool
    lenient: bool
    predicted: str | None


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise RasdError(f"missing {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _article(row: dict) -> Article:
    return Article(text=row["text"], title=row.get("title"), id=row.get("id"), published=row.get("published"),
                   source=row.get("source"), url=row.get("url"), dateline=row.get("dateline"))


def _optional_stages() -> list:
    """Earlier stages whose output the actor stage uses, when they are available."""
    stages = []
    for name in ("text", "entities", "places"):
        try:
            stages.append(load_stage(name))
        except (ImportError, AttributeError):
            continue
    return stages


def _analyse(article: Article, stages: list) -> Document:
    doc = Document.from_article(article)
    for stage in stages:
        try:
            doc = stage(doc)
        except Exception:  # noqa: BLE001 - a broken upstream stage must not stop the actor evaluation
            continue
    return find_actors(doc)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if spans:
        return spans
    norm = normalize(needle)
    nt = normalize_view(text)
    return [nt.to_original(m.start(), m.end()) for m in re.finditer(re.escape(norm), nt.text)] if norm else []


def normalize_view(text: str):
    from rasd.text.normalize import normalize_with_map

    return normalize_with_map(text)


def _words(name: str, d: ActorDictionary) -> set[str]:
    countries = {name_key(c.name) for c in d.countries.values()}
    words = set(re.findall(r"[a-z']+", name_key(name)))
    return {w for w in words if w not in _GENERIC_WORDS and w not in countries and len(w) > 2}


def strict_match(mention: ActorMention, gold: str, d: ActorDictionary) -> bool:
    actor = d.actors.get(mention.actor_id or "")
    names = actor.names if actor else (mention.canonical or "",)
    return name_key(gold) in {name_key(n) for n in names}


def lenient_match(mention: ActorMention, gold: str, d: ActorDictionary) -> bool:
    if strict_match(mention, gold, d):
        return True
    actor = d.actors.get(mention.actor_id or "")
    if actor is None:
        return False
    gold_id = d.by_name.get(name_key(gold))
    if gold_id:
        family = set(d.lineage(actor.id))
        gold_family = set(d.lineage(gold_id))
        if family & gold_family:
            return True
        if actor.category and actor.category == d.actors[gold_id].category:
            return True
    gold_words = _words(gold, d)
    return any(gold_words & _words(n, d) for n in actor.names)


def evaluate(path: str) -> list[Outcome]:
    root = Path(path)
    articles = {row["id"]: _article(row) for row in _read_jsonl(root / "articles.jsonl")}
    d, stages, out = load_dictionary(), _optional_stages(), []
    for row in _read_jsonl(root / "gold.jsonl"):
        article = articles.get(row["doc_id"])
        golds = [GoldActor(row["doc_id"], role, e[role]["text"], e[role]["canonical"])
                 for e in row.get("events", []) for role in ("actor1", "actor2")
                 if e.get(role) and e[role].get("text") and e[role].get("canonical")]
        if article is None or not golds:
            continue
        doc = _analyse(article, stages)
        for g in golds:
            occ = _occurrences(doc.text, g.text)
            hits = [m for m in doc.actors if any(m.start < e and s < m.end for s, e in occ)]
            strict = any(strict_match(m, g.canonical, d) for m in hits)
            lenient = any(lenient_match(m, g.canonical, d) for m in hits)
            out.append(Outcome(g, bool(hits), strict, lenient, hits[0].canonical if hits else None))
    return out


def report(outcomes: list[Outcome], errors: bool = False) -> str:
    n = len(outcomes) or 1
    found = sum(o.found for o in outcomes)
    strict = sum(o.strict for o in outcomes)
    lenient = sum(o.lenient for o in outcomes)
    lines = [
        f"gold event actors: {len(outcomes)}",
        f"found (a mention overlaps the gold text): {found} ({found / n:.1%})",
        f"resolved, strict (gold name = canonical or English alias): {strict} ({strict / n:.1%})",
        f"resolved, lenient (same family / category / name word): {lenient} ({lenient / n:.1%})",
    ]
    if not errors:
        return "\n".join(lines)
    lines += ["", "misses by gold canonical (not strict):"]
    misses = Counter(o.gold.canonical for o in outcomes if not o.strict)
    for name, count in misses.most_common():
        examples = [f"{o.gold.text!r}->{o.predicted}" for o in outcomes if o.gold.canonical == name and not o.strict]
        lines.append(f"  {count:3d}  {name}: {'; '.join(examples[:3])}")
    return "\n".join(lines)


def main(path: str, errors: bool = False) -> str:
    """Evaluate the actor stage on a dev_gold-style folder; per-actor misses only with ``errors``."""
    return report(evaluate(path), errors)
