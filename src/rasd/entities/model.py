"""The trained NER model: a CRF plus the lookup tables its features need, loaded lazily once.

Files (in ``rasd/data/models/ner/`` unless another folder is given):
``model.crfsuite`` (the CRF), ``model2.crfsuite`` (its second pass with document memory), ``clusters.tsv.gz`` (word → cluster ids, most frequent word first),
``gazetteer.tsv.gz`` (normalised place names), ``fine.tsv.gz`` (entity text → WikiFANE fine class),
``names.tsv.gz`` (word → the entity type it usually has in WikiFANE), ``neural.npz`` (the BiLSTM-CRF that
re-tags the first pass's output, see :mod:`rasd.entities.neural`; when present it replaces the second pass),
``encoder.npz`` (fine-tuned e5 layers with a CRF head over the same first-pass features, see
:mod:`rasd.entities.encoder`; when present its scores are averaged with the BiLSTM-CRF's).
Trigger words and extra place names live in ``rasd/data/entities/`` (``triggers.yaml``, ``places.yaml``).
"""

from __future__ import annotations

import gzip
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from threadpoolctl import threadpool_limits

from rasd.entities.clusters import read_clusters
from rasd.entities.corpus import entity_spans
from rasd.entities.encoder import EncoderTagger
from rasd.entities.features import Resources, sentence_features
from rasd.entities.memory import memories
from rasd.entities.neural import LABELS, NeuralTagger
from rasd.entities.stacking import document_dense, first_pass
from rasd.errors import RasdError
from rasd.text.normalize import normalize

MODEL_FILE = "model.crfsuite"
SECOND_FILE = "model2.crfsuite"
CLUSTERS_FILE = "clusters.tsv.gz"
GAZETTEER_FILE = "gazetteer.tsv.gz"
FINE_FILE = "fine.tsv.gz"
NAMES_FILE = "names.tsv.gz"
NEURAL_FILE = "neural.npz"
ENCODER_FILE = "encoder.npz"

_LONE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Tagged:
    """One entity found in a token sequence: token span ``[start, end)``, type and mean marginal."""

    start: int
    end: int
    label: str
    score: float


@dataclass(frozen=True)
class NerModel:
    tagger: object  # pycrfsuite.Tagger: the first pass
    resources: Resources
    ranks: dict[str, int]  # word -> frequency rank in the unlabeled news text
    fine: dict[str, str]
    second: object | None = None  # pycrfsuite.Tagger with document-memory features, when trained
    neural: NeuralTagger | None = None  # BiLSTM-CRF over the first pass's marginals, when trained
    encoder: EncoderTagger | None = None  # fine-tuned e5 + CRF over the same features, averaged with ``neural``
    # crfsuite taggers keep the last sentence between tag() and marginal(): one document at a time
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels for one sentence of tokens, first pass only."""
        if not tokens:
            return []
        with self.lock:
            return list(self.tagger.tag(sentence_features(tokens, self.resources)))

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO labels for the sentences of one document (second pass when the model has one)."""
        with self.lock:
            return [labels for labels, _ in self._tag_document(sentences)]

    def document_entities(self, sentences: list[list[str]]) -> list[list[Tagged]]:
        """Entities per sentence, each with the mean marginal of its labels as score."""
        out = []
        # a lone surrogate (JSON allows "\udc80") cannot be encoded for crfsuite: U+FFFD keeps the length
        sentences = [[_LONE.sub("\ufffd", t) for t in s] for s in sentences]
        with self.lock:
            for labels, marginal in self._tag_document(sentences):
                found = []
                for start, end, kind in entity_spans(labels):
                    score = sum(marginal(labels[i], i) for i in range(start, end)) / (end - start)
                    found.append(Tagged(start, end, kind, round(score, 4)))
                out.append(found)
        return out

    def _tag_document(self, sentences: list[list[str]]) -> Iterator[tuple[list[str], Callable[[str, int], float]]]:
        """Labels per sentence and a ``(label, position) -> marginal`` function for it."""
        if self.encoder is not None or self.neural is not None:
            yield from self._tag_neural(sentences)
            return
        if self.second is None:
            for tokens in sentences:
                yield self.tag(tokens), _crf_marginal(self.tagger)
            return
        first = [self.tag(s) for s in sentences]
        for tokens, mem in zip(sentences, memories(sentences, first), strict=True):
            if not tokens:
                yield [], _crf_marginal(None)
                continue
            yield list(self.second.tag(sentence_features(tokens, self.resources, mem))), _crf_marginal(self.second)

    def _tag_neural(self, sentences: list[list[str]]) -> Iterator[tuple[list[str], Callable[[str, int], float]]]:
        firsts = [first_pass(self.tagger, tokens, self.resources) for tokens in sentences]
        dense = document_dense(sentences, [f[0] for f in firsts], [f[1] for f in firsts], self.resources)
        # the recurrent steps are many tiny matrix products: BLAS threads only wait on each other
        # (7x slower on a busy 2-core machine), so one thread for the duration of the tagging
        with threadpool_limits(limits=1, user_api="blas"):
            if self.encoder is not None:
                tagged = self.encoder.tag_sentences(sentences, dense, partner=self.neural)
            else:
                tagged = self.neural.tag_sentences(sentences, dense)
        for i, (_, marg) in enumerate(firsts):
            # the score of a label is the first-pass CRF's marginal for it
            yield tagged[i], (lambda label, j, m=marg: float(m[j, LABELS.index(label)]))


