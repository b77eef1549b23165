"""The event coder: triggers -> governed/suppressed -> arguments -> aux modes -> Event records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import deadline
from ..nlp import view
from ..records import Entity, Event, Quote, content_id
from .arguments import EntityIndex, RoleResolver, expand, fallback_entity, find_entity, is_pronoun
from .confidence import Calibration
from .lexicon import Lexicon
from .matcher import Match, match_token
from .modality import Modality, clause_head, modality
from .syntax import (
    clause_subject,
    infinitive_marker,
    is_passive,
    object_token,
    prep_children,
    real_object,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Candidate", "EventCoder"]

_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_REQUEST_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                 "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "change"}
_THREATEN_MODE = {"ASSAULT": "violence", "SANCTION": "relations", "MOBILIZE": "violence",
                  "PROTEST": "restrict"}


@dataclass
class Candidate:
    """A trigger match with its coding decisions, before it becomes an :class:`Event`."""

    match: Match
    event: str
    mode: str | None
    cameo: str
    rule: str
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)
    recipient_tokens: list[Token] = field(default_factory=list)
    aux: set[str] = field(default_factory=set)
    suppressed: bool = False
    content_types: list[str] = field(default_factory=list)
    span_tokens: list[Token] = field(default_factory=list)

    @property
    def head(self) -> Token:
        """The trigger's head token."""
        return self.match.head


