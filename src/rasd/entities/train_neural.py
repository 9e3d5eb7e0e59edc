"""Training of the neural NER layer (needs torch and gensim: ``pip install -e '.[train]'``).

1. fastText vectors (with sub-words, which share evidence across Arabic clitic forms) trained on
   SaudiNewsNet, WikiFANE and ANERcorp's training text; shipped as int8 rows for the news vocabulary.
2. Dense features of every training sentence from first-pass CRFs trained on the *other* folds, so
   the network learns how far to trust the CRF on unseen text.
3. A BiLSTM-CRF over word vectors, a char-CNN and those dense features, exported as numpy arrays
   for :class:`rasd.entities.neural.NeuralTagger`.

On 2 CPU cores the whole step takes roughly an hour (fastText ~15 min, the CRF folds ~10 min, the
network ~3 min an epoch); with a GPU the network takes seconds an epoch.  The shipped network was
trained that way on a GPU, with the CRF features of the last 15 % of the rows taken from a CRF trained
on the first 85 % (``fold_plan(n, 5, dev_from=...)``) so that the same features served the dev runs.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rasd.entities.corpus import Sentence
from rasd.entities.features import Resources
from rasd.entities.memory import blocks
from rasd.entities.neural import (
    FIRST_LABELS,
    LABELS,
    MAX_CHARS,
    N_DENSE,
    SHARED_KEYS,
    Vocab,
    allowed_transitions,
    make_batch,
)
from rasd.entities.stacking import document_dense, first_pass


@dataclass(frozen=True)
class NeuralConfig:
    dim: int = 100  # word-vector size
    char_dim: int = 30
    char_filters: int = 50
    hidden: int = 200  # per LSTM direction
    dropout: float = 0.4
    epochs: int = 10  # the best of 5/10/15/20/25 on the held-out dev slice
    batch: int = 16
    lr: float = 2e-3
    folds: int = 5
    seed: int = 0
    vector_epochs: int = 5
    members: int = 2  # networks from consecutive seeds, averaged (held-out dev: 0.745 → 0.755 alone)


def train_vectors(corpus_file: Path, config: NeuralConfig, workers: int = 2):
    """fastText skip-gram vectors over a one-text-per-line file of normalised words."""
    from gensim.models import FastText

    return FastText(corpus_file=str(corpus_file), vector_size=config.dim, window=5, min_count=3, sg=1,
                    epochs=config.vector_epochs, min_n=2, max_n=5, bucket=300_000, workers=workers,
                    seed=config.seed, negative=5)


def vector_table(kv, extra_words: list[str]) -> tuple[list[str], np.ndarray]:
    """Words and their vectors: the fastText vocabulary plus ``extra_words`` (sub-word vectors)."""
    words = list(kv.index_to_key)
    seen = set(words)
    words += sorted({w for w in extra_words if w not in seen})
    return words, np.stack([kv[w] for w in words]).astype(np.float32)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and their float32 scales (row ≈ q * scale)."""
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-8) / 127.0
    return np.round(vectors / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def char_table(sentences: list[Sentence], min_count: int = 2) -> list[str]:
    from rasd.text.normalize import normalize

    counts = Counter(c for s in sentences for t in s.tokens for c in (normalize(t) or t)[:MAX_CHARS])
    return sorted(c for c, n in counts.items() if n >= min_count)


def fold_plan(n: int, folds: int, dev_from: int | None = None) -> list[tuple[list[int], list[int]]]:
    """(train, held-out) sentence indices: ``folds`` folds of pseudo-documents over the first
    ``dev_from`` sentences, plus (when ``dev_from`` is given) the rest held out from all of them."""
    cut = n if dev_from is None else dev_from
    parts = blocks(cut)
    plan = []
    for k in range(folds):
        held = [i for b in parts[k::folds] for i in b]
        taken = set(held)
        plan.append(([i for i in range(cut) if i not in taken], held))
    if dev_from is not None:
        plan.append((list(range(cut)), list(range(cut, n))))
    return plan


def cross_dense(sentences: list[Sentence], res: Resources, folder: Path, crf_config,
                plan: list[tuple[list[int], list[int]]], jobs: int = 2) -> list[np.ndarray]:
    """Dense features of the held-out sentences of each fold from a first-pass CRF trained on its rest."""
    import multiprocessing

    dense: list[np.ndarray | None] = [None] * len(sentences)
    ctx = multiprocessing.get_context("fork")  # the workers inherit the corpus instead of unpickling it
    with ctx.Pool(jobs, initializer=_fold_state, initargs=(sentences, res, folder, crf_config, plan)) as pool:
        for out in pool.imap_unordered(_fold_dense, range(len(plan))):
            for i, d in out.items():
                dense[i] = d
    return dense  # type: ignore[return-value]


_FOLD_STATE: dict = {}  # set once in each worker process by the pool initializer


def _fold_state(*state) -> None:
    _FOLD_STATE["args"] = state


def _fold_dense(k: int) -> dict[int, np.ndarray]:
    import pycrfsuite

    from rasd.entities.train import train_crf

    sentences, res, folder, crf_config, plan = _FOLD_STATE["args"]
    train_idx, held = plan[k]
    path = folder / f"dense_fold{k}.crfsuite"
    train_crf([sentences[i] for i in train_idx], res, path, crf_config)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = {}
    held_set = set(held)
    for b in blocks(len(sentences)):
        doc = [i for i in b if i in held_set]
        if not doc:
            continue
        firsts = [first_pass(tagger, sentences[i].tokens, res) for i in doc]
        dense = document_dense([sentences[i].tokens for i in doc], [f[0] for f in firsts], [f[1] for f in firsts], res)
        out.update(zip(doc, dense, strict=True))
    tagger.close()
    path.unlink()
    return out


def _torch_model(n_chars: int, vectors: np.ndarray, config: NeuralConfig):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.vectors = nn.Embedding.from_pretrained(torch.from_numpy(vectors), freeze=True, padding_idx=0)
            self.char_emb = nn.Embedding(n_chars, config.char_dim, padding_idx=0)
            self.char_conv = nn.Conv1d(config.char_dim, config.char_filters, 3, padding=1)
            self.drop = nn.Dropout(config.dropout)
            self.lstm = nn.LSTM(2 * vectors.shape[1] + config.char_filters + N_DENSE, config.hidden,
                                batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * config.hidden, len(LABELS))
            add_crf(self)

        def emissions(self, words, stems, chars, dense, lengths):
            b, t, c = chars.shape
            e = self.char_emb(chars.view(b * t, c)).transpose(1, 2)
            conv = self.char_conv(e).transpose(1, 2)  # (b*t, c, F)
            conv = conv.masked_fill((chars.view(b * t, c) == 0)[..., None], -1e4)
            char_vec = torch.relu(conv.max(dim=1).values).view(b, t, -1)
            x = torch.cat([self.vectors(words), self.vectors(stems), char_vec, dense], dim=-1)
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

        def nll(self, em, tags, mask):
            return crf_loss(self, em, tags, mask)

    return Net()


def add_crf(net) -> None:
    """Give a torch module a BIO-constrained CRF: ``crf_transitions``, ``crf_start``, ``crf_end`` (the names
    the exports use) and the masks ``allowed`` and ``first``."""
    import torch
    from torch import nn

    n = len(LABELS)
    net.crf_transitions = nn.Parameter(torch.zeros(n, n))
    net.crf_start = nn.Parameter(torch.zeros(n))
    net.crf_end = nn.Parameter(torch.zeros(n))
    net.register_buffer("allowed", torch.from_numpy(allowed_transitions()))
    net.register_buffer("first", torch.from_numpy(FIRST_LABELS))


def crf_loss(net, em, tags, mask):
    """:func:`crf_nll` under the CRF :func:`add_crf` gave ``net``."""
    return crf_nll(em, tags, mask, net.crf_transitions.masked_fill(~net.allowed, -1e4),
                   net.crf_start.masked_fill(~net.first, -1e4), net.crf_end)


def crf_nll(em, tags, mask, trans, start, end):
    """Summed negative log-likelihood of ``tags`` under a linear-chain CRF (torch tensors).

    ``em`` (B, T, L) emissions, ``mask`` (B, T) 1 for real tokens, ``trans[from, to]``, ``start``, ``end`` (L,).
    """
    import torch

    score = start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
    for i in range(1, em.shape[1]):
        step = trans[tags[:, i - 1], tags[:, i]] + em[:, i].gather(1, tags[:, i:i + 1]).squeeze(1)
        score = score + step * mask[:, i]
    last = tags.gather(1, (mask.sum(1).long() - 1)[:, None]).squeeze(1)
    score = score + end[last]
    alpha = start + em[:, 0]
    for i in range(1, em.shape[1]):
        nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, i, None, :], dim=1)
        alpha = torch.where(mask[:, i, None] > 0, nxt, alpha)
    return (torch.logsumexp(alpha + end, dim=1) - score).sum()


