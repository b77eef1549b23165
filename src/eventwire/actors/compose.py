"""Composition: lexicon hits and NER spans grouped into actor phrases, each resolved to fields.

A phrase is a run of hits joined by modifier tokens ("Egyptian intelligence chief Abbas Kamel"),
a possessive ("Israel's cabinet") or a prepositional complement naming a place or organisation
("police in Lagos", "Secretary-General of the United Nations"). Its head decides what it is:
a person (known to the knowledge base or only titled), an organisation, an agent noun
("the Israeli army") with the country taken from its modifiers, a seat of government
("the Kremlin"), or a country.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..nlp import DocView, view
from .kb import KnowledgeBase, fuzzy_key
from .lexicon import Hit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Phrase", "Resolved", "foreign_modified", "group_hits", "resolve", "stance"]

GLUE_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
AFFIX = frozenset({"led", "backed", "based", "allied", "sponsored", "supported", "aligned", "controlled"})
GENERIC = frozenset({"official", "leader", "spokesman", "spokeswoman", "spokesperson", "chief", "member",
                     "adviser", "advisor", "representative", "delegation", "source", "head", "commander",
                     "officer", "secretary", "minister", "envoy", "negotiator", "organization", "organisation"})
LINK_PREPS = frozenset({"of", "in", "from", "throughout", "for", "at", "across"})
LINKABLE = frozenset({"country", "seat", "place", "actor", "demonym", "person_name", "org_name"})
LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "advmod"})
FORMER = frozenset({"former", "ex", "ex-", "ousted", "deposed", "exiled", "erstwhile"})
NGO_WORDS = frozenset({"association", "forum", "foundation", "federation", "institute", "society", "network",
                       "coalition", "league", "watch", "centre", "center", "trust", "fund", "organisation",
                       "organization", "council", "committee"})
COUNTRYISH = ("country", "demonym", "seat", "place", "gtitle")
PERSONISH = ("person_name",)
# nouns naming the fighters or units of a group: "RSF fighters", "QSD forces" take the group's sector
FORCE_NOUNS = frozenset({"forces", "force", "fighter", "militant", "troops", "gunman", "gunmen", "militiaman",
                         "militiamen", "militia", "unit", "combatant", "cadre", "guerrilla", "insurgent",
                         "jihadist", "rebel", "member", "commander", "official", "leader", "spokesman",
                         "spokeswoman", "spokesperson"})
ARMED_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
FORCE_SECTORS = ARMED_SECTORS | {"MIL", "COP", "SPY"}
STANCE = frozenset({"pro", "anti"})
PATRON_AFFIX = frozenset({"backed", "sponsored", "supported", "funded", "armed", "trained", "allied", "aligned"})


def stance(doc: Doc, h: Hit) -> str | None:
    """Return how a modifier hit stands to the phrase's actor when it is not the actor's own.

    "pro" or "anti" after "pro-"/"anti-" ("pro-Iran", "anti-Houthi"); "patron" before a patronage
    suffix ("Turkish-backed Syrian rebels": Turkey backs them, they are Syrian); else None.
    """
    j = h.end
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in PATRON_AFFIX:
        return "patron"
    i = h.start
    if i >= 1 and doc[i - 1].lower_ in ("pro-", "anti-"):
        return doc[i - 1].lower_[:-1]
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCE:
        return doc[i - 2].lower_
    return None


@dataclass
class Phrase:
    """A group of hits forming one actor phrase over tokens ``[start, end)``."""

    hits: list[Hit]
    start: int
    end: int
    complement_at: int = -1  # index in ``hits`` where a prepositional complement begins
    former: bool = False
    context: list[Hit] = field(default_factory=list)  # complement hits giving the head its country


@dataclass
class Resolved:
    """An actor phrase with its resolution, before it becomes an :class:`Entity`."""

    start: int  # token indices
    end: int
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    country: str | None = None
    kind: str | None = None
    office: str | None = None
    identifier: str | None = None
    rule: str = ""
    cluster_key: str | None = None
    gender: str | None = None
    surname: str | None = None  # fuzzy key of the last name token, for in-article coreference
    weak: bool = False  # resolved from a bare surname: in-article antecedents win
    role: str | None = None
    label: str = "AGENT"
    extras: dict[str, str] = field(default_factory=dict)


def _joinable(doc: Doc, left: Hit, gap: list[Token], right: Hit, has_complement: bool) -> str | None:
    """Return how ``right`` joins the phrase ending with ``left`` ("adj", "poss", "prep") or None."""
    if not gap:
        if left.kind in ("person_name", "org_name") and right.kind in ("person_name", "org_name"):
            return None
        return "adj"
    if len(gap) > 4:
        return None
    texts = [t.text.lower() for t in gap]
    if texts[0] == "-" and len(texts) == 2 and texts[1] in AFFIX:
        return "adj"
    if texts[0] in ("'s", "\u2019s", "'") and left.kind in ("country", "seat", "place", "actor", "org_name") \
            and right.kind in ("agent", "title", "actor", "person_name", "org_name", "norp") and not has_complement:
        rest = gap[1:]
        return "poss" if all(t.pos_ in GLUE_POS for t in rest) else None
    if texts[0] in LINK_PREPS and not has_complement and left.kind in ("agent", "title", "actor", "org_name") \
            and right.kind in LINKABLE and not _names_a_document(doc, right):
        if left.kind == "actor" and right.kind not in ("country", "seat", "place", "demonym"):
            return None
        rest = gap[1:]
        if all(t.pos_ in GLUE_POS or t.dep_ == "det" for t in rest):
            return "prep"
        return None
    if all((t.pos_ in GLUE_POS and t.dep_ in LEFT_DEPS | {"appos", "nsubj", "dobj", "pobj", "conj"} and
            not t.is_punct and t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")) or t.text == "-"
           for t in gap):
        # modifiers between hits ("Palestinian Islamist movement Hamas"); a noun that is its own
        # phrase head (its head outside the phrase) breaks the run
        last_right = right.end - 1
        if all(left.start <= t.head.i <= last_right for t in gap):
            return "adj"
    return None


# nouns of documents and processes a place can name ("the Paris climate agreement", "the Minsk format")
DOCUMENT_HEADS = frozenset({"agreement", "agreements", "accord", "accords", "convention", "conventions", "treaty",
                            "protocol", "declaration", "format", "process", "pact", "deal", "talks", "summit"})


def _names_a_document(doc: Doc, right: Hit) -> bool:
    """Whether a place only names a document ("withdrawing the country from the Paris climate agreement"),
    so the phrase before it does not take its country."""
    node = doc[right.end - 1]
    while node.dep_ == "compound" and node.head is not node:
        node = node.head
        if node.lemma_.lower() in DOCUMENT_HEADS:
            return True
    return False


def group_hits(doc: Doc, hits: list[Hit]) -> list[Phrase]:
    """Group sorted, non-overlapping hits into phrases."""
    phrases: list[Phrase] = []
    cur: Phrase | None = None
    v = view(doc)
    sent_of, tokens = v.sent_of, v.tokens
    for h in hits:
        if cur is not None and sent_of[cur.start] == sent_of[h.start]:
            gap = tokens[cur.end:h.start]
            how = _joinable(doc, cur.hits[-1], gap, h, cur.complement_at >= 0)
            if how is not None:
                if how == "prep":
                    cur.complement_at = len(cur.hits)
                cur.hits.append(h)
                cur.end = h.end
                continue
        if cur is not None:
            phrases.append(cur)
        cur = Phrase([h], h.start, h.end)
    if cur is not None:
        phrases.append(cur)
    out: list[Phrase] = []
    for p in phrases:
        # "police in Lagos": the entity is the head ("police", coded NGA) and the complement
        # ("Lagos") is an entity of its own, so subject and object tokens each find theirs
        if p.complement_at > 0:
            ca = p.complement_at
            out.append(Phrase(p.hits[:ca], p.start, p.hits[ca - 1].end, context=p.hits[ca:]))
            out.append(Phrase(p.hits[ca:], p.hits[ca].start, p.end))
        else:
            out.append(p)
    for p in out:
        _extend_left(v, p)
    return out


_RESULT_VERBS = frozenset({"shoot", "gun", "stab", "beat", "hack", "burn", "club", "stone"})


def _verb_result(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is the "dead" of "shot dead several protesters" (the verb's result, not the
    people's modifier, though the parser hangs it on them)."""
    return tokens[k].lower_ == "dead" and k > 0 and tokens[k - 1].lemma_.lower() in _RESULT_VERBS


