"""`rasd eval dedup DIR`: how well events of different articles are grouped into real events.

**Gold clusters** come from the per-article gold (dev_gold format): two gold events of *different*
articles are one real event when they have the same event type, their places lie within 25 km (100 km
when either has geo_precision 3) and their days differ by at most one; the clusters are the transitive
closure of these links, with one constraint: events of one article are never put in one cluster (the
annotator coded them as distinct events).  Links are taken closest first (same sub-type, then the
nearer day, then the shorter distance) and a link that would join two clusters holding events of one
article is skipped.  Gold events with no day or no place are clusters of their own.

**Scoring.**  The system's events are aligned to the gold events of their article with the one-to-one
matching of ``rasd eval events``; the clustering of the aligned events is scored against their gold
clusters with B-cubed precision/recall/F1 and pairwise F1.  The system clusters all its events (aligned
or not), as it would in production.  Two baselines are printed beside it: no clustering, and grouping by
sub-type + the same place + the same day only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rasd.events.cluster import Clusterer, Report
from rasd.events.evaluate import _match, load_gold
from rasd.geo import haversine_km

Item = tuple[str, int]  # (doc_id, index of the gold event in its article)


# -- gold clusters --------------------------------------------------------------------------------

def _gold_link(a: dict, b: dict) -> tuple[int, int, float] | None:
    """The closeness of two gold events of different articles if the rule links them, else None."""
    la, lb = a.get("location") or {}, b.get("location") or {}
    if a["event_type"] != b["event_type"] or not a.get("date") or not b.get("date"):
        return None
    if la.get("lat") is None or lb.get("lat") is None:
        return None
    days = abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
    km = haversine_km(la["lat"], la["lon"], lb["lat"], lb["lon"])
    limit = 100 if 3 in (la.get("geo_precision"), lb.get("geo_precision")) else 25
    if days > 1 or km > limit:
        return None
    return (a["sub_event_type"] != b["sub_event_type"], days, km)


def gold_clusters(gold_by_doc: Mapping[str, list[dict]]) -> dict[Item, int]:
    """Each gold event's cluster number, by the rule in the module docstring."""
    items = [((doc, i), e) for doc, evs in gold_by_doc.items() for i, e in enumerate(evs)]
    links = []
    for n, (ia, a) in enumerate(items):
        for ib, b in items[n + 1:]:
            if ia[0] != ib[0] and (close := _gold_link(a, b)) is not None:
                links.append((close, ia, ib))
    parent = {item: item for item, _ in items}
    docs = {item: {item[0]} for item, _ in items}

    def root(x: Item) -> Item:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in sorted(links):
        ra, rb = root(a), root(b)
        if ra != rb and not docs[ra] & docs[rb]:
            parent[rb] = ra
            docs[ra] |= docs.pop(rb)
    roots: dict[Item, int] = {}
    return {item: roots.setdefault(root(item), len(roots)) for item, _ in items}


# -- scores ---------------------------------------------------------------------------------------

