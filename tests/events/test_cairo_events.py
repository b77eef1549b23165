"""The model article: events 1-8 of cairo-2024-06-10.expected.md and its must-not list."""

from __future__ import annotations

import pytest


def _find(cairo, event, trigger_word, **fields):
    out = []
    for e in cairo.events:
        if e.event != event or trigger_word.lower() not in e.event_text.lower():
            continue
        if all(getattr(e, k) == v for k, v in fields.items()):
            out.append(e)
    return out


def _codes(entities):
    return {e.code for e in entities}


def test_1_request_called_on(cairo):
    (ev,) = _find(cairo, "REQUEST", "called on", aux_mode=())
    assert any("Blinken" in a.entity_text for a in ev.actor)
    assert any("regional countries" in r.entity_text for r in ev.recipient)


def test_1_request_told_twice_shares_dedup_key(cairo):
    first = _find(cairo, "REQUEST", "called on")[0]
    second = _find(cairo, "REQUEST", "pressure")
    assert second and second[0].dedup_key == first.dedup_key
    assert second[0].quote_index is not None  # coded inside the quotation


def test_2_consult_discussed_compound_actor(cairo):
    (ev,) = _find(cairo, "CONSULT", "discussed", aux_mode=())
    texts = " ".join(a.entity_text for a in ev.actor)
    assert "Blinken" in texts and "Sisi" in texts
    later = _find(cairo, "CONSULT", "spoke with")
    assert later and later[0].dedup_key == ev.dedup_key


def test_3_assault_hamas_attack(cairo):
    (ev,) = _find(cairo, "ASSAULT", "attack", aux_mode=())
    assert any("Hamas" in a.entity_text for a in ev.actor)
    assert any("Israeli" in r.entity_text for r in ev.recipient)


def test_4_agree_biden_announced(cairo):
    (ev,) = _find(cairo, "AGREE", "announced", aux_mode=())
    assert any("Biden" in a.entity_text for a in ev.actor)


def test_5_coerce_seize_took_control(cairo):
    (ev,) = _find(cairo, "COERCE", "took control", mode="seize", aux_mode=())
    assert any("Israeli army" in a.entity_text for a in ev.actor)


def test_6_retreat_resign_gantz(cairo):
    (ev,) = _find(cairo, "RETREAT", "resigned", mode="resign", aux_mode=())
    assert any("Gantz" in a.entity_text for a in ev.actor)


def test_7_consult_future_meet(cairo):
    (ev,) = _find(cairo, "CONSULT", "meet", aux_mode=("future",))
    assert any("Blinken" in a.entity_text for a in ev.actor)
    assert any("Netanyahu" in r.entity_text for r in ev.recipient)


def test_8_consult_visit_future(cairo):
    (ev,) = _find(cairo, "CONSULT", "visit", mode="visit", aux_mode=("future",))
    assert {"JOR", "QAT"} <= _codes(ev.recipient)


def test_must_not_plan_contents_as_real(cairo):
    plan = [e for e in cairo.events if "This plan provides" in e.text]
    for e in plan:
        if e.event == "RETREAT":
            assert set(e.aux_mode) & {"hypothetical", "future"}, e


def test_must_not_reacted(cairo):
    for e in cairo.events:
        if "not officially reacted" in e.text:
            assert "negation" in e.aux_mode, e


def test_no_statement_events(cairo):
    assert not any(e.event_text.lower() in {"said", "declared", "says"} for e in cairo.events)


@pytest.mark.parametrize(("event", "word", "codes"), [
    ("REQUEST", "called on", {"USA"}),
    ("CONSULT", "discussed", {"USA", "EGY"}),
    ("ASSAULT", "attack", {"PSE"}),
    ("AGREE", "announced", {"USA"}),
    ("COERCE", "took control", {"ISR"}),
    ("RETREAT", "resigned", {"ISR"}),
    ("CONSULT", "meet", {"USA"}),
    ("CONSULT", "visit", {"USA"}),
])
def test_actor_codes(cairo, event, word, codes):
    evs = [e for e in _find(cairo, event, word) if e.aux_mode == () or event == "CONSULT"]
    assert any(_codes(e.actor) == codes for e in evs), [(e.event_text, _codes(e.actor)) for e in evs]


def test_dates_from_text(cairo):
    attack = _find(cairo, "ASSAULT", "attack")[0]
    assert attack.date == "2023-10-07"
    assert _find(cairo, "AGREE", "announced")[0].date == "2024-05-31"
    assert _find(cairo, "COERCE", "took control")[0].date == "2024-05-07"