def _extend_left(v: DocView, p: Phrase) -> None:
    tokens = v.tokens
    sent_start = v.sent_start(p.start)
    i = p.start
    while i > sent_start:
        t = tokens[i - 1]
        if t.dep_ in LEFT_DEPS and p.start <= t.head.i < p.end and not t.is_punct \
                and t.ent_type_ not in ("DATE", "TIME", "CARDINAL") and not _verb_result(tokens, i - 1):
            i -= 1
        else:
            break
    for j in range(i, p.end):
        low = tokens[j].lower_
        if low in FORMER or low.startswith("ex-"):
            p.former = True
    if i < p.start and p.hits[0].kind in ("agent", "title", "gtitle", "demonym", "country", "actor"):
        p.start = i


def _country_of(kb: KnowledgeBase, h: Hit, date: str | None) -> tuple[str | None, str | None, str]:
    """Return ``(code, country, how)`` a modifier hit contributes."""
    if h.stance:
        return None, None, ""  # "pro-Iran militias", "anti-Houthi forces": a patron or an enemy
    if h.kind in COUNTRYISH:
        return h.value or None, h.value or None, h.kind
    if h.kind == "actor":
        actor = kb.actors.get(h.value)
        if actor is not None:
            rec, _ = actor.at(date)
            return rec.code, rec.country, f"actor {actor.name}"
    return None, None, ""


