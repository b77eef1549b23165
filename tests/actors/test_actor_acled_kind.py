"""ACLED actor kinds (``inter1``) from PLOVER sectors: the mapping the ACLED scorer applies."""

from __future__ import annotations

from dataclasses import replace

from eventwire.evaluate.acled import acled_kind
from eventwire.records import Entity, Event


def _event(event: str, mode: str | None, code: str | None, sector: str | None) -> Event:
    ent = Entity("someone", (0, 7), code=code, sector=sector, country=code if code and len(code) == 3 else None)
    return Event(id="e", article_id="a", event=event, mode=mode, aux_mode=(), context=(), quad_code=4,
                 cameo_root="19", date=None, date_precision=None, date_text=None, actor=(ent,), recipient=(),
                 event_loc=None, event_text="x", span=(0, 1), sentence_index=0, text="x", confidence=1.0)


def test_paramilitaries_are_political_militias():
    assert acled_kind(_event("ASSAULT", None, "SDN", "PRM")) == 3
    assert acled_kind(_event("ASSAULT", None, "MEX", "UAF")) == 3


def test_transnational_jihadists_without_sector_are_rebels():
    assert acled_kind(_event("ASSAULT", None, "IMG", None)) == 2
    assert acled_kind(_event("ASSAULT", None, "NGO", None)) is None


def test_demonstrating_officials_are_protesters_but_police_are_not():
    assert acled_kind(_event("PROTEST", "demo", "TUN", "JUD")) == 6
    assert acled_kind(_event("PROTEST", "riot", "MEX", "LEG")) == 5
    assert acled_kind(_event("PROTEST", "demo", "IRQ", "COP")) == 1
    assert acled_kind(_event("ASSAULT", None, "TUN", "JUD")) == 1


def test_civilians_who_act_are_rioters_or_protesters():
    assert acled_kind(_event("ASSAULT", None, "ARG", "CVL")) == 5
    assert acled_kind(_event("REQUEST", None, "MEX", "EDU")) == 6
    assert acled_kind(_event("RETREAT", None, "UKR", "CVL")) == 7


def test_external_forces_by_the_target_when_no_place():
    ev = _event("ASSAULT", None, "RUS", "MIL")
    target = Entity("Bakhmut", (0, 7), code="UKR", country="UKR")
    assert acled_kind(replace(ev, recipient=(target,))) == 8
    assert acled_kind(ev) == 1
