"""Named-entity stage: corpus cleaning, features, clitic-free spans, scoring, and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.document import Article, Document
from rasd.entities.clusters import build_clusters, read_clusters, save_clusters
from rasd.entities.corpus import (
    clean_tag,
    entity_spans,
    read_anercorp_train,
    read_conll,
    read_wikifane,
    repair_bio,
)
from rasd.entities.evaluate import Scores
from rasd.entities.features import Resources, gazetteer_tags, sentence_features, stripped
from rasd.entities.tagger import clitic_length

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.parametrize(
    ("raw", "tag"),
    [("B-PERS", "B-PER"), ("B-ERS", "B-PER"), ("I-PRG", "I-ORG"), ("IPERS", "I-PER"), ("b-misc", "B-MISC"),
     ("B-LOCI-PERS", "B-LOC"), ("o", "O"), ("None", None), ("فيرسلاين", None)],
)
def test_noisy_anercorp_tags_are_cleaned(raw: str, tag: str | None) -> None:
    assert clean_tag(raw) == tag


def test_stray_inside_tag_starts_an_entity() -> None:
    assert repair_bio(["O", "I-LOC", "I-LOC", "I-PER"]) == ["O", "B-LOC", "I-LOC", "B-PER"]


def test_entity_spans_follow_conll_rules() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-ORG", "I-ORG"]
    assert list(entity_spans(tags)) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "ORG")]


def test_anercorp_rows_split_into_sentences_and_drop_broken_rows(tmp_path: Path) -> None:
    f = tmp_path / "train.tsv"
    f.write_text("زار\tO\nباراك\tB-PERS\nأوباما\tI-PERS\nO\tNone\nبغداد\tB-LOC\n.\tO\nثم\tO\nعاد\tO\n", "utf-8")
    sents = read_anercorp_train(f)
    assert [s.tokens for s in sents] == [["زار", "باراك", "أوباما", "بغداد", "."], ["ثم", "عاد"]]
    assert sents[0].tags == ["O", "B-PER", "I-PER", "B-LOC", "O"]


def test_conll_test_format(tmp_path: Path) -> None:
    f = tmp_path / "test.txt"
    f.write_text("في O\nعمان B-LOC\n\nقال O\nزيد B-PERS\n", "utf-8")
    assert [s.tags for s in read_conll(f)] == [["O", "B-LOC"], ["O", "B-PER"]]


def test_wikifane_marks_clitics_and_fine_classes(tmp_path: Path) -> None:
    f = tmp_path / "wikifane.txt"
    rows = ["\u200eزار\tO", "\u200eو\tO", "\u200eبغداد\tB-Population-Center", "\u200eو\tO",
            "\u200eعاصمة\tO", "\u200eها\tO", "\u200eالعربية\tB-Group", "\u200eنوري\tB-Politician", "", "\u200eثم\tO"]
    f.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    first, second = read_wikifane(f)
    assert first.tokens == ["زار", "وبغداد", "وعاصمتها", "العربية", "نوري"]
    assert first.tags == ["O", "B-LOC", "O", "O", "B-PER"]  # Group (nationality) is O, as in ANERcorp
    assert first.fine[1] == "Population-Center"
    assert second.tokens == ["ثم"]


def test_gazetteer_matches_through_proclitics() -> None:
    res = Resources(gazetteer=frozenset({("بغداد",), ("ام", "قصر")}))
    assert gazetteer_tags(["وصل", "وبغداد", "ثم", "ام", "قصر"], res) == ["O", "B", "O", "B", "I"]


def test_features_include_stripped_form_and_window() -> None:
    res = Resources(clusters={"بغداد": ("1", "2", "3")}, triggers={"مدينه": "LOC_KEY"})
    feats = sentence_features(["مدينة", "وبغداد"], res)
    assert "-1:trig=LOC_KEY" in feats[1]
    assert "c2=3" in feats[1]  # the cluster of بغداد reaches وبغداد
    assert stripped("والمدينه") == "مدينه"


def test_clitic_is_left_out_only_when_the_bare_word_is_the_common_one() -> None:
    ranks = {"بغداد": 10, "وبغداد": 900, "وليد": 50, "ليد": 3000, "العراق": 5}
    assert clitic_length("وبغداد", ranks) == 1
    assert clitic_length("وليد", ranks) == 0
    assert clitic_length("بالعراق", ranks) == 1
    assert clitic_length("للعراق", ranks) == 2


def test_scores_report_per_type_and_micro() -> None:
    s = Scores()
    s.add(["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "I-PER", "O", "B-ORG"])
    assert s.prf("PER") == (1.0, 1.0, 1.0)
    assert s.prf() == (0.5, 0.5, 0.5)
    assert "micro" in s.report() and "ORG" in s.report()


def test_clusters_round_trip(tmp_path: Path) -> None:
    texts = [["ذهب", "الى", "بغداد", "امس"], ["ذهب", "الى", "دمشق", "امس"], ["عاد", "من", "بغداد"]] * 5
    clusters = build_clusters(texts, min_count=1, dim=3, granularities=(2, 3))
    path = tmp_path / "c.tsv.gz"
    save_clusters(clusters, path)
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        loaded = read_clusters(fh)
    assert set(loaded) == set(clusters) and all(len(v) == 2 for v in loaded.values())


def _doc(text: str) -> Document:
    from rasd.text.stage import analyse_text

    return analyse_text(Document.from_article(Article(text=text)))


def test_shipped_model_tags_people_and_places_with_exact_offsets() -> None:
    from rasd.entities import tag_entities

    doc = tag_entities(_doc("وقال الرئيس الأمريكي باراك أوباما في واشنطن إن القوات العراقية دخلت الموصل وبغداد."))
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
        assert e.label in {"PER", "LOC", "ORG", "MISC"}
    found = {(e.text, e.label) for e in doc.entities}
    assert ("باراك أوباما", "PER") in found
    assert ("واشنطن", "LOC") in found
    assert ("بغداد", "LOC") in found  # the conjunction و stays outside the span


def test_empty_document_has_no_entities() -> None:
    from rasd.entities import tag_entities

    assert tag_entities(_doc("")).entities == []


@pytest.mark.skipif(not (SHARED / "anercorp" / "train_approx.tsv").is_file(), reason="needs ../shared/data")
def test_real_training_rows_are_clean() -> None:
    sents = read_anercorp_train(SHARED / "anercorp" / "train_approx.tsv")
    tags = {t for s in sents for t in s.tags}
    assert tags <= {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PER", "LOC", "ORG", "MISC")}
    assert sum(len(s.tokens) for s in sents) > 100_000


def test_entity_gets_a_fine_class_when_known() -> None:
    from rasd.entities import tag_entities
    from rasd.entities.model import load_model

    model = load_model()
    doc = tag_entities(_doc("وصل الوفد إلى العراق أمس."), model)
    iraq = [e for e in doc.entities if e.text == "العراق"]
    assert iraq and iraq[0].label == "LOC"
    assert iraq[0].fine == model.fine.get("عراق") == "Nation"


def test_analyst_place_additions_reach_the_gazetteer() -> None:
    from rasd.entities.model import load_place_additions

    places = load_place_additions()
    assert ("العراق",) in places and ("الشرق", "الاوسط") in places  # normalised on load


def test_importing_the_stage_loads_no_model() -> None:
    import subprocess
    import sys

    code = "import rasd.entities, rasd.entities.model as m; assert m._load_model.cache_info().currsize == 0"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_document_memory_carries_a_name_to_its_bare_mention() -> None:
    from rasd.entities.memory import memories

    sents = [["قال", "الرئيس", "بوش"], ["وقال", "وبوش", "أمس"]]
    mems = memories(sents, [["O", "O", "B-PER"], ["O", "O", "O"]])
    assert mems[0] == {}  # a sentence's own first-pass labels are not its memory
    assert mems[1] == {"بوش": "PER"}
    feats = sentence_features(sents[1], Resources(), mems[1])
    assert "0:mem=PER" in feats[1] and "-1:mem=none" in feats[1]


def test_shipped_model_has_its_neural_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.entities.model import load_model

    monkeypatch.setenv("RASD_NER", "accurate")
    model = load_model()
    assert model.neural is not None and model.second is None
    assert model.neural.vocab.word_id("بغداد") > 1  # the news vectors know the word
    assert model.encoder is not None and 0 < model.encoder.partner_weight < 1


def test_modes_choose_the_taggers(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.entities import tag_entities
    from rasd.entities.model import load_model
    from rasd.errors import RasdError

    monkeypatch.delenv("RASD_NER", raising=False)
    fast = load_model()  # the default: the CRF alone
    assert fast.encoder is None and fast.neural is None
    assert [e.text for e in tag_entities(_doc("قال الرئيس بشار الأسد في دمشق أمس."), fast).entities] == ["بشار الأسد", "دمشق"]
    monkeypatch.setenv("RASD_NER", "neural")
    neural = load_model()
    assert neural.encoder is None and neural.neural is not None
    assert [e.text for e in tag_entities(_doc("قال الرئيس بشار الأسد في دمشق أمس."), neural).entities] == ["بشار الأسد", "دمشق"]
    monkeypatch.setenv("RASD_NER", "slow")
    with pytest.raises(RasdError, match="RASD_NER"):
        load_model()