def resolve(doc: Doc, kb: KnowledgeBase, phrase: Phrase, date: str | None) -> Resolved | None:
    """Resolve one phrase to its fields; ``None`` when it names no actor."""
    hits = phrase.hits
    head_side = hits
    complement = phrase.context
    persons = [h for h in head_side if h.kind in PERSONISH or
               (h.kind == "actor" and kb.actors.get(h.value) is not None and kb.actors[h.value].kind == "person")]
    titles = [h for h in head_side if h.kind in ("title", "gtitle") and h.title is not None]
    role = next((t.title.role for t in reversed(titles) if t.title and t.title.role), None)
    out = Resolved(phrase.start, phrase.end)
    if persons and (persons[-1] is head_side[-1] or head_side[-1].kind == "honorific"
                    or all(h.kind not in ("agent",) for h in head_side[head_side.index(persons[-1]):])):
        head = persons[-1]
        mods = [h for h in hits if h is not head]
        _resolve_person(doc, kb, head, mods, titles, role, date, phrase, out)
    else:
        head = head_side[-1]
        mods = [h for h in hits if h is not head]
        if head.kind == "honorific":
            return None
        if head.kind == "actor":
            _resolve_actor(kb, head, date, out)
            _own_country(doc, kb, head, mods, date, out)
        elif head.kind in ("agent", "title", "gtitle"):
            _resolve_agent(doc, kb, head, mods, complement, role, date, phrase, out)
        elif head.kind == "seat":
            country = kb.countries.get(head.value)
            out.code, out.country, out.sector, out.kind = head.value, head.value, "GOV", "country"
            out.name = f"government of {country.name}" if country else None
            out.rule, out.label = "seat of government", "GPE"
            out.cluster_key = f"gov:{head.value}"
        elif head.kind in ("country", "place"):
            if not head.value:
                return None
            country = kb.countries.get(head.value) if head.value else None
            out.code = out.country = head.value or None
            out.kind, out.label = "country", "GPE"
            out.name = country.name if country and head.kind == "country" else view(doc).span_text(head.start, head.end)
            out.rule = "country name" if head.kind == "country" else "place in country"
            out.cluster_key = f"country:{head.value}" if head.value else None
        elif head.kind == "demonym":
            out.code = out.country = head.value
            country = kb.countries.get(head.value)
            plural = head.plural or doc[head.end - 1].tag_ in ("NNS", "NNPS")
            if plural:
                out.sector, out.kind, out.rule = "CVL", "group", "plural demonym: civilians"
            else:
                out.kind, out.rule = "country", "demonym"
            out.name = country.name if country else None
            out.label = "NORP"
        elif head.kind == "org_name":
            # "the Law Society of Kenya", "the Medical Association of Nigeria": the country it is "of"
            of_country = [c for c in complement if c.kind in ("country", "demonym")] \
                if head.end < len(doc) and doc[head.end].lower_ == "of" else []
            _resolve_unknown_org(doc, kb, head, [*mods, *of_country], date, out)
        elif head.kind == "norp":
            out.kind, out.label, out.rule = "group", "NORP", "group (NER)"
            out.name = view(doc).span_text(head.start, head.end)
            if doc[head.end - 1].lower_ in PARTY_MEMBERS:
                out.sector, out.rule = "PTY", out.rule + "; a party's members"  # "the Social Democrats"
            elif doc[head.end - 1].tag_ in ("NNS", "NNPS") or out.name.endswith("s"):
                out.sector, out.rule = "CVL", out.rule + "; plural: civilians"
            _country_from_mods(kb, mods, date, out)
        else:
            return None
    if phrase.former and out.kind == "person":
        out.sector = "ELI"
        out.rule += "; 'former': ELI"
    return out