class EventCoder:
    """Code the events of one Doc with a loaded :class:`Lexicon` and :class:`Calibration`."""

    def __init__(self, lex: Lexicon, calibration: Calibration) -> None:
        self.lex = lex
        self.cal = calibration
        self.frames = lex.frames
        self.roles = RoleResolver(lex.frames.light_verbs, lex.frames.speech_verbs)
        self.speech = lex.frames.speech_verbs

    # -- public -------------------------------------------------------------------------------

    def code(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> list[Event]:
        """Return the events of ``doc`` (an annotated Doc whose ``_.article`` is set)."""
        article = doc._.article
        text: str = article.text
        v = view(doc)
        tokens = v.tokens
        index = EntityIndex.build(tokens, entities, text)
        out: list[Event] = []
        for si, (start, end) in enumerate(v.sent_bounds):
            deadline.check()
            toks = tokens[start:end]
            cands = self._sentence(toks, si, index, text, quotes)
            if not cands:
                continue
            cues = self._sentence_contexts(toks)
            sent_chars = (v.sent_start_chars[si], v.sent_end_chars[si])
            for cand in cands:
                out.append(self._event(cand, si, sent_chars, article.id, text, quotes, cues))
        return out

    # -- per sentence ---------------------------------------------------------------------------

    def _sentence(self, sent: list[Token], si: int, index: EntityIndex, text: str,
                  quotes: Sequence[Quote]) -> list[Candidate]:
        matches: dict[int, Match] = {}
        alternatives: dict[int, list[Match]] = {}
        modals: list[Token] = []
        deontic = self.frames.deontic_modals
        for tok in sent:
            ms = match_token(tok, self.lex)
            if ms:
                matches[tok.i] = ms[0]
                alternatives[tok.i] = ms
            elif tok.lower_ in deontic:
                modals.append(tok)
        cands: list[Candidate] = []
        consumed: set[int] = set()
        for i in sorted(matches, key=lambda i: (matches[i].entry.pos == "noun", i)):
            if i in consumed:
                continue
            cand = None
            for alt in alternatives[i]:
                cand = self._candidate(alt, si, index, text, matches, consumed)
                if cand is not None:
                    break
            if cand is None:
                continue
            consumed.update(t.i for t in cand.match.extra)
            cands.append(cand)
        if modals:
            cands.extend(self._deontic(modals, si, index, text, matches))
        cands.extend(self._inverted_reports(sent, si, index, text, consumed | {c.head.i for c in cands}))
        self._govern(cands)
        cands = [c for c in cands if not c.suppressed]
        return self._merge(cands)

    def _candidate(self, m: Match, si: int, index: EntityIndex, text: str,
                   matches: dict[int, Match], consumed: set[int]) -> Candidate | None:
        e = m.entry
        tok = m.head
        if e.pos == "noun" and not self._noun_allowed(tok, matches):
            return None
        if e.pos != "noun" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children):
            return None  # "the curfew imposed in 1989", "weapons seized last year": background, not news
        infinitival_rel = tok.dep_ == "relcl" and infinitive_marker(tok) is not None
        if (e.pos != "noun" and (tok.dep_ in ("acl", "pcomp") or infinitival_rel) and tok.tag_ != "VBG"
                and self._under_topic(tok)):
            return None  # "the decision of deploying ships", "a hope for a deal to be signed"
        if (e.pos != "noun" and tok.dep_ == "pcomp" and tok.head.dep_ == "prep"
                and tok.head.head.lemma_.lower() in self.frames.allegation_nouns):
            return None  # "its involvement in killing civilians": what it is blamed for
        if e.pos != "noun" and self._purpose_of_event(tok, matches):
            return None
        if e.pos != "noun" and self._background_clause(tok):
            return None
        obj = m.obj
        comp = m.comp
        actor_toks: list[Token] = []
        for role in e.actor:
            actor_toks = self.roles.role_tokens(role, tok, obj, comp)
            actor_toks = [t for t in actor_toks if t.i != tok.i and t.ent_type_ not in ("DATE", "TIME")]
            if actor_toks and e.pos == "noun" and all(is_pronoun(t) and t.i not in index.by_token for t in actor_toks):
                continue  # "his visit": prefer the light verb's subject when the pronoun is unresolved
            if actor_toks:
                break
        if e.pos == "noun":
            lv = self.roles.light_verb(tok)
            if e.get("need_light") and lv is None:
                return None
            if e.get("need_light_or_actor") and lv is None and not actor_toks:
                return None
            if lv is not None and lv.i not in matches:
                m.extra.append(lv)
        rec_toks: list[Token] = []
        for role in e.recipient:
            rec_toks = [t for t in self.roles.role_tokens(role, tok, obj, comp)
                        if t.i != tok.i and t.ent_type_ not in ("DATE", "TIME")]
            rec_toks = [t for t in rec_toks if t.i not in {a.i for a in actor_toks}]
            if rec_toks:
                break
        if e.get("symmetric") and rec_toks and any(t.dep_ == "pobj" and t.head.lower_ == "with" for t in rec_toks):
            actor_toks = actor_toks + rec_toks
            rec_toks = []
        if not actor_toks and e.pos != "noun" and is_passive(tok):
            actor_toks = self._instrument_actor(tok)
        actor_toks = self._clean_args(actor_toks)
        rec_toks = self._clean_args(rec_toks)
        # a pronoun subject of a reported clause is the speaker ("X said it would ...")
        if actor_toks and all(is_pronoun(t) for t in actor_toks) and not any(t.i in index.by_token for t in actor_toks):
            sp = self.roles.speaker_of(tok)
            if sp is not None and not is_pronoun(sp):
                actor_toks = expand([sp])
        imperative = False
        if not actor_toks and e.pos != "noun" and tok.tag_ in ("VB", "VBP") and not any(
                c.dep_ in ("aux", "nsubj", "nsubjpass") for c in tok.children) and tok.dep_ in ("ROOT", "ccomp", "conj"):
            sp = self.roles.speaker_of(tok)
            if sp is not None:
                actor_toks = expand([sp])
                imperative = True  # the addressee of an imperative is unknown: no recipient guessing
        rejected = self._rejected(tok)
        if rejected:
            sp = self.roles.speaker_of(tok.head)
            actor_toks = expand([sp]) if sp is not None else []
            if not actor_toks:
                return None
        actor = self._entities(actor_toks, index, text, si)
        recipient = [r for r in self._entities(rec_toks, index, text, si) if r not in actor]
        if e.recipient and not imperative and not any(r.code for r in recipient) and not any(
                t.lemma_.lower() in self.frames.people_nouns for t in rec_toks):
            recipient = self._clause_recipient(tok, actor_toks, actor, index) or recipient
        kinds = e.get("actor_kind")
        if kinds is not None and not any(self._kind(a, t) in kinds for a, t in zip(actor, actor_toks, strict=False)):
            return None
        not_kinds = e.get("actor_kind_not")
        if not_kinds is not None and any(self._kind(a, t) in not_kinds for a, t in zip(actor, actor_toks, strict=False)):
            return None
        if e.get("min_actors") and len(actor) < e.get("min_actors"):
            return None
        if (actor_toks and e.event not in self.frames.document_event_types
                and all(t.lemma_.lower() in self.frames.document_nouns and not (a.code)
                        for a, t in zip(actor, actor_toks, strict=False))
                and len(actor) == len(actor_toks)):
            return None  # "the plan provides for ... and the release of prisoners": content, not an act
        if rejected:  # "X said lifting the sanctions is out of the question": X rejects it
            return Candidate(m, "REJECT", None, self.lex.types["REJECT"].cameo, e.id + "+rejected",
                             actor, recipient, actor_toks, rec_toks)
        cand = Candidate(m, e.event, e.mode, e.cameo, e.id, actor, recipient, actor_toks, rec_toks)
        return cand

    def _clause_recipient(self, trig: Token, actor_toks: list[Token], actor: list[Entity],
                          index: EntityIndex) -> list[Entity]:
        """Fallback recipient: the first coded entity in the trigger's own clause, with its conjuncts.

        Used when the entry's roles found no coded recipient ("started a hunger strike to protest
        the governor's refusal ...", "threatened to inflict heavy losses on Turkey").
        """
        v = view(trig.doc)
        skip = {j for a in actor_toks for j in v.subtree_indices(a.i)} | {trig.i}
        actor_keys = {a.span for a in actor}
        out: list[Entity] = []
        first: Token | None = None
        for t in trig.subtree:
            if t.i in skip:
                continue
            ent = index.by_token.get(t.i)
            if ent is None or not ent.code or ent.span in actor_keys or ent in out:
                continue
            if first is None:
                # the entity's syntactic head, not its first word ("the" of "the United States"),
                # so that its conjuncts ("... and Israel") are found under it
                first = t
                while first.head.i != first.i and index.by_token.get(first.head.i) is ent:
                    first = first.head
                out.append(ent)
            elif t.dep_ == "conj" and t.head.i in {*v.subtree_indices(first.i), first.i}:
                out.append(ent)
        return out

    def _instrument_actor(self, verb: Token) -> list[Token]:
        """Actor of an agentless passive from an event noun: "killed in an Israeli airstrike" -> Israeli."""
        for p in prep_children(verb, frozenset({"in", "during", "by"})):
            for n in p.children:
                if n.dep_ != "pobj" or n.pos_ != "NOUN":
                    continue
                if not any(e.event == "ASSAULT" for e in self.lex.candidates("noun", n.lemma_.lower())):
                    continue
                for role in ("poss", "compound", "amod"):
                    toks = self.roles.role_tokens(role, n, None, None)
                    if toks:
                        return toks
        return []

    def _clean_args(self, toks: list[Token]) -> list[Token]:
        """Expand conjuncts, see through quantities ("thousands of Kurds"), drop dates and numbers."""
        out: list[Token] = []
        for t in expand(toks):
            t = real_object(t)
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.frames.speech_nouns:
                lv = self.roles.light_verb(t)
                s = clause_subject(lv) if lv is not None else None
                if s is None:
                    continue
                t = s  # "issued a declaration demanding ...": the issuer demands
            if t.ent_type_ in _NOT_ACTORS and t.pos_ == "NUM" or t.ent_type_ in ("DATE", "TIME"):
                continue
            if t not in out:
                out.append(t)
        return out

    def _rejected(self, tok: Token) -> bool:
        """True for the subject of a rejection predicate: "lifting the embargo is out of the question"."""
        if tok.dep_ not in ("csubj", "nsubj") or tok.head.lemma_.lower() != "be" or not self.frames.rejection_predicates:
            return False
        head = tok.head
        if any(c.dep_ == "neg" for c in head.children):
            return False
        after = " ".join(t.lower_ for t in head.subtree if t.i > head.i)
        return any(p in after for p in self.frames.rejection_predicates)

    def _purpose_of_event(self, tok: Token, matches: dict[int, Match]) -> bool:
        """An infinitive on an event noun is that event's purpose: "a rally to protest X"."""
        if tok.dep_ not in ("relcl", "acl") or tok.head.i not in matches:
            return False
        return infinitive_marker(tok) is not None

    def _background_clause(self, tok: Token) -> bool:
        """A relative or "when" clause dated in the past: "where 24 were killed last March"."""
        cur = tok
        if cur.dep_ == "conj":
            cur = cur.head
        in_rel = cur.dep_ == "relcl" or (cur.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in self.frames.background_clause_marks for c in cur.children))
        if not in_rel:
            return False
        past = self.frames.past_time_words
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ in past:
                return True
            if c.dep_ in ("npadvmod", "prep", "advmod") and any(
                    t.lower_ in past and (t.lower_ == "ago" or t.ent_type_ == "DATE" or t.head.ent_type_ == "DATE"
                                          or t.head.lemma_.lower() in self.frames.time_nouns)
                    for t in c.subtree):
                return True
        return False

    def _under_topic(self, tok: Token) -> bool:
        """A verb that only describes a plan, decision or demand ("the decision of deploying ships")."""
        cur = tok
        for _ in range(3):
            head = cur.head
            if head is cur:
                return False
            if head.pos_ == "NOUN" and head.lemma_.lower() in self.frames.topic_nouns:
                return True
            if head.pos_ not in ("ADP", "PART"):
                return False
            cur = head
        return False

    def _kind(self, ent: Entity, tok: Token) -> str:
        if ent.kind in ("country",) or tok.ent_type_ == "GPE":
            return "country"
        if ent.code is None and tok.lemma_.lower() in self.frames.groups.get("PERSONS", frozenset()):
            return "person"  # "the minister": a person even before the actors stage knows who
        if ent.sector == "GOV" and ent.kind != "person":
            return "gov"
        if ent.kind == "person" or tok.ent_type_ == "PERSON":
            return "person"
        return ent.kind or "group"

    def _noun_allowed(self, tok: Token, matches: dict[int, Match]) -> bool:
        """Nominal triggers under a governing verb trigger or a topic noun are not coded on their own."""
        if tok.dep_ in ("compound",):
            return False
        cur = tok
        for step in range(6):
            head = cur.head
            if head is cur:
                return True
            hl = head.lemma_.lower()
            if head.dep_ in ("prep", "pcomp") and (head.lower_ in self.frames.background_preps or (
                    head.lower_ == "of" and head.head.lower_ in self.frames.background_preps)):
                return False
            if head.i in matches and matches[head.i].entry.pos != "noun" and step < 3:
                return False
            if (cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in self.frames.topic_preps
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in self.frames.topic_nouns
                            for c in head.head.children)):
                return False  # "renewed negotiations today on a troop pullback": the parse hangs "on" on the verb
            if head.pos_ in ("VERB", "AUX"):
                if hl in self.frames.noun_blockers and cur.dep_ not in ("nsubj", "nsubjpass"):
                    return False
                infinitival = head.dep_ in ("xcomp", "acl", "advcl", "pcomp") and not any(
                    ch.dep_ in ("nsubj", "nsubjpass") for ch in head.children)
                if not infinitival and (cur.dep_ in ("nsubj", "dobj", "nsubjpass") or step >= 2):
                    return True
            if (head.pos_ == "NOUN" and hl in self.frames.topic_nouns
                    and cur.dep_ in ("pobj", "prep", "compound", "dobj", "conj", "acl")
                    and not (head.i in matches and cur.dep_ == "conj")):
                return False
            if cur.dep_ in ("relcl", "acl") and step > 0:
                return True
            cur = head
        return True

    def _entities(self, toks: list[Token], index: EntityIndex, text: str, si: int) -> list[Entity]:
        out: list[Entity] = []
        for t in toks:
            ent = find_entity(t, index)
            if ent is None:
                if t.tag_ in ("WDT", "WP") or t.lower_ in ("that", "which"):
                    continue
                ent = fallback_entity(t, text, si)
            if ent not in out:
                out.append(ent)
        return out

    # -- "X said Y must ..." ------------------------------------------------------------------

    def _deontic(self, sent: list[Token], si: int, index: EntityIndex, text: str,
                 matches: dict[int, Match]) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in sent:
            if tok.dep_ != "aux" or tok.lower_ not in self.frames.deontic_modals:
                continue
            verb = tok.head
            if verb.dep_ not in ("ccomp", "acl", "relcl_never") or verb.pos_ not in ("VERB", "AUX"):
                continue
            gov = verb.head
            gl = gov.lemma_.lower()
            is_speech_noun = gov.pos_ == "NOUN" and gl in self.frames.speech_nouns
            if gl not in self.speech and not is_speech_noun and gl not in ("conclude", "decide"):
                continue
            speaker_verb = gov
            if is_speech_noun:
                lv = self.roles.light_verb(gov)
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
            from .lexicon import Entry

            entry = Entry(id="deontic:" + gl, lemmas=frozenset({gl}), pos="verb", event="REQUEST", mode=None,
                          context=(), cameo=self.lex.types["REQUEST"].cameo, actor=(), recipient=(), content="suppress",
                          constraints={}, specificity=1, order=-1, source="rule")
            m = Match(entry, speaker_verb, [tok])
            m.comp = verb
            actor = self._entities(actor_toks, index, text, si)
            recipient = [r for r in self._entities(rec_toks, index, text, si) if r not in actor]
            cand = Candidate(m, "REQUEST", None, entry.cameo, entry.id, actor, recipient, actor_toks, rec_toks)
            out.append(cand)
        return out

    def _inverted_reports(self, sent: list[Token], si: int, index: EntityIndex, text: str,
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
            entry = next((e for e in self.lex.candidates("verb", tok.lemma_.lower())
                          if e.get("comp") and e.content == "suppress"), None)
            if entry is None:
                continue
            actor_toks = self._clean_args(expand([noun]))
            rec_head = clause_subject(root) if "comp_subj" in entry.recipient else None
            rec_toks = self._clean_args(expand([rec_head])) if rec_head is not None else []
            m = Match(entry, tok, [])
            m.comp = root
            actor = self._entities(actor_toks, index, text, si)
            recipient = [r for r in self._entities(rec_toks, index, text, si) if r not in actor]
            out.append(Candidate(m, entry.event, entry.mode, entry.cameo, entry.id + "+inverted", actor,
                                 recipient, actor_toks, rec_toks))
        return out

    # -- governors, content, aux modes ------------------------------------------------------------

    def _region(self, cand: Candidate) -> set[int]:
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

    def _govern(self, cands: list[Candidate]) -> None:
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
            region = self._region(c)
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
        for c in cands:
            if c.suppressed:
                continue
            self._modes(c)

    def _modes(self, c: Candidate) -> None:
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
        c.aux = set(mod.aux)
        if mod.deontic:
            c.aux.add("hypothetical")  # "it is essential that we provide aid": an obligation, not a fact
        if c.rule.startswith("deontic:"):
            c.aux = set()
            return
        # a stated intention is a real verbal event now: AGREE (cooperative) or THREATEN (conflictual)
        intent_by_modal = mod.intent and (mod.reported or self._intent_governed(anchor))
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

    def _intent_governed(self, tok: Token) -> bool:
        cur = tok
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "conj", "acomp"):
                return False
            head = cur.head
            if head.lemma_.lower() in self.frames.intent_governors or head.lower_ in self.frames.intent_governors:
                return True
            cur = head
        return False

    # -- merge, event ---------------------------------------------------------------------------

    def _merge(self, cands: list[Candidate]) -> list[Candidate]:
        """Merge conjoined triggers of one type and actor ("killed one soldier and wounded two")."""
        out: list[Candidate] = []
        for c in cands:
            merged = False
            for o in out:
                if o.event != c.event or o.aux != c.aux or o.mode != c.mode:
                    continue
                h = c.head
                linked = (h.dep_ == "conj" and h.head.i == o.head.i) or (o.head.dep_ == "conj" and o.head.head.i == h.i)
                same_actor = [a.span for a in o.actor] == [a.span for a in c.actor] or not c.actor
                if linked and same_actor:
                    for r in c.recipient:
                        if r not in o.recipient:
                            o.recipient.append(r)
                    merged = True
                    break
            if not merged:
                out.append(c)
        return out

    def _mode(self, c: Candidate) -> str | None:
        if c.event == "ASSAULT" and self.frames.assault_mode_cues:
            first_mode, first_cues = self.frames.assault_mode_cues[0]
            if first_mode == "suicide-attack" and any(t.lemma_.lower() in first_cues for t in _sentence_of(c.head)):
                return first_mode  # "a suicide bomber blew himself up": the manner outranks the entry's mode
        if c.mode is not None:
            return c.mode
        if c.event in ("REQUEST", "REJECT") and c.content_types:
            return _REQUEST_MODE.get(c.content_types[0])
        if c.event == "THREATEN" and c.content_types:
            return _THREATEN_MODE.get(c.content_types[0])
        if c.event == "ASSAULT":
            return self._assault_mode(c)
        return None

    def _assault_mode(self, c: Candidate) -> str | None:
        head = c.head
        sent = _sentence_of(head)
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

    def _sentence_contexts(self, sent: list[Token]) -> list[str]:
        """Context cues of one sentence, most frequent first."""
        counts: dict[str, int] = {}
        index = self.lex.context_index
        for t in sent:
            hits = index.get(t.lemma_.lower())
            if hits:
                for ctx in hits:
                    counts[ctx] = counts.get(ctx, 0) + 1
        return [ctx for ctx, _n in sorted(counts.items(), key=lambda kv: -kv[1])]

    def _contexts(self, c: Candidate, cues: list[str]) -> tuple[str, ...]:
        found: list[str] = list(c.match.entry.context)
        for ctx in cues:
            if ctx not in found:
                found.append(ctx)
        return tuple(found[:3])

    def _event(self, c: Candidate, si: int, sent: tuple[int, int], article_id: str, text: str,
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
        mode = self._mode(c)
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
            context=self._contexts(c, cues),
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


def _sentence_of(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s sentence (``tok.sent`` without walking the sentence flags)."""
    v = view(tok.doc)
    start, end = v.sent_bounds[v.sent_of[tok.i]]
    return v.tokens[start:end]
