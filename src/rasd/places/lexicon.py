"""Trigger words and ambiguity lists (``rasd/data/places/*.yaml``), normalised once and cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from rasd.places.gazetteer import name_key


@dataclass(frozen=True)
class Lexicon:
    admin: frozenset[str]
    district: frozenset[str]
    populated: frozenset[str]
    quarter: frozenset[str]
    site: frozenset[str]
    near: frozenset[str]
    directions: dict[str, str]  # normalised compass phrase → English adjective
    town_triggers: frozenset[str]  # before an unknown word that may still be a town's name
    town_words: dict[str, tuple[int, int]]  # word → (times after a town trigger, times in all) in the corpus
    organisation_heads: frozenset[str]  # a country name after them names an organisation ("وكالة الأنباء السعودية")
    own_country: frozenset[str]  # "البلاد": after a compass word, the article's own country
    site_generic: frozenset[str]
    common_words: frozenset[str]
    person_names: frozenset[str]
    nisba: dict[str, str]  # normalised adjective stem → ISO2
    frequency: dict[str, float]  # one-word names: news frequency per million words (common_names.tsv)
    cue_share: dict[str, float]  # seldom-cued one-word names: share written after a place cue (place_cues.tsv)
    never: frozenset[str] = frozenset()
    near_prepositions: frozenset[str] = frozenset()  # near words that are prepositions (قرب), not places (ريف)
    facility: dict[str, str] = field(default_factory=dict)  # site word → English ("مطار" → airport)
    feature: frozenset[str] = frozenset()  # landform words kept in the span ("جزيرة سترة", "مرتفعات الجولان")
    sport_words: frozenset[str] = frozenset()  # a sentence with these: a bare city name is a club
    near_regions: frozenset[str] = frozenset()  # near words kept in the span ("ريف حلب")
    near_adjectives: frozenset[str] = frozenset()  # compass adjectives after them ("ريف حلب الشمالي")
    outlet_names: frozenset[str] = frozenset()  # in «» quotes a newspaper or channel («الشرق الأوسط»)
    group_heads: frozenset[str] = frozenset()  # any place name after them names a group («جماعة خراسان»)
    site_adjectives: frozenset[str] = frozenset()  # part of a site's name after it ("مطار عدن الدولي")

    def nisba_country(self, norm: str) -> str | None:
        """ISO2 of a nisba adjective (السورية → SY), or None."""
        stem = norm[2:] if norm.startswith("ال") else norm
        stem = stem[:-1] if stem.endswith("ه") else stem
        return self.nisba.get(stem)

    def trigger_class(self, key: str) -> str | None:
        """The class of a trigger word (admin, district, populated, quarter, site, near, feature) or None."""
        for name in ("admin", "district", "populated", "quarter", "site", "near", "feature"):
            if key in getattr(self, name):
                return name
        return None


def _load(name: str) -> dict:
    text = resources.files("rasd.data").joinpath("places", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _frequencies() -> dict[str, float]:
    text = resources.files("rasd.data").joinpath("places", "common_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: float(freq) for word, freq in rows}


def _cue_shares() -> dict[str, float]:
    text = resources.files("rasd.data").joinpath("places", "place_cues.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: int(cued) / int(n) for word, n, cued in rows}


def _town_words() -> dict[str, tuple[int, int]]:
    path = resources.files("rasd.data").joinpath("places", "town_words.tsv")
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {word: (int(n), int(total)) for word, n, total in rows}


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(name_key(w) for w in words)


@cache
def lexicon() -> Lexicon:
    trig = _load("triggers.yaml")
    amb = _load("ambiguous.yaml")
    return Lexicon(
        admin=_keys(trig["admin"]), district=_keys(trig["district"]), populated=_keys(trig["populated"]),
        quarter=_keys(trig["quarter"]), site=_keys(trig["site"]), near=_keys(trig["near"]),
        directions={name_key(k): v for k, v in trig["directions"].items()},
        own_country=_keys(trig.get("own_country", [])),
        organisation_heads=_keys(trig.get("organisation_heads", [])), group_heads=_keys(trig.get("group_heads", [])),
        town_triggers=_keys(trig.get("town_triggers", [])), town_words=_town_words(),
        site_generic=_keys(trig["site_generic"]),
        common_words=_keys(amb["common_words"]), person_names=_keys(amb["person_names"]),
        never=_keys(amb.get("never", [])), near_prepositions=_keys(trig.get("near_prepositions", [])),
        nisba={name_key(k): v for k, v in trig["nisba"].items()},
        frequency=_frequencies(), cue_share=_cue_shares(),
        facility={name_key(k): v for k, v in trig.get("facility_of_town", {}).items()},
        feature=_keys(trig.get("feature", [])),
        sport_words=_keys(amb.get("sport_words", [])),
        site_adjectives=_keys(trig.get("site_adjectives", [])),
        outlet_names=_keys(amb.get("outlet_names", [])),
        near_regions=_keys(trig.get("near_regions", [])),
        near_adjectives=_keys(trig.get("near_adjectives", [])),
    )
