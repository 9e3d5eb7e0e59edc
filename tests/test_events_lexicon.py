"""The trigger lexicon is validated when it loads: unknown sections, options and sub-types are errors."""

import pytest

from rasd.events.lexicon import LexiconError, _load_yaml, load_lexicon, validate


@pytest.fixture(scope="module")
def types():
    return load_lexicon().types


def test_the_shipped_lexicon_is_valid(types):
    validate(_load_yaml("triggers.yaml"), types)


@pytest.mark.parametrize(("raw", "message"), [
    ({"triggers": [{"forms": ["كمين"], "sub_event_type": "Ambush"}]}, "unknown sub_event_type 'Ambush'"),
    ({"triggers": [{"forms": ["كمين"], "sub_event_type": "Armed clash", "prefx": True}]}, "unknown option 'prefx'"),
    ({"triggers": [{"forms": [], "sub_event_type": "Armed clash"}]}, "'forms' must be a non-empty list"),
    ({"triggers": [{"forms": ["كمين"], "sub_event_type": "Armed clash", "weight": 3}]}, "weight must be"),
    ({"triggers": [{"forms": ["كمين"], "sub_event_type": "Armed clash", "window": "six"}]}, "window must be"),
    ({"modifiers": [{"words": ["هاون"], "sub_event_type": "Mortar"}]}, "modifiers[0]: unknown sub_event_type"),
    ({"refinable": ["Armed clash", "Skirmish"]}, "refinable: unknown sub_event_type 'Skirmish'"),
    ({"trigers": []}, "unknown section 'trigers'"),
    ({"veto": "مباراة"}, "'veto' must be a list of words"),
    ({"triggers": [{"forms": ["كمين"], "sub_event_type": "Armed clash", "unless_next": "تدريب"}]}, "'unless_next' must be"),
    ({"article_words": [1]}, "'article_words' must be a list of words"),
])
def test_malformed_entries_are_named(types, raw, message):
    with pytest.raises(LexiconError) as err:
        validate(raw, types, "my_triggers.yaml")
    assert message in str(err.value) and str(err.value).startswith("my_triggers.yaml")


def test_every_problem_is_reported_at_once(types):
    raw = {"triggers": [{"forms": ["كمين"], "sub_event_type": "Ambush"}, {"forms": ["اشتباك"], "sub_event_type": "Armed clash", "tier": 1}]}
    with pytest.raises(LexiconError) as err:
        validate(raw, types)
    lines = str(err.value).splitlines()
    assert len(lines) == 2 and "triggers[0] (كمين)" in lines[0] and "triggers[1] (اشتباك): unknown option 'tier'" in lines[1]
