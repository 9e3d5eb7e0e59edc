"""The learned actor1 choice (rasd.events.roles) and its trainer, on my own sentences and toy models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rasd.document import ActorMention, Article, Document, Span
from rasd.events import roles
from rasd.events.train_roles import train

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev_gold"


def _doc(text: str, actors: list[tuple[str, str, int | None]]) -> Document:
    """A document with one sentence per "." and the given (text, canonical, inter) actor mentions."""
    doc = Document.from_article(Article(text=text, id="t", published="2015-08-08"))
    start = 0
    for part in text.split(".")[:-1]:
        end = start + len(part) + 1
        doc.sentences.append(Span(start, end, text[start:end]))
        start = end + 1 if text[end : end + 1] == " " else end
    for name, canonical, inter in actors:
        i = text.index(name)
        doc.actors.append(ActorMention(name, i, i + len(name), canonical, inter, confidence=0.9))
    doc.actors.sort(key=lambda a: a.start)
    return doc


def _ctx(doc: Document, trigger: str, **kw) -> roles.Context:
    i = doc.text.index(trigger)
    sentence = next(s for s in doc.sentences if s.start <= i < s.end)
    return roles.Context(i, i + len(trigger), sentence, sentence, kw.get("event_type", "Battles"),
                         kw.get("sub", "Armed clash"), kw.get("country", "YE"), kw.get("target"))


TEXT = "وصلت قوات الجيش إلى المنطقة. واندلعت اشتباكات عنيفة مع مسلحي القبائل قرب السوق."


def test_candidates_are_no_actor_then_mentions_of_this_and_the_sentence_before():
    doc = _doc(TEXT, [("قوات الجيش", "Army (Yemen)", 1), ("مسلحي القبائل", "Tribal Militia (Yemen)", 4)])
    found = roles.candidates(doc, _ctx(doc, "اشتباكات"))
    assert [m.canonical if m else None for _, m in found] == [None, "Army (Yemen)", "Tribal Militia (Yemen)"]
    (none, army, tribe) = [f for f, _ in found]
    assert none["none"] == 1.0 and "none|type=Battles" in none
    assert army["same sentence"] == 0.0 and tribe["same sentence"] == 1.0
    assert tribe["in clause"] == 1.0 and tribe["before trigger"] == 0.0
    assert army["inter=1|type=Battles"] == 1.0


def test_the_nearest_mention_on_each_side_of_the_trigger_is_marked():
    text = "قال ضابط إن عناصر الشرطة ورجال القبائل هاجموا مسلحي الجماعة وأنصار الزعيم عند الجسر."
    doc = _doc(text, [("عناصر الشرطة", "Police (Yemen)", 1), ("رجال القبائل", "Tribe (Yemen)", 4),
                      ("مسلحي الجماعة", "Group (Yemen)", 2), ("أنصار الزعيم", "Loyalists (Yemen)", 2)])
    marks = {m.canonical: (f.get("nearest before"), f.get("nearest after"))
             for f, m in roles.candidates(doc, _ctx(doc, "هاجموا")) if m}
    assert marks["Tribe (Yemen)"] == (1.0, None) and marks["Police (Yemen)"] == (None, None)
    assert marks["Group (Yemen)"] == (None, 1.0) and marks["Loyalists (Yemen)"] == (None, None)


def test_a_contrast_and_the_targets_associates_are_no_candidates():
    text = "قصفت الطائرات مواقع المتمردين وأنصار الزعيم في الجبل، لكن الميليشيا تسيطر على الوادي."
    doc = _doc(text, [("المتمردين", "Rebels (Yemen)", 2), ("أنصار الزعيم", "Loyalists (Yemen)", 2),
                      ("الميليشيا", "Militia (Yemen)", 3)])
    target = doc.actors[0]
    names = [m.canonical for _, m in roles.candidates(doc, _ctx(doc, "قصفت", target=target)) if m]
    assert names == ["Rebels (Yemen)"]  # the associate joined by و, and who comes after لكن, are left out


def test_the_best_scoring_candidate_wins_and_none_can_win():
    doc = _doc(TEXT, [("قوات الجيش", "Army (Yemen)", 1), ("مسلحي القبائل", "Tribal Militia (Yemen)", 4)])
    ctx = _ctx(doc, "اشتباكات")
    earlier = roles.Linear({"same sentence": -2.0, "none": -5.0}, 0.0)
    assert roles.choose_actor1(doc, ctx, earlier)[1].canonical == "Army (Yemen)"
    same = roles.Linear({"same sentence": 2.0, "none": -5.0}, 0.0)
    assert roles.choose_actor1(doc, ctx, same)[1].canonical == "Tribal Militia (Yemen)"
    nobody = roles.Linear({"none": 5.0}, 0.0)
    assert roles.choose_actor1(doc, ctx, nobody) == (True, None)


def test_the_shipped_model_loads_and_scores_every_candidate():
    model = roles.load_model()
    assert model is not None and model.weights
    doc = _doc(TEXT, [("قوات الجيش", "Army (Yemen)", 1), ("مسلحي القبائل", "Tribal Militia (Yemen)", 4)])
    scores = [model.score(f) for f, _ in roles.candidates(doc, _ctx(doc, "اشتباكات"))]
    assert len(set(scores)) == 3


def test_the_pipeline_keeps_the_rules_roles_when_the_model_is_off(monkeypatch):
    from rasd.pipeline import analyse

    text = "وقصفت مقاتلات التحالف أمس مخازن أسلحة للحوثيين في مدينة صعدة."
    with_model = [(e.actor1, e.actor2) for e in analyse(text, published="2015-08-08").events]
    monkeypatch.setattr(roles, "ENABLED", False)
    rules = [(e.actor1, e.actor2) for e in analyse(text, published="2015-08-08").events]
    assert rules == [("Saudi-led Coalition", "Houthis (Ansar Allah)")]
    assert [a2 for _, a2 in with_model] == ["Houthis (Ansar Allah)"]  # the rules' target stays


def test_training_learns_the_feature_that_marks_the_actor():
    # 30 toy articles, 2 events each: the actor is the candidate with "agent cue"; "noise" says nothing
    rows = []
    for doc in range(30):
        for ev in range(2):
            n = doc * 2 + ev
            rows.append((f"d{doc}", n, {"none": 1.0}, False, False))
            rows.append((f"d{doc}", n, {"agent cue": 1.0, "noise": float(ev)}, True, True))
            rows.append((f"d{doc}", n, {"noise": float(1 - ev)}, False, False))
    vec, model, cv = train(rows)
    weights = dict(zip(vec.feature_names_, model.coef_[0], strict=True))
    assert cv == 1.0
    assert weights["agent cue"] > abs(weights["noise"])


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data/dev_gold")
def test_retraining_on_dev_gold_reproduces_the_committed_model(tmp_path):
    import json

    from rasd.events.train_roles import main

    main([str(SHARED), "--out", str(tmp_path / "actor1.json")])
    fresh = json.loads((tmp_path / "actor1.json").read_text(encoding="utf-8"))
    shipped = json.loads(Path(str(roles.model_path())).read_text(encoding="utf-8"))
    assert fresh["weights"] == shipped["weights"] and fresh["bias"] == shipped["bias"]


def test_the_environment_can_turn_the_model_off():
    import subprocess
    import sys

    code = "from rasd.events import roles; print(roles.ENABLED)"
    env = {k: v for k, v in os.environ.items() if k != "RASD_ACTOR_MODEL"}
    off = subprocess.run([sys.executable, "-c", code], env={**env, "RASD_ACTOR_MODEL": "off"},
                         capture_output=True, text=True, check=True)
    on = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True")


def test_the_subject_right_after_its_verb_is_an_agent_not_a_target():
    from rasd.pipeline import analyse

    text = "وقاتلت قوات النظام السوري مسلحين في ريف دمشق. واستعادت الحكومة العراقية أمس مدينة الرمادي من قبضة تنظيم داعش."
    doc = analyse(text, published="2015-08-08")
    ev = next(e for e in doc.events if e.sub_event_type == "Government regains territory")
    sentence = doc.sentence_at(ev.trigger["start"])
    ctx = roles.Context(ev.trigger["start"], ev.trigger["end"], sentence, sentence, ev.event_type, ev.sub_event_type, "IQ")
    feats = {m.text: f for f, m in roles.candidates(doc, ctx) if m is not None}
    assert feats["الحكومة العراقية"].get("role=agent") == 1.0
    assert ev.actor1 == "Military Forces of Iraq (2014-)"


def test_civilians_and_protesters_are_no_candidates_to_have_fought_or_bombed():
    text = "وأحيا المتظاهرون ذكرى ضحايا التفجير الانتحاري في البلدة."
    doc = _doc(text, [("المتظاهرون", "Protesters (Turkey)", 6)])
    bombing = _ctx(doc, "التفجير", event_type="Explosions/Remote violence", sub="Suicide bomb")
    assert [m for _, m in roles.candidates(doc, bombing) if m] == []
    protest = _ctx(doc, "التفجير", event_type="Protests", sub="Peaceful protest")
    assert [m.canonical for _, m in roles.candidates(doc, protest) if m] == ["Protesters (Turkey)"]
