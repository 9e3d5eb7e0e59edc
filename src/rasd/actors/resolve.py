"""Resolve candidates to canonical actors using country context, and write ActorMentions.

Rules:
- an alias naming several actors ("الجيش الوطني", "داعش", "قوات كردية") → the one whose country
  (or theatre) the context supports most; ties keep the dictionary order;
- an actor with a country-specific branch (Islamic State → Islamic State (Iraq)) takes the branch of
  the focus country;
- generic categories ("مدنيين", "الجيش", "قوات الأمن") → the stated nationality, else the focus country;
- head + nationality → the country's default for that head (countries.yaml ``defaults``);
- a state force acting outside its own country gets ACLED inter 8.
"""

from __future__ import annotations

from collections.abc import Iterator

from rasd.actors.compose import HEAD_DEFAULTS, Candidate
from rasd.actors.context import CountryContext
from rasd.actors.dictionary import INTER_EXTERNAL, Actor, ActorDictionary
from rasd.document import ActorMention

# sectors an anaphoric head may refer back to
_ANAPHORA_SECTORS = {
    "organization": {"rebel"}, "group": {"rebel", "political_militia", "identity_militia"},
    "militia": {"political_militia", "identity_militia", "rebel"},
    "movement": {"political_militia", "rebel"}, "factions": {"rebel", "political_militia"},
}


def _affinity(actor: Actor, scores: dict[str, float]) -> float:
    places = [actor.country, *actor.theatres] if actor.country or actor.theatres else []
    return max((scores.get(c, 0.0) for c in places if c), default=0.0)


def choose(actor_ids: tuple[str, ...], d: ActorDictionary, ctx: CountryContext, offset: int) -> Actor:
    scores = ctx.scores(offset)
    ranked = sorted(enumerate(actor_ids), key=lambda p: (-_affinity(d.actors[p[1]], scores), p[0]))
    actor = d.actors[ranked[0][1]]
    return specialise(actor, d, ctx, offset)


def specialise(actor: Actor, d: ActorDictionary, ctx: CountryContext, offset: int) -> Actor:
    """The branch of ``actor`` in the focus country, if it has one."""
    if actor.country:
        return actor
    branches = {a.country for a in d.actors.values() if a.parent == actor.id and a.country}
    focus = ctx.focus(offset, branches)
    return (d.descendants_in(actor.id, focus) if focus else None) or actor


def _generic_countries(d: ActorDictionary) -> set[str]:
    return {c.iso for c in d.countries.values() if c.generic}


def resolve_candidate(c: Candidate, d: ActorDictionary, ctx: CountryContext, previous: list[ActorMention]) -> Actor | None:
    if c.kind == "alias":
        return choose(c.actors, d, ctx, c.start)
    if c.kind == "nationality":
        for key in HEAD_DEFAULTS.get(c.head or "", ("forces",)):
            actor = d.default_for(key, c.country or "")
            if actor:
                return actor
        return None
    if c.kind == "category":
        # the country the text is about, even one the dictionary has no entries for (then the generic
        # actor, localised later): not the best-supported country that has entries ("الدرك" in Algeria
        # is not Tunisia's police because Tunisia is named once)
        country = c.country or ctx.focus(c.start)
        return d.for_category(c.category or "", country)
    if c.kind == "country_name":
        country = d.countries.get(c.country or "")
        return d.default_for("military", country.iso) if country and country.acts_abroad else None
    if c.kind == "anaphora":
        return _antecedent(c, d, previous)
    return None


def _antecedent(c: Candidate, d: ActorDictionary, previous: list[ActorMention]) -> Actor | None:
    sectors = _ANAPHORA_SECTORS.get(c.head or "")
    if not sectors:
        return None
    def named() -> Iterator[ActorMention]:  # latest first, stopping at the first that fits
        return (m for m in reversed(previous) if m.extra.get("kind") in {"alias", "nationality"})

    for m in named():  # the last actor introduced with the same head noun
        if m.extra.get("head") == c.head:
            return d.actors[m.actor_id or ""]
    for m in named():
        actor = d.actors[m.actor_id or ""]
        if not actor.category and actor.sector in sectors:
            return actor
    return None


def contextual_inter(actor: Actor, d: ActorDictionary, ctx: CountryContext, offset: int) -> int:
    """ACLED inter: a state force of another country acting here is 'external' (8)."""
    if actor.inter != 1 or not actor.country or actor.category:
        return actor.inter
    focus = ctx.focus(offset, _generic_countries(d))
    return INTER_EXTERNAL if focus and focus != actor.country else actor.inter


def to_mentions(text: str, candidates: list[Candidate], d: ActorDictionary, ctx: CountryContext) -> list[ActorMention]:
    out: list[ActorMention] = []
    for c in sorted(candidates, key=lambda c: c.start):
        actor = resolve_candidate(c, d, ctx, out)
        if actor is None:
            continue
        extra = {"kind": c.kind, "sector": actor.sector}
        if actor.category:
            extra["category"] = actor.category
        if c.head:
            extra["head"] = c.head
        inter = contextual_inter(actor, d, ctx, c.start)
        if inter != actor.inter:
            extra["inter_home"] = actor.inter
        out.append(ActorMention(text[c.start:c.end], c.start, c.end, actor.name, inter, actor.country,
                                actor.id, c.confidence, extra))
    return out
