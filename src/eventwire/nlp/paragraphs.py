"""A component run before the parser: paragraph breaks, and the story after a dateline, start a sentence.

The small parser sometimes joins a paragraph that ends in a closing quote to the next one;
every later stage (quotes, events, dates) then reads one clause across two paragraphs. The
parser respects sentence starts set before it, so they are set here from the layout: a blank
line, or a line break after terminal punctuation or a closing quote. A single line break
inside a sentence (a wrapped line) is left to the parser.

A wire dateline ("BEIRUT -", "NAIROBI, Kenya (AP) -", "(Cairo)") is not part of the first sentence:
parsed with it, "BEIRUT - Israeli warplanes" became one noun phrase, so the first event's actor read
"BEIRUT - Israeli warplanes" and took Lebanon for its country. The story's first word starts a sentence.

A run of ``MAX_RUN`` words with no terminal punctuation (scraped tables, hostile input) is cut
there too: no news sentence is that long, and every later stage walks sentences, so an
unbounded one would make them quadratic in the article's length.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .dateline import find_dateline

__all__ = ["mark_paragraph_starts"]

_TERMINAL = frozenset(".!?:;\"”’»')")
_SENTENCE_END = frozenset(".!?")
MAX_RUN = 200


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` after a paragraph break, a dateline and inside run-ons of over ``MAX_RUN`` words."""
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
    _mark_story_start(doc)
    return doc


def _mark_story_start(doc: Doc) -> None:
    """Start a sentence at the story's first word after a dateline."""
    dateline = find_dateline(doc.text)
    if dateline is None or dateline.end is None:
        return
    for tok in doc:
        if tok.idx >= dateline.end and not tok.is_space:
            if tok.i > 0:
                tok.is_sent_start = True
            return


@Language.component("eventwire_paragraphs", assigns=["token.is_sent_start"])
def _paragraphs(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
