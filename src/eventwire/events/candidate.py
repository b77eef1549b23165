"""The coder's working record: a trigger match with its coding decisions, before it is an Event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..nlp import view
from ..records import Entity
from .matcher import Match

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Candidate", "sentence_of"]


@dataclass
class Candidate:
    """A trigger match with its coding decisions, before it becomes an :class:`Event`."""

    match: Match
    event: str
    mode: str | None
    cameo: str
    rule: str
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)
    recipient_tokens: list[Token] = field(default_factory=list)
    aux: set[str] = field(default_factory=set)
    suppressed: bool = False
    content_types: list[str] = field(default_factory=list)
    span_tokens: list[Token] = field(default_factory=list)

    @property
    def head(self) -> Token:
        """The trigger's head token."""
        return self.match.head


def sentence_of(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s sentence (``tok.sent`` without walking the sentence flags)."""
    v = view(tok.doc)
    start, end = v.sent_bounds[v.sent_of[tok.i]]
    return v.tokens[start:end]
