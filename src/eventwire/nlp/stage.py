"""The base classes of eventwire's spaCy components, their ``Doc._`` slot helper and factory registration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import deadline
from ..config import Settings
from ..records import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["EventRewriter", "Stage", "slot", "stage_factory"]


def slot(doc: Doc, name: str) -> list[Any]:
    """Return the list in ``doc._.<name>``, creating it when unset."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


class Stage:
    """A spaCy component that reads and writes eventwire records in ``Doc._`` slots.

    Subclasses implement :meth:`load` (read data files; called once from :meth:`initialize`,
    never at import) and :meth:`process`. ``Pipeline`` calls ``initialize(settings=...)``
    after adding the component; a component used on its own initializes itself with the
    default settings on first call.
    """

    def __init__(self, nlp: Language | None = None, name: str = "") -> None:
        self.name = name
        self.nlp = nlp
        self.settings: Settings | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   settings: Settings | None = None) -> None:
        """Load this stage's data files with ``settings`` (defaults when ``None``)."""
        self.settings = settings or Settings()
        self.load(self.settings)

    def load(self, settings: Settings) -> None:
        """Read lexicons and tables; override in stages that have data."""

    def __call__(self, doc: Doc) -> Doc:
        if self.settings is None:
            self.initialize()
        if doc._.article is None:  # called as ``pipe.nlp(text)``: the Doc's text is the article
            doc._.article = Article(text=doc.text)
        deadline.check()
        self.process(doc)
        deadline.check()
        return doc

    def process(self, doc: Doc) -> None:
        """Read and write ``doc._`` slots; override."""
        raise NotImplementedError


class EventRewriter(Stage):
    """A stage that replaces the article's events (``doc._.ew_events``) with a rewritten list of them."""

    def process(self, doc: Doc) -> None:
        """Rewrite ``doc._.ew_events`` with :meth:`rewrite` (nothing to do when there are none)."""
        events = slot(doc, "ew_events")
        if events:
            events[:] = self.rewrite(doc, list(events))

    def rewrite(self, doc: Doc, events: list[Event]) -> list[Event]:
        """Return ``events`` rewritten; override."""
        raise NotImplementedError


_EVENTS_SLOT = ("doc._.ew_events",)


def stage_factory(name: str, cls: type[Stage], requires: Sequence[str] = _EVENTS_SLOT,
                  assigns: Sequence[str] = _EVENTS_SLOT) -> None:
    """Register ``cls`` as the spaCy component factory ``name`` (by default one that reads and writes the events)."""
    from spacy.language import Language

    def make(nlp: Language, name: str) -> Stage:
        return cls(nlp, name)

    Language.factory(name, requires=list(requires), assigns=list(assigns), func=make)
