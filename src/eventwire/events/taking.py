"""Property taken by armed groups outside the state: looting, not a confiscation."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Entity
    from .lexicon import Frames

__all__ = ["armed_taking"]


def armed_taking(event: str, mode: str | None, actor: list[Entity], frames: Frames, verb: str) -> bool:
    """True for a COERCE seize of property (``verb``: its trigger lemma) whose every actor is an armed group outside the state.

    "Militants seized livestock from herders", "rebels extorted taxes from residents": the
    codebook's confiscation (COERCE) is what a state does; an armed group taking property by force
    is violence against property, ASSAULT ``destroy``, as looting by armed men already is
    (frames.yaml groups ``NONSTATE_ARMED_SECTORS`` and ``TAKING_VERBS``).
    """
    if event != "COERCE" or mode != "seize" or not actor:
        return False
    if verb not in frames.groups.get("TAKING_VERBS", frozenset()):
        return False  # "rebels took control of the airport": a seizure of territory stays COERCE
    sectors = frames.groups.get("NONSTATE_ARMED_SECTORS", frozenset())
    return all((a.sector or "").lower() in sectors for a in actor)