def _resolve_actor(kb: KnowledgeBase, head: Hit, date: str | None, out: Resolved,
                   role: str | None = None, sector: str | None = None) -> None:
    actor = kb.actors[head.value]
    rec, why = actor.at(date, role, sector)
    out.name, out.code, out.sector, out.country = actor.name, rec.code, rec.sector, rec.country or (
        rec.code if rec.code and len(rec.code) == 3 and rec.code in kb.countries else None)
    out.kind, out.office, out.identifier = actor.kind, rec.office, actor.identifier
    out.rule = f"kb:{rec.source} ({why})"
    if actor.kind == "person" and rec.sector == "GOV" and why.startswith("no office on") and "former" in why:
        out.sector = "ELI"  # "Bolsonaro denied any wrongdoing" in 2025: a former president, no longer the government
        out.rule += "; out of office: ELI"
    out.cluster_key = f"kb:{actor.key}"
    out.gender, out.role = actor.gender, rec.role
    out.label = {"person": "PERSON", "organization": "ORG", "group": "ORG"}.get(actor.kind, "ORG")
    last = actor.name.replace("-", " ").split()[-1]
    out.surname = fuzzy_key(last)
    out.weak = head.weak


def _own_country(doc: Doc, kb: KnowledgeBase, head: Hit, mods: list[Hit], date: str | None,
                 out: Resolved) -> None:
    """Give a named body the country its modifier or possessor names ("Kenya's Senate": KEN LEG).

    A national institution of the knowledge base ("Senate" is the US Senate by default) named
    with another country before it is that country's body of the same sector. Armed groups and
    parties keep their own country ("Iranian-backed Hezbollah", "the Syrian PKK" act abroad),
    and so does an international body.
    """
    actor = kb.actors[head.value]
    if actor.kind != "organization" or not out.country or len(out.country) != 3:
        return
    for m in mods:
        if m.start > head.start or m.kind not in ("country", "demonym", "seat", "place") or not m.value:
            continue
        between = {t.lower_ for t in doc[m.end:head.start]}
        if between & AFFIX or m.value == out.country:
            return
        out.rule = f"named body '{view(doc).span_text(head.start, head.end)}' ({out.sector or 'no sector'} " \
                   f"like {actor.name}); country from {m.kind} {m.value}"
        out.code = out.country = m.value
        out.name = view(doc).span_text(out.start, out.end)
        out.identifier = out.office = None
        out.cluster_key = f"org:{m.value}:{fuzzy_key(out.name)}"
        return


