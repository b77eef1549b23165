"""The event coder: triggers -> governed/suppressed -> arguments -> aux modes -> Event records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import deadline
from ..nlp import view
from ..records import Entity, Event, Quote
from .arguments import (
    PLACE_TARGET_EVENTS,
    EntityIndex,
    RoleResolver,
    as_placed,
    expand,
    fallback_entity,
    find_entity,
    is_pronoun,
)
from .candidate import Candidate
from .confidence import Calibration
from .finish import EventWriter
from .gates import Gates
from .govern import Governor
from .lexicon import Lexicon
from .matcher import Match, match_token
from .reframe import deontic, inverted_reports
from .syntax import (
    clause_subject,
    infinitive_marker,
    is_passive,
    prep_children,
    real_object,
)
from .taking import armed_taking
from .voices import protest_voices

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Candidate", "EventCoder"]

_SCENE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})


def _as_scene(ent: Entity, tok: Token) -> Entity:
    """A capital named as the scene ("welcomed ... in Ramallah") stands for its country, not its government.

    The clause fallback takes the first coded entity of the clause, often a place after "in": its country
    is what the gold sets code, but "seat of government" made it the government (sector GOV).
    """
    if not (ent.rule or "").startswith("seat of government") or tok.dep_ != "pobj" \
            or tok.head.lower_ not in _SCENE_PREPS:
        return ent
    return replace(ent, sector=None, kind="country", name=ent.entity_text,
                   rule="place in country (a seat of government named as the scene)")


_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})

class EventCoder:
    """Code the events of one Doc with a loaded :class:`Lexicon` and :class:`Calibration`."""

    def __init__(self, lex: Lexicon, calibration: Calibration) -> None:
        self.lex = lex
        self.cal = calibration
        self.frames = lex.frames
        self.roles = RoleResolver(lex.frames.light_verbs, lex.frames.speech_verbs)
        self.speech = lex.frames.speech_verbs
        self.gates = Gates(lex.frames)
        self.governor = Governor(lex, self.roles)
        self.writer = EventWriter(lex, calibration)
        # weapons after "with" are no party to an act (the clause fallback skips them)
        self.weapons = self.frames.groups.get("MUNITIONS", frozenset()) | self.frames.groups.get("MILGOODS", frozenset())

    # -- public -------------------------------------------------------------------------------

    def code(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> list[Event]:
        """Return the events of ``doc`` (an annotated Doc whose ``_.article`` is set)."""
        article = doc._.article
        text: str = article.text
        v = view(doc)
        tokens = v.tokens
        index = EntityIndex.build(tokens, entities, text)
        per_sentence: list[list[Candidate]] = []
        for start, end in v.sent_bounds:
            deadline.check()
            per_sentence.append(self._sentence(tokens[start:end], len(per_sentence), index, text, quotes))
        protest_voices(per_sentence, self.lex)
        out: list[Event] = []
        for si, cands in enumerate(per_sentence):
            live = [c for c in cands if not c.suppressed]
            if not live:
                continue
            start, end = v.sent_bounds[si]
            cues = self.writer.sentence_contexts(tokens[start:end])
            sent_chars = (v.sent_start_chars[si], v.sent_end_chars[si])
            for cand in live:
                out.append(self.writer.event(cand, si, sent_chars, article.id, text, quotes, cues))
        return out

    # -- per sentence ---------------------------------------------------------------------------

    def _sentence(self, sent: list[Token], si: int, index: EntityIndex, text: str,
                  quotes: Sequence[Quote]) -> list[Candidate]:
        matches: dict[int, Match] = {}
        alternatives: dict[int, list[Match]] = {}
        modals: list[Token] = []
        modal_words = self.frames.deontic_modals
        for tok in sent:
            ms = match_token(tok, self.lex)
            if ms:
                matches[tok.i] = ms[0]
                alternatives[tok.i] = ms
            elif tok.lower_ in modal_words:
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
            cands.extend(deontic(self, modals, si, index, text, matches))
        cands.extend(inverted_reports(self, sent, si, index, text, consumed | {c.head.i for c in cands}))
        self.governor.govern(cands)
        cands = [c for c in cands if not c.suppressed and not self._forecast(c)]
        return self._merge(cands)

    def _forecast(self, c: Candidate) -> bool:
        """ "Analysts warned that demand could weaken": a warning that names no step of the warner's
        (no event in its content, no party addressed, no word of a threatened response) is a
        pessimistic comment (CAMEO 012), which PLOVER does not code."""
        words = c.match.entry.get("threat_content")
        if not words or c.content_types or c.match.obj is not None or c.match.comp is None:
            return False
        comp = c.match.comp
        if comp.lemma_.lower() == "be" and not any(
                t.dep_ == "aux" and t.lower_ in ("will", "would", "shall", "'ll") for t in comp.subtree):
            return True  # "warned that the country was on the brink of civil war": a state described, no threat
        return not any(t.lemma_.lower() in words for t in comp.subtree)

    def _candidate(self, m: Match, si: int, index: EntityIndex, text: str,
                   matches: dict[int, Match], consumed: set[int]) -> Candidate | None:
        e = m.entry
        tok = m.head
        if self.gates.other_sense(m):
            return None
        if e.pos == "noun" and not self.gates.noun_allowed(tok, matches):
            return None
        if (e.pos != "noun" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)
                and _has_main_verb(tok)):
            return None  # "the curfew imposed in 1989", "weapons seized last year": background, not news
        infinitival_rel = tok.dep_ == "relcl" and infinitive_marker(tok) is not None
        if (e.pos != "noun" and (tok.dep_ in ("acl", "pcomp") or infinitival_rel) and tok.tag_ != "VBG"
                and self.gates.under_topic(tok)):
            return None  # "the decision of deploying ships", "a hope for a deal to be signed"
        if (e.pos != "noun" and tok.dep_ == "pcomp" and tok.head.dep_ == "prep"
                and tok.head.head.lemma_.lower() in self.frames.allegation_nouns):
            return None  # "its involvement in killing civilians": what it is blamed for
        if e.pos != "noun" and self.gates.purpose_of_event(tok, matches):
            return None
        if e.pos != "noun" and self.gates.background_clause(tok):
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
        joined = False  # "protesters clashed with police": both sides act; no other party is the target
        if e.get("symmetric") and rec_toks and any(t.dep_ == "pobj" and t.head.lower_ == "with" for t in rec_toks):
            actor_toks = actor_toks + rec_toks
            rec_toks = []
            joined = True
        if not actor_toks and e.pos != "noun" and is_passive(tok):
            actor_toks = self._instrument_actor(tok)
        actor_toks = self.clean_args(actor_toks)
        rec_toks = [t for t in self.clean_args(rec_toks) if not self._document_venue(find_entity(t, index), t.doc)]
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
        rejected = self.gates.rejected(tok)
        if rejected:
            sp = self.roles.speaker_of(tok.head)
            actor_toks = expand([sp]) if sp is not None else []
            if not actor_toks:
                return None
        actor = self.entities(actor_toks, index, text, si)
        recipient = [r for r in self.entities(rec_toks, index, text, si) if r not in actor and not _same_party(r, actor)]
        if e.event in PLACE_TARGET_EVENTS:
            recipient = [as_placed(r, tok.doc) for r in recipient]
        if (e.get("symmetric") or e.event in self.frames.joint_event_types) and len(actor) >= 2:
            joined = True  # "Thailand and Cambodia exchanged fire", "... agreed to a ceasefire": both sides are the actors
        if e.recipient and not imperative and not joined and not any(r.code or r.kind == "person" for r in recipient) and not any(
                t.lemma_.lower() in self.frames.people_nouns for t in rec_toks):
            recipient = [r for r in self._clause_recipient(tok, actor_toks, actor, index)
                         if not _same_party(r, actor)] or recipient
        kinds = e.get("actor_kind")
        if kinds is not None and not any(self.gates.kind(a, t) in kinds for a, t in zip(actor, actor_toks, strict=False)):
            return None
        not_kinds = e.get("actor_kind_not")
        if not_kinds is not None and any(self.gates.kind(a, t) in not_kinds for a, t in zip(actor, actor_toks, strict=False)):
            return None
        not_sectors = e.get("actor_sector_not")
        if not_sectors is not None and actor and all(a.sector in not_sectors for a in actor):
            return None  # "police blocked roads into the city": a cordon, not a protest
        if e.get("min_actors") and len(actor) < e.get("min_actors"):
            return None
        if e.get("need_coded_actor") and not any(a.code for a in actor):
            return None  # an imported CAMEO pattern codes political actors only, as PETRARCH does
        if (actor_toks and e.event not in self.frames.document_event_types
                and all(t.lemma_.lower() in self.frames.document_nouns and not (a.code)
                        for a, t in zip(actor, actor_toks, strict=False))
                and len(actor) == len(actor_toks)):
            return None  # "the plan provides for ... and the release of prisoners": content, not an act
        if rejected:  # "X said lifting the sanctions is out of the question": X rejects it
            return Candidate(m, "REJECT", None, self.lex.types["REJECT"].cameo, e.id + "+rejected",
                             actor, recipient, actor_toks, rec_toks)
        if (e.event == "PROTEST" and e.mode == "riot" and actor and tok.lemma_.lower() in self.frames.looting_words
                and all(a.sector in self.frames.armed_sectors for a in actor)):
            # looting by gunmen, militants or soldiers is violence against property, not a riot
            return Candidate(m, "ASSAULT", "destroy", self.lex.types["ASSAULT"].cameo, e.id + "+armed",
                             actor, recipient, actor_toks, rec_toks)
        if armed_taking(e.event, e.mode, actor, self.frames, tok.lemma_.lower()):
            # "militants seized livestock", "rebels extorted taxes": looting, not a confiscation
            return Candidate(m, "ASSAULT", "destroy", self.lex.types["ASSAULT"].cameo, e.id + "+armed",
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
        for c in trig.children:  # "..., the Thai army said, after ...": the speaker is no party to the act
            if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_.lower() in self.speech and c.i > trig.i:
                skip |= set(v.subtree_indices(c.i))
        for c in trig.children:  # "resigned after days of protests in which 19 people were killed": another event's party
            if c.dep_ in ("prep", "advcl") and (c.lower_ in self.frames.sequence_words or any(
                    m.dep_ == "mark" and m.lower_ in self.frames.sequence_words for m in c.children)):
                skip |= set(v.subtree_indices(c.i))
        for p in trig.subtree:  # "attacked a ship with drones and missiles": the weapons are no party either
            if p.dep_ == "prep" and p.lower_ == "with" and any(
                    o.dep_ == "pobj" and o.lemma_.lower() in self.weapons for o in p.children):
                skip |= set(v.subtree_indices(p.i))
        actor_keys = {a.span for a in actor}
        out: list[Entity] = []
        first: Token | None = None
        for t in trig.subtree:
            if t.i in skip:
                continue
            ent = index.by_token.get(t.i)
            if ent is None or not ent.code or ent.span in actor_keys or ent in out or self._document_venue(ent, t.doc):
                continue
            if first is None:
                # the entity's syntactic head, not its first word ("the" of "the United States"),
                # so that its conjuncts ("... and Israel") are found under it
                first = t
                while first.head.i != first.i and index.by_token.get(first.head.i) is ent:
                    first = first.head
                out.append(_as_scene(ent, first))
            elif t.dep_ == "conj" and t.head.i in {*v.subtree_indices(first.i), first.i}:
                out.append(_as_scene(ent, t))
        return out

    def _document_venue(self, ent: Entity | None, doc: Doc) -> bool:
        """Whether ``ent`` is a city naming a document: "withdrawing from the Paris climate agreement".

        The city is where the document was signed, not a party to the act (a country so placed is one:
        "the Iran nuclear deal").
        """
        if ent is None or not (ent.rule or "").startswith(("seat of government", "place in country")):
            return False
        span = doc.char_span(ent.span[0], ent.span[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        node = span.root
        while node.dep_ == "compound" and node.head.dep_ in ("compound", "amod") and node.head is not node:
            node = node.head
        return node.dep_ in ("compound", "amod", "nmod") and node.head.lemma_.lower() in self.frames.document_nouns

    def _instrument_actor(self, verb: Token) -> list[Token]:
        """Actor of an agentless passive from an event noun: "killed in an Israeli airstrike" -> Israeli."""
        for p in prep_children(verb, frozenset({"in", "during", "by"})):
            for n in p.children:
                if n.dep_ != "pobj" or n.pos_ != "NOUN":
                    continue
                if not any(e.event == "ASSAULT" for e in self.lex.candidates("noun", n.lemma_.lower())):
                    continue
                for role in ("poss", "compound", "amod"):
                    # a party ("an Israeli airstrike", "a Hamas rocket"), not a kind ("a cluster bomb")
                    toks = [t for t in self.roles.role_tokens(role, n, None, None)
                            if t.ent_type_ or t.pos_ == "PROPN"]
                    if toks:
                        return toks
        return []

    def clean_args(self, toks: list[Token]) -> list[Token]:
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

    def entities(self, toks: list[Token], index: EntityIndex, text: str, si: int) -> list[Entity]:
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

    # -- merge, event ---------------------------------------------------------------------------

    def _graver(self, a: str | None, b: str | None) -> str | None:
        """The graver of two ASSAULT modes (frames.yaml ``assault_mode_gravity``); a mode beats none."""
        order = self.frames.assault_mode_gravity
        ranked = [m for m in (a, b) if m is not None]
        if not ranked:
            return None
        return min(ranked, key=lambda m: order.index(m) if m in order else len(order))

    def _merge(self, cands: list[Candidate]) -> list[Candidate]:
        """Merge conjoined triggers of one type and actor ("killed one soldier and wounded two")."""
        out: list[Candidate] = []
        for c in cands:
            merged = False
            for o in out:
                # "was shot and killed", "attacked and burned the village": one assault on one patient
                one_act = o.event == c.event == "ASSAULT" and not (
                    _has_object(o.head) and _has_object(c.head)) and (
                    not o.recipient or not c.recipient or bool({r.span for r in o.recipient} & {r.span for r in c.recipient}))
                if o.event != c.event or o.aux != c.aux or (o.mode != c.mode and not one_act):
                    continue
                h = c.head
                linked = (h.dep_ == "conj" and h.head.i == o.head.i) or (o.head.dep_ == "conj" and o.head.head.i == h.i)
                same_actor = [a.span for a in o.actor] == [a.span for a in c.actor] or not c.actor
                if linked and one_act and not o.actor:  # "was shot and killed by gunmen": the agent is on the last verb
                    same_actor = True
                    o.actor, o.actor_tokens = c.actor, c.actor_tokens
                if linked and same_actor:
                    if o.mode != c.mode:
                        o.mode = self._graver(o.mode, c.mode)
                    for r in c.recipient:
                        if r not in o.recipient:
                            o.recipient.append(r)
                    merged = True
                    break
            if not merged:
                out.append(c)
        return out


def _has_object(verb: Token) -> bool:
    """True when the verb has a patient of its own (direct object or passive subject)."""
    return any(ch.dep_ in ("dobj", "nsubjpass") for ch in verb.children)


def _has_main_verb(tok: Token) -> bool:
    """False when the parse found no main verb ("On 6 April, sailors protested ..." rooted on "On"):
    a participle modifier is then the sentence's own predicate, not background."""
    root = tok
    while root.head.i != root.i:
        root = root.head
    return root.pos_ in ("VERB", "AUX")


_PRONOUNS = frozenset({"it", "he", "she", "they", "him", "her", "them", "its", "his", "their", "we", "us", "our"})


def _same_party(r: Entity, actor: list[Entity]) -> bool:
    """ "Russia warned that it would retaliate": a pronoun recipient resolved to the actor is the actor."""
    return r.entity_text.lower() in _PRONOUNS and any(
        a.name == r.name and a.code == r.code and a.name for a in actor)
