"""The relevance stage: features, the model files, the decision and the default that keeps political events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.evaluate.scoreboard import relevance_rows
from eventwire.evaluate.split import half_of
from eventwire.records import Entity, Event
from eventwire.relevance import (
    MODEL_PATH,
    article_context,
    event_features,
    feature_names,
    load_cues,
    load_model,
    load_story,
    story_words,
)
from eventwire.relevance.features import collective_action, political_entity, state_dyad, stem

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))["articles"]


def _ent(text: str, **kw: object) -> Entity:
    return Entity(entity_text=text, span=(0, len(text)), **kw)  # type: ignore[arg-type]


def _event(text: str, actor: tuple[Entity, ...] = (), recipient: tuple[Entity, ...] = (), event: str = "CONSULT",
           quad: int = 1) -> Event:
    return Event(id="e", article_id="a", event=event, mode=None, aux_mode=(), context=(), quad_code=quad,
                 cameo_root="04", date=None, date_precision=None, date_text=None, actor=actor, recipient=recipient,
                 event_loc=None, event_text="met", span=(0, 3), sentence_index=0, text=text, confidence=0.7)


def test_stem_joins_inflections():
    assert stem("protested") == stem("protests") == stem("protest") == "protest"
    assert stem("parties") == "party"
    assert stem("bus") == "bus"  # too short to strip


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_stem_never_grows_and_is_stable(word):
    s = stem(word)
    assert len(s) <= len(word) + 1  # "ies" -> "y" is the only rewrite that is not a pure cut
    assert stem(word) == s


def test_political_actors():
    cues = load_cues()
    assert political_entity(_ent("the army", sector="MIL"), cues)
    assert political_entity(_ent("Ms Rivera", office="mayor"), cues)
    assert political_entity(_ent("hundreds of protesters", sector="CVL", kind="group"), cues)
    assert political_entity(_ent("Kenya", code="KEN", kind="country"), cues)
    assert not political_entity(_ent("the coach", sector="CVL", kind="person"), cues)
    assert not political_entity(_ent("a shopper", kind="person"), cues)


def test_state_dyad_needs_a_state_actor_and_a_coded_recipient():
    cues = load_cues()
    kenya = _ent("Kenya", code="KEN", kind="country")
    un = _ent("the UN", code="IGO", kind="organization")
    coach = _ent("the coach", kind="person")
    assert state_dyad(_event("Kenya asked the UN for help.", (kenya,), (un,)), cues)
    assert not state_dyad(_event("Kenya asked the coach.", (kenya,), (coach,)), cues)
    assert not state_dyad(_event("The coach asked the UN.", (coach,), (un,)), cues)
    town = _ent("Ozark", code="USA", kind="country", rule="place in country")
    assert not state_dyad(_event("Ozark asked the UN.", (town,), (un,)), cues)  # a town is not a state
    league = _ent("The Arab League", code="IGO", kind="organization")
    embassy = _ent("the embassy", sector="GOV", kind="organization")
    assert state_dyad(_event("The Arab League condemned the attack on the embassy.", (league,), (embassy,)), cues)


def test_collective_action_needs_a_protest_event_and_protest_words():
    cues = load_cues()
    assert collective_action(_event("Hundreds of workers staged a protest outside the mill.", event="PROTEST"), cues)
    assert not collective_action(_event("The scouts demonstrated their leadership.", event="PROTEST"), cues)
    assert not collective_action(_event("Workers staged a protest.", event="CONSULT"), cues)


def test_scoreboard_rows_split_events_by_label_and_half(tmp_path):
    ids = [f"art-{k}" for k in range(40)]
    labels = {"files": {"x.jsonl": [{"id": i, "political": k % 2 == 0, "topic": "other"} for k, i in enumerate(ids)]}}
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(labels), encoding="utf-8")
    events = {i: (3 if k % 2 == 0 else 1) for k, i in enumerate(ids)}
    rows = relevance_rows("X", "x.jsonl", events, path)
    assert [r.measure for r in rows] == ["events per article, articles labelled political",
                                         "events per article, articles labelled non-political"]
    for row, per in zip(rows, (3, 1), strict=True):
        for h in ("tune", "check"):
            n = sum(1 for k, i in enumerate(ids) if half_of(i) == h and (k % 2 == 0) == (per == 3))
            assert row.n[h] == n
            assert row.values[h] == (f"{per:.2f}" if n else "–")
    assert relevance_rows("X", "x.jsonl", events, tmp_path / "missing.json") == []


def test_feature_vector_matches_names_and_stays_in_unit_range():
    cues = load_cues()
    first = "The minister met the coach after the tournament."
    text = first + " The council voted on the budget."
    ev = _event(first, (_ent("The minister", sector="GOV"),))
    ctx = article_context(text, [(0, len(first)), (len(first) + 1, len(text))], [ev], cues, story=0.7)
    vec = event_features(ev, ctx, cues)
    names = feature_names(cues)
    assert len(vec) == len(names)
    assert all(0.0 <= v <= 1.0 for v in vec)
    named = dict(zip(names, vec, strict=True))
    assert named["actor_political"] == 1.0
    assert named["sentence_sport"] > 0 and named["story_political"] == 1.0  # both sentences have political words
    assert named["story_model"] == 0.7


def test_bundled_models_load_and_score_in_range():
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    story = load_story()
    p_pol = story.probability("The council voted on the budget and the mayor proposed a tax increase.")
    p_sport = story.probability("The team scored twice in the second half to win the cup final.")
    assert 0.0 <= p_sport < p_pol <= 1.0
    assert story_words("The Councils voted") == ["council", "vot"]


def test_model_with_other_features_is_refused(tmp_path):
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:-1]
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="features do not match"):
        load_model(bad)
    with pytest.raises(ValueError, match="cannot read"):
        load_model(tmp_path / "missing.json")


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_default_keeps_political_events_only(pipeline, case):
    from eventwire import Pipeline

    every = Pipeline(political_only=False)
    every._nlp = pipeline.nlp  # same model, only the output filter differs
    everything = every.extract(case["text"], date="2024-05-03")
    kept = pipeline.extract(case["text"], date="2024-05-03")
    assert everything, "the coder found no event at all: the case tests nothing"
    assert all(e.relevance is not None and e.relevance_reasons for e in everything)
    assert [e for e in everything if e.political] == kept
    if case["political"]:
        assert kept, [(e.event, e.relevance, e.relevance_reasons) for e in everything]
    else:
        assert not kept, [(e.event, e.event_text, e.relevance, e.relevance_reasons) for e in kept]


def _fixed(model, p: float):  # type: ignore[no-untyped-def]
    """``model`` with every weight zero and the intercept giving relevance ``p`` to any event."""
    import dataclasses
    import math

    return dataclasses.replace(model, weights=tuple(0.0 for _ in model.weights), intercept=math.log(p / (1 - p)))


def test_keeping_rules_hold_only_above_the_floor():
    from eventwire.relevance.model import RULE_FLOOR_SHARE

    model = load_model()
    cues = model.cues
    kenya, un = _ent("Kenya", code="KEN", kind="country"), _ent("the UN", code="IGOUNO", kind="igo")
    ev = _event("Kenya asked the UN for help.", (kenya,), (un,))
    assert state_dyad(ev, cues)
    ctx = article_context(ev.text, [(0, len(ev.text))], [ev], cues, story=0.5)
    between = _fixed(model, (1 + RULE_FLOOR_SHARE) / 2 * model.threshold)
    kept, p, reasons = between.decide(ev, ctx)
    assert kept and p < model.threshold and reasons[0] == "+a state acting with another coded party"
    below = _fixed(model, 0.5 * RULE_FLOOR_SHARE * model.threshold)
    assert not below.decide(ev, ctx)[0]
    assert _fixed(model, min(0.99, model.threshold * 1.1)).decide(ev, ctx)[0]