def _article_role(doc: Doc, kb: KnowledgeBase, head: Hit, mods: list[Hit], titles: list[Hit], date: str | None,
                  out: Resolved) -> None:
    """Let the role the article gives a known person outrank the knowledge base's other offices.

    "U.N. mediator Diego X" is the UN's (IGO) even when the knowledge base knows X only as a
    minister of his country: a modifier naming a code none of the person's rows has wins, with
    the sector of the title before the name (none without a title).
    """
    actor = kb.actors[head.value]
    codes = {r.code for r in actor.records} | {r.country for r in actor.records}
    for m in mods:
        if m.start > head.start or (m.end < len(doc) and doc[m.end].text == "-"):
            continue  # "London-based": where the person works, not whose the person is
        code, country, why = _country_of(kb, m, date)
        if not code or code in codes:
            return
        title = next((t for t in reversed(titles) if t.title and t.title.role != "style"), None)
        before = f"{out.code}/{out.sector or '-'}"
        out.code, out.country = code, country
        # the sector of the article's title; the knowledge base's sector belonged to another office
        out.sector = title.title.sector if title is not None and title.title is not None else None
        out.office = view(doc).span_text(title.start, title.end) if title is not None else None
        out.rule += f"; role in the article: {why} outranks the knowledge base's {before}"
        return


def _resolve_person(doc: Doc, kb: KnowledgeBase, head: Hit, mods: list[Hit], titles: list[Hit],
                    role: str | None, date: str | None, phrase: Phrase, out: Resolved) -> None:
    if head.kind == "actor":
        hint = next((t.title.sector for t in reversed(titles) if t.title and t.title.role != "style"), None)
        _resolve_actor(kb, head, date, out, role, hint)
        _article_role(doc, kb, head, mods, titles, date, out)
        return
    text = view(doc).span_text(head.start, head.end)
    out.name, out.kind, out.label = text, "person", "PERSON"
    out.surname = fuzzy_key(text.replace("-", " ").split()[-1]) if text.split() else None
    out.cluster_key = f"name:{fuzzy_key(text)}"
    out.weak = len(text.split()) == 1
    code = country = None
    how = []
    for m in mods:
        c, k, why = _country_of(kb, m, date)
        if c:
            code, country = c, k
            how.append(why)
            break
    sector = None
    office = None
    ranked = [t for t in titles if t.title and t.title.role != "style"] or titles
    for t in reversed(ranked):
        if t.title is not None:
            sector = t.title.sector
            office = view(doc).span_text(t.start, t.end)
            if t.kind == "gtitle" and not code:
                code = country = t.value
            if t.title.text in GENERIC:
                # "Philippine coast guard spokesman X": the spokesman of the coast guard (MIL)
                body = next((m for m in reversed(mods) if m.end <= t.start and m.kind in ("agent", "title")
                             and m.title is not None and m.title.sector and m.title.text not in GENERIC), None)
                if body is not None and body.title is not None and body.end == t.start:
                    sector = body.title.sector
            break
    idx = phrase.hits.index(head)
    prev = phrase.hits[idx - 1] if idx > 0 else None
    if not titles and prev is not None and prev.kind == "agent" and prev.title is not None \
            and not prev.title.plural:
        # "the opposition weekly Nasha Gazeta": the name is the name of the agent noun before it
        out.kind, out.label = "organization", "ORG"
        out.code, out.country, out.sector = code, country, prev.title.sector
        out.rule = f"named agent '{prev.title.text}'"
        return
    hon = next((m for m in mods if m.kind == "honorific"), None)
    if hon is not None and hon.value:
        out.gender = hon.value
    out.code, out.country, out.sector, out.office = code, country, sector, office
    out.rule = "unknown person" + (f"; country from {how[0]}" if how else "") + (
        f"; sector from title '{office}'" if office else "")


