"""Trigger detection: find event triggers in each sentence (match first, decide later)."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.document import Document, Span
from rasd.events.lexicon import Lexicon, Trigger, load_lexicon, token_keys
from rasd.sources.lexicon import load_cues
from rasd.text.morphology import is_verb
from rasd.text.normalize import dediac
from rasd.text.tokens import Token


@dataclass
class TriggerMatch:
    sentence: Span
    tokens: list[Token]  # the sentence's tokens
    keys: list[frozenset[str]]
    first: int  # token index of the trigger in the sentence
    last: int
    trigger: Trigger
    sub_event_type: str
    segment: tuple[int, int]  # token range of the sentence part around the trigger (_segment)
    weapon_cue: bool = False  # a generic trigger typed by a weapon word in its sentence
    borrowed: bool = False  # … or by one in the sentences before it

    @property
    def start(self) -> int:
        return self.tokens[self.first].start

    @property
    def end(self) -> int:
        return self.tokens[self.last].end


_ANAPHORA = frozenset({"هذه", "هذا", "تلك", "ذلك", "نفس", "ذات"})
CONTEXT_SENTENCES = 2  # earlier sentences a generic trigger may borrow its weapon cue from


def find_triggers(doc: Document, lexicon: Lexicon | None = None) -> list[TriggerMatch]:
    lexicon = lexicon or load_lexicon()
    matches: list[TriggerMatch] = []
    context: list[list[frozenset[str]]] = []
    trailer = min((t.start for t in doc.spans.get("trailer", [])), default=len(doc.text))
    for sent in doc.sentences:
        if sent.start >= trailer:
            break  # tags, a repeated headline: boilerplate reports nothing
        toks = doc.tokens_in(sent.start, sent.end)
        keys = [token_keys(t, lexicon.article_words) for t in toks]
        question = sent.text.rstrip(' "»”').endswith(("؟", "?"))  # a question reports nothing
        if not question and lexicon.veto.find(keys) is None:
            matches.extend(_sentence_triggers(sent, toks, keys, lexicon, context[-CONTEXT_SENTENCES:]))
        context.append(keys)
    return matches


def _sentence_triggers(sent: Span, toks: list[Token], keys: list[frozenset[str]], lex: Lexicon,
                       context: list[list[frozenset[str]]]) -> list[TriggerMatch]:
    out: list[TriggerMatch] = []
    i = 0
    while i < len(toks):
        m = _match_at(toks, keys, i, lex)
        if m is None:
            i += 1
            continue
        n, trig = m
        if i > 0 and (toks[i - 1].norm in _ANAPHORA or keys[i - 1] & (_ANAPHORA | lex.halt)):
            # "هذه الضربات", "لهذه الضربات": a back-reference, not a new event; "وقف القصف": halted
            i += n
            continue
        lo, hi = _segment(toks, i)
        own = _unsupported(keys[lo:hi], lex)
        sub = _refine(trig, own, i - lo, lex)
        # the sentence names the weapon ("تفجير قنبلة مزروعة"): a specific event that borrows no other weapon
        cued = trig.generic and trig.sub_event_type in lex.refinable and _cued(trig, own, lex)
        weapon = (sub != trig.sub_event_type or cued) and sub not in ("Attack", "Armed clash")
        lent = False
        if sub == trig.sub_event_type and trig.generic and trig.borrow and not cued:
            borrowed = (_refine(trig, _unsupported(k, lex), 0, lex) for k in reversed(context))
            sub = next((b for b in borrowed if b != sub), sub)
            lent = sub != trig.sub_event_type
        out.append(TriggerMatch(sent, toks, keys, i, i + n - 1, trig, sub, (lo, hi), weapon, lent))
        i += n
    return out


def _match_at(toks: list[Token], keys: list[frozenset[str]], i: int, lex: Lexicon) -> tuple[int, Trigger] | None:
    """Longest trigger phrase starting at token ``i`` whose needs/unless conditions hold (the token's
    readings are a set: every one is tried, so the choice never depends on set order)."""
    best: tuple[int, float, tuple[str, ...], Trigger] | None = None
    for key in keys[i]:
        for phrase, trig in lex.phrases.get(key, ()):
            n = len(phrase)
            if i + n > len(keys) or not all(phrase[k] in keys[i + k] for k in range(1, n)):
                continue
            lo, hi = i - trig.window, i + n + trig.window
            if trig.needs and trig.needs.find(keys, lo, hi) is None:
                continue
            if trig.unless and trig.unless.find(keys, lo, hi) is not None:
                continue
            if trig.unless_sentence and trig.unless_sentence.find(keys) is not None:
                continue  # "قتل 12 شخصا إثر انهيار مبنى": a disaster, wherever the sentence names it
            if trig.unless_next and i + n < len(keys) and keys[i + n] & trig.unless_next:
                continue  # "برامج تستهدف تدريب الشباب": aims at, not attacks
            cand = (n, trig.weight, tuple(phrase), trig)
            if best is None or cand[:3] > best[:3]:
                best = cand
    return (best[0], best[3]) if best else None


def answers(m: TriggerMatch) -> bool:
    """Is the trigger part of what its sentence's act answers or avenges ("قتل جنديين ردا على الهجوم الذي
    استهدف البلدة")? That event is a reference, not a report ("وردا على ذلك شنت …" opens with no act before)."""
    lo, _ = m.segment
    if lo == 0 or lo == m.first or m.tokens[lo].norm not in load_cues().motive_words:
        return False  # «احتجاجا» itself may be the protest's word
    between = m.sentence.text[m.tokens[lo].end - m.sentence.start : m.start - m.sentence.start]
    if any(c in between for c in "،,؛"):
        return False  # "بدا ردا على الهجوم، عاودت المدفعية قصف …": the act again
    word = m.tokens[m.first]
    return not (word.norm.startswith("و") and is_verb(dediac(word.text)))  # "… احتجاجا على مقتله واعتقلت الشرطة"


