"""Towns GeoNames knows only in Latin script, found from their Arabic spelling.

GeoNames gives many towns of the region no Arabic name (Silopi, Cizre, Lice in Turkey), so «مدينة سيلوبي»
finds nothing by name.  Both spellings are reduced to a consonant skeleton — vowels, hamza, alif, waw and
ya dropped, letters that sound alike folded together — and an unknown town named after a town word is
looked up by skeleton among the towns of the article's countries.  Only a unique match of three or more
consonants counts: two-consonant skeletons match too much.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache

from rasd.places.gazetteer import REGION, GeoRow, geonames_rows

MIN_CONSONANTS = 3
MIN_POPULATION = 5_000

# Arabic letters → consonant classes (long vowels, hamza and ta marbuta leave nothing); g, k, q and their
# Arabic spellings («ك», «غ», «ق») are one class, as Turkish ç and «ج» («سروج» is Suruç)
_ARABIC = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "S", "ج": "J", "ح": "H", "خ": "H", "د": "D", "ض": "D",
    "ذ": "Z", "ز": "Z", "ظ": "Z", "ر": "R", "س": "S", "ص": "S", "ش": "X", "غ": "K", "ف": "F", "ڤ": "F",
    "ق": "K", "ك": "K", "گ": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
}
# Latin digraphs first, then letters (Turkish c is j, ş sh; ğ is silent)
_DIGRAPHS = (("sh", "X"), ("ch", "X"), ("kh", "H"), ("gh", "K"), ("th", "S"), ("dh", "Z"), ("ph", "F"))
_LATIN = {
    "b": "B", "p": "B", "t": "T", "d": "D", "j": "J", "c": "J", "ç": "J", "ş": "X", "h": "H", "z": "Z",
    "r": "R", "s": "S", "f": "F", "v": "F", "k": "K", "q": "K", "g": "K", "l": "L", "m": "M", "n": "N",
}


def arabic_skeleton(name: str) -> str:
    letters = [_ARABIC.get(ch, "") for ch in name.replace("ة", "")]
    # a final ه after a vowel letter spells a vowel ("أنقرة" is often written «انقره»)
    out = "".join(letters)
    if name.endswith("ه") and out.endswith("H"):
        out = out[:-1]
    return _squeeze(out)


def latin_skeletons(name: str) -> set[str]:
    """Turkish ğ is silent in Latin but Arabic often writes it «غ» («أردوغان», «بي أوغلو»): both skeletons."""
    return {latin_skeleton(name), latin_skeleton(name.replace("ğ", "g").replace("Ğ", "G"))}


def latin_skeleton(name: str) -> str:
    text = name.lower()
    for digraph, cls in _DIGRAPHS:
        text = text.replace(digraph, cls)
    out = []
    for ch in text:
        if ch.isupper():  # a digraph's class
            out.append(ch)
            continue
        base = ch if ch in _LATIN else unicodedata.normalize("NFKD", ch)[:1]
        if ch in ("ğ", "'", "‘", "’"):
            continue
        out.append(_LATIN.get(ch, _LATIN.get(base, "") if base not in "aeiouy" else ""))
    return _squeeze("".join(out))


def _squeeze(skeleton: str) -> str:
    """Doubled consonants once ("Ghazzah" and «غزة» both GZ)."""
    return "".join(c for i, c in enumerate(skeleton) if i == 0 or c != skeleton[i - 1])


@cache
def _by_skeleton() -> dict[tuple[str, str], list[GeoRow]]:
    index: defaultdict[tuple[str, str], list[GeoRow]] = defaultdict(list)
    for r in geonames_rows():
        if r.country in REGION and r.population >= MIN_POPULATION:
            for key in latin_skeletons(r.name):
                if len(key) >= MIN_CONSONANTS:
                    index[r.country, key].append(r)
    return dict(index)


def by_spelling(name_ar: str, countries: list[str]) -> GeoRow | None:
    """The one town of ``countries`` whose Latin name has the skeleton of ``name_ar`` (the first country
    with any match decides; several towns there: None)."""
    key = arabic_skeleton(name_ar.replace(" ", ""))
    if len(key) < MIN_CONSONANTS:
        return None
    for country in countries:
        found = _by_skeleton().get((country, key), [])
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None
