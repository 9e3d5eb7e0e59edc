"""The actors stage: find actor mentions in a Document and resolve them to canonical actors."""

from __future__ import annotations

from rasd.actors.compose import Candidate, compose
from rasd.actors.context import CountryContext, build_context
from rasd.actors.dictionary import Actor, load_dictionary
from rasd.actors.lexicon import ACTOR, load_lexicon
from rasd.actors.matcher import Match, find_matches
from rasd.actors.resolve import choose, to_mentions
from rasd.document import ActorMention, Document, SpanIndex
from rasd.text.sentences import split_sentences
from rasd.text.tokens import tokenize

_NER_LABELS = frozenset({"ORG", "PER"})


def match(doc: Document) -> tuple[list[Match], list[Candidate], CountryContext]:
    """Find: lexicon matches, the candidates they compose, and the document's country context."""
    lex, d = load_lexicon(), load_dictionary()
    tokens = doc.tokens or tokenize(doc.text)
    matches = find_matches(tokens, lex)
    sentences = [(s.start, s.end) for s in doc.sentences] or split_sentences(doc.text)
    extra = []
    if doc.article.dateline:
        for m in find_matches(tokenize(doc.article.dateline), lex):
            extra += [(-1, e.target, 2.0) for e in m.entries if e.kind in {"country", "city"}]
    ctx = build_context(sentences, matches, doc.places, d, extra)
    candidates = compose(matches, tokens, lex.heads)
    candidates += _ner_candidates(doc, candidates)
    return matches, candidates, ctx


def _ner_candidates(doc: Document, taken: list[Candidate]) -> list[Candidate]:
    """ORG/PER entities from the NER stage that name a dictionary actor and no pattern covered."""
    out, index = [], SpanIndex(taken)
    for ent in doc.entities:
        if ent.label not in _NER_LABELS or any(c.start < ent.end and ent.start < c.end
                                               for c in index.overlapping(ent.start, ent.end)):
            continue
        ids = _alias_ids(ent.text)
        if ids:
            out.append(Candidate(ent.start, ent.end, "alias", ids, confidence=0.6))
    return out


def _alias_ids(text: str) -> tuple[str, ...]:
    """Actor ids whose alias spans all of ``text``."""
    tokens = tokenize(text)
    matches = find_matches(tokens, load_lexicon())
    if len(matches) == 1 and matches[0].first == 0 and matches[0].last == len(tokens) - 1:
        return tuple(matches[0].targets(ACTOR))
    return ()


def set_annotations(doc: Document, mentions: list[ActorMention]) -> Document:
    doc.actors = mentions
    return doc


def find_actors(doc: Document) -> Document:
    """Fill ``doc.actors`` (uses ``doc.places`` and ``doc.entities`` when earlier stages filled them)."""
    _, candidates, ctx = match(doc)
    for m in (mentions := to_mentions(doc.text, candidates, load_dictionary(), ctx)):
        assert doc.text[m.start:m.end] == m.text
    return set_annotations(doc, mentions)


def lookup(text_ar: str, country: str | None = None) -> Actor | None:
    """The canonical actor an Arabic name stands for (``country`` breaks ties), or None."""
    ids = _alias_ids(text_ar)
    if not ids:
        return None
    ctx = CountryContext([(0, len(text_ar) + 1)])
    ctx.add(0, country)
    return choose(ids, load_dictionary(), ctx, 0)


def get_actor(canonical: str) -> Actor | None:
    """A dictionary record by canonical name, English alias or id."""
    d = load_dictionary()
    if canonical in d.actors:
        return d.actors[canonical]
    from rasd.actors.dictionary import name_key

    actor_id = d.by_name.get(name_key(canonical))
    return d.actors[actor_id] if actor_id else None
