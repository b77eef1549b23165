"""Attribution: cues, speakers and reported content from the dependency parse.

Two kinds of record come out:

- ``direct``: a span between quotation marks (see :mod:`.marks`). Its cue is, in order of
  preference, (1) the nearest speech verb (or "according to") among the syntactic ancestors of
  the quoted words ("declared ... that he had “a very good exchange”"), (2) the nearest speech
  verb outside quotation marks in the sentences the quote touches, within its paragraph
  (“...,” he said), (3) for a quote with neither, the attribution of the previous quote when
  no other actor is the subject of a clause between them and that quote is in the same paragraph, or ends the
  previous paragraph while this one opens the next (newswire: a new speaker is always named). Otherwise the quote has no cue and no speaker.
- ``indirect``: the clause a speech verb governs ("said (that) ..."), the object-plus-infinitive
  of "called on X to ...", or the clause "according to X" is attached to. A verb whose clause is
  mostly a direct quote only attributes that quote.

A quote split by its attribution (“If you want a ceasefire,” he said, “pressure Hamas.”) is two
``direct`` records with the same cue and speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..nlp import sentence_index_of, view
from ..records import Entity, Quote, Span
from .lexicon import CueVerb, QuoteLexicon
from .marks import RawQuote
from .speakers import SpeakerResolver, noun_phrase, subject_of

__all__ = ["Attribution", "attribute"]

# "KYIV, March 4 (Reuters) - " at the start of a story is not part of what anyone said.
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{2,40},[^\n,()]{0,30}?(?:\s*\([^()\n]{1,40}\))?\s*[-–—]+\s+"
                       r"|[A-Z][A-Z.'’ -]{2,40}\s*\([^()\n]{1,40}\)\s*[-–—]+\s+")
_MAX_WALK = 8
_WINDOW_AFTER = 8  # tokens after a closing mark searched for "he said" when the parser split


@dataclass(frozen=True)
class Attribution:
    """A cue and the speaker it names."""

    cue: str
    cue_span: Span
    speaker: Entity | None
    speaker_span: Span | None
    rule: str


class _Context:
    """Per-document lookups shared by the attribution rules."""

    def __init__(self, doc: Doc, lex: QuoteLexicon, raws: list[RawQuote],
                 resolver: SpeakerResolver, paragraph_starts: list[int],
                 sent_starts: list[int]) -> None:
        self.doc = doc
        self.text: str = doc._.article.text
        self.lex = lex
        self.raws = raws
        self.resolver = resolver
        self.paragraph_starts = paragraph_starts
        self.sent_starts = sent_starts
        self.tokens = view(doc).tokens
        self.tok_starts = [t.idx for t in self.tokens]
        self.quote_of = [-1] * len(doc)  # token -> index of the direct quote it lies in
        self.tok_range: list[tuple[int, int]] = []
        for qi, q in enumerate(raws):
            a = bisect.bisect_left(self.tok_starts, q.open_start)
            b = bisect.bisect_left(self.tok_starts, q.close_end)
            self.tok_range.append((a, b))
            for i in range(a, b):
                self.quote_of[i] = qi

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def cue_verb(self, tok: Token, use: str) -> CueVerb | None:
        """Return the cue entry when ``tok`` is a speech verb usable for ``use`` here."""
        if tok.pos_ != "VERB" or self.quote_of[tok.i] >= 0:
            return None
        entry = self.lex.verbs.get(tok.lemma_.lower())
        if entry is None or not getattr(entry, use):
            return None
        if entry.particles and self.particle(tok, entry) is None:
            return None
        return entry

    def particle(self, tok: Token, entry: CueVerb) -> Token | None:
        for child in tok.rights:
            if child.dep_ in ("prep", "prt") and child.lower_ in entry.particles \
                    and child.i <= tok.i + 2:
                return child
        return None

    def source_phrase(self, tok: Token) -> Token | None:
        """Return the "to" of "according to" when ``tok`` starts a source phrase."""
        preps = self.lex.source_phrases.get(tok.lower_)
        if not preps or self.quote_of[tok.i] >= 0:
            return None
        for child in tok.children:
            if child.lower_ in preps:
                return child
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in preps:
            return nxt
        return None

    def span_of(self, start_tok: int, end_tok: int) -> Span:
        last = self.tokens[end_tok - 1]
        return self.tokens[start_tok].idx, last.idx + len(last)

    # -- attributions ----------------------------------------------------------------------

    def from_verb(self, verb: Token, entry: CueVerb, rule: str) -> Attribution:
        end = verb.i + 1
        part = self.particle(verb, entry) if entry.particles else None
        if part is not None:
            end = part.i + 1
        cue_span = self.span_of(verb.i, end)
        subj = subject_of(verb)
        if subj is None or self.quote_of[subj.i] >= 0:
            return Attribution(self.text[cue_span[0]:cue_span[1]], cue_span, None, None, rule)
        speaker, speaker_span, how = self.resolver.resolve(subj)
        return Attribution(self.text[cue_span[0]:cue_span[1]], cue_span, speaker, speaker_span,
                           f"{rule}+{how}")

    def from_source(self, word: Token, prep: Token, rule: str) -> Attribution | None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            cue_span = self.span_of(word.i, prep.i + 1)
            return Attribution(self.text[cue_span[0]:cue_span[1]], cue_span, None, None, rule)
        head = self.resolver.through_documents(obj)
        np_start, _ = noun_phrase(head)
        cue_end = max(prep.i + 1, np_start)
        cue_span = self.span_of(word.i, cue_end)
        speaker, speaker_span, how = self.resolver.resolve(head)
        return Attribution(self.text[cue_span[0]:cue_span[1]], cue_span, speaker, speaker_span,
                           f"{rule}+{how}")

    def verb_or_source(self, tok: Token, rule: str) -> Attribution | None:
        entry = self.cue_verb(tok, "direct")
        if entry is not None:
            return self.from_verb(tok, entry, rule)
        for child in tok.children:
            prep = self.source_phrase(child)
            if prep is not None:
                return self.from_source(child, prep, rule + "-according")
        return None

    def for_direct(self, qi: int) -> Attribution | None:
        q = self.raws[qi]
        a, b = self.tok_range[qi]
        # 1. Syntactic ancestors of the quoted words, within the quote's paragraph(s).
        first_para = self.paragraph_of(q.open_start)
        last_para = self.paragraph_of(max(q.open_start, q.close_end - 1))
        for i in range(a, b):
            tok = self.tokens[i]
            if a <= tok.head.i < b:
                continue
            h = tok.head
            for _ in range(_MAX_WALK):
                if not first_para <= self.paragraph_of(h.idx) <= last_para:
                    break
                if self.quote_of[h.i] < 0:
                    found = self.verb_or_source(h, "ancestor")
                    if found is not None:
                        return found
                if h.head.i == h.i:
                    break
                h = h.head
        # 2. The nearest cue in the sentences the quote touches, same paragraph.
        para = self.paragraph_of(q.open_start)
        p_lo = self.paragraph_starts[para]
        p_hi = self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) \
            else len(self.text)
        p_lo = max(p_lo, self.paragraph_starts[self.paragraph_of(q.close_end - 1)]
                   if q.paragraphs > 1 else p_lo)
        s_lo = self.sent_starts[sentence_index_of(self.sent_starts, q.open_start)]
        si_end = sentence_index_of(self.sent_starts, max(q.open_start, q.close_end - 1))
        s_hi = self.sent_starts[si_end + 1] if si_end + 1 < len(self.sent_starts) else len(self.text)
        lo_tok = bisect.bisect_left(self.tok_starts, max(s_lo, self.paragraph_starts[para]))
        hi_tok = bisect.bisect_left(self.tok_starts, min(max(s_hi, q.close_end), p_hi))
        hi_tok = min(max(hi_tok, b + _WINDOW_AFTER), bisect.bisect_left(self.tok_starts, p_hi))
        best: tuple[int, Attribution] | None = None
        for i in range(lo_tok, hi_tok):
            if self.quote_of[i] >= 0:
                continue
            tok = self.tokens[i]
            found = None
            entry = self.cue_verb(tok, "direct")
            if entry is not None:
                found = self.from_verb(tok, entry, "window")
            else:
                prep = self.source_phrase(tok)
                if prep is not None:
                    found = self.from_source(tok, prep, "window-according")
            if found is None:
                continue
            dist = q.open_start - tok.idx if tok.idx < q.open_start else tok.idx - q.close_end
            if best is None or dist < best[0]:
                best = (dist, found)
        return best[1] if best is not None else None

    def reported(self) -> list[Quote]:
        """Return the indirect quotes of the document."""
        out: list[Quote] = []
        seen: set[Span] = set()
        for tok in self.tokens:
            if self.quote_of[tok.i] >= 0:
                continue
            entry = self.cue_verb(tok, "indirect")
            content: Span | None = None
            att: Attribution | None = None
            if entry is not None:
                content = self.content_of(tok, entry)
                if content is not None:
                    att = self.from_verb(tok, entry, "reported")
            else:
                prep = self.source_phrase(tok)
                if prep is not None:
                    content = self.clause_without(tok)
                    if content is not None:
                        att = self.from_source(tok, prep, "reported-according")
            if content is None or att is None:
                continue
            content = self.clip_to_paragraph(content, tok.idx)
            if content is not None and att.speaker_span is not None \
                    and content[0] < att.speaker_span[0] < content[1]:
                # "CLAUSE, a U.N. spokesman said": the speaker is not part of what was said
                content = self.clip_to_paragraph((content[0], att.speaker_span[0]), tok.idx)
            if content is None or content in seen:
                continue
            content = self.extend_over_quotes(content)
            if self.mostly_quoted(content):
                continue
            seen.add(content)
            out.append(Quote(
                kind="indirect", content=self.text[content[0]:content[1]], content_span=content,
                cue=att.cue, cue_span=att.cue_span, speaker=att.speaker,
                speaker_span=att.speaker_span,
                sentence_index=sentence_index_of(self.sent_starts, content[0]),
                rule=f"quotes:{att.rule}",
            ))
        return out

    def content_of(self, verb: Token, entry: CueVerb) -> Span | None:
        for dep in entry.content:
            parts: list[Token] = []
            if dep == "pobj":
                part = self.particle(verb, entry)
                obj = next((c for c in part.children if c.dep_ == "pobj"), None) if part else None
                if obj is None:
                    continue
                parts = [obj] + [c for c in verb.rights if c.dep_ == "xcomp" and c.i > obj.i]
            elif dep == "xcomp":
                x = next((c for c in verb.rights if c.dep_ == "xcomp"), None)
                if x is None:
                    continue
                parts = [c for c in verb.rights if c.dep_ in ("dobj", "dative") and c.i < x.i]
                parts.append(x)
            else:
                parts = [c for c in verb.children if c.dep_ == dep][:1]
            if parts:
                lo = min(p.left_edge.i for p in parts)
                hi = max(p.right_edge.i for p in parts) + 1
                if lo < verb.i < hi:  # "a law which groups said will ...": keep what follows
                    lo = verb.i + 1
                return self.trim_tokens(lo, hi)
        return self.parenthetical(verb)

    def parenthetical(self, verb: Token) -> Span | None:
        """Return the clause before ", police said" when the cue is set off by a comma."""
        head = verb.head
        if any(c.dep_ == "mark" for c in verb.children):
            return None  # "hours after Pyongyang warned": a subordinate clause, not an attribution
        if head.i == verb.i:
            # A root "X said." after a clause the parser did not attach (datelines do that).
            subj = subject_of(verb)
            if subj is None or subj.i > verb.i:
                return None
            start = subj.left_edge.i
            if start == 0 or self.doc[start - 1].text != ",":
                return None
            return self.trim_tokens(view(self.doc).sent_start(verb.i), start - 1)
        if head.i > verb.i or verb.dep_ not in ("parataxis", "conj", "ccomp"):
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        start = verb.left_edge.i
        while start < verb.i and self.doc[start].is_punct:
            start += 1
        if start == 0 or self.doc[start - 1].text != ",":
            return None
        return self.trim_tokens(head.left_edge.i, start - 1)

    def clause_without(self, word: Token) -> Span | None:
        """Return the clause an "according to" phrase modifies, without the phrase."""
        head = word.head
        if head.i == word.i:
            return None
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        w_lo, w_hi = word.left_edge.i, word.right_edge.i + 1
        if w_lo > head.i:
            return self.trim_tokens(lo, w_lo)
        if w_hi <= head.i:
            return self.trim_tokens(w_hi, hi)
        return None

    def trim_tokens(self, lo: int, hi: int) -> Span | None:
        doc = self.tokens
        if lo < hi:
            m = _DATELINE.match(self.text, doc[lo].idx)
            if m is not None and m.end() < doc[hi - 1].idx:
                lo = bisect.bisect_left(self.tok_starts, m.end())
        while lo < hi and (doc[lo].is_punct and self.quote_of[lo] < 0 or doc[lo].is_space
                           or (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether"))):
            lo += 1
        while hi > lo and (doc[hi - 1].is_punct and not doc[hi - 1].is_quote or doc[hi - 1].is_space):
            hi -= 1
        if hi - lo < 2:
            return None
        return self.span_of(lo, hi)

    def clip_to_paragraph(self, span: Span, cue_char: int) -> Span | None:
        """Return ``span`` cut to the cue's paragraph (the parser may join paragraphs)."""
        para = self.paragraph_of(cue_char)
        lo = self.paragraph_starts[para]
        hi = self.paragraph_starts[para + 1] if para + 1 < len(self.paragraph_starts) \
            else len(self.text)
        s, e = max(span[0], lo), min(span[1], hi)
        while s < e and (self.text[s].isspace() or self.text[s] in ",;:"):
            s += 1
        while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ",;:"):
            e -= 1
        return (s, e) if e > s else None

    def extend_over_quotes(self, span: Span) -> Span:
        """Extend a reported clause to the closing mark of a quote it opens."""
        s, e = span
        for q in self.raws:
            if s <= q.open_start < e < q.close_end and q.close_end - e <= 3:
                e = q.close_end
        return s, e

    def mostly_quoted(self, span: Span) -> bool:
        s, e = span
        inside = sum(max(0, min(e, q.close_end) - max(s, q.open_start)) for q in self.raws)
        return inside >= 0.7 * (e - s)