def _resolve_agent(doc: Doc, kb: KnowledgeBase, head: Hit, mods: list[Hit], complement: list[Hit],
                   role: str | None, date: str | None, phrase: Phrase, out: Resolved) -> None:
    title = head.title
    sector = title.sector if title else None
    if title is not None and title.text in GENERIC:
        # "intelligence officials", "rebel leaders", "Hamas officials": the modifier's sector wins
        for m in reversed(mods):
            if m.start > head.start:
                continue
            if m.kind in ("agent", "title") and m.title and m.title.sector and m.title.text not in GENERIC:
                sector = m.title.sector
                break
            if m.kind == "actor" and kb.actors.get(m.value) is not None:
                rec, _ = kb.actors[m.value].at(date)
                if rec.sector:
                    sector = rec.sector
                break
    if title is not None and title.text in FORCE_NOUNS:
        # "RSF fighters", "QSD forces", "a senior Hamas commander": the armed group's own sector
        for m in reversed(mods):
            if m.start < head.start and m.kind == "actor" and not m.stance and kb.actors.get(m.value) is not None:
                rec, _ = kb.actors[m.value].at(date)
                if rec.sector in FORCE_SECTORS:
                    sector = rec.sector
                break
    stances = {m.stance: m for m in mods if m.stance and m.start < head.start}
    gov = stances.get("pro")
    if gov is not None and gov.title is not None and gov.title.sector == "GOV" and sector in ARMED_SECTORS | {"MIL"}:
        sector = "PRM"  # "pro-government militias": paramilitaries on the state's side
    code = country = None
    how = ""
    if head.kind == "gtitle":
        code = country = head.value
        how = "title"
    org_mod = None
    for m in [*mods, *complement]:
        c, k, why = _country_of(kb, m, date)
        if c and not code:
            code, country, how = c, k, why
            if m.kind == "actor":
                org_mod = m
    if code and how.startswith(("seat", "place", "country")) and foreign_modified(doc[head.end - 1]):
        code = country = None  # "foreign fighters in Belgrade": not Serbia's (a demonym still says whose)
        how = ""
    out.kind = "group" if (title and title.plural) or not (title and title.is_title) else "person"
    if title and not title.is_title and not title.plural and doc[head.end - 1].tag_ in ("NN", "NNP"):
        out.kind = "organization" if sector in ("GOV", "MIL", "COP", "LEG", "JUD", "SPY", "JRN", "BUS", "EDU",
                                                "MED", "NGO", "PTY", "LAB", "REL") else "group"
    if sector == "NGO":
        code, sector = code if code in ("IGO",) else "NGO", None
        country = None
    body = _body_before(kb, head, mods, date)
    if body is not None and title is not None and title.is_title:
        # "the Nigerian Senate President", "Sudanese Armed Forces chief": the head of that body,
        # in its sector, not the head of state
        sector, role = body, None
    if title and title.is_title and not title.plural and role and code and org_mod is None \
            and not phrase.former and head.kind in ("title", "gtitle"):
        found = kb.holder(code, role, date)
        if found is not None:
            actor, rec = found
            out.name, out.code, out.sector, out.country = actor.name, rec.code, rec.sector, rec.country
            out.kind, out.office, out.identifier = "person", rec.office, actor.identifier
            out.rule = f"description: {role} of {code} on {date or 'latest'} -> kb:{rec.source}"
            out.cluster_key, out.gender, out.role = f"kb:{actor.key}", actor.gender, role
            out.label = "PERSON"
            out.surname = fuzzy_key(actor.name.split()[-1])
            return
    out.code, out.country, out.sector = code, country, sector
    out.role = role
    out.name = view(doc).span_text(phrase.start, phrase.end)
    if phrase.former and sector == "GOV":
        out.sector = "ELI"
    out.rule = f"agent '{title.text if title else head.value}'" + (f"; country from {how}" if how else "")
    out.label = "AGENT"


