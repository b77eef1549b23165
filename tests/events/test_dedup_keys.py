"""Within-article dedup keys on hand-built events."""

from __future__ import annotations

from eventwire.events.dedup import assign_dedup_keys
from eventwire.records import Entity, Event


def _ev(i, event="CONSULT", actor=("Blinken",), recipient=(), date="2024-06-10", aux=(), mode=None, codes=None):
    ents = tuple(Entity(a, (0, len(a)), name=a, kind="person", code=(codes or {}).get(a)) for a in actor)
    recs = tuple(Entity(r, (0, len(r)), name=r, kind="country" if r.istitle() and " " not in r else "person")
                 for r in recipient)
    return Event(id=str(i), article_id="a", event=event, mode=mode, aux_mode=aux, context=(), quad_code=1,
                 cameo_root="04", date=date, date_precision="day", date_text=None, actor=ents, recipient=recs,
                 event_loc=None, event_text="x", span=(i, i + 1), sentence_index=i, text="", confidence=0.5)


def test_same_meeting_told_twice_shares_key():
    a = _ev(1, actor=("Antony Blinken", "Abdel Fattah al-Sisi"))
    b = _ev(2, actor=("Mr. Blinken",), recipient=("Mr. Sisi",))
    out = assign_dedup_keys([a, b])
    assert out[0].dedup_key == out[1].dedup_key is not None


def test_different_dates_types_or_reality_do_not_merge():
    base = _ev(1)
    others = [_ev(2, date="2024-06-11"), _ev(3, event="REQUEST"), _ev(4, aux=("future",)), _ev(5, mode="visit"),
              _ev(6, actor=("Netanyahu",))]
    keys = [e.dedup_key for e in assign_dedup_keys([base, *others])]
    assert len(set(keys)) == len(keys)


def test_conflicting_recipients_do_not_merge():
    out = assign_dedup_keys([_ev(1, recipient=("Jordan",)), _ev(2, recipient=("Qatar",))])
    assert out[0].dedup_key != out[1].dedup_key


def test_keys_are_stable_and_events_kept():
    evs = [_ev(1), _ev(2, recipient=("Mr. Sisi",))]
    assert [e.dedup_key for e in assign_dedup_keys(evs)] == [e.dedup_key for e in assign_dedup_keys(evs)]
    assert len(assign_dedup_keys(evs)) == 2
