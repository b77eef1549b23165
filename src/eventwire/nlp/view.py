"""One per-Doc cache of what several stages read: the token objects, the text, sentence bounds.

spaCy builds a new ``Token`` object on every ``doc[i]`` and every step of ``for t in doc``,
rebuilds the whole string on every ``doc.text``, and finds a token's sentence
(``token.sent``) by walking the sentence-start flags. Stages that each re-walk the Doc pay for
that again and again. :func:`view` computes these once per Doc, after the parser, and keeps
them in ``doc.user_data`` until ``Pipeline`` turns the Doc into records (which clears it).

The view is internal to the NLP layer and the stages: it holds spaCy objects, so it never
leaves a stage in a record. Stages must not change tokens or sentence boundaries after the
parser (none does), or the view would be stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DocView", "clear_view", "view"]

_KEY = "eventwire.view"  # spaCy keeps its own entries under tuple keys


@dataclass(slots=True)
class DocView:
    """Cached facts of one parsed Doc (see the module docstring)."""

    text: str
    """``doc.text``, built once (the cleaned text, same length as the article's)."""
    tokens: list[Token]
    """``list(doc)``: index it instead of ``doc[i]``."""
    sent_bounds: list[tuple[int, int]]
    """``(start, end)`` token indices of each sentence, in order."""
    sent_start_chars: list[int]
    """``sent.start_char`` of each sentence, in order (sorted: use with bisect)."""
    sent_end_chars: list[int]
    """``sent.end_char`` of each sentence, in order."""
    sent_of: list[int]
    """The index of the sentence each token lies in."""
    _heads: list[int] | None = None

    @property
    def heads(self) -> list[int]:
        """``token.head.i`` of every token (computed on first use, from one array)."""
        if self._heads is None:
            doc = self.tokens[0].doc if self.tokens else None
            if doc is None:
                self._heads = []
            else:
                rel = doc.to_array("HEAD").astype("int64")  # relative offsets, stored unsigned
                self._heads = [i + int(r) for i, r in enumerate(rel.tolist())]
        return self._heads

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, sliced from the cached text."""
        if end <= start:
            return ""
        last = self.tokens[end - 1]
        return self.text[self.tokens[start].idx:last.idx + len(last.text)]

    def subtree_size(self, i: int) -> int:
        """``len(list(doc[i].subtree))``: how many tokens have token ``i`` on their head chain."""
        return len(self.subtree_indices(i))

    def subtree_indices(self, i: int) -> list[int]:
        """The indices of ``doc[i].subtree`` in text order, without building Token objects.

        Found between the token's left and right edges (which hold its whole subtree,
        projective or not) by walking integer heads up to ``i`` or the root.
        """
        tok = self.tokens[i]
        heads = self.heads
        out: list[int] = []
        for start in range(tok.left_edge.i, tok.right_edge.i + 1):
            j = start
            while True:
                if j == i:
                    out.append(start)
                    break
                k = heads[j]
                if k == j:
                    break
                j = k
        return out

    def sent_start(self, i: int) -> int:
        """``doc[i].sent.start``: the first token index of token ``i``'s sentence."""
        return self.sent_bounds[self.sent_of[i]][0]

    def sent_end(self, i: int) -> int:
        """``doc[i].sent.end``: one past the last token index of token ``i``'s sentence."""
        return self.sent_bounds[self.sent_of[i]][1]


def _build(doc: Doc) -> DocView:
    tokens = list(doc)
    bounds: list[tuple[int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    sent_of = [0] * len(tokens)
    try:
        sents = list(doc.sents)
    except ValueError:  # no sentence boundaries (a Doc that was not parsed): one sentence
        sents = [doc[:]] if len(doc) else []
    for k, sent in enumerate(sents):
        s, e = sent.start, sent.end
        bounds.append((s, e))
        starts.append(sent.start_char)
        ends.append(sent.end_char)
        sent_of[s:e] = [k] * (e - s)
    # what Doc.text does, over the tokens already built rather than a second walk of the Doc
    text = "".join([t.text_with_ws for t in tokens])
    return DocView(text, tokens, bounds, starts, ends, sent_of)


def view(doc: Doc) -> DocView:
    """Return the cached :class:`DocView` of a parsed ``doc``, building it on first use.

    Stored in ``doc.user_data`` under a private key: ``doc._`` costs microseconds per access,
    and some callers ask once per token.
    """
    cached: DocView | None = doc.user_data.get(_KEY)
    if cached is not None and len(cached.tokens) == len(doc):
        return cached
    built = _build(doc)
    doc.user_data[_KEY] = built
    return built


def clear_view(doc: Doc) -> None:
    """Drop the cached view (its Token objects refer back to the Doc)."""
    doc.user_data.pop(_KEY, None)