def _tensors(batch, tags: list[list[str]] | None, device):
    import torch

    out = [torch.from_numpy(a).to(device) for a in (batch.words, batch.stems, batch.chars, batch.dense)]
    out.append(torch.from_numpy(batch.lengths))
    if tags is not None:
        t = np.zeros(batch.words.shape, np.int64)
        for i, seq in enumerate(tags):
            t[i, : len(seq)] = [LABELS.index(x) for x in seq]
        mask = (np.arange(batch.words.shape[1])[None] < batch.lengths[:, None]).astype(np.float32)
        out += [torch.from_numpy(t).to(device), torch.from_numpy(mask).to(device)]
    return out


def train_network(train: list[Sentence], dense: list[np.ndarray], vocab: Vocab, vectors: np.ndarray,
                  config: NeuralConfig, device: str = "cpu", on_epoch=None, log=print) -> dict[str, np.ndarray]:
    """Train the BiLSTM-CRF; return its arrays (see :class:`rasd.entities.neural.NeuralTagger`).

    ``on_epoch(epoch, arrays)`` (e.g. a development score) is called after each epoch; what it
    returns is logged.
    """
    import torch

    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    net = _torch_model(len(vocab.chars) + 2, vectors, config).to(device)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=config.lr)
    order = sorted(range(len(train)), key=lambda i: len(train[i].tokens))
    batches = [order[i:i + config.batch] for i in range(0, len(order), config.batch)]
    batches = [b for b in batches if b and len(train[b[0]].tokens)]
    for epoch in range(config.epochs):
        net.train()
        rng.shuffle(batches)
        t0, total = time.time(), 0.0
        for b in batches:
            batch = make_batch([train[i].tokens for i in b], [dense[i] for i in b], vocab)
            w, s, c, d, lengths, tags, mask = _tensors(batch, [train[i].tags for i in b], device)
            loss = net.nll(net.emissions(w, s, c, d, lengths), tags, mask)
            opt.zero_grad()
            (loss / len(b)).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        for g in opt.param_groups:
            g["lr"] = config.lr / (1 + 0.05 * (epoch + 1))
        msg = f"epoch {epoch + 1}: loss {total / len(train):.3f} ({time.time() - t0:.0f} s)"
        if on_epoch is not None:
            msg += f" {on_epoch(epoch + 1, export_arrays(net, vocab, vectors))}"
        log(msg)
    return export_arrays(net, vocab, vectors)


