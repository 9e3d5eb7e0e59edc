"""Fatality counts from Arabic text: digits, number words, duals and ACLED's vague-number rules."""

from __future__ import annotations

import re

from rasd.text.normalize import normalize
from rasd.text.numbers import alternation, load_numbers, number_pattern, parse_number

# Numbers come from the shared lexicon (rasd/data/text/numbers.yaml): digits, cardinal words and
# compounds ("خمسة وعشرين" 25, "ثمانية عشر" 18), and the vague words with ACLED's conservative counts
# ("بضعة" 3, "عشرات" 12, "مئات" 100).
_LEX = load_numbers()
_NUM = (r"((?:ال)?(?:" + number_pattern() + "|" + alternation(_LEX.forms("vague")) + r"))")
_DUAL = {"قتيلان": 2, "قتيلين": 2, "شخصان": 2, "شخصين": 2, "جنديان": 2, "جنديين": 2, "مدنيان": 2, "مدنيين اثنين": 2,
         "طفلان": 2, "طفلين": 2, "عنصرين": 2, "عنصران": 2, "مسلحين اثنين": 2}
_KILL_BEFORE = r"(?:مقتل|قتل|مصرع|استشهاد|سقوط|وفاه|لقي|وراح ضحيته|وراح ضحيتها|اسفر عن مقتل|حصد ارواح|قضي)"
_QUAL = r"(?:\s+(?:نحو|قرابه|حوالي|اكثر من|ما لا يقل عن|اقل من|زهاء|ما يزيد علي|ما يقارب|اكثر|الي))*"
_KILLED_AFTER = r"(?:قتيل|قتيلا|قتلي|شهيد|شهيدا|شهداء|جثه|جثث|ضحيه|ضحايا|(?:\S+\s+){0,2}(?:قتلوا|لقوا حتفهم|لقوا مصرعهم|استشهدوا|قضوا))"
_PERSONS = (r"(?:شخص|شخصا|اشخاص|شاب|شابا|شبان|مدني|مدنيا|مدنيين|جندي|جنديا|جنود|عنصر|عنصرا|عناصر|مسلح|مسلحا|مسلحين|"
            r"طفل|طفلا|اطفال|امراه|نساء|رجل|رجلا|رجال|مواطن|مواطنا|مواطنين|ارهابي|ارهابيا|ارهابيين|مقاتل|مقاتلا|مقاتلين|"
            r"شرطي|شرطيا|شرطيين|متمرد|متمردا|متمردين|حوثيا|حوثيين|ضابط|ضابطا|ضباط|راع|رعاه|مزارع|مزارعين|صياد|صيادين|"
            r"عامل|عمال|عمالا|طالب|طلاب|طالبا|تلاميذ|مصلين|حجاج|سياح|زوار|لاجيين|نازحين|افراد|رهائن|رهينه)")
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
# "مقتل 15 جنديا و3 مدنيين" → 15 + 3 after a kill phrase, but not the wounded ("و20 جريحا")
_HURT = r"(?:جريح|جريحا|جرحي|مصاب|مصابا|مصابين|مصابون|اصابه|اصابات|معتقل|معتقلا|معتقلين|اسير|اسيرا|اسري|مفقود|مفقودا|مفقودين)"
_AND_MORE = re.compile(r"\s+(?:\S+\s+){0,2}?و" + _NUM + r"\s+(?!" + _HURT + r"\b)\w")


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
            extra = _value(more.group(1)) if more else None
            counts.append(value + extra if value is not None and extra is not None else value)
    counts += [_value(m.group(1)) + 1 for m in _WITH_OTHERS.finditer(norm) if _value(m.group(1)) is not None]
    counts += [v for w, v in _DUAL.items() if re.search(rf"\b{w}\b", norm)]
    counts += [1 for _ in _ONE.finditer(norm)]
    counts = [c for c in counts if c is not None and c < 100000]
    return min(counts) if counts else None


def _value(token: str) -> int | None:
    value = parse_number(token)
    if value is None:
        vague = _LEX.lookup(token, "vague")
        value = vague.value if vague else None
    return int(value) if value is not None else None
