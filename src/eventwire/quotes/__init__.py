"""Quotes: direct and reported speech with cues and speakers.

The stage scans quotation marks once per document (:mod:`.marks`), attributes each quotation
and finds reported speech from the dependency parse (:mod:`.attribution`), and resolves
speakers through the actors stage's entities (:mod:`.speakers`). Data files (cue verbs,
attribution patterns, quotation marks) are described in ``eventwire/data/quotes/README.md``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..nlp import Stage, slot, view
from .attribution import attribute
from .lexicon import QuoteLexicon, load_lexicon
from .marks import scan_quotes
from .speakers import SpeakerResolver

__all__ = ["QuoteStage", "paragraph_starts"]

_PARAGRAPH = re.compile(r"\n\s*")


def paragraph_starts(text: str) -> list[int]:
    """Return the offsets where the lines (paragraphs) of ``text`` start."""
    starts = [0]
    for m in _PARAGRAPH.finditer(text):
        if m.end() < len(text):
            starts.append(m.end())
    return starts


class QuoteStage(Stage):
    """Find direct and reported quotations and their speakers; writes ``doc._.ew_quotes``."""

    lexicon: QuoteLexicon
    max_chars: int

    def load(self, settings: Settings) -> None:
        """Read the cue verbs, patterns and quotation marks (bundled plus ``quotes_files``)."""
        self.lexicon = load_lexicon(settings.quotes_files)
        self.pattern = self.lexicon.marks.regex()
        self.max_chars = settings.quote_max_chars

    def process(self, doc: Doc) -> None:
        """Append this document's quotes, sorted by the start of their content, to ``ew_quotes``."""
        out = slot(doc, "ew_quotes")
        v = view(doc)
        text = v.text
        if not text.strip():
            return
        raws = scan_quotes(text, self.lexicon.marks, self.pattern, self.max_chars)
        paras = paragraph_starts(text)
        sents = v.sent_start_chars
        quoted = [(q.open_start, q.close_end) for q in raws]
        resolver = SpeakerResolver(doc, list(doc._.ew_entities or ()), self.lexicon, paras,
                                   quoted, sents)
        out.extend(attribute(doc, self.lexicon, raws, resolver, paras, sents))


@Language.factory("eventwire_quotes", requires=["doc.sents", "doc._.ew_entities"],
                  assigns=["doc._.ew_quotes"])
def _make_quotes(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage(nlp, name)
