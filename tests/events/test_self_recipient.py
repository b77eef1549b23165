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


def test_both_sides_of_a_clash_leave_no_third_recipient(pipeline):
    """ "Clashed with" makes both sides actors; the clause fallback must not pick a bystander."""
    events = pipeline.extract("Protesters in Istanbul clashed with riot police for a fifth night after the arrest "
                              "of Mayor Ekrem Imamoglu.")
    clashes = [e for e in events if e.event == "ASSAULT"]
    assert clashes, [(e.event, e.event_text) for e in events]
    actors = [a.entity_text for a in clashes[0].actor]
    assert any("Protesters" in a for a in actors) and any("police" in a for a in actors), actors
    assert not any("Imamoglu" in r.entity_text for r in clashes[0].recipient), clashes[0].recipient


def test_a_city_naming_a_document_is_no_recipient(pipeline):
    """ "Withdrawing from the Paris climate agreement" does not act on France's government."""
    events = pipeline.extract("Trump signed an order withdrawing the country from the Paris climate agreement.")
    withdrawals = [e for e in events if e.event == "RETREAT"]
    assert withdrawals, [(e.event, e.event_text) for e in events]
    assert not any(r.code == "FRA" for e in withdrawals for r in e.recipient), withdrawals[0].recipient


def test_a_country_naming_a_deal_stays_its_party(pipeline):
    events = pipeline.extract("Trump withdrew from the Iran nuclear deal.")
    assert any(r.code == "IRN" for e in events if e.event == "RETREAT" for r in e.recipient), events


def test_a_capital_named_as_the_scene_is_no_government(pipeline):
    events = pipeline.extract("In Ramallah, families welcomed released prisoners.")
    support = [e for e in events if e.event == "SUPPORT"]
    assert support, [(e.event, e.event_text) for e in events]
    assert not any(r.sector == "GOV" for e in support for r in e.recipient), support[0].recipient


def test_conjoined_sides_of_an_exchange_leave_no_third_recipient(pipeline):
    """ "Thailand and Cambodia exchanged fire, the Thai army said": both sides act; the speaker of the
    report and the soldiers of the next clause are not the target."""
    events = pipeline.extract("Thailand and Cambodia exchanged artillery fire along their disputed border, the Thai "
                              "army said, after a landmine wounded five Thai soldiers.", date="2025-07-24")
    exchange = [e for e in events if e.event == "ASSAULT" and "exchanged" in e.event_text]
    assert exchange, [(e.event, e.event_text) for e in events]
    assert sorted(a.code for a in exchange[0].actor) == ["KHM", "THA"], exchange[0].actor
    assert not exchange[0].recipient, [(r.entity_text, r.code) for r in exchange[0].recipient]


def test_the_speaker_of_a_report_is_no_recipient(pipeline):
    """The clause fallback skips the reporting clause hung on the trigger ("..., the army said, ...")."""
    events = pipeline.extract("Gunmen attacked a convoy near the border, the Nigerian army said, after a week of "
                              "calm.", date="2025-07-24")
    attacks = [e for e in events if e.event == "ASSAULT"]
    assert attacks, [(e.event, e.event_text) for e in events]
    assert not any("army" in r.entity_text for e in attacks for r in e.recipient), attacks[0].recipient
