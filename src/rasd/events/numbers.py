"""Fatality counts from Arabic text: digits, number words, duals and ACLED's vague-number rules."""

from __future__ import annotations

import re

from rasd.text.normalize import normalize

# ACLED: "several/a few" → 10 is too high for conservative coding of "عدد من"; ACLED uses 10 for
# "dozens"-less vague plurals and 12 for "dozens", 100 for "hundreds".
_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "احد عشر": 11, "اثني عشر": 12, "اثنا عشر": 12,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50, "خمسون": 50,
    "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
    "مئه": 100, "مائه": 100, "مئات": 100, "المئات": 100, "عشرات": 12, "العشرات": 12, "الاف": 1000, "الالاف": 1000,
    "بضعه": 3, "بضع": 3,
}
_DUAL = {"قتيلان": 2, "قتيلين": 2, "شخصان": 2, "شخصين": 2, "جنديان": 2, "جنديين": 2, "مدنيان": 2, "مدنيين اثنين": 2,
         "طفلان": 2, "طفلين": 2, "عنصرين": 2, "عنصران": 2, "مسلحين اثنين": 2}
_NUM = r"(\d+|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")"
_KILL_BEFORE = r"(?:مقتل|قتل|مصرع|استشهاد|سقوط|وفاه|لقي|وراح ضحيته|وراح ضحيتها|اسفر عن مقتل|حصد ارواح|قضي)"
_QUAL = r"(?:\s+(?:نحو|قرابه|حوالي|اكثر من|ما لا يقل عن|اقل من|زهاء|ما يزيد علي|ما يقارب|اكثر|الي))*"
_KILLED_AFTER = r"(?:قتيل|قتيلا|قتلي|شهيد|شهيدا|شهداء|جثه|جثث|ضحيه|ضحايا|(?:\S+\s+){0,2}(?:قتلوا|لقوا حتفهم|لقوا مصرعهم|استشهدوا|قضوا))"
_PERSONS = (r"(?:شخص|شخصا|اشخاص|شاب|شابا|شبان|مدني|مدنيا|مدنيين|جندي|جنديا|جنود|عنصر|عنصرا|عناصر|مسلح|مسلحا|مسلحين|"
            r"طفل|طفلا|اطفال|امراه|نساء|رجل|رجلا|رجال|مواطن|مواطنا|مواطنين|ارهابي|ارهابيا|ارهابيين|مقاتل|مقاتلا|مقاتلين|"
            r"شرطي|شرطيا|شرطيين|متمرد|متمردا|متمردين|حوثيا|حوثيين)")
# "أعدم تنظيم داعش 11 شابا", "قتلت القوات 5 مسلحين": a killing verb, its subject, then the count
_KILL_VERB = r"(?:قتل|قتلت|قتلوا|اعدم|اعدمت|اعدموا|ذبح|ذبحوا|نحر|اغتال|اغتالت|تصفيه)"
_PATTERNS = [
    re.compile(_KILL_BEFORE + _QUAL + r"\s+" + _NUM + r"\b"),
    re.compile(r"\b" + _NUM + r"\s+(?:\S+\s+){0,2}?" + _KILLED_AFTER),
    re.compile(r"\b" + _KILL_VERB + r"\s+(?:\S+\s+){0,3}?" + _NUM + r"\s+" + _PERSONS),
]
# "استشهاد شاب", "مقتل جندي تركي": one person, no number
_ONE = re.compile(_KILL_BEFORE + r"\s+(?:شاب|طفل|طفله|فتي|فتاه|جندي|مدني|شرطي|عنصر|رجل|امراه|سيده|مواطن|مسلح|ضابط|صحفي|ناشط|مسن)\b")
_NONE = re.compile(r"(?:لم|دون ان|دون)\s+(?:يسفر|تسفر|تسجل|يسجل|يوقع|توقع)(?:\s+\S+){0,2}?\s+(?:عن\s+)?(?:وقوع\s+)?(?:اي\s+)?(?:اصابات|ضحايا|قتلي|خسائر بشريه)")
# "لقي مصرعه مع 40 آخرين" → 41
_WITH_OTHERS = re.compile(_KILL_BEFORE + r"\S*\s+مع\s+" + _NUM + r"\s+(?:اخرين|اخر|من)")
# "15 رجل أمن و3 عمال" → 15 + 3 after a kill phrase
_AND_MORE = re.compile(r"\s+(?:\S+\s+){0,2}?و(\d+)\s")


def fatalities(text: str) -> int | None:
    """Most conservative fatality count stated in ``text`` (None when none is reported)."""
    norm = normalize(text)
    if _NONE.search(norm):
        return 0
    counts = []
    for p in _PATTERNS:
        for m in p.finditer(norm):
            value = _value(m.group(1))
            more = _AND_MORE.match(norm, m.end(1)) if p is _PATTERNS[0] else None
            counts.append(value + int(more.group(1)) if value is not None and more else value)
    counts += [_value(m.group(1)) + 1 for m in _WITH_OTHERS.finditer(norm) if _value(m.group(1)) is not None]
    counts += [v for w, v in _DUAL.items() if re.search(rf"\b{w}\b", norm)]
    counts += [1 for _ in _ONE.finditer(norm)]
    counts = [c for c in counts if c is not None and c < 100000]
    return min(counts) if counts else None


def _value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _WORDS.get(token)
