"""``evolve`` must give exactly what ``dataclasses.replace`` gives."""

from __future__ import annotations

import dataclasses

import pytest

from eventwire.nlp import evolve
from eventwire.records import Article, Entity, Event


def _event() -> Event:
    actor = Entity("Egypt", (0, 5), name="Egypt", code="EGY", kind="country")
    return Event(id="e1", article_id="a1", event="CONSULT", mode=None, aux_mode=(), context=(),
                 quad_code=1, cameo_root="04", date=None, date_precision=None, date_text=None,
                 actor=(actor,), recipient=(), event_loc=None, event_text="met", span=(6, 9),
                 sentence_index=0, text="Egypt met Qatar.", confidence=0.8, quote_index=None)


def test_same_as_dataclasses_replace() -> None:
    ev = _event()
    new = evolve(ev, date="2024-06-10", date_precision="day", dedup_key="k")
    assert new == dataclasses.replace(ev, date="2024-06-10", date_precision="day", dedup_key="k")
    assert type(new) is Event
    assert ev.date is None  # the original is untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.date = "x"  # type: ignore[misc]


def test_unknown_field_raises_like_replace() -> None:
    with pytest.raises(TypeError):
        evolve(_event(), no_such_field=1)


def test_post_init_classes_go_through_replace() -> None:
    art = Article(text="Some text.", date="2024-06-10")
    new = evolve(art, id="")
    assert new.id == art.id  # __post_init__ ran and filled the id again
