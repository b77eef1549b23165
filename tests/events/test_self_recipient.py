"""A pronoun that points back to the actor is not the event's recipient."""

from __future__ import annotations


def test_actor_is_not_its_own_recipient(pipeline):
    events = pipeline.extract("Russia warned on Sunday that it would retaliate against any strike on its territory.")
    threats = [e for e in events if e.event == "THREATEN"]
    assert threats, [(e.event, e.event_text) for e in events]
    for e in threats:
        assert [a.code for a in e.actor] == ["RUS"]
        assert "RUS" not in [r.code for r in e.recipient], [(r.entity_text, r.code) for r in e.recipient]


def test_a_pronoun_for_another_party_stays_recipient(pipeline):
    events = pipeline.extract("Israel warned Hezbollah on Monday that it would pay dearly for any new rocket fire.")
    threats = [e for e in events if e.event == "THREATEN"]
    assert threats and any("Hezbollah" in r.entity_text or r.name == "Hezbollah" for e in threats for r in e.recipient)
