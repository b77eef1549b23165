"""Events the lexicon does not trigger directly: "X said Y must ..." and clause-final reporting verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .arguments import EntityIndex, expand, is_pronoun
from .candidate import Candidate
from .lexicon import Entry
from .matcher import Match
from .syntax import clause_subject, prep_children

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..records import Entity
    from .arguments import RoleResolver
    from .lexicon import Frames, Lexicon

__all__ = ["CoderParts", "deontic", "inverted_reports"]


class CoderParts(Protocol):
    """What these rules use of the event coder (kept as a protocol: no import of the coder)."""

    lex: Lexicon
    frames: Frames
    speech: frozenset[str]
    roles: RoleResolver

    def entities(self, toks: list[Token], index: EntityIndex, text: str, si: int) -> list[Entity]:
        """Entities for argument tokens."""
        ...

    def clean_args(self, toks: list[Token]) -> list[Token]:
        """Argument tokens expanded and cleaned."""
        ...


def deontic(coder: CoderParts, sent: list[Token], si: int, index: EntityIndex, text: str,
             matches: dict[int, Match]) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in sent:
        if tok.dep_ != "aux" or tok.lower_ not in coder.frames.deontic_modals:
            continue
        verb = tok.head
        if verb.dep_ not in ("ccomp", "acl", "relcl_never") or verb.pos_ not in ("VERB", "AUX"):
            continue
        gov = verb.head
        gl = gov.lemma_.lower()
        is_speech_noun = gov.pos_ == "NOUN" and gl in coder.frames.speech_nouns
        if gl not in coder.speech and not is_speech_noun and gl not in ("conclude", "decide"):
            continue
        speaker_verb = gov
        if is_speech_noun:
            lv = coder.roles.light_verb(gov)
            if lv is None:
                continue
            speaker_verb = lv
        actor_toks = expand([s] if (s := clause_subject(speaker_verb)) is not None else [])
        if not actor_toks:
            continue
        rec_head = clause_subject(verb)
        rec_toks: list[Token] = []
        if rec_head is not None and (not is_pronoun(rec_head) or rec_head.i in index.by_token):
            rec_toks = expand([rec_head])
        if rec_head is not None and is_pronoun(rec_head) and not rec_toks:
            for p in list(prep_children(speaker_verb, frozenset({"to"}))) + list(prep_children(gov, frozenset({"to"}))):
                for c in p.children:
                    if c.dep_ == "pobj":
                        rec_toks = expand([c])
            if not rec_toks:
                continue  # "we must ...": a self-exhortation, not a request
        if rec_toks and any(r.i == a.i for r in rec_toks for a in actor_toks):
            continue

        entry = Entry(id="deontic:" + gl, lemmas=frozenset({gl}), pos="verb", event="REQUEST", mode=None,
                      context=(), cameo=coder.lex.types["REQUEST"].cameo, actor=(), recipient=(), content="suppress",
                      constraints={}, specificity=1, order=-1, source="rule")
        m = Match(entry, speaker_verb, [tok])
        m.comp = verb
        actor = coder.entities(actor_toks, index, text, si)
        recipient = [r for r in coder.entities(rec_toks, index, text, si) if r not in actor]
        cand = Candidate(m, "REQUEST", None, entry.cameo, entry.id, actor, recipient, actor_toks, rec_toks)
        out.append(cand)
    return out

def inverted_reports(coder: CoderParts, sent: list[Token], si: int, index: EntityIndex, text: str,
                      taken: set[int]) -> list[Candidate]:
    """ "S, a rights group protested on Friday.": a clause-final reporting verb the parser hung on
    the noun as a participle; coded with the entry that takes a clausal complement (the main
    clause is its content: recipient from the content's subject)."""
    out: list[Candidate] = []
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return out
    for tok in sent:
        if tok.dep_ not in ("acl", "relcl") or tok.tag_ not in ("VBD", "VBN") or tok.i in taken:
            continue
        noun = tok.head
        left = noun.left_edge.i
        if left <= root.i or left == 0 or tok.doc[left - 1].text != "," or noun.dep_ not in ("appos", "conj", "npadvmod"):
            continue
        if any(c.i > tok.i and c.dep_ not in ("prep", "npadvmod", "advmod", "punct") for c in tok.children):
            continue
        if any(c.i < tok.i and c.dep_ != "advmod" for c in tok.children):
            continue
        entry = next((e for e in coder.lex.candidates("verb", tok.lemma_.lower())
                      if e.get("comp") and e.content == "suppress"), None)
        if entry is None:
            continue
        actor_toks = coder.clean_args(expand([noun]))
        rec_head = clause_subject(root) if "comp_subj" in entry.recipient else None
        rec_toks = coder.clean_args(expand([rec_head])) if rec_head is not None else []
        m = Match(entry, tok, [])
        m.comp = root
        actor = coder.entities(actor_toks, index, text, si)
        recipient = [r for r in coder.entities(rec_toks, index, text, si) if r not in actor]
        out.append(Candidate(m, entry.event, entry.mode, entry.cameo, entry.id + "+inverted", actor,
                             recipient, actor_toks, rec_toks))
    return out
