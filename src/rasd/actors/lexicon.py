"""One word trie over everything the actor matcher looks for.

Entries: named-actor aliases, generic-category cues, head nouns ("ميليشيات"، "قوات"), nationality
adjectives, country and city names, and quantifiers.  Each word is stored by its key (see keys.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from rasd.actors.dictionary import load_dictionary
from rasd.actors.keys import phrase_forms, phrase_keys
from rasd.text.normalize import normalize

# kinds of entry
ACTOR = "actor"  # target: actor id
ACTOR_AFTER_HEAD = "actor_after_head"  # alias valid only after a head noun
CATEGORY = "category"  # target: category id
WEAK = "weak"  # target: category id; needs a number or quantifier before it
HEAD = "head"  # target: head class (militia, forces, organization …)
NATIONALITY = "nationality"  # target: ISO2
COUNTRY = "country"  # target: ISO2 (a country name)
CITY = "city"  # target: ISO2 (country context only)
QUANTIFIER = "quantifier"  # number words, "عشرات"
CUE = "cue"  # target: what a sentence with the word is about ("protest")
CROWD = "crowd"  # quantifier target of crowd words ("المئات"، "آلاف")


# kinds whose words must match in their exact inflection ("عسكريين" is not "العسكرية")
EXACT_KINDS = frozenset({"category", "weak", "head", "quantifier", "city", "country", "cue"})


@dataclass(frozen=True)
class Entry:
    kind: str
    target: str
    exact: tuple[str, ...] = ()  # unfolded word forms the text must show (EXACT_KINDS only)


@dataclass
class TrieNode:
    children: dict[str, TrieNode] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Lexicon:
    root: TrieNode
    heads: dict[str, str]  # head word key -> class (for anaphora)
    definite_heads: frozenset[str]  # head classes that may refer back ("التنظيم", "الميليشيات")

    def add(self, phrase: str, entry: Entry) -> None:
        keys = phrase_keys(phrase)
        if not keys:
            return
        node = self.root
        for k in keys:
            node = node.children.setdefault(k, TrieNode())
        if entry.kind in EXACT_KINDS:
            entry = Entry(entry.kind, entry.target, phrase_forms(phrase))
        if entry not in node.entries:
            node.entries.append(entry)


def _patterns() -> dict:
    text = resources.files("rasd.data").joinpath("actors", "patterns.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def _adjective_forms(stem: str) -> list[str]:
    """A nisba stem and its inflections; the key folding covers ية/يين/يون, so few are needed."""
    return [stem, stem + "ة", stem + "ين", stem + "ون", stem + "ات"]


def _people_forms(alias: str) -> list[tuple[str, tuple[str, ...]]]:
    """"الأميركيين" names people: it must not match the adjective "الأميركية" ("القنصلية الأميركية"),
    which the key folding would let it; such one-word plurals match only as written (either plural)."""
    norm = normalize(alias)
    if " " in norm or not norm.endswith(("يين", "يون")):
        return [(alias, ())]
    sibling = norm[:-2] + ("ون" if norm.endswith("ين") else "ين")
    return [(f, phrase_forms(f)) for f in (norm, sibling)]


@cache
def load_lexicon() -> Lexicon:
    d = load_dictionary()
    pat = _patterns()
    lex = Lexicon(TrieNode(), {}, frozenset(pat.get("anaphoric", ())))
    for actor in d.actors.values():
        for alias in actor.ar:
            for form, exact in _people_forms(alias):
                lex.add(form, Entry(ACTOR, actor.id, exact))
        for alias in actor.adj:
            lex.add(alias, Entry(ACTOR_AFTER_HEAD, actor.id))
    for cat in d.categories.values():
        for cue in cat.ar:
            lex.add(cue, Entry(CATEGORY, cat.id))
        for cue in cat.weak:
            lex.add(cue, Entry(WEAK, cat.id))
    for country in d.countries.values():
        for adj in country.adjectives:
            for form in _adjective_forms(adj) if adj.endswith("ي") else [adj]:
                lex.add(form, Entry(NATIONALITY, country.iso))
        for name in country.ar:
            lex.add(name, Entry(COUNTRY, country.iso))
        for city in country.cities:
            lex.add(city, Entry(CITY, country.iso))
    for head_class, words in pat["heads"].items():
        for w in words:
            lex.add(w, Entry(HEAD, head_class))
            keys = phrase_keys(w)
            if len(keys) == 1:
                lex.heads[keys[0]] = head_class
    for w in pat["quantifiers"]:
        lex.add(w, Entry(QUANTIFIER, "q"))
    for w in pat.get("crowds", ()):
        lex.add(w, Entry(QUANTIFIER, CROWD))
    for w in pat.get("protest_cues", ()):
        lex.add(w, Entry(CUE, "protest"))
    return lex
