"""Factuality of an event mention: occurred, possible, planned_or_threatened or negated.

Looks at the words before the trigger inside its clause (and the trigger itself: a future سـ prefix),
using the cue lists in rasd/data/sources/cues.yaml.  "الأميركيين قد يستهدفون" → possible / planned,
"قد استهدف" (past tense) stays occurred.
"""

from __future__ import annotations

import re

from rasd.document import Document, Timex
from rasd.sources.lexicon import load_cues, strip_conj
from rasd.text.morphology import is_verb, proclitic_forms
from rasd.text.normalize import dediac, normalize

_IMPERFECT = ("ي", "ت", "ن")
_DENIAL_VERBS = frozenset({"نفي", "نفت", "ينفي", "تنفي", "نفوا", "كذب", "كذبت", "نفيه", "نفيها"})


def factuality(doc: Document, trigger_start: int, clause_start: int, cue: str | None = None) -> str:
    """Status of the event whose trigger starts at ``trigger_start``; ``cue`` is its source's verb."""
    cues = load_cues()
    clause_toks = doc.tokens_in(clause_start, trigger_start)
    toks = clause_toks[-cues.window :]
    wide = [t.norm for t in clause_toks[-12:]]  # for a verb of suffering far before its «ل»
    after = doc.tokens_in(trigger_start, trigger_start + 40)
    trigger = after[0] if after else None
    words = [t.norm for t in toks]
    if _hedged_imperfect(words + ([trigger.norm] if trigger else [])):
        return "possible"
    for status, phrases in cues.factuality:
        if status == "possible":
            continue
        if _contains(words, phrases):
            return status
    if words and strip_conj(words[-1]) in cues.purpose_before and not after_exposure(words[:-1]):
        return "planned_or_threatened"  # "قاعدة لشن غارات": what the base is for
    if trigger is not None and (_future_prefixed(trigger.text) or _purpose(trigger.norm, wide)):
        return "planned_or_threatened"
    if _contains([t.norm for t in after[1:5]], cues.planned_after):
        return "planned_or_threatened"  # "تحرير زنجبار بات قريبا", "الاقتحام الوشيك"
    if any(_future_prefixed(t.text) for t in toks[-3:]):
        return "planned_or_threatened"  # "ستشهد بغداد تظاهرات": a future verb governs the event
    if _contains(words, dict(cues.factuality)["possible"]) and not _contains([t.norm for t in after[1:4]], cues.happened_after):
        return "possible"  # … unless a relative clause says it happened ("المتهم بالوقوف خلف العملية التي وقعت")
    if cue is not None and strip_conj(cue) in _DENIAL_VERBS:
        return "negated"
    return "occurred"


def is_denial(doc: Document, trigger_start: int, clause_start: int) -> bool:
    """Is the event denied by a verb of denial in its clause ("نفى الجيش قصف المدينة")?"""
    return any(strip_conj(t.norm) in _DENIAL_VERBS for t in doc.tokens_in(clause_start, trigger_start))


def is_foiled(doc: Document, trigger_start: int, clause_start: int) -> bool:
    """"أحبطت السلطات هجوما انتحاريا": a foil word in the few words before the trigger."""
    cues = load_cues()
    return _contains([t.norm for t in doc.tokens_in(clause_start, trigger_start)[-cues.window :]], cues.foiled)


def is_attempt(doc: Document, trigger_start: int, sentence_start: int) -> bool:
    """"يحاولون استعادة الأحياء": an attempt word (cues.yaml ``attempt``) within two words before the trigger."""
    attempt = load_cues().attempt
    return any(strip_conj(t.norm) in attempt for t in doc.tokens_in(sentence_start, trigger_start)[-2:])


def is_future_possibility(doc: Document, trigger_start: int, clause_start: int) -> bool:
    """"قد يستهدفون" (may target): a hedged imperfect, about what may yet happen — it has no date."""
    return _hedged_imperfect([t.norm for t in doc.tokens_in(clause_start, trigger_start + 40)])


def _hedged_imperfect(words: list[str]) -> bool:
    """"قد" before an imperfect verb ("قد يستهدفون": may target); "قد استهدف" (has targeted) is not, nor is a
    past of the form تفعّل / تفاعل ("قد تمكنت القوات", "كانوا قد تمكنوا": their ت is no imperfect prefix)."""
    return any(strip_conj(w) == "قد" and i + 1 < len(words) and words[i + 1].startswith(_IMPERFECT)
               and not _ta_past(words[i + 1]) for i, w in enumerate(words))


def _ta_past(word: str) -> bool:
    return word.startswith("ت") and ((word.endswith("ت") and len(word) >= 5) or word.endswith("وا"))


def is_past_reference(doc: Document, trigger_start: int, clause_start: int) -> bool:
    """"منذ تحرير المدينة", "بعد أيام على تحرير عدن": an event noun used to date something else."""
    cues = load_cues()
    words = [strip_conj(t.norm) for t in doc.tokens_in(max(clause_start, trigger_start - 30), trigger_start)]
    return any(tuple(words[len(words) - len(p):]) == p for p in cues.past_anchors if len(words) >= len(p))


def is_recent_reference(doc: Document, trigger_end: int) -> bool:
    """"المعارك الأخيرة في الجنوب", "الهجمات الأخيرة على الحدود": the recent fighting, named, is no report of it."""
    after = doc.tokens_in(trigger_end, trigger_end + 20)[:1]
    return bool(after) and after[0].norm in load_cues().recent_after


