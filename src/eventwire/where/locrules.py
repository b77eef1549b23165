"""LocationRules: the word lists of ``locative.yaml`` that event-location rules read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["LocationRules"]


@dataclass(frozen=True)
class LocationRules:
    """Word lists from ``locative.yaml``."""

    prepositions: frozenset[str]
    strong_prepositions: frozenset[str]
    object_verbs: frozenset[str]
    actor_heads: frozenset[str]
    reference_heads: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    owner_nouns: frozenset[str] = frozenset()
    spatial_heads: frozenset[str] = frozenset()
    sequence_prepositions: frozenset[str] = frozenset()
    siege_nouns: frozenset[str] = frozenset()
    span_prepositions: frozenset[str] = frozenset()
    areal_prepositions: frozenset[str] = frozenset()
    areal_heads: frozenset[str] = frozenset()
    topic_verbs: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, m: dict[str, Any]) -> LocationRules:
        """Build from the parsed YAML (the first four lists are required, the rest default to empty)."""
        optional = ("reference_heads", "place_nouns", "owner_nouns", "spatial_heads", "sequence_prepositions",
                    "siege_nouns", "span_prepositions", "areal_prepositions", "areal_heads", "topic_verbs",
                    "document_nouns", "event_nouns")
        return cls(frozenset(m["locative_prepositions"]), frozenset(m["strong_prepositions"]),
                   frozenset(m["place_object_verbs"]), frozenset(m["actor_heads"]),
                   **{k: frozenset(m.get(k, ())) for k in optional})
