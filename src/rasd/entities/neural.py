"""The neural NER layer, run in numpy: char-CNN + frozen word vectors + CRF marginals → BiLSTM → CRF.

Trained with torch (:mod:`rasd.entities.train_neural`, training only) and shipped as plain arrays in
``neural.npz``; tagging needs numpy alone.  Each token is described by

* the news word vector of its normalised form (or of a reading without proclitics) and of its stem,
* a char-CNN over its normalised letters,
* dense features: the first-pass CRF's label marginals, the document memory and the gazetteer tag.

A document's sentences are tagged together as one padded batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasd.entities.features import stripped
from rasd.text.normalize import normalize
from rasd.text.tokens import candidate_stems

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MEMORY_TYPES = ("PER", "LOC", "ORG", "MISC")
MAX_CHARS = 20  # letters of a word the char-CNN sees
PAD, UNK = 0, 1  # reserved ids in the word and character tables
N_DENSE = len(LABELS) + len(MEMORY_TYPES) + 2  # CRF marginals, memory type, gazetteer B/I
MAX_BATCH = 64  # sentences per padded batch (bounds memory on very long articles)


@dataclass(frozen=True)
class Vocab:
    """Word → row of the vector table and character → id (0 and 1 reserved for padding and unknown)."""

    words: dict[str, int]
    chars: dict[str, int]

    def word_id(self, word: str) -> int:
        for cand in (word, *candidate_stems(word)[1:]):
            i = self.words.get(cand)
            if i is not None:
                return i
        return UNK

    def stem_id(self, word: str) -> int:
        return self.words.get(stripped(word), UNK)

    def char_ids(self, word: str) -> list[int]:
        return [self.chars.get(c, UNK) for c in word[:MAX_CHARS]] or [UNK]


@dataclass(frozen=True)
class Batch:
    """Padded inputs for a list of sentences."""

    words: np.ndarray  # (B, T) word-vector rows
    stems: np.ndarray  # (B, T)
    chars: np.ndarray  # (B, T, MAX_CHARS)
    dense: np.ndarray  # (B, T, N_DENSE) float32
    lengths: np.ndarray  # (B,)


def dense_features(marginals: np.ndarray, memory_types: list[str | None], gazetteer: list[str]) -> np.ndarray:
    """(n, N_DENSE) float32 features of one sentence: CRF marginals, memory one-hot, gazetteer B/I."""
    n = len(gazetteer)
    out = np.zeros((n, N_DENSE), np.float32)
    out[:, : len(LABELS)] = marginals
    for i, kind in enumerate(memory_types):
        if kind in MEMORY_TYPES:
            out[i, len(LABELS) + MEMORY_TYPES.index(kind)] = 1.0
    for i, g in enumerate(gazetteer):
        if g != "O":
            out[i, N_DENSE - 2 + (g == "I")] = 1.0
    return out


def make_batch(sentences: list[list[str]], dense: list[np.ndarray], vocab: Vocab) -> Batch:
    """Pad the tokens (as written) and dense features of ``sentences`` into one batch."""
    b, t = len(sentences), max((len(s) for s in sentences), default=0) or 1
    words = np.zeros((b, t), np.int64)
    stems = np.zeros((b, t), np.int64)
    chars = np.zeros((b, t, MAX_CHARS), np.int64)
    feats = np.zeros((b, t, N_DENSE), np.float32)
    for i, (tokens, d) in enumerate(zip(sentences, dense, strict=True)):
        for j, token in enumerate(tokens):
            word = normalize(token) or token
            words[i, j] = vocab.word_id(word)
            stems[i, j] = vocab.stem_id(word)
            ids = vocab.char_ids(word)
            chars[i, j, : len(ids)] = ids
        feats[i, : len(tokens)] = d
    return Batch(words, stems, chars, feats, np.array([len(s) for s in sentences], np.int64))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def reverse_index(lengths: np.ndarray, t: int) -> np.ndarray:
    """(B, T) positions that reverse each sentence within its own length (padding stays at the end)."""
    idx = np.arange(t)[None, :]
    return np.where(idx < lengths[:, None], lengths[:, None] - 1 - idx, idx)


def lstm(gates_x: np.ndarray, w_hh: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
    """Several LSTMs at once, gates in the order i, f, o, g (see :func:`gates_ifog`).

    ``gates_x``: (S, B, T, 4H) input projections (bias included) of S stacked LSTMs, ``w_hh``:
    (S, H, 4H) their recurrent weights, transposed.  Returns the (S, B, T, H) hidden states (zero
    past a sentence's end).  With ``lengths`` sorted longest first, each step only computes the
    sentences that have not ended yet.
    """
    s, b, t, _ = gates_x.shape
    h_size = w_hh.shape[1]
    h = np.zeros((s, b, h_size), np.float32)
    c = np.zeros((s, b, h_size), np.float32)
    out = np.zeros((s, b, t, h_size), np.float32)
    longest_first = lengths is not None and bool(np.all(np.diff(lengths) <= 0))
    for step in range(t):
        k = int((lengths > step).sum()) if longest_first else b
        g = gates_x[:, :k, step] + np.matmul(h[:, :k], w_hh)
        ifo = _sigmoid(g[..., : 3 * h_size])
        c[:, :k] = ifo[..., h_size: 2 * h_size] * c[:, :k] + ifo[..., :h_size] * np.tanh(g[..., 3 * h_size:])
        h[:, :k] = ifo[..., 2 * h_size:] * np.tanh(c[:, :k])
        out[:, :k, step] = h[:, :k]
    return out


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label sequence of one sentence under a linear-chain CRF (``transitions[from, to]``)."""
    n = len(emissions)
    if n == 0:
        return []
    score = start + emissions[0]
    back = np.zeros((n, len(start)), np.int64)
    for i in range(1, n):
        cand = score[:, None] + transitions
        back[i] = cand.argmax(0)
        score = cand.max(0) + emissions[i]
    best = [int((score + end).argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def allowed_transitions() -> np.ndarray:
    """(L, L) mask of BIO transitions: ``I-X`` only after ``B-X`` or ``I-X``."""
    ok = np.ones((len(LABELS), len(LABELS)), bool)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            for i, frm in enumerate(LABELS):
                ok[i, j] = frm != "O" and frm[2:] == to[2:]
    return ok


# labels a sentence may start with (an I- label only continues its own B-)
FIRST_LABELS = np.array([lab == "O" or lab.startswith("B-") for lab in LABELS])


def constrained_crf(transitions: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A CRF's transition and start scores with the moves BIO forbids set to -1e4 (float32)."""
    return (np.where(allowed_transitions(), transitions, -1e4).astype(np.float32),
            np.where(FIRST_LABELS, start, -1e4).astype(np.float32))


SHARED_KEYS = ("vocab_words", "vocab_chars", "vectors_q", "vectors_scale")


class NeuralTagger:
    """The BiLSTM-CRF, from the arrays saved by training.

    ``members`` holds one dict of weights per network; an ensemble averages their emission and
    transition scores.  All members share the word vectors and the character table.
    """

    def __init__(self, members: list[dict[str, np.ndarray]], vocab: Vocab, vectors: np.ndarray) -> None:
        size = max(m["lstm_w_hh"].shape[1] for m in members)  # stacked LSTMs need one hidden size
        self.members = [gates_ifog(pad_hidden({k: v.astype(np.float32) for k, v in m.items()}, size))
                        for m in members]
        self.vocab = vocab
        self.vectors = vectors
        mean = {k: np.mean([m[k] for m in self.members], axis=0) for k in ("crf_start", "crf_transitions", "crf_end")}
        self.transitions, self.start = constrained_crf(mean["crf_transitions"], mean["crf_start"])
        self.end = mean["crf_end"]

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> NeuralTagger:
        """From one flat dict: the shared keys plus each member's weights prefixed ``m0_``, ``m1_``…
        (or unprefixed for a single network)."""
        words = arrays["vocab_words"].tobytes().decode("utf-8").split("\n")
        chars = arrays["vocab_chars"].tobytes().decode("utf-8").split("\n")
        vocab = Vocab({w: i + 2 for i, w in enumerate(words)}, {c: i + 2 for i, c in enumerate(chars)})
        vectors = arrays["vectors_q"].astype(np.float32) * arrays["vectors_scale"].astype(np.float32)[:, None]
        own = {k: v for k, v in arrays.items() if k not in SHARED_KEYS}
        prefixes = sorted({k.split("_", 1)[0] for k in own if k[0] == "m" and k.split("_", 1)[0][1:].isdigit()})
        members = [{k[len(p) + 1:]: v for k, v in own.items() if k.startswith(p + "_")} for p in prefixes] or [own]
        return cls(members, vocab, vectors)

    @classmethod
    def load(cls, path: str | Path) -> NeuralTagger:
        with np.load(path, allow_pickle=False) as z:
            return cls.from_arrays({k: z[k] for k in z.files})

    def emissions(self, batch: Batch) -> np.ndarray:
        """(B, T, len(LABELS)) label scores, averaged over the members."""
        words, stems = self.vectors[batch.words], self.vectors[batch.stems]
        bsz, t = batch.words.shape
        rev = reverse_index(batch.lengths, t)
        valid = np.arange(t)[None, :] < batch.lengths[:, None]
        gates = []
        for p in self.members:
            x = np.concatenate([words, stems, _char_vectors(p, batch.chars), batch.dense], axis=-1)[valid]
            for suffix, order in (("", None), ("_r", rev)):
                g = np.zeros((bsz, t, p["lstm_w_ih" + suffix].shape[0]), np.float32)
                g[valid] = x @ p["lstm_w_ih" + suffix].T + p["lstm_b" + suffix]  # only real tokens
                gates.append(g if order is None else np.take_along_axis(g, order[:, :, None], axis=1))
        w_hh = np.stack([p["lstm_w_hh" + suffix].T for p in self.members for suffix in ("", "_r")])
        hidden = lstm(np.stack(gates), w_hh, batch.lengths)
        out = np.zeros((bsz, t, len(LABELS)), np.float32)
        for m, p in enumerate(self.members):
            fwd = hidden[2 * m]
            bwd = np.take_along_axis(hidden[2 * m + 1], rev[:, :, None], axis=1)
            out += np.concatenate([fwd, bwd], axis=-1) @ p["out_w"].T + p["out_b"]
        return out / len(self.members)

    def tag_sentences(self, sentences: list[list[str]], dense: list[np.ndarray]) -> list[list[str]]:
        """BIO labels for the sentences of a document."""
        return [[LABELS[k] for k in viterbi(em, self.transitions, self.start, self.end)]
                for em in self.sentence_emissions(sentences, dense)]

    def sentence_emissions(self, sentences: list[list[str]], dense: list[np.ndarray]) -> list[np.ndarray]:
        """(n, len(LABELS)) label scores of each sentence, computed in batches of similar length."""
        order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))  # longest first
        out = [np.zeros((0, len(LABELS)), np.float32) for _ in sentences]
        for k in range(0, len(order), MAX_BATCH):
            group = [i for i in order[k:k + MAX_BATCH] if sentences[i]]
            if group:
                batch = make_batch([sentences[i] for i in group], [dense[i] for i in group], self.vocab)
                em = self.emissions(batch)
                for j, i in enumerate(group):
                    out[i] = em[j, : len(sentences[i])]
        return out

    def tag(self, batch: Batch) -> list[list[str]]:
        """BIO labels for every sentence of the batch."""
        em = self.emissions(batch)
        return [[LABELS[k] for k in viterbi(em[i, :n], self.transitions, self.start, self.end)]
                for i, n in enumerate(batch.lengths)]


def _char_vectors(p: dict[str, np.ndarray], chars: np.ndarray) -> np.ndarray:
    """(B, T, F) char-CNN features: convolution over the letters, then max-pooling and ReLU.

    Computed once per distinct spelling in the batch.
    """
    flat = chars.reshape(-1, chars.shape[-1])
    spellings, back = np.unique(flat, axis=0, return_inverse=True)
    return _char_cnn(p, spellings)[back.reshape(-1)].reshape(*chars.shape[:2], -1)


def _char_cnn(p: dict[str, np.ndarray], chars: np.ndarray) -> np.ndarray:
    """(N, F) char-CNN features of N padded letter-id rows."""
    emb_c = p["char_emb"][chars]  # (N, C, E)
    k = p["char_conv_w"].shape[2]
    padded = np.pad(emb_c, ((0, 0), (k // 2, k // 2), (0, 0)))
    windows = np.concatenate([padded[:, j: j + MAX_CHARS] for j in range(k)], axis=-1)
    w = p["char_conv_w"].transpose(2, 1, 0).reshape(-1, p["char_conv_w"].shape[0])  # (k*E, F)
    conv = np.where((chars != PAD)[..., None], windows @ w + p["char_conv_b"], -1e4)
    return np.maximum(conv.max(axis=1), 0.0)


def gates_ifog(member: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The LSTM weights with torch's gate order i, f, g, o changed to i, f, o, g (one sigmoid slice)."""
    h = member["lstm_w_hh"].shape[1]
    order = np.r_[0: 2 * h, 3 * h: 4 * h, 2 * h: 3 * h]
    out = dict(member)
    for key in ("lstm_w_ih", "lstm_w_hh", "lstm_b"):
        for suffix in ("", "_r"):
            out[key + suffix] = np.ascontiguousarray(member[key + suffix][order])
    return out


def pad_hidden(member: dict[str, np.ndarray], size: int) -> dict[str, np.ndarray]:
    """The same network with ``size`` hidden units per LSTM direction: the extra units have zero
    weights, so their cell and output stay 0 and the scores do not change."""
    h = member["lstm_w_hh"].shape[1]
    if h == size:
        return member
    out = dict(member)
    for suffix in ("", "_r"):
        w_ih, w_hh, b = member["lstm_w_ih" + suffix], member["lstm_w_hh" + suffix], member["lstm_b" + suffix]
        new_ih = np.zeros((4 * size, w_ih.shape[1]), w_ih.dtype)
        new_hh = np.zeros((4 * size, size), w_hh.dtype)
        new_b = np.zeros(4 * size, b.dtype)
        for gate in range(4):
            new_ih[gate * size: gate * size + h] = w_ih[gate * h: (gate + 1) * h]
            new_hh[gate * size: gate * size + h, :h] = w_hh[gate * h: (gate + 1) * h]
            new_b[gate * size: gate * size + h] = b[gate * h: (gate + 1) * h]
        out["lstm_w_ih" + suffix], out["lstm_w_hh" + suffix], out["lstm_b" + suffix] = new_ih, new_hh, new_b
    w_out = member["out_w"]
    new_out = np.zeros((w_out.shape[0], 2 * size), w_out.dtype)
    new_out[:, :h], new_out[:, size: size + h] = w_out[:, :h], w_out[:, h:]
    out["out_w"] = new_out
    return out