def attribute(doc: Doc, lex: QuoteLexicon, raws: list[RawQuote], resolver: SpeakerResolver,
              paragraph_starts: list[int], sent_starts: list[int]) -> list[Quote]:
    """Return the direct and indirect quotes of ``doc``, sorted by position."""
    ctx = _Context(doc, lex, raws, resolver, paragraph_starts, sent_starts)
    text = ctx.text
    quotes: list[Quote] = []
    previous: tuple[int, Attribution] | None = None  # (paragraph, attribution) of the last quote
    for qi, q in enumerate(raws):
        att = ctx.for_direct(qi)
        para = ctx.paragraph_of(q.open_start)
        rule = att.rule if att else "none"
        if att is None and previous is not None and previous[1].speaker is not None \
                and not resolver.names_between(raws[qi - 1].close_end, q.open_start,
                                               previous[1].speaker_span):
            if previous[0] == para:
                att, rule = previous[1], "same-paragraph"
            elif previous[0] == para - 1 and q.open_start == paragraph_starts[para]:
                # A paragraph opening with an unattributed quote right after an attributed one.
                att, rule = previous[1], "previous-paragraph"
        previous = (ctx.paragraph_of(q.close_end - 1), att) if att is not None else None
        status = "" if q.status == "closed" else f"+{q.status}"
        quotes.append(Quote(
            kind="direct", content=text[q.content_start:q.content_end],
            content_span=(q.content_start, q.content_end),
            cue=att.cue if att else None, cue_span=att.cue_span if att else None,
            speaker=att.speaker if att else None, speaker_span=att.speaker_span if att else None,
            sentence_index=sentence_index_of(sent_starts, q.content_start),
            rule=f"quotes:direct:{rule}{status}",
        ))
    quotes.extend(ctx.reported())
    quotes.sort(key=lambda x: (x.content_span[0], x.kind, x.content_span[1]))
    return quotes
