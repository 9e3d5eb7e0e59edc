"""Fine-tuning the e5 encoder for NER (needs torch: ``pip install -e '.[train]'``).

The network is :class:`rasd.entities.encoder.Encoder` (word-piece table frozen, layers trained) with a
CRF head over ``[hidden state of each word's first piece; the CRF's dense features]``.  Sentences of
one pseudo-document are packed into windows of up to ``window`` pieces, so a word sees its neighbours
across sentence breaks.  The trained layers are exported as int8 rows (``encoder.npz``).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasd.entities.corpus import Sentence
from rasd.entities.encoder import Encoder, PieceTokenizer, Window, load_base, pack_windows
from rasd.entities.memory import blocks
from rasd.entities.neural import LABELS
from rasd.entities.train_neural import add_crf, crf_loss, quantise


@dataclass(frozen=True)
class EncoderConfig:
    layers: int = 12
    window: int = 256  # pieces per window
    epochs: int = 6  # dev F1 still rose at 4 (0.722 → 0.743 from epoch 3 to 4)
    batch: int = 8  # windows per step
    lr: float = 8e-5  # encoder layers
    head_lr: float = 2e-3
    dropout: float = 0.1
    warmup: float = 0.1  # share of steps with a rising learning rate
    seed: int = 0
    partner_weight: float = 0.5  # the BiLSTM-CRF's share when both are averaged (best of 0.3–0.7 on dev)


def _torch_net(enc: Encoder, n_dense: int, config: EncoderConfig):
    import torch
    import torch.nn.functional as F
    from torch import nn

    h, heads = enc.base.hidden, enc.base.heads

    def linear(w: np.ndarray, b: np.ndarray) -> nn.Linear:
        lin = nn.Linear(w.shape[1], w.shape[0])
        lin.weight.data.copy_(torch.from_numpy(w))
        lin.bias.data.copy_(torch.from_numpy(b))
        return lin

    def norm(w: np.ndarray, b: np.ndarray) -> nn.LayerNorm:
        ln = nn.LayerNorm(h, eps=enc.base.eps)
        ln.weight.data.copy_(torch.from_numpy(w))
        ln.bias.data.copy_(torch.from_numpy(b))
        return ln

    class Layer(nn.Module):
        def __init__(self, p: dict[str, np.ndarray]) -> None:
            super().__init__()
            for name in ("q", "k", "v", "ao", "fi", "fo"):
                setattr(self, name, linear(p[f"{name}.w"], p[f"{name}.b"]))
            self.aln, self.oln = norm(p["aln.w"], p["aln.b"]), norm(p["oln.w"], p["oln.b"])
            self.drop = nn.Dropout(config.dropout)

        def forward(self, x, mask):
            b, t, _ = x.shape
            q, k, v = (m(x).view(b, t, heads, -1).transpose(1, 2) for m in (self.q, self.k, self.v))
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask[:, None, None, :])
            x = self.aln(x + self.drop(self.ao(ctx.transpose(1, 2).reshape(b, t, h))))
            return self.oln(x + self.drop(self.fo(F.gelu(self.fi(x), approximate="tanh"))))

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(Layer(enc.base.layer_arrays(i)) for i in range(config.layers))
            for name, arr in enc.emb.items():
                self.register_buffer("emb_" + name.replace(".", "_"), torch.from_numpy(arr))
            self.drop = nn.Dropout(config.dropout)
            self.out = nn.Linear(h + n_dense, len(LABELS))
            add_crf(self)

        def emissions(self, pieces, mask, first, dense):
            t = pieces.shape[1]
            x = pieces + self.emb_pos[:t] + self.emb_type
            x = F.layer_norm(x, (h,), self.emb_ln_w, self.emb_ln_b, enc.base.eps)
            for layer in self.layers:
                x = layer(x, mask)
            words = x.gather(1, first[..., None].expand(-1, -1, h))
            return self.out(self.drop(torch.cat([words, dense], -1)))

        def nll(self, em, tags, mask):
            return crf_loss(self, em, tags, mask)

    return Net()


def _batch(windows: list[Window], enc: Encoder, n_dense: int):
    """Padded tensors of ``windows``: piece embeddings, piece mask, first-piece index, dense, tags, word mask."""
    import torch

    t = max(len(w.ids) for w in windows)
    n = max(len(w.first) for w in windows)
    h = enc.base.hidden
    pieces = np.zeros((len(windows), t, h), np.float32)
    mask = np.zeros((len(windows), t), bool)
    first = np.zeros((len(windows), n), np.int64)
    dense = np.zeros((len(windows), n, n_dense), np.float32)
    tags = np.zeros((len(windows), n), np.int64)
    wmask = np.zeros((len(windows), n), np.float32)
    for i, w in enumerate(windows):
        pieces[i, : len(w.ids)] = enc.base.embedding_rows(np.asarray(w.ids))
        mask[i, : len(w.ids)] = True
        first[i, : len(w.first)] = w.first
        dense[i, : len(w.first)] = w.dense
        tags[i, : len(w.first)] = [LABELS.index(x) for x in w.tags]
        wmask[i, : len(w.first)] = 1.0
    return [torch.from_numpy(a) for a in (pieces, mask, first, dense, tags, wmask)]


def train_encoder(train: list[Window], config: EncoderConfig, n_dense: int, on_epoch=None, log=print):
    """Fine-tune on ``train`` windows; return the torch net (export with :func:`export_arrays`)."""
    import torch

    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    enc = Encoder.from_base(n_layers=0)  # embeddings and tokenizer; the trained layers start from the base file
    net = _torch_net(enc, n_dense, config)
    head = [p for n, p in net.named_parameters() if not n.startswith("layers.")]
    opt = torch.optim.AdamW([{"params": net.layers.parameters(), "lr": config.lr},
                             {"params": head, "lr": config.head_lr}], weight_decay=0.01)
    order = list(range(len(train)))
    steps = config.epochs * ((len(order) + config.batch - 1) // config.batch)
    warm = max(1, int(steps * config.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    for epoch in range(config.epochs):
        net.train()
        rng.shuffle(order)
        t0, total = time.time(), 0.0
        for i in range(0, len(order), config.batch):
            pieces, mask, first, dense, tags, wmask = _batch([train[j] for j in order[i:i + config.batch]], enc, n_dense)
            loss = net.nll(net.emissions(pieces, mask, first, dense), tags, wmask)
            opt.zero_grad()
            (loss / len(first)).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        msg = f"epoch {epoch + 1}: loss {total / len(train):.3f} ({time.time() - t0:.0f} s)"
        if on_epoch is not None:
            msg += f" {on_epoch(net, enc)}"
        log(msg)
    return net, enc


def export_arrays(net, config: EncoderConfig) -> dict[str, np.ndarray]:
    """int8 weight rows with float32 scales, float32 vectors; the CRF head as is."""
    out: dict[str, np.ndarray] = {"window": np.array(config.window), "partner_weight": np.array(config.partner_weight)}
    for name, value in net.state_dict().items():
        if name.startswith("emb_") or name in ("allowed", "first"):
            continue
        arr = value.detach().cpu().numpy().astype(np.float32)
        if arr.ndim == 2 and name.startswith("layers."):
            q, scale = quantise(arr)
            out[name + ".q"], out[name + ".scale"] = q, scale
        else:
            out[name] = arr
    return out


def document_windows(sentences: list[Sentence], dense: list[np.ndarray], config: EncoderConfig) -> list[Window]:
    """Training windows over pseudo-documents of consecutive sentences (as :func:`blocks` cuts them)."""
    tokenizer = PieceTokenizer(load_base())
    out: list[Window] = []
    for block in blocks(len(sentences)):
        out += pack_windows([sentences[i].tokens for i in block], tokenizer, config.window,
                            [dense[i] for i in block], [sentences[i].tags for i in block])
    return out


def train_encoder_file(folder: Path, sentences: list[Sentence], dense: list[np.ndarray],
                       config: EncoderConfig | None = None, log=print) -> Path:
    """Fine-tune on ``sentences`` (with their cross-validated CRF features) and write ``encoder.npz``."""
    from rasd.entities.model import ENCODER_FILE

    config = config or EncoderConfig()
    net, _ = train_encoder(document_windows(sentences, dense, config), config, dense[0].shape[1], log=log)
    np.savez_compressed(folder / ENCODER_FILE, **export_arrays(net, config))
    return folder / ENCODER_FILE
