"""Within-article deduplication: the same event told twice gets one shared ``dedup_key``.

Two events are the same event when they have the same type and mode, the same aux-mode reality (a
real event is never merged with a negated or hypothetical one), share at least one actor
(same entity code+name, coreference cluster, or surname), have compatible recipients (equal,
or one of them empty) and the same date (or one undated). The key is
``content_id("dedup", article_id, event, mode, aux modes, sorted actor ids, sorted recipient ids, date)`` of
the group's first event, so it is stable across runs. Both events are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..nlp import evolve
from ..records import Entity, Event, content_id

__all__ = ["assign_dedup_keys", "entity_key"]

_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister", "prime",
                     "secretary", "general", "gen.", "king", "queen", "sheikh", "the"})


def entity_key(ent: Entity) -> str:
    """Return an identity for an actor: cluster id, else knowledge-base id, else code + surname."""
    if ent.cluster:
        return "c:" + ent.cluster
    if ent.identifier_id:
        return "q:" + ent.identifier_id
    words = [w for w in (ent.name or ent.entity_text).replace("’s", "").replace("'s", "").split()
             if w.lower() not in _TITLES]
    last = words[-1].lower().strip(".,") if words else ent.entity_text.lower()
    if ent.kind == "person" or (ent.name and ent.kind != "country"):
        return "p:" + last
    return "n:" + (ent.code or "") + ":" + last


def _aliases(ent: Entity) -> set[str]:
    keys = {entity_key(ent)}
    words = [w.lower().strip(".,") for w in (ent.name or ent.entity_text).split() if w.lower() not in _TITLES]
    if words:
        keys.add("p:" + words[-1])
    if ent.code and ent.kind == "country":
        keys.add("country:" + ent.code)
    return keys


def _compatible(a: Event, b: Event) -> bool:
    if a.event != b.event or a.mode != b.mode or bool(a.aux_mode) != bool(b.aux_mode) or set(a.aux_mode) != set(b.aux_mode):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    aa = set().union(*(_aliases(e) for e in a.actor)) if a.actor else set()
    ba = set().union(*(_aliases(e) for e in b.actor)) if b.actor else set()
    if not (aa & ba):
        return False
    if a.recipient and b.recipient:
        ar = set().union(*(_aliases(e) for e in a.recipient))
        br = set().union(*(_aliases(e) for e in b.recipient))
        # compatible when they share a recipient, or one's recipient takes part in the other
        # ("Blinken and Sisi discussed" / "Blinken spoke with Sisi")
        if not (ar & br or ar & ba or br & aa):
            return False
    return True


def assign_dedup_keys(events: Sequence[Event]) -> list[Event]:
    """Return ``events`` with ``dedup_key`` set; events of one group share the key of its first event."""
    groups: list[list[int]] = []
    for i, ev in enumerate(events):
        for g in groups:
            if any(_compatible(events[j], ev) for j in g):
                g.append(i)
                break
        else:
            groups.append([i])
    out = list(events)
    for g in groups:
        first = events[g[0]]
        key = content_id("dedup", first.article_id, first.event, first.mode or "", sorted(first.aux_mode),
                         sorted(entity_key(e) for e in first.actor),
                         sorted(entity_key(e) for e in first.recipient), first.date or "")
        for j in g:
            out[j] = evolve(events[j], dedup_key=key)
    return out
