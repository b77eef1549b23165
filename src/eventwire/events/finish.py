"""From a coded candidate to the Event record: mode, contexts, span, quote, confidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records import Event, Quote, content_id
from .candidate import Candidate, sentence_of
from .confidence import Calibration
from .lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["EventWriter"]

_REQUEST_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                 "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "change"}
_THREATEN_MODE = {"ASSAULT": "violence", "SANCTION": "relations", "MOBILIZE": "violence",
                  "PROTEST": "restrict"}


class EventWriter:
    """Write :class:`Event` records for candidates: mode, contexts, span, quote index, confidence."""

    def __init__(self, lex: Lexicon, calibration: Calibration) -> None:
        self.lex = lex
        self.frames = lex.frames
        self.cal = calibration

    def mode(self, c: Candidate) -> str | None:
        if c.event == "ASSAULT" and self.frames.assault_mode_cues:
            first_mode, first_cues = self.frames.assault_mode_cues[0]
            if first_mode == "suicide-attack" and any(t.lemma_.lower() in first_cues for t in sentence_of(c.head)):
                return first_mode  # "a suicide bomber blew himself up": the manner outranks the entry's mode
        if c.mode is not None:
            return c.mode
        if c.event in ("REQUEST", "REJECT") and c.content_types:
            return _REQUEST_MODE.get(c.content_types[0])
        if c.event == "THREATEN" and c.content_types:
            return _THREATEN_MODE.get(c.content_types[0])
        if c.event == "ASSAULT":
            return self.assault_mode(c)
        return None

    def assault_mode(self, c: Candidate) -> str | None:
        head = c.head
        sent = sentence_of(head)
        sent = [t for t in sent if not _pit(t)]
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if head.lemma_.lower() in self.frames.assault_kill_verbs:
            for r in c.recipient_tokens:
                if r.lemma_.lower() in self.frames.targeted_victims or any(
                        ch.lemma_.lower() in self.frames.targeted_victims for ch in r.children if ch.dep_ == "compound"):
                    return "targeted"
        for mode, cues in self.frames.assault_mode_cues:
            if words & cues:
                return mode
        return None

    def sentence_contexts(self, sent: list[Token]) -> list[str]:
        """Context cues of one sentence, most frequent first."""
        counts: dict[str, int] = {}
        index = self.lex.context_index
        for t in sent:
            hits = index.get(t.lemma_.lower())
            if hits:
                for ctx in hits:
                    counts[ctx] = counts.get(ctx, 0) + 1
        return [ctx for ctx, _n in sorted(counts.items(), key=lambda kv: -kv[1])]

    def contexts(self, c: Candidate, cues: list[str]) -> tuple[str, ...]:
        found: list[str] = list(c.match.entry.context)
        for ctx in cues:
            if ctx not in found:
                found.append(ctx)
        return tuple(found[:3])

    def event(self, c: Candidate, si: int, sent: tuple[int, int], article_id: str, text: str,
               quotes: Sequence[Quote], cues: list[str]) -> Event:
        toks = c.match.tokens
        start = min(t.idx for t in toks)
        last = max(toks, key=lambda t: t.idx + len(t.text))
        end = last.idx + len(last.text)
        span = (start, end)
        info = self.lex.types[c.event]
        sent_start, sent_end = sent
        while sent_end > sent_start and text[sent_end - 1].isspace():
            sent_end -= 1
        quote_index = None
        for qi, q in enumerate(quotes):
            qs, qe = q.content_span
            if qs <= start and end <= qe:
                quote_index = qi
                break
        aux = tuple(a for a in ("historical", "future", "hypothetical", "negation") if a in c.aux)
        mode = self.mode(c)
        if mode is not None and mode not in info.modes:
            mode = None
        confidence = self.cal.score(c.rule.split("+")[0], c.event, bool(c.actor),
                                    any(a.code for a in c.actor), bool(c.recipient), info.recipient_required, aux)
        return Event(
            id=content_id(article_id, si, span, c.event),
            article_id=article_id,
            event=c.event,
            mode=mode,
            aux_mode=aux,
            context=self.contexts(c, cues),
            quad_code=info.quad,
            cameo_root=c.cameo,
            date=None,
            date_precision=None,
            date_text=None,
            actor=tuple(c.actor),
            recipient=tuple(c.recipient),
            event_loc=None,
            event_text=text[start:end],
            span=span,
            sentence_index=si,
            text=text[sent_start:sent_end],
            confidence=confidence,
            quote_index=quote_index,
            rule=c.rule,
        )


# what is dug from a mine: "a gold mine", "coal mines" are workplaces, not landmines
_MINED = frozenset({"gold", "coal", "copper", "diamond", "diamonds", "tin", "salt", "lithium", "cobalt", "iron",
                    "uranium", "silver", "zinc", "nickel", "emerald", "jade", "bauxite", "coltan", "mining",
                    "artisanal", "open-pit", "opencast"})


def _pit(tok: Token) -> bool:
    """Whether ``tok`` is a mine dug for ore ("killed 13 miners at a gold mine"), not an explosive."""
    return tok.lemma_.lower() == "mine" and tok.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _MINED for c in tok.children)