def is_hypothetical(doc: Document, trigger_start: int, clause_start: int) -> bool:
    """"أي هجوم سيضعف جبهاته", "الإبلاغ عن أي اشتباكات": «أي» (any) right before an indefinite event word."""
    before = doc.tokens_in(clause_start, trigger_start)[-1:]
    trigger = doc.tokens_in(trigger_start, trigger_start + 40)[:1]
    return bool(before and trigger) and before[0].norm in load_cues().any_before and not trigger[0].norm.startswith("ال")


def is_aggregate(doc: Document, trigger_start: int, clause_start: int, clause_end: int | None = None) -> bool:
    """Is the mention a summary over a period ("في الأسابيع الأخيرة", "خلال يوليو الحالي")?"""
    cues = load_cues()
    toks = doc.tokens_in(clause_start, trigger_start)
    if _contains([t.norm for t in toks], cues.aggregate):
        return True
    if clause_end is not None and _contains([t.norm for t in doc.tokens_in(trigger_start, clause_end)], cues.aggregate_after):
        return True
    return any((t.precision or 0) >= 3 and _after_period_word(doc, t, clause_start, cues.aggregate_before_period)
               for t in doc.index(doc.timexes).starting_in(clause_start, trigger_start))


def _after_period_word(doc: Document, t: Timex, lo: int, period_words: frozenset[str]) -> bool:
    """Is the timex right after «خلال / طوال / طيلة / مدى» (no earlier than ``lo``)?"""
    before = doc.tokens_in(max(lo, t.start - 12), t.start)
    return bool(before) and strip_conj(before[-1].norm) in period_words


_LONG_UNIT = re.compile(r"(?:^|\s)(?:ال)?(?:اسبوع|اسابيع|اسبوعين|شهر|اشهر|شهور|شهرين|سنه|سنوات|سنين|سنتين|عام|اعوام|عامين|عقد|عقود)(?:\s|$)")


def over_weeks_after(doc: Document, trigger_start: int, clause_end: int) -> bool:
    """"احتجاجات على مدى أسابيع", "دمرت بفعل المعارك على مدى أربعة أشهر", "غارة خلال الأشهر التسعة الماضية":
    weeks, months or years of it right after the event word: of what happened, a summary, not one event (a day or
    24 hours stay); of what is planned («قادرون على استعادة المدينة خلال أسابيع»), when."""
    near = doc.tokens_in(trigger_start, clause_end)[1:11]
    end = near[-1].end if near else trigger_start
    period_words = load_cues().aggregate_before_period
    return any(t.type == "DURATION" and _after_period_word(doc, t, trigger_start, period_words)
               and _LONG_UNIT.search(normalize(t.text))
               for t in doc.index(doc.timexes).starting_in(trigger_start, min(end, clause_end)))


def _contains(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    bases = [strip_conj(w) for w in words]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase or tuple(bases[i : i + n]) == phrase:
                return True
    return False


_NOT_FUTURE = ("سيطر", "سير", "سيناء", "سياس")  # words that merely begin with سي


def _future_prefixed(word: str) -> bool:
    """سيستهدف / ستشن / وسيقوم: the future prefix سـ on an imperfect verb (morphology decides)."""
    norm = normalize(word)
    w = norm[1:] if norm[:1] in "وف" else norm
    if len(w) < 4 or w[0] != "س" or w[1] not in "يتنا" or w.startswith(_NOT_FUTURE):
        return False
    surface = dediac(word)
    return is_verb(surface) and any("س" in form for form in proclitic_forms(surface))


SUFFERED = frozenset({"تعرض", "تعرضت", "يتعرض", "تتعرض", "تعرضوا"})  # "تعرضت المدينة لقصف"
EXPOSED = SUFFERED | {"جراء", "اثر", "نتيجه", "بسبب"}  # … and what caused it: "جراء القصف"
# "تصدت المقاومة لهجوم": an attack that was repelled happened (18 hits of «تصدى / التصدي ل… هجوم» in the 30k articles)
_REPELLED = frozenset({"تصدي", "تصدت", "تصدوا", "يتصدي", "تتصدي", "يتصدون", "التصدي"})


# Verbal nouns with «لل» that are purposes, not genitives: "سافروا إلى سوريا للقتال" (109 hits in the 30k articles,
# recruits and volunteers; none a battle), "في محاولة للعثور على" (39 of 39 hits a search, not a find),
# "جهود للقبض على الجناة" (21 hits, all an aim)
_PURPOSE_LL = frozenset({"للقتال", "للعثور", "للقبض"})


def _purpose(word: str, before: list[str]) -> bool:
    """لتحرير / لاستعادة / لشن: a purpose ("in order to"), unless what was suffered ("تعرضت لقصف")."""
    w = word[1:] if word[:1] in "وف" else word
    if w.startswith("لل") and w not in _PURPOSE_LL:
        return False  # لـ + the definite article: "اللحظات الأخيرة للتفجير" (of the bombing), not a purpose
    if not (w.startswith("ل") and len(w) >= 4) or w.startswith(("لقي", "لقو")):
        return False  # "لقي مصرعه" is a verb of its own
    # "تعرض مركز المسيال بقطاع ظهران الجنوب بمنطقة عسير لقذائف": the verb of suffering may stand far before its
    # «ل» (34 records of the 30k articles had been plans for it)
    suffered = any(strip_conj(w) in SUFFERED for w in before[-12:])
    return not (after_exposure(before) or suffered or any(strip_conj(w) in _REPELLED for w in before[-4:]))


def after_exposure(before: list[str]) -> bool:
    """Do the (normalised) words before a trigger say it was suffered ("تعرضت مدينة تعز أمس لقصف", "جراء")?
    Up to four words back."""
    return any(strip_conj(w) in EXPOSED for w in before[-4:])
