"""Attribution: reporting verbs and phrases give the source span and its kind.

"وكشفت مصادر أمنية من داخل قاعدة التنف العسكرية لـ"العربية.نت" عن أن …" → source
"مصادر أمنية من داخل قاعدة التنف العسكرية" (anonymous).  A source covers its sentence; it carries over
to follow-on sentences opened by a continuation verb with no subject of its own ("وأضافت المصادر أن",
"وتابعت: …") or by an explicit back-reference ("وبحسب المصادر").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rasd.document import Document, Source
from rasd.sources.lexicon import Cues, load_cues, strip_conj
from rasd.text.normalize import normalize
from rasd.text.tokens import Token

MAX_SOURCE_TOKENS = 10
# Words that end a source phrase: complementisers, "to/for" + outlet, "about", punctuation.
_STOP_WORDS = frozenset("ان انه انها بان فان لان وان عن في الي على علي خلال امس اليوم حيث بعد قبل ضمن عبر ايضا ان،".split())
_STOP_PUNCT = frozenset('،,.:؛;"«»“”()[]!؟?')
_POSSESSIVE = ("ها", "هم", "هما")
_BACKREF = frozenset({"المصادر", "المصدر", "هذه", "هذا", "ذات", "نفس", "نفسه", "نفسها", "ذاته", "ذاتها"})


def find_sources(doc: Document) -> Document:
    cues = load_cues()
    sources: list[Source] = []
    previous: Source | None = None
    for sent in doc.sentences:
        toks = doc.tokens_in(sent.start, sent.end)
        found = [_resolve_backref(src, previous) for src in _sources_in_sentence(doc, toks, cues, sent.start, sent.end)]
        if found:
            sources.extend(found)
            previous = found[-1]
        elif previous is not None and _continues(toks, cues):
            sources.append(Source(previous.text, previous.start, previous.end, previous.kind, previous.cue,
                                  sent.start, sent.end))
    doc.sources = _cover_lead(doc, sources)
    return doc


def _cover_lead(doc: Document, sources: list[Source]) -> list[Source]:
    """Wire-story leads: "هزت انفجارات تعز … . وقالت مصادر محلية إن …" — the second sentence's
    source also stands behind the lead it elaborates, when the lead names none of its own."""
    body = [s for s in doc.sentences if s.start >= doc.body_start][:2]
    if len(body) < 2 or any(src.scope_start == body[0].start for src in sources):
        return sources
    second = [src for src in sources if src.scope_start == body[1].start and src.start >= body[1].start]
    if not second:
        return sources
    src = second[0]
    lead = Source(src.text, src.start, src.end, src.kind, src.cue, body[0].start, body[0].end)
    return [lead, *sources]


def _resolve_backref(src: Source, previous: Source | None) -> Source:
    """"وبحسب المصادر" / "ووفق هذه المصادر" point back at the source named before."""
    words = normalize(src.text).split()
    if previous is not None and words and all(w in _BACKREF for w in words):
        return Source(previous.text, previous.start, previous.end, previous.kind, src.cue, src.scope_start, src.scope_end)
    return src


def source_for(doc: Document, offset: int) -> Source | None:
    """The source whose scope covers ``offset``: the nearest one named before it, else the first after it.

    "أعلنت الجماعة سيطرتها على التلة …، وأشار متحدث عسكري إلى أن …": each claim
    belongs to the source that introduces it.
    """
    covering = [s for s in _scoped_around(doc, offset) if s.scope_start is not None and s.scope_start <= offset < (s.scope_end or 0)]
    before = [s for s in covering if s.start <= offset]
    if before:
        return max(before, key=lambda s: s.start)
    return min(covering, key=lambda s: s.start, default=None)


def _scoped_around(doc: Document, offset: int) -> list[Source]:
    """The sources whose scope may cover ``offset``, in list order (binary search: linear in the article)."""
    items = doc.sources
    starts, order, longest = doc.cached("source scopes", lambda: _scope_index(items), items)
    found = order[bisect_left(starts, offset - longest) : bisect_right(starts, offset)]
    return [items[k] for k in sorted(found)]


def _scope_index(items: list[Source]) -> tuple[list[int], list[int], int]:
    """The scope starts in order, the sources' positions in that order, and the longest scope."""
    order = sorted((k for k, s in enumerate(items) if s.scope_start is not None), key=lambda k: items[k].scope_start)
    longest = max(((items[k].scope_end or 0) - items[k].scope_start for k in order), default=0)
    return [items[k].scope_start for k in order], order, longest


