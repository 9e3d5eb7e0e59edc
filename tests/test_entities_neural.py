"""The numpy BiLSTM-CRF layer: BIO-valid decoding, padding-independent batches, inputs and file round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rasd.entities.neural import (
    LABELS,
    MAX_CHARS,
    N_DENSE,
    NeuralTagger,
    Vocab,
    allowed_transitions,
    dense_features,
    make_batch,
    viterbi,
)

WORDS = ["بغداد", "قال", "محمد", "في", "الرئيس", "دمشق"]


def _vocab() -> Vocab:
    chars = sorted(set("".join(WORDS)))
    return Vocab({w: i + 2 for i, w in enumerate(WORDS)}, {c: i + 2 for i, c in enumerate(chars)})


def _arrays(vocab: Vocab, seed: int = 0, dim: int = 6, hidden: int = 5, char_dim: int = 4, filters: int = 3) -> dict:
    """Random weights with the shapes training exports (no torch needed)."""
    rng = np.random.default_rng(seed)
    n_in = 2 * dim + filters + N_DENSE

    def r(*shape: int) -> np.ndarray:
        return rng.normal(size=shape).astype(np.float32)

    vectors = r(len(vocab.words), dim)
    scale = np.abs(vectors).max(axis=1) / 127.0
    return {
        "vocab_words": np.frombuffer("\n".join(sorted(vocab.words, key=vocab.words.get)).encode(), np.uint8),
        "vocab_chars": np.frombuffer("\n".join(sorted(vocab.chars, key=vocab.chars.get)).encode(), np.uint8),
        "vectors_q": np.concatenate([np.zeros((2, dim), np.int8), np.round(vectors / scale[:, None]).astype(np.int8)]),
        "vectors_scale": np.concatenate([np.zeros(2, np.float32), scale.astype(np.float32)]),
        "char_emb": r(len(vocab.chars) + 2, char_dim), "char_conv_w": r(filters, char_dim, 3), "char_conv_b": r(filters),
        "lstm_w_ih": r(4 * hidden, n_in), "lstm_w_hh": r(4 * hidden, hidden), "lstm_b": r(4 * hidden),
        "lstm_w_ih_r": r(4 * hidden, n_in), "lstm_w_hh_r": r(4 * hidden, hidden), "lstm_b_r": r(4 * hidden),
        "out_w": r(len(LABELS), 2 * hidden), "out_b": r(len(LABELS)),
        "crf_transitions": r(len(LABELS), len(LABELS)), "crf_start": r(len(LABELS)), "crf_end": r(len(LABELS)),
    }


def _dense(sentences: list[list[str]], seed: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.random((len(s), N_DENSE)).astype(np.float32) for s in sentences]


SENTENCES = [["قال", "الرئيس", "محمد", "في", "بغداد", "."], ["وبغداد", "xyz"], ["دمشق"]]


def test_decoding_never_starts_an_entity_with_inside() -> None:
    vocab = _vocab()
    for seed in range(5):
        tagger = NeuralTagger.from_arrays(_arrays(vocab, seed))
        for labels in tagger.tag(make_batch(SENTENCES, _dense(SENTENCES, seed), vocab)):
            for prev, cur in zip(["O", *labels], labels, strict=False):
                assert not cur.startswith("I-") or prev[2:] == cur[2:], labels


def test_viterbi_follows_the_emissions_when_transitions_are_flat() -> None:
    em = np.full((3, len(LABELS)), -5.0, np.float32)
    em[0, LABELS.index("B-PER")] = em[1, LABELS.index("I-PER")] = em[2, LABELS.index("O")] = 5.0
    zeros = np.zeros(len(LABELS), np.float32)
    assert viterbi(em, np.zeros((len(LABELS),) * 2, np.float32), zeros, zeros) == [1, 2, 0]
    # forbidding O -> I-PER and starting with I-PER changes the path through the inside label
    em[0] = -5.0
    em[0, LABELS.index("O")] = 5.0
    trans = np.where(allowed_transitions(), 0.0, -1e4).astype(np.float32)
    assert LABELS[viterbi(em, trans, zeros, zeros)[1]] != "I-PER"


def test_a_sentence_is_tagged_the_same_alone_and_in_a_padded_batch() -> None:
    vocab = _vocab()
    tagger = NeuralTagger.from_arrays(_arrays(vocab, 3))
    dense = _dense(SENTENCES)
    together = tagger.emissions(make_batch(SENTENCES, dense, vocab))
    for i, s in enumerate(SENTENCES):
        alone = tagger.emissions(make_batch([s], [dense[i]], vocab))
        np.testing.assert_allclose(alone[0], together[i, : len(s)], rtol=1e-4, atol=1e-4)


def test_inputs_fall_back_to_the_word_without_its_proclitic() -> None:
    vocab = _vocab()
    batch = make_batch([["وبغداد", "xyz", "محمد"]], _dense([["a", "b", "c"]]), vocab)
    assert batch.words[0].tolist() == [vocab.words["بغداد"], 1, vocab.words["محمد"]]
    assert batch.chars.shape == (1, 3, MAX_CHARS) and batch.chars[0, 0, :2].tolist() == [1, vocab.chars["ب"]]


def test_dense_features_mark_memory_and_gazetteer() -> None:
    marg = np.eye(len(LABELS), dtype=np.float32)[[0, 3, 4]]
    d = dense_features(marg, [None, "LOC", "PER"], ["O", "B", "I"])
    assert d.shape == (3, N_DENSE)
    assert d[1, len(LABELS) + 1] == 1 and d[2, len(LABELS)] == 1 and d[0, len(LABELS):].sum() == 0
    assert d[1, -2] == 1 and d[2, -1] == 1 and d[1, 3] == 1


def test_saved_arrays_load_to_the_same_tagger(tmp_path: Path) -> None:
    vocab = _vocab()
    arrays = _arrays(vocab, 7)
    np.savez_compressed(tmp_path / "neural.npz", **arrays)
    loaded = NeuralTagger.load(tmp_path / "neural.npz")
    assert loaded.vocab == vocab
    batch = make_batch(SENTENCES, _dense(SENTENCES), vocab)
    assert loaded.tag(batch) == NeuralTagger.from_arrays(_arrays(vocab, 7)).tag(batch)


def test_torch_network_and_numpy_forward_agree() -> None:
    torch = pytest.importorskip("torch")
    from rasd.entities.train_neural import NeuralConfig, _tensors, _torch_model, export_arrays

    vocab = _vocab()
    vec = np.random.default_rng(0).normal(size=(len(WORDS) + 2, 8)).astype(np.float32)
    vec[:2] = 0
    net = _torch_model(len(vocab.chars) + 2, vec, NeuralConfig(dim=8, hidden=6, char_dim=5, char_filters=4)).eval()
    batch = make_batch(SENTENCES, _dense(SENTENCES), vocab)
    with torch.no_grad():
        expected = net.emissions(*_tensors(batch, None, "cpu")).numpy()
    got = NeuralTagger.from_arrays(export_arrays(net, vocab, vec)).emissions(batch)
    for i, n in enumerate(batch.lengths):
        np.testing.assert_allclose(got[i, :n], expected[i, :n], atol=2e-2)


def test_an_ensemble_averages_its_members() -> None:
    vocab = _vocab()
    one, two = _arrays(vocab, 1), _arrays(vocab, 2)
    shared = {k: one[k] for k in ("vocab_words", "vocab_chars", "vectors_q", "vectors_scale")}
    member = {k: v for k, v in two.items() if k not in shared}
    both = {**shared, **{f"m0_{k}": v for k, v in one.items() if k not in shared},
            **{f"m1_{k}": v for k, v in member.items()}}
    batch = make_batch(SENTENCES, _dense(SENTENCES), vocab)
    ensemble = NeuralTagger.from_arrays(both)
    assert len(ensemble.members) == 2
    alone = NeuralTagger.from_arrays(one).emissions(batch)
    other = NeuralTagger.from_arrays({**shared, **member}).emissions(batch)
    np.testing.assert_allclose(ensemble.emissions(batch), (alone + other) / 2, rtol=1e-4, atol=1e-4)


def test_fold_plan_never_trains_on_what_it_describes() -> None:
    from rasd.entities.train_neural import fold_plan

    plan = fold_plan(130, 3, dev_from=100)
    assert len(plan) == 4
    for train, held in plan:
        assert not set(train) & set(held)
    assert sorted(i for _, held in plan[:3] for i in held) == list(range(100))  # each sentence once
    assert plan[3] == (list(range(100)), list(range(100, 130)))
    assert all(max(train) < 100 for train, _ in plan)  # the dev slice is never trained on


def test_long_documents_are_tagged_in_bounded_batches_with_the_same_result() -> None:
    from rasd.entities import neural

    vocab = _vocab()
    tagger = NeuralTagger.from_arrays(_arrays(vocab, 5))
    sentences = [SENTENCES[i % 3][: 1 + i % 6] for i in range(150)] + [[]]
    dense = _dense(sentences)
    seen = []
    real_emissions = tagger.emissions
    tagger.emissions = lambda batch: seen.append(len(batch.lengths)) or real_emissions(batch)  # type: ignore[method-assign]
    labels = tagger.tag_sentences(sentences, dense)
    assert max(seen) <= neural.MAX_BATCH and sum(seen) == 150
    assert labels[-1] == [] and [len(x) for x in labels] == [len(s) for s in sentences]
    assert labels[:3] == tagger.tag(make_batch(sentences[:3], dense[:3], vocab))


def test_longest_first_batches_skip_ended_sentences_without_changing_scores() -> None:
    vocab = _vocab()
    tagger = NeuralTagger.from_arrays(_arrays(vocab, 4))
    ordered = sorted(SENTENCES, key=len, reverse=True)
    dense = _dense(ordered)
    sorted_em = tagger.emissions(make_batch(ordered, dense, vocab))
    mixed = [2, 0, 1]  # not longest first: every step computes every row
    mixed_em = tagger.emissions(make_batch([ordered[i] for i in mixed], [dense[i] for i in mixed], vocab))
    for j, i in enumerate(mixed):
        n = len(ordered[i])
        np.testing.assert_allclose(mixed_em[j, :n], sorted_em[i, :n], rtol=1e-4, atol=1e-4)


def test_ensemble_file_averages_its_networks() -> None:
    from rasd.entities.neural import SHARED_KEYS
    from rasd.entities.train_neural import ensemble_arrays

    vocab = _vocab()
    a, b = _arrays(vocab, 1), _arrays(vocab, 2)
    b.update({k: a[k] for k in SHARED_KEYS})  # members share the vector and character tables
    both = NeuralTagger.from_arrays(ensemble_arrays([a, b]))
    assert len(both.members) == 2
    batch = make_batch(SENTENCES, _dense(SENTENCES), vocab)
    one, two = NeuralTagger.from_arrays(a).emissions(batch), NeuralTagger.from_arrays(b).emissions(batch)
    assert np.allclose(both.emissions(batch), (one + two) / 2, atol=1e-4)
