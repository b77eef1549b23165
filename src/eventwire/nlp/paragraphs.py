"""A component run before the parser: paragraph breaks always start a sentence.

The small parser sometimes joins a paragraph that ends in a closing quote to the next one;
every later stage (quotes, events, dates) then reads one clause across two paragraphs. The
parser respects sentence starts set before it, so they are set here from the layout: a blank
line, or a line break after terminal punctuation or a closing quote. A single line break
inside a sentence (a wrapped line) is left to the parser.

A run of ``MAX_RUN`` words with no terminal punctuation (scraped tables, hostile input) is cut
there too: no news sentence is that long, and every later stage walks sentences, so an
unbounded one would make them quadratic in the article's length.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["mark_paragraph_starts"]

_TERMINAL = frozenset(".!?:;\"”’»')")
_SENTENCE_END = frozenset(".!?")
MAX_RUN = 200


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` after a paragraph break and inside run-ons of over ``MAX_RUN`` words."""
    after_break = False
    prev_word = None
    run = 0
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                blank = tok.text.count("\n") >= 2
                ends = prev_word is not None and prev_word.text[-1:] in _TERMINAL
                after_break = after_break or blank or ends
            continue
        run += 1
        if tok.i > 0 and (after_break or run > MAX_RUN):
            tok.is_sent_start = True
            run = 1
        elif tok.text[-1:] in _SENTENCE_END:
            run = 0
        after_break = False
        prev_word = tok
        if "\n" in tok.whitespace_:  # never in spaCy's English tokenizer, kept for safety
            after_break = tok.text[-1:] in _TERMINAL
    return doc


@Language.component("eventwire_paragraphs", assigns=["token.is_sent_start"])
def _paragraphs(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
