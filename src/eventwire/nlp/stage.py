"""The base class of eventwire's spaCy components."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import deadline
from ..config import Settings
from ..records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Stage"]


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