def bcubed(system: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``system`` labels against ``gold`` labels (same items)."""
    if not gold:
        return 0.0, 0.0, 0.0
    sys_members, gold_members = _members(system), _members(gold)
    p = r = 0.0
    for item in gold:
        s, g = sys_members[system[item]], gold_members[gold[item]]
        both = len(s & g)
        p += both / len(s)
        r += both / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, _f1(p, r)


def pairwise(system: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over the pairs of items put together (0 where undefined)."""
    sys_pairs, gold_pairs = _pairs(system), _pairs(gold)
    both = len(sys_pairs & gold_pairs)
    p = both / len(sys_pairs) if sys_pairs else 0.0
    r = both / len(gold_pairs) if gold_pairs else 0.0
    return p, r, _f1(p, r)


def _members(labels: Mapping[Hashable, Hashable]) -> dict[Hashable, set]:
    out: defaultdict[Hashable, set] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return out


def _pairs(labels: Mapping[Hashable, Hashable]) -> set[frozenset]:
    return {frozenset((a, b)) for group in _members(labels).values() for a in group for b in group if repr(a) < repr(b)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- system clusterings -----------------------------------------------------------------------------

@dataclass
class Predicted:
    doc_id: str
    published: str | None
    outlet: str | None
    records: list[dict]


def predict(articles_path: Path) -> list[Predicted]:
    from rasd.events.corpus import dated_in_batches
    from rasd.io.readers import read_articles
    from rasd.pipeline import default_pipeline

    pipeline = default_pipeline()
    docs = dated_in_batches(pipeline(a) for a in read_articles(articles_path, lambda p: None))
    return [Predicted(d.doc_id, str(d.published) if d.published else None, d.article.source,
                      [e.to_record() for e in d.events]) for d in docs]


def cluster_rasd(docs: list[Predicted], clusterer: Clusterer | None = None) -> dict[Item, str]:
    """Each predicted event's real-event id from the :class:`Clusterer`, keyed (doc_id, index)."""
    clusterer = Clusterer() if clusterer is None else clusterer
    reports = {(d.doc_id, i): Report.from_record(rec, d.published, d.outlet)
               for d in docs for i, rec in enumerate(d.records)}
    clusterer.add_many(list(reports.values()))
    return {item: clusterer.event_of(r.report_id) for item, r in reports.items()}


def cluster_none(docs: list[Predicted]) -> dict[Item, Hashable]:
    return {(d.doc_id, i): (d.doc_id, i) for d in docs for i in range(len(d.records))}


def cluster_same_key(docs: list[Predicted]) -> dict[Item, Hashable]:
    """The naive baseline: the same sub-type, the same place and the same day."""
    out: dict[Item, Hashable] = {}
    for d in docs:
        for i, rec in enumerate(d.records):
            place = rec.get("geonameid") or (
                (round(rec["latitude"], 2), round(rec["longitude"], 2)) if rec.get("latitude") is not None else None)
            key = (rec["sub_event_type"], place, rec.get("event_date"))
            out[d.doc_id, i] = key if place is not None and rec.get("event_date") else (d.doc_id, i)
    return out


def align(gold_by_doc: Mapping[str, list[dict]], docs: list[Predicted]) -> dict[Item, Item]:
    """Predicted (doc, index) -> the gold (doc, index) it is matched to, per article."""
    out: dict[Item, Item] = {}
    for d in docs:
        gold = gold_by_doc.get(d.doc_id, [])
        g_index = {id(g): i for i, g in enumerate(gold)}
        p_index = {id(p): i for i, p in enumerate(d.records)}
        for g, p in _match(gold, d.records):
            out[d.doc_id, p_index[id(p)]] = (d.doc_id, g_index[id(g)])
    return out


# -- report ---------------------------------------------------------------------------------------

def evaluate(gold_by_doc: Mapping[str, list[dict]], docs: list[Predicted], errors: bool = False) -> str:
    gold_label = gold_clusters(gold_by_doc)
    aligned = align(gold_by_doc, docs)
    gold = {p: gold_label[g] for p, g in aligned.items()}
    sizes = Counter(Counter(gold.values()).values())
    lines = [f"gold events {len(gold_label)} in {len(set(gold_label.values()))} real events; "
             f"predicted {sum(len(d.records) for d in docs)}, aligned {len(aligned)} "
             f"in {len(set(gold.values()))} real events (sizes: "
             + ", ".join(f"{k}×{v}" for k, v in sorted(sizes.items())) + ")",
             "", f"{'clustering':<28}{'events':>7}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}   {'pair P':>6} {'pair R':>6} {'pair F1':>7}"]
    rasd = cluster_rasd(docs)
    for name, labels in (("rasd (cluster.yaml rule)", rasd), ("none", cluster_none(docs)),
                         ("sub-type+place+day", cluster_same_key(docs))):
        system = {p: labels[p] for p in aligned}
        b, pw = bcubed(system, gold), pairwise(system, gold)
        lines.append(f"{name:<28}{len(set(system.values())):>7}  {b[0]:>6.3f} {b[1]:>6.3f} {b[2]:>6.3f}"
                     f"   {pw[0]:>6.3f} {pw[1]:>6.3f} {pw[2]:>7.3f}")
    if errors:
        lines += ["", "errors (pairs of aligned events):", *_pair_errors(docs, {p: rasd[p] for p in aligned}, gold)]
    return "\n".join(lines)


def _pair_errors(docs: list[Predicted], system: dict[Item, Hashable], gold: dict[Item, Hashable]) -> list[str]:
    records = {(d.doc_id, i): r for d in docs for i, r in enumerate(d.records)}

    def brief(item: Item) -> str:
        r = records[item]
        return f"{item[0]} {r['sub_event_type']} {r.get('event_date')}/{r['time_precision']} {r.get('location')}/{r.get('geo_precision')}"

    out = []
    items = sorted(system)
    for n, a in enumerate(items):
        for b in items[n + 1:]:
            same_s, same_g = system[a] == system[b], gold[a] == gold[b]
            if same_s != same_g:
                out.append(f"  {'joined' if same_s else 'split '}  {brief(a)}  ||  {brief(b)}")
    return out


def main(path: str, errors: bool = False) -> str:
    root = Path(path)
    return evaluate(load_gold(root / "gold.jsonl"), predict(root / "articles.jsonl"), errors)