def _sources_in_sentence(doc: Document, toks: list[Token], cues: Cues, s_start: int, s_end: int) -> list[Source]:
    out: list[Source] = []
    i = 0
    while i < len(toks):
        base = strip_conj(toks[i].norm)
        n_prep = _match_phrase(toks, i, cues.prepositions) if _may_start_prep(toks[i].norm, cues) else 0
        if base in cues.reporting_verbs or toks[i].norm in cues.reporting_verbs:
            src = _phrase_source(doc, toks, i + 1, cues, toks[i].norm)
        elif n_prep:
            src = _phrase_source(doc, toks, i + n_prep, cues, " ".join(t.norm for t in toks[i : i + n_prep]))
        else:
            src = None
        if src is not None:
            src.scope_start, src.scope_end = s_start, s_end
            out.append(src)
        i += 1
    return out


def _may_start_prep(word: str, cues: Cues) -> bool:
    return word in cues.preposition_set.by_first or strip_conj(word) in cues.preposition_set.by_first


def _match_phrase(toks: list[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    for phrase in phrases:
        n = len(phrase)
        words = [t.norm for t in toks[i : i + n]]
        if len(words) == n and (words == list(phrase) or [strip_conj(words[0]), *words[1:]] == list(phrase)):
            return n
        # "وفقا لـ" written as "وفقاً لـ" or "لمصادر": accept a glued final ل
        if n > 1 and phrase[-1] == "ل" and len(words) >= n - 1 and [strip_conj(words[0]), *words[1:n - 1]] == list(phrase[:-1]):
            return n - 1
    return 0


def _phrase_source(doc: Document, toks: list[Token], j: int, cues: Cues, cue: str) -> Source | None:
    """The noun phrase starting at ``toks[j]`` up to a stop word, if it names a source."""
    if j < len(toks) and toks[j].norm in ("ل", "لـ"):
        j += 1  # "وفقاً لـ المصادر"
    end = j
    while end < len(toks) and end - j < MAX_SOURCE_TOKENS:
        t = toks[end]
        if t.norm in _STOP_WORDS or t.text in _STOP_PUNCT or t.text in ("لـ", "ل"):
            break
        if end > j and t.norm.startswith("ل") and not t.norm.startswith("لل") and len(t.norm) > 3 and t.norm[1:3] != "ا":
            break  # "لوكالة الأنباء" — the outlet the source spoke to, not the source
        if end - j >= 2 and len(t.norm) > 4 and t.norm.endswith(_POSSESSIVE):
            break  # "أعلنت المقاومة الشعبية سيطرتها": the object of the verb starts
        end += 1
        if any(e.label == "PER" and e.end == t.end for e in doc.index(doc.entities).around(t.end, t.end)):
            break  # the phrase ends with the person's name
    if end == j:
        return None
    words = [t.norm for t in toks[j:end]]
    kind = classify_source(words, cues)
    start, stop = toks[j].start, toks[end - 1].end
    if kind is None and any(e.label == "PER" for e in doc.index(doc.entities).starting_in(start, stop)):
        # a named person: an official when a title follows the name ("حسين الجنيدي وكيل محافظة أبين"),
        # else an eyewitness's account ("روى إمام المسجد … عبدالله الشهراني")
        # («أمين حامدي، وهو كاتب ومحلل سياسي»: an analyst, whose mentions are commentary)
        after = [t.norm for t in toks[end : end + 4] if t.norm not in _APPOSITION][:2]
        title = classify_source(after, cues)
        kind = title if title in ("official", "commentator") else "witness"
    if kind is None:
        return None
    return Source(doc.text[start:stop], start, stop, kind, cue)


_APPOSITION = frozenset({"،", ",", "وهو", "وهي", "هو", "هي"})  # what may stand between a name and its title


def classify_source(words: list[str], cues: Cues | None = None) -> str | None:
    """Kind of a source phrase from its (normalised) words; None when it names no plausible source."""
    cues = cues or load_cues()
    joined = f" {' '.join(words)} "
    bare = f" {' '.join(w[2:] if w.startswith('ال') and len(w) > 4 else w for w in words)} "
    for kind, phrases in cues.kinds:
        for phrase in phrases:
            p = " ".join(phrase)
            if f" {p} " in joined or f" {p} " in bare or (len(phrase) == 1 and words and words[0] == p):
                return kind
    return None


def _continues(toks: list[Token], cues: Cues) -> bool:
    """Does a sentence open with a subject-less continuation verb or a back-reference to the source?"""
    words = [t.norm for t in toks[:4]]
    if not words:
        return False
    lead = words[1:] if words[0] in ("كما", "فيما", "و") else words
    if lead and strip_conj(lead[0]) in cues.continuation_verbs:
        nxt = lead[1] if len(lead) > 1 else ""
        return nxt in ("ان", "انه", "انها", ":", "", "الي", "علي", "بان") or nxt in _BACKREF or not nxt.isalpha()
    return any(w in _BACKREF and i > 0 for i, w in enumerate(lead[:3])) and strip_conj(lead[0]) in ("بحسب", "حسب", "وفق")
