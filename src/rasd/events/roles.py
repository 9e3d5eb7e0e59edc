"""Who acted: a learned choice of an event's actor1 among the actor mentions around its trigger.

Candidates are the actor mentions of the trigger's sentence and of the two sentences before it, and
"no actor".  Each is described by where it stands (clause, sentence, side and distance from the
trigger, the nearest on its side or not), what the rules say of its role (``_role``), what kind of
actor it is (ACLED inter code, civilian) and whether its country is the event's; no word identities
(they fitted dev_gold's phrasing and cross-validated no better).  A logistic model, trained on dev_gold with
cross-validation by article (``python -m rasd.events.train_roles``), scores them; the best wins,
unless it is the mention the rules made the target (actor2): then the rules' roles stand.  (A second
model for actor2, tried the same way, scored below the rules on check_gold and is not shipped.)
The weights are a small JSON file (``rasd/data/models/actor1.json``) an analyst can inspect.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from rasd.document import ActorMention, Document, Span
from rasd.events.arguments import (
    _contrast_between,
    _coordinated,
    _role,
    is_civilian,
    previous_sentences,
    takes_subject_after,
    vso_subject,
)

MODEL = "actor1.json"
# RASD_ACTOR_MODEL=off keeps the rules' actors; the trainer turns the model off to see the rules' own choice
ENABLED = os.environ.get("RASD_ACTOR_MODEL", "on").lower() != "off"


@dataclass(frozen=True)
class Context:
    """What the features need to know of the event."""

    trigger_start: int
    trigger_end: int
    sentence: Span
    clause: Span
    event_type: str
    sub_event_type: str
    country: str | None  # ISO2 of the event's place
    target: ActorMention | None = None  # the rules' actor2


def candidates(doc: Document, ctx: Context) -> list[tuple[dict[str, float], ActorMention | None]]:
    """Every candidate for actor1 with its features; the first is "no actor"."""
    out: list[tuple[dict[str, float], ActorMention | None]] = [
        ({"none": 1.0, f"none|type={ctx.event_type}": 1.0, f"none|sub={ctx.sub_event_type}": 1.0}, None)]
    # the title is no sentence before the body's first
    before = [s for s in previous_sentences(doc, ctx.sentence) if s.start >= min(doc.body_start, ctx.sentence.start)]
    lo = before[0].start if before else ctx.sentence.start
    joined = ctx.target
    for m in doc.index(doc.actors).starting_in(lo, ctx.sentence.end):
        if not m.canonical:
            continue
        if joined is not None and _coordinated(doc, joined, m):
            joined = m  # "مواقع الحوثيين وأتباع صالح": the target's associates did not act either
            continue
        if m.start >= ctx.sentence.start and _contrast_between(doc, ctx.trigger_end, m.start):
            continue  # "…، لكن من يسيطر عليه هم الميليشيات": no party to the event
        if m.inter in _NEVER_ACTING and ctx.event_type not in ("Protests", "Riots"):
            continue  # civilians and protesters do not fight, bomb or take ground (ACLED): "أحيا المتظاهرون ذكرى ضحايا التفجير"
        f = _features(doc, ctx, m)
        if f.get("role=other") or f.get("role=accuser"):
            continue  # the rules' non-parties: an aside, the object of another predicate, who blames
        out.append((f, m))
    _nearest(out, ctx)
    return out


def _nearest(out: list[tuple[dict[str, float], ActorMention | None]], ctx: Context) -> None:
    """Mark the nearest mention before the trigger in its sentence, and the nearest after it."""
    before = [(ctx.trigger_start - m.start, f) for f, m in out[1:] if m.start < ctx.trigger_start and f["same sentence"]]
    after = [(m.start - ctx.trigger_end, f) for f, m in out[1:] if m.start >= ctx.trigger_end]
    if before:
        min(before, key=lambda x: x[0])[1]["nearest before"] = 1.0
    if after:
        min(after, key=lambda x: x[0])[1]["nearest after"] = 1.0


_NEVER_ACTING = frozenset({6, 7})  # ACLED inter codes of protesters and civilians


def _sentence_verb(doc: Document, ctx: Context) -> bool:
    """Does the trigger take its subject after it (worked out once per trigger)?"""
    def build() -> bool:
        mentions = [a for a in doc.index(doc.actors).starting_in(ctx.sentence.start, ctx.sentence.end) if a.canonical]
        return takes_subject_after(doc, ctx.trigger_start, ctx.trigger_end, mentions)

    return doc.cached(("takes subject after", ctx.trigger_start, ctx.trigger_end), build, doc.actors)


def _features(doc: Document, ctx: Context, m: ActorMention) -> dict[str, float]:
    same = m.start >= ctx.sentence.start
    role = _role(doc, m, ctx.trigger_start, ctx.trigger_end) if same else "earlier sentence"
    if same and role == "target" and vso_subject(m, ctx.trigger_end, _sentence_verb(doc, ctx)):
        role = "agent"  # the subject right after its verb, as the rules read it
    f = {
        "same sentence": float(same),
        "in clause": float(ctx.clause.start <= m.start < ctx.clause.end),
        "before trigger": float(m.start < ctx.trigger_start),
        "inside trigger": float(ctx.trigger_start <= m.start < ctx.trigger_end),
        "log distance": math.log1p(abs(m.start - ctx.trigger_start)) / 6,
        "confidence": m.confidence,
        "civilian": float(is_civilian(m)),
        "unidentified": float((m.canonical or "").startswith("Unidentified")),
        "same country": float(bool(m.country) and m.country == ctx.country),
        "other country": float(bool(m.country) and bool(ctx.country) and m.country != ctx.country),
        f"role={role}": 1.0,
        f"inter={m.inter}": 1.0,
        f"inter={m.inter}|type={ctx.event_type}": 1.0,
    }
    return f


@dataclass(frozen=True)
class Linear:
    weights: dict[str, float]
    bias: float

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())


def model_path() -> Traversable:
    return resources.files("rasd.data").joinpath("models", MODEL)


@cache
def load_model() -> Linear | None:
    """The committed actor1 model, or None when the package has none (the rules alone then)."""
    path = model_path()
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Linear(data["weights"], data["bias"])


def choose_actor1(doc: Document, ctx: Context, model: Linear | None = None) -> tuple[bool, ActorMention | None]:
    """(decided, mention): decided is False when no model is shipped; mention None means no actor1."""
    model = model or load_model()
    if model is None:
        return False, None
    scored = [(model.score(f), k, m) for k, (f, m) in enumerate(candidates(doc, ctx))]
    return True, max(scored, key=lambda x: (x[0], -x[1]))[2]
