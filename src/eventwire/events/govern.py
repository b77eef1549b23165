"""Governors and aux modes: content of demands and threats, elaborations, modality, stated intentions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import view
from .arguments import RoleResolver
from .candidate import Candidate
from .lexicon import Lexicon
from .modality import Modality, clause_head, modality
from .syntax import infinitive_marker, object_token, prep_children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Governor"]

_PROTEST_CONTENT = frozenset({"REQUEST", "ACCUSE", "REJECT"})


class Governor:
    """Suppress governed content and elaborations, then set aux modes and recode intentions."""

    def __init__(self, lex: Lexicon, roles: RoleResolver) -> None:
        self.lex = lex
        self.frames = lex.frames
        self.roles = roles
        self.speech = lex.frames.speech_verbs

    def region(self, cand: Candidate) -> set[int]:
        """Token indices of the content of a governing trigger (its complements, or its object's)."""
        m = cand.match
        roots: list[Token] = []
        if m.comp is not None:
            roots.append(m.comp)
        head = m.head
        for c in head.children:
            if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and c.tag_ == "VB"):
                roots.append(c)  # complements, and purpose clauses ("asked for troops to help fight gangs")
        if m.entry.pos == "noun":
            roots.extend(c for c in head.children if c.dep_ in ("acl", "ccomp", "prep"))
            lv = self.roles.light_verb(head)
            if lv is not None:
                roots.extend(c for c in lv.children if c.dep_ in ("ccomp", "xcomp") and c.i > head.i)
        obj = m.obj or object_token(head) if m.entry.pos != "noun" else None
        if obj is not None and obj.i != head.i and obj.dep_ != "nsubjpass":
            roots.append(obj)
        for p in prep_children(head, frozenset({"of", "for", "to", "into", "on", "against", "about", "over"})):
            roots.append(p)
        out: set[int] = set()
        v = view(head.doc)
        for r in roots:
            out.update(v.subtree_indices(r.i))
        out.discard(head.i)
        return out

    def govern(self, cands: list[Candidate]) -> None:
        # content of demands, threats, refusals, promises: coded as the governor's content only
        # widest subtree first; a single candidate needs no order (and no subtree walk)
        if len(cands) > 1:
            v = view(cands[0].head.doc)
            ordered = sorted(cands, key=lambda c: v.subtree_size(c.head.i), reverse=True)
        else:
            ordered = cands
        for c in ordered:
            if c.suppressed or c.match.entry.content != "suppress":
                continue
            region = self.region(c)
            for other in cands:
                if other is c or other.suppressed or other.rule.endswith("+inverted"):
                    continue  # a clause-final reporting verb hangs inside its own content in the parse
                if other.head.i in region:
                    other.suppressed = True
                    c.content_types.append(other.event)
        # elaborations: a purpose or participle clause of another event ("shelled X, killing 20",
        # "staged demonstrations to demand reforms")
        live_tokens = {t.i: c for c in cands if not c.suppressed for t in c.match.tokens}
        for c in cands:
            if c.suppressed:
                continue
            h = c.head
            if h.dep_ != "advcl" or h.tag_ not in ("VB", "VBG", "VBN"):
                continue
            if any(ch.dep_ == "mark" for ch in h.children):
                continue
            for anc in h.ancestors:
                owner = live_tokens.get(anc.i)
                if owner is not None and owner is not c:
                    c.suppressed = True
                    break
        self._protest_content(cands)
        for c in cands:
            if c.suppressed:
                continue
            self.modes(c)

    @staticmethod
    def _protest_content(cands: list[Candidate]) -> None:
        """Demands and denunciations voiced by a protest are its content, not events of their own.

        "residents blocked an avenue to demand a speed bump", "held a sit-in to denounce their
        marginalization", "protested in front of the embassy, demanding their pay": a subjectless
        infinitive or participle clause beside a PROTEST in the sentence (wherever the parser hangs it).
        """
        if not any(c.event == "PROTEST" and not c.suppressed for c in cands):
            return
        for c in cands:
            if c.suppressed or c.event not in _PROTEST_CONTENT or c.match.entry.pos != "verb":
                continue
            h = c.head
            if any(ch.dep_ in ("nsubj", "nsubjpass") for ch in h.children):
                continue
            first = h  # "to protest X, demand Y and call for Z": the conjuncts share the first one's form
            while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in ("VERB", "AUX"):
                first = first.head
            for v in {h.i: h, first.i: first}.values():
                if infinitive_marker(v) is not None or (v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "acl", "conj")):
                    c.suppressed = True

    def modes(self, c: Candidate) -> None:
        head = c.head
        anchor = head
        if c.match.entry.pos == "noun":
            lv = self.roles.light_verb(head)
            anchor = lv if lv is not None else head
        mod: Modality = modality(anchor, self.frames, self.speech)
        if anchor is not head:
            own = modality(head, self.frames, self.speech)
            mod.aux |= own.aux
        if c.match.entry.pos == "noun" and anchor is head:
            verb = clause_head(head)
            if verb is not head and head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
                # a noun event in a clause inherits only the clause's framing, not its own tense
                vm = modality(verb, self.frames, self.speech)
                mod.aux |= vm.aux & {"hypothetical"}
        c.aux = set(mod.aux) | set(c.match.entry.get("aux") or ())  # "pledged to expand cooperation": future
        if mod.deontic:
            c.aux.add("hypothetical")  # "it is essential that we provide aid": an obligation, not a fact
        if c.rule.startswith("deontic:"):
            c.aux = set()
            return
        # a stated intention is a real verbal event now: AGREE (cooperative) or THREATEN (conflictual)
        intent_by_modal = mod.intent and (mod.reported or self.intent_governed(anchor))
        if intent_by_modal and c.event == "MOBILIZE" and (any(
                t.dep_ == "pobj" and t.head.lower_ == "to" and t.ent_type_ == "GPE" for t in c.recipient_tokens)
                or _domestic(c)):
            # "Germany will send 5,000 troops to Lithuania", "the army would patrol roads near Temuco": a
            # deployment to a host or at home, no threat to it
            return
        if intent_by_modal and c.event not in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
            if c.event in self.lex.cooperative:
                c.mode, c.event = None, "AGREE"
                c.cameo = self.lex.types["AGREE"].cameo
            else:
                c.mode = self.lex.threaten_mode.get(c.event)
                if c.match.entry.mode == "arrest":
                    c.mode = "arrest"
                c.event = "THREATEN"
                c.cameo = self.lex.types["THREATEN"].cameo
            c.rule = c.rule + "+intent"
            c.aux -= {"future", "hypothetical"}
        elif intent_by_modal:
            c.aux -= {"future", "hypothetical"}

    def intent_governed(self, tok: Token) -> bool:
        cur = tok
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "conj", "acomp"):
                return False
            head = cur.head
            if head.lemma_.lower() in self.frames.intent_governors or head.lower_ in self.frames.intent_governors:
                return True
            cur = head
        return False


def _domestic(c: Candidate) -> bool:
    """Whether every recipient of a coded actor's act lies in the actor's own country."""
    own = {a.code for a in c.actor if a.code}
    return bool(own) and bool(c.recipient) and all(r.code in own for r in c.recipient)