def motive_start(m: TriggerMatch) -> int | None:
    """Where the phrase of what the trigger's act answers begins, after the trigger (its places are the motive's)."""
    _, hi = m.segment
    return m.tokens[hi].start if hi < len(m.tokens) and m.tokens[hi].norm in load_cues().motive_words else None


_CONTRAST = frozenset({"فيما", "بينما", "وبينما", "وفيما"})  # "…، فيما استهدفت سيارة مفخخة …": another event


def _segment(toks: list[Token], i: int) -> tuple[int, int]:
    """Token range of the part of the sentence around token ``i`` between contrastive connectors."""
    motive = load_cues().motive_words
    cuts = [k for k, t in enumerate(toks) if t.norm in _CONTRAST or t.norm in motive
            or (t.norm == "حين" and k and toks[k - 1].norm == "في")]
    lo = max((k for k in cuts if k <= i), default=0)
    hi = min((k for k in cuts if k > i), default=len(toks))
    return lo, hi


SUPPORT_REACH = 3  # words after «بدعم», «مدعومة من» that name the support, not the weapon


def _unsupported(keys: list[frozenset[str]], lex: Lexicon) -> list[frozenset[str]]:
    """The sentence's words with those naming support blanked: "بدعم جوي من التحالف" arms no ground attack."""
    at = [k for k, key in enumerate(keys) if key & lex.support]
    if not at:
        return keys
    return [frozenset() if any(0 < k - a <= SUPPORT_REACH for a in at) else key for k, key in enumerate(keys)]


def _cued(trig: Trigger, keys: list[frozenset[str]], lex: Lexicon) -> bool:
    """Whether the sentence names the weapon itself ("تفجير قنبلة مزروعة"): then it borrows none."""
    return any(m.words.find(keys) is not None for m in lex.modifiers
               if m.tier < 2 and trig.sub_event_type not in m.exceptions)  # «قصف» alone names no weapon


def _refine(trig: Trigger, keys: list[frozenset[str]], i: int, lex: Lexicon) -> str:
    """A generic trigger takes the sub-type of the first modifier cue found in its sentence."""
    if not trig.generic or trig.sub_event_type not in lex.refinable:
        return trig.sub_event_type
    mods = [m for m in lex.modifiers if trig.sub_event_type not in m.exceptions]
    for mod in (m for m in mods if m.tier == 0):
        if mod.words.find(keys) is not None:
            return mod.sub_event_type
    for tier in (1, 2):  # the cue nearest the trigger; weak cues ("قصف") only when no other is named
        near = [(min(abs(k - i) for k in hits), n, mod.sub_event_type) for n, mod in enumerate(mods) if mod.tier == tier
                and (hits := [k for k in range(len(keys)) if mod.words.match_at(keys, k)])]
        if near:
            return min(near)[2]
    if trig.sub_event_type in ("Armed clash", "Attack"):
        civ = lex.civilian.find(keys)
        comb = lex.combatant.find(keys)
        if civ is not None:
            return "Attack"
        if comb is not None and trig.sub_event_type == "Attack":
            return "Armed clash"
    return trig.sub_event_type
