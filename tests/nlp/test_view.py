"""The per-Doc view stages share must say exactly what the Doc says."""

from __future__ import annotations

from eventwire.nlp import clear_view, sentence_spans, view
from eventwire.records import Article

TEXT = (
    "CAIRO, June 10 (Eventwire) - Egypt's foreign minister met his Qatari counterpart on Monday.\n\n"
    "\u201cWe agreed on a plan,\u201d he said.  Talks resume in Doha next week. Hamas did not comment"
)


def _parsed(pipeline):
    doc = pipeline._make_doc(Article(text=TEXT, id="view-test", date="2024-06-10"))
    for name, proc in pipeline.nlp.pipeline:
        if name.startswith("eventwire_") and name != "eventwire_paragraphs":
            break
        doc = proc(doc)
    return doc


def test_view_matches_the_doc(pipeline):
    doc = _parsed(pipeline)
    v = view(doc)
    assert v.text == doc.text
    assert [t.i for t in v.tokens] == list(range(len(doc)))
    sents = list(doc.sents)
    assert len(sents) >= 3
    assert v.sent_bounds == [(s.start, s.end) for s in sents]
    assert v.sent_start_chars == [s.start_char for s in sents]
    assert v.sent_end_chars == [s.end_char for s in sents]
    for tok in doc:
        assert v.sent_start(tok.i) == tok.sent.start
        assert v.sent_end(tok.i) == tok.sent.end
        assert v.sent_bounds[v.sent_of[tok.i]] == (tok.sent.start, tok.sent.end)


def test_view_is_cached_and_cleared(pipeline):
    doc = _parsed(pipeline)
    first = view(doc)
    assert view(doc) is first
    clear_view(doc)
    assert view(doc) is not first


def test_sentence_spans_trim_trailing_space(pipeline):
    doc = _parsed(pipeline)
    spans = sentence_spans(doc)
    assert len(spans) == len(list(doc.sents))
    for (s, e), sent in zip(spans, doc.sents, strict=True):
        assert s == sent.start_char
        assert doc.text[s:e] == sent.text.rstrip()


def test_annotation_drops_the_view(pipeline):
    doc = _parsed(pipeline)
    for name, proc in pipeline.nlp.pipeline:
        if name.startswith("eventwire_") and name != "eventwire_paragraphs":
            doc = proc(doc)
    assert any(k == "eventwire.view" for k in doc.user_data)
    pipeline._to_annotation(doc)
    assert not any(k == "eventwire.view" for k in doc.user_data)


def test_heads_and_subtree_sizes(pipeline):
    doc = _parsed(pipeline)
    v = view(doc)
    assert v.heads == [t.head.i for t in doc]
    for tok in doc:
        assert v.subtree_size(tok.i) == len(list(tok.subtree))


def test_span_text_equals_span_text(pipeline):
    doc = _parsed(pipeline)
    v = view(doc)
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 6) + 1):
            assert v.span_text(start, end) == doc[start:end].text


def test_subtree_indices(pipeline):
    doc = _parsed(pipeline)
    v = view(doc)
    for tok in doc:
        assert v.subtree_indices(tok.i) == sorted(t.i for t in tok.subtree)