# a country's own posts whose names say "foreign": its foreign ministry, foreign minister, foreign office
OWN_FOREIGN_POSTS = frozenset({"ministry", "minister", "office", "secretary", "affair", "affairs", "policy"})


def foreign_modified(head: Token) -> bool:
    """Whether "foreign" or "overseas" modifies this noun, which then belongs to no country of the sentence.

    "foreign intelligence services", "foreign fighters"; not a country's own "foreign ministry".
    """
    if head.lemma_.lower() in OWN_FOREIGN_POSTS:
        return False
    mods = [c for c in head.children if c.i < head.i]
    mods += [g for c in mods if c.dep_ == "compound" for g in c.children]  # "foreign intelligence services"
    return any(c.dep_ == "amod" and c.lower_ in ("foreign", "overseas") for c in mods)


def _body_before(kb: KnowledgeBase, head: Hit, mods: list[Hit], date: str | None) -> str | None:
    """Return the sector of a body named right before a title ("Senate President": LEG), if not GOV."""
    for m in mods:
        if m.end != head.start or m.stance:
            continue
        if m.kind == "agent" and m.title is not None and not m.title.plural:
            sector = m.title.sector
        elif m.kind == "actor" and kb.actors.get(m.value) is not None and kb.actors[m.value].kind != "person":
            sector = kb.actors[m.value].at(date)[0].sector
        else:
            return None
        return sector if sector and sector != "GOV" else None
    return None


# A people-like name ending in one of these is a party's members ("the Social Democrats", "the Greens").
PARTY_MEMBERS = frozenset({"democrats", "republicans", "socialists", "conservatives", "liberals", "greens",
                           "communists", "nationalists", "tories"})


def _country_from_mods(kb: KnowledgeBase, mods: list[Hit], date: str | None, out: Resolved) -> None:
    """Give ``out`` the country of its first modifier that names one, saying which."""
    for m in mods:
        c, k, why = _country_of(kb, m, date)
        if c:
            out.code, out.country = c, k
            out.rule += f"; country from {why}"
            return


def _resolve_unknown_org(doc: Doc, kb: KnowledgeBase, head: Hit, mods: list[Hit], date: str | None,
                         out: Resolved) -> None:
    out.name, out.kind, out.label = view(doc).span_text(head.start, head.end), "organization", "ORG"
    out.rule = "unknown organisation (NER)"
    words = {t.lower_ for t in doc[head.start:head.end]}
    if words & NGO_WORDS:
        out.code, out.rule = "NGO", out.rule + "; civil-society name: NGO"
    _country_from_mods(kb, mods, date, out)
    if out.code not in (None, "NGO") and words & NGO_WORDS:
        out.sector = "NGO"  # "the Law Society of Kenya": a national civil-society body, KEN with sector NGO
    body = next((m for m in reversed(mods) if m.end <= head.start and doc[m.end].lower_ in ("of", "for")
                 and m.kind in ("agent", "title") and m.title is not None and m.title.sector
                 and m.title.sector != "NGO"), None)
    if body is not None and body.title is not None and out.code != "NGO":
        # "the Ukrainian Ministry of Defence": the body whose complement the name is gives the sector
        out.sector = body.title.sector
        out.rule += f"; sector from '{body.title.text}'"
    out.cluster_key = f"org:{fuzzy_key(out.name)}"