def _utf8_lines(items: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(items).encode("utf-8"), np.uint8)


def export_arrays(net, vocab: Vocab, vectors: np.ndarray) -> dict[str, np.ndarray]:
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    q, scale = quantise(vectors[2:])
    words = sorted(vocab.words, key=vocab.words.get)
    chars = sorted(vocab.chars, key=vocab.chars.get)
    f16 = np.float16
    return {
        "vocab_words": _utf8_lines(words), "vocab_chars": _utf8_lines(chars),
        "vectors_q": np.concatenate([np.zeros((2, q.shape[1]), np.int8), q]),
        "vectors_scale": np.concatenate([np.zeros(2, np.float32), scale]),
        "char_emb": sd["char_emb.weight"].astype(f16), "char_conv_w": sd["char_conv.weight"].astype(f16),
        "char_conv_b": sd["char_conv.bias"].astype(f16),
        "lstm_w_ih": sd["lstm.weight_ih_l0"].astype(f16), "lstm_w_hh": sd["lstm.weight_hh_l0"].astype(f16),
        "lstm_b": (sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"]).astype(f16),
        "lstm_w_ih_r": sd["lstm.weight_ih_l0_reverse"].astype(f16),
        "lstm_w_hh_r": sd["lstm.weight_hh_l0_reverse"].astype(f16),
        "lstm_b_r": (sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]).astype(f16),
        "out_w": sd["out.weight"].astype(f16), "out_b": sd["out.bias"].astype(f16),
        "crf_transitions": sd["crf_transitions"], "crf_start": sd["crf_start"], "crf_end": sd["crf_end"],
    }


def ensemble_arrays(nets: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One flat dict for :meth:`NeuralTagger.from_arrays`: the shared tables once, each network's own
    weights prefixed ``m0_``, ``m1_``… (the tagger averages their scores)."""
    out = {k: nets[0][k] for k in SHARED_KEYS}
    for i, arrays in enumerate(nets):
        out.update({f"m{i}_{k}": v for k, v in arrays.items() if k not in SHARED_KEYS})
    return out


def write_corpus(data_dir: Path, path: Path, extra: list[Sentence]) -> None:
    """SaudiNewsNet and the training corpora as one text per line of normalised words."""
    from rasd.entities.clusters import news_texts, words
    from rasd.text.normalize import normalize

    with path.open("w", encoding="utf-8") as fh:
        for text in news_texts(data_dir / "saudinewsnet" / "articles.jsonl.gz"):
            ws = words(text)
            if ws:
                fh.write(" ".join(ws) + "\n")
        for s in extra:
            fh.write(" ".join(normalize(t) or t for t in s.tokens) + "\n")


def train_neural(data_dir: Path, folder: Path, train: list[Sentence], wikifane: list[Sentence], res: Resources,
                 crf_config, config: NeuralConfig | None = None, device: str | None = None, log=print,
                 jobs: int = 2) -> list[np.ndarray]:
    """Word vectors, cross-validated CRF features and the network, written to ``folder/neural.npz``.

    Returns the CRF features (the encoder is trained on the same ones)."""
    import tempfile

    import torch

    from rasd.entities.model import NEURAL_FILE

    config = config or NeuralConfig()
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        write_corpus(data_dir, corpus, train + wikifane)
        kv = train_vectors(corpus, config).wv
    words, vectors = vector_table(kv, [])
    vocab = Vocab({w: i + 2 for i, w in enumerate(words)},
                  {c: i + 2 for i, c in enumerate(char_table(train))})
    vectors = np.concatenate([np.zeros((2, vectors.shape[1]), np.float32), vectors])
    dense = cross_dense(train, res, folder, crf_config, fold_plan(len(train), config.folds), jobs)
    nets = [train_network(train, dense, vocab, vectors, replace(config, seed=config.seed + k), device=device, log=log)
            for k in range(config.members)]
    np.savez_compressed(folder / NEURAL_FILE, **ensemble_arrays(nets))
    return dense