def _crf_marginal(tagger: object | None) -> Callable[[str, int], float]:
    """Marginals of the sentence ``tagger`` tagged last (read before it tags another)."""
    if tagger is None:
        return lambda label, i: 0.0
    return tagger.marginal


def default_dir() -> Path:
    return Path(str(resources.files("rasd") / "data" / "models" / "ner"))


@cache
def load_triggers() -> dict[str, str]:
    text = (resources.files("rasd") / "data" / "entities" / "triggers.yaml").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for cls, words in (yaml.safe_load(text) or {}).items():
        for w in words or ():
            out.setdefault(normalize(str(w)), str(cls))
    return out


@cache
def load_place_additions() -> frozenset[tuple[str, ...]]:
    """Analyst-maintained place names (``rasd/data/entities/places.yaml``) as normalised word tuples."""
    text = (resources.files("rasd") / "data" / "entities" / "places.yaml").read_text(encoding="utf-8")
    names = [str(n) for group in (yaml.safe_load(text) or {}).values() for n in group or ()]
    return frozenset(tuple(normalize(n).split()) for n in names if n.strip())


def _read_gz_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def read_gazetteer(path: Path) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(line.split()) for line in _read_gz_lines(path) if line.strip())


def read_fine(path: Path) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in _read_gz_lines(path) if "\t" in line)


@cache
def farahidi_proper_nouns() -> frozenset[str]:
    """Normalised stems that farahidi's lexicon lists as proper nouns (اسم علم)."""
    from farahidi.lexicon import Lexicon

    lex = Lexicon()
    pos = {i + 1 for i, p in enumerate(lex.list("propernoun_pos")) if p.get("type") == "اسم علم"}
    voweled = lex.list("propernoun_voweled")
    out = set()
    for stem, ids in lex.map("propernoun_unvoweled").items():
        if any(int(i) <= len(voweled) and int(voweled[int(i) - 1].get("pos") or 0) in pos for i in ids.split()):
            out.add(normalize(stem))
    return frozenset(out)


def load_resources(folder: Path) -> tuple[Resources, dict[str, int]]:
    clusters = read_clusters(_read_gz_lines(folder / CLUSTERS_FILE))
    ranks = {w: i for i, w in enumerate(clusters)}
    gazetteer = read_gazetteer(folder / GAZETTEER_FILE) | load_place_additions()
    names = read_fine(folder / NAMES_FILE) if (folder / NAMES_FILE).is_file() else {}
    return Resources(clusters, gazetteer, load_triggers(), names, farahidi_proper_nouns()), ranks


MODES = ("fast", "neural", "accurate")


def ner_mode() -> str:
    """Which taggers run, from the environment variable ``RASD_NER`` (``rasd --ner MODE`` sets it):
    ``fast`` (default: the CRF alone, ~13 ms per article), ``neural`` (the CRF re-tagged by the two
    BiLSTM-CRFs, ~90 ms) or ``accurate`` (averaged with the fine-tuned e5 encoder, ~1 s). Places, time
    and actors figures are the same in every mode, events F1 within 0.002 (README); ANERcorp F1 is not."""
    mode = os.environ.get("RASD_NER", "fast").strip().lower() or "fast"
    if mode not in MODES:
        raise RasdError(f"RASD_NER={mode!r}: expected one of {', '.join(MODES)}")
    return mode


def load_model(folder: str | None = None) -> NerModel:
    """The NER model in ``folder`` (default: the one shipped in the package), loaded once per mode."""
    return _load_model(folder, ner_mode())


def clear_models() -> None:
    """Forget loaded models (after training wrote new files)."""
    _load_model.cache_clear()


@cache
def _load_model(folder: str | None, mode: str) -> NerModel:
    import pycrfsuite

    path = Path(folder) if folder else default_dir()
    if not (path / MODEL_FILE).is_file():
        raise RasdError(f"no NER model in {path}; run `rasd train ner` first")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path / MODEL_FILE))
    second = None
    if (path / SECOND_FILE).is_file():
        second = pycrfsuite.Tagger()
        second.open(str(path / SECOND_FILE))
    res, ranks = load_resources(path)
    fine = read_fine(path / FINE_FILE) if (path / FINE_FILE).is_file() else {}
    neural = None
    if mode != "fast" and (path / NEURAL_FILE).is_file():
        neural = NeuralTagger.load(path / NEURAL_FILE)
    encoder = None
    if mode == "accurate" and (path / ENCODER_FILE).is_file():
        encoder = EncoderTagger.load(path / ENCODER_FILE)
    return NerModel(tagger, res, ranks, fine, second, neural, encoder)
