"""How many were killed: ``fatalities`` and ``fatalities_text`` of every ASSAULT event.

Death mentions are read from the dependency parse with the words of
``data/events/fatalities.yaml``: the victims of a killing verb ("killing **three civilians**",
"**2 soldiers** were killed"), the subject of a dying verb ("**a man** died"), counted dead
("at least **20** dead", "**5** deaths", "the bodies of **two men** were found") and stated
totals ("**1** fatality", "the death toll rose to **12**"). Each victim phrase is counted once:
a number ("1-4 soldiers" is 1, the lower bound), an indefinite singular ("a man": 1), a definite
singular ("the driver": 1, used only when nothing else is counted), or a vague plural
("dozens", "civilians": no number, text kept).

ASSAULT events of one article are grouped into *incidents*: consecutive real events (no
negation, hypothetical or future aux mode) that share a date and are not announced as separate
("In a separate attack"). A mention belongs to the incident of its sentence, else to the last
incident before it (at most two sentences back), so deaths of another day's attack are never
counted. An incident's count is its largest stated total if there is one, else the sum of its
counted victims; every event of the incident carries it, so the count stays the same whichever
of "shot" and "killed" survives as the one event of an act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ..nlp import evolve
from ..nlp.view import view
from ..records import Event
from .lexicon import bundled_path

__all__ = ["DeathMention", "FatalityWords", "assign_fatalities", "find_deaths", "load_fatality_words",
           "parse_count"]

VAGUE = -1  # parse_count's answer for a vague count ("dozens")
_UNREAL = frozenset({"negation", "hypothetical", "future"})
_NUM_TOKEN = re.compile(r"\d[\d,]*")
_SUBJ = ("nsubj", "nsubjpass")
_KILL_MANNER = frozenset({"shoot", "beat", "stab", "hack", "burn", "stone", "gun", "club", "crush", "shell"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "single"})
_DEFINITE = frozenset({"the", "his", "her", "their", "its", "this", "that"})
_PRONOUN_ONE = frozenset({"he", "him", "she", "her"})
MAX_BACK = 2  # sentences: how far after its incident's last sentence a mention may stand


@dataclass(frozen=True)
class FatalityWords:
    """The lexicon of data/events/fatalities.yaml."""

    numbers: dict[str, int]
    kill_verbs: frozenset[str]
    die_verbs: frozenset[str]
    dead_complements: frozenset[str]
    death_nouns: frozenset[str]
    summary_nouns: frozenset[str]
    body_verbs: frozenset[str]
    not_people: frozenset[str]
    zero: re.Pattern[str]
    separate: re.Pattern[str]
    vague_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    attempt_verbs: frozenset[str]
    stated: tuple[re.Pattern[str], re.Pattern[str]]  # "coded as 6"; "split across 4 events"


@dataclass(frozen=True)
class DeathMention:
    """One statement of deaths: the count (None: vague or none), its kind, words and offsets."""

    count: int | None
    kind: str  # summary, strong, weak, vague, zero
    text: str
    span: tuple[int, int]
    sentence_index: int
    victims: tuple[int, ...] = ()  # token indices of the counted victim heads
    claimed: bool = False  # inside what someone claims ("the army claimed that 15 were killed")


@cache
def load_fatality_words() -> FatalityWords:
    """Load ``data/events/fatalities.yaml`` once per process."""
    data: dict[str, Any] = yaml.safe_load(bundled_path("fatalities.yaml").read_text(encoding="utf-8")) or {}
    numbers = {str(k).lower(): (VAGUE if v == "X" else int(v)) for k, v in (data.get("numbers") or {}).items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    def phrases(key: str) -> re.Pattern[str]:
        alt = "|".join(re.escape(str(p)).replace(r"\ ", r"\s+")
                       for p in sorted(data.get(key) or (), key=len, reverse=True))
        return re.compile(rf"\b(?:{alt or '(?!)'})\b", re.IGNORECASE)

    return FatalityWords(numbers, words("kill_verbs"), words("die_verbs"), words("dead_complements"),
                         words("death_nouns"), words("summary_nouns"), words("body_verbs"), words("not_people"),
                         phrases("zero_phrases"), phrases("separate_cues"), words("vague_nouns"),
                         words("claim_verbs"), words("attempt_verbs"), _stated(data))


def _stated(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes of a total restated after its noun ("coded as 6") and of a share ("split across 4 events")."""
    def alt(key: str) -> str:
        return "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in data.get(key) or ()) or "(?!)"

    coded = re.compile(rf"[^.;]{{0,80}}?\b(?:{alt('stated_as')})\s+(\d[\d,]*)", re.IGNORECASE)
    share = re.compile(rf"[^.;]{{0,40}}?\b(?:{alt('shared_across')})\s+(\d+|\w+)\s+"
                       rf"(?:separate\s+)?(?:events|incidents|locations|days)", re.IGNORECASE)
    return coded, share


def parse_count(text: str, numbers: dict[str, int]) -> int | None:
    """Return the number a counting phrase states: "at least 20" 20, "1-4" 1, "twenty-five" 25.

    ``VAGUE`` (-1) for vague counts ("dozens", "several"), None when there is no count.
    """
    low = text.lower().replace("\u2013", "-")
    m = _NUM_TOKEN.search(low)
    if m:
        return int(m.group(0).replace(",", ""))
    total = 0
    found = False
    for phrase in sorted((k for k in numbers if " " in k), key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return numbers[phrase]
    for word in re.findall(r"[a-z]+", low):
        v = numbers.get(word)
        if v is None:
            continue
        if v == VAGUE:
            return VAGUE if not found else total
        if v in (100, 1000) and found:
            total *= v
        elif found and total >= 20 and v < 10:
            total += v  # twenty-five
        elif found:
            break  # a second number: "1 or 2" -> the first
        else:
            total = v
        found = True
    return total if found else None


@dataclass
class _Counted:
    count: int | None = None
    kind: str = ""
    tokens: list[int] = field(default_factory=list)
    victims: list[int] = field(default_factory=list)
    parts: list[tuple[int | None, str]] = field(default_factory=list)

    def add(self, value: int | None, kind: str, tok: int) -> None:
        """Add one counted victim phrase and recompute the count (strong sum, else weak sum)."""
        self.parts.append((value, kind))
        self.tokens.append(tok)
        self.victims.append(tok)
        for k in ("strong", "weak", "vague", "zero"):
            vals = [v for v, kk in self.parts if kk == k]
            if vals:
                self.kind = k
                self.count = sum(v or 0 for v in vals) if k in ("strong", "weak") else None
                return


def _number_of(tok: Token, words: FatalityWords) -> int | None:
    """The count a number-like token states, reading its modifiers ("at least", "1-4")."""
    if not (tok.like_num or tok.pos_ == "NUM" or tok.lower_ in words.numbers):
        return None
    v = view(tok.doc)
    return parse_count(v.span_text(tok.left_edge.i, tok.i + 1), words.numbers)


def _np_value(n: Token, words: FatalityWords) -> tuple[int | None, str] | None:
    """The count one noun phrase head states (without its conjuncts), or None if it counts nobody."""
    quantity = n.lower_ in words.numbers or n.lemma_.lower() in words.vague_nouns or _number_of(n, words) is not None
    for p in n.children if quantity else ():  # "a dozen of their livestock", "dozens of cattle"
        if p.dep_ == "prep" and p.lower_ == "of" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in words.not_people for c in p.children):
            return None
    if n.lemma_.lower() in words.vague_nouns:  # "an unspecified number of civilians"
        return VAGUE, "vague"
    own = _number_of(n, words)
    if own is not None:
        return own, "strong"
    for c in n.children:
        if c.dep_ in ("nummod", "quantmod"):
            value = _number_of(c, words)
            if value is not None:
                return value, "strong"
        if c.dep_ == "amod" and c.lower_ in words.numbers:
            return words.numbers[c.lower_], "strong"
    dets = [c.lower_ for c in n.children if c.dep_ == "det"]
    # "a man's body", "a regime army member": the phrase's first word is its article
    first = n.left_edge
    if first.i < n.i and first.pos_ == "DET":
        dets.append(first.lower_)
    owners = [c for c in n.children if c.dep_ == "poss"]
    if "no" in dets:
        return None, "zero"
    if n.lower_ == "dozen":
        return 12, "strong"
    if n.tag_ in ("NN", "NNP") or n.lower_ in _PRONOUN_ONE:
        if any(d in _INDEFINITE for d in dets):
            return 1, "strong"
        if (n.lower_ in _PRONOUN_ONE or any(d in _DEFINITE for d in dets) or owners or n.tag_ == "NNP"):
            return 1, "weak"
        return None
    if n.tag_ in ("NNS", "NNPS") or n.lower_ in ("they", "them"):
        return None, "vague"
    return None


def _count_np(n: Token, words: FatalityWords, out: _Counted, depth: int = 0) -> None:
    """Add the victims of the noun phrase headed by ``n`` (with its conjuncts) to ``out``."""
    if depth > 6 or n.lemma_.lower() in words.not_people:
        return
    got = _np_value(n, words)
    if got is not None:
        value, kind = got
        if value == VAGUE:
            value, kind = None, "vague"
        out.add(value, kind, n.i)
    for c in n.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or c.dep_ == "appos" and got is None:
            _count_np(c, words, out, depth + 1)


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJ:
            return c
    return None


def _object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and _object(verb) is None)


def _kill_victim(verb: Token) -> Token | None:
    """The victim of a killing verb: passive subject, object, the noun it modifies, or its conjunct head's."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "the three people killed in the attack"
    obj = _object(verb)
    if obj is not None:
        return obj
    subj = _subject(verb)
    if subj is not None:
        return subj if subj.dep_ == "nsubjpass" or _passive(verb) else None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        if _passive(verb):
            s = _subject(head)
            return s if s is not None and (s.dep_ == "nsubjpass" or _passive(head)) else None
        return _object(head)
    for c in verb.children:  # "killed and burned a driver": the object on the conjunct
        if c.dep_ == "conj" and c.pos_ == "VERB":
            cc = [x.lower_ for x in verb.children if x.dep_ == "cc"]
            if "or" in cc:
                return None
            return _object(c)
    if verb.dep_ in ("ROOT", "ccomp", "conj") and verb.tag_ == "VBN":
        return None
    return None


def _alternative(verb: Token) -> bool:
    """Whether the verb is one of two alternatives ("wounded or killed", "killed or injured")."""
    heads = [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(c.dep_ == "cc" and c.lower_ == "or" for h in heads for c in h.children)


def _is_kill(tok: Token, words: FatalityWords) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in words.kill_verbs:
        return True
    if lemma in _KILL_MANNER:  # "shot dead", "beaten to death"
        for c in tok.children:
            if c.lower_ in words.dead_complements and c.dep_ in ("oprd", "acomp", "advmod", "dobj", "xcomp",
                                                                     "amod", "npadvmod", "ccomp"):
                return True
            if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
                return True
    return False


def _mention(doc: Doc, trigger: Token, words: FatalityWords, counted: _Counted, kind: str | None = None) -> DeathMention | None:
    if not counted.kind:
        return None
    v = view(doc)
    idx = set(counted.tokens) | {trigger.i}
    # a victim's own counting words ("at least 20", "a") start the phrase; not its relative clauses
    lefts = [min((c.left_edge.i for c in doc[i].children if c.i < i and c.dep_ in ("nummod", "quantmod", "det",
                                                                                   "amod", "compound", "poss")),
                 default=i) for i in idx]
    start, end = min(lefts), max(idx) + 1
    if end - start > 25:  # distant words: keep the trigger and the nearest counted word
        near = min(counted.tokens or [trigger.i], key=lambda i: abs(i - trigger.i))
        start, end = min(near, trigger.i), max(near, trigger.i) + 1
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return DeathMention(counted.count, kind or counted.kind, v.text[a:b], (a, b), v.sent_of[trigger.i],
                        tuple(counted.victims), _under(trigger, words.claim_verbs))


def _under(tok: Token, lemmas: frozenset[str], max_steps: int = 6) -> bool:
    """Whether a verb of ``lemmas`` governs ``tok``'s clause (through complements and conjuncts)."""
    t = tok
    for _ in range(max_steps):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("ccomp", "xcomp", "conj", "advcl", "dobj", "nsubj", "nsubjpass", "acl", "relcl") \
                and t.head.lemma_.lower() in lemmas:
            return True
        t = t.head
    return False


def find_deaths(doc: Doc, words: FatalityWords, sentences: set[int] | None = None) -> list[DeathMention]:
    """Return the death mentions of ``doc`` (only in ``sentences`` when given), in text order."""
    v = view(doc)
    out: list[DeathMention] = []
    for k, (s, e) in enumerate(v.sent_bounds):
        if sentences is not None and k not in sentences:
            continue
        for tok in v.tokens[s:e]:
            m = _death_at(doc, tok, words)
            if m is not None:
                out.append(m)
        text = v.text[v.tokens[s].idx:v.tokens[e - 1].idx + len(v.tokens[e - 1].text)] if e > s else ""
        for zm in words.zero.finditer(text):
            a = v.tokens[s].idx + zm.start()
            out.append(DeathMention(None, "zero", zm.group(0), (a, a + len(zm.group(0))), k))
    out.sort(key=lambda m: m.span)
    return out


def _death_at(doc: Doc, tok: Token, words: FatalityWords) -> DeathMention | None:
    lemma = tok.lemma_.lower()
    pos = tok.pos_
    counted = _Counted()
    if pos in ("VERB", "ADJ", "AUX") and _is_kill(tok, words):
        if _under(tok, words.attempt_verbs, 2) or _alternative(tok):
            return None  # "tried to assassinate", "wounded or killed"
        victim = _kill_victim(tok)
        if victim is not None:
            _count_np(victim, words, counted)
        return _mention(doc, tok, words, counted)
    if pos == "VERB" and (lemma in words.die_verbs or (lemma == "lose" and any(
            c.lemma_.lower() == "life" for c in tok.children if c.dep_ == "dobj"))):
        subj = _subject(tok)
        if subj is None and tok.dep_ == "conj":
            subj = _subject(tok.head)
        if subj is not None:
            _count_np(subj, words, counted)
        return _mention(doc, tok, words, counted)
    if lemma == "dead" or tok.lower_ == "dead":
        head = tok.head
        if any(c.dep_ == "nummod" for c in tok.children):
            _count_np(tok, words, counted)
        elif head.i != tok.i and _number_of(head, words) is not None:
            _count_np(head, words, counted)
        elif tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl") and head.pos_ in ("VERB", "AUX"):
            if _is_kill(head, words):
                return None  # "shot dead": counted on the verb
            target = _subject(head) if _object(head) is None else _object(head)
            if target is None and head.dep_ == "conj":  # "was taken away and later found dead"
                target = _subject(head.head)
            if target is not None:
                _count_np(target, words, counted)
        return _mention(doc, tok, words, counted)
    if pos in ("NOUN", "PROPN") and (lemma in words.death_nouns or lemma in words.summary_nouns):
        return _death_noun(doc, tok, lemma, words, counted)
    return None


def _death_noun(doc: Doc, tok: Token, lemma: str, words: FatalityWords, counted: _Counted) -> DeathMention | None:
    summary = lemma in words.summary_nouns
    if lemma == "toll":
        for c in list(tok.head.children) + list(tok.children):
            if c.dep_ == "prep" and c.lower_ in ("to", "at", "of"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        _count_np(g, words, counted)
        if counted.count is None:
            for c in tok.head.children:
                if c.dep_ in ("attr", "dobj") and c.i != tok.i:
                    _count_np(c, words, counted)
        return _mention(doc, tok, words, counted, "summary" if counted.count is not None else None)
    if lemma == "death" and tok.head.lower_ == "to" and not any(c.dep_ == "prep" for c in tok.children):
        return None  # "beaten to death": counted on the verb ("leading to the death of 5" is not)
    if lemma in ("body", "corpse") and not _found(tok, words):
        return None
    if lemma == "victim" and not any(c.dep_ == "nummod" for c in tok.children):
        return None
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if of and not any(c.dep_ == "nummod" for c in tok.children):
        _count_np(of[0], words, counted)  # "the deaths of three people", "the bodies of two men"
    else:
        _count_np(tok, words, counted)
        if counted.kind == "weak" and lemma != "body":
            return None  # "the death" alone counts no one new
    if summary:
        coded, parts = _restated(doc, tok, words)
        if coded is not None:
            counted.count, counted.kind = coded, "summary"
        elif parts is not None:
            return DeathMention(parts, "share", tok.text, (tok.idx, tok.idx + len(tok.text)), view(doc).sent_of[tok.i])
        if counted.count is not None:
            return _mention(doc, tok, words, counted, "summary")
    return _mention(doc, tok, words, counted)


def _restated(doc: Doc, tok: Token, words: FatalityWords) -> tuple[int | None, int | None]:
    """A total restated after its noun ("coded as 6"), else the number of events it is shared across."""
    v = view(doc)
    end = tok.idx + len(tok.text)
    coded, share = words.stated
    m = coded.match(v.text, end, min(len(v.text), end + 120))
    if m is not None:
        return int(m.group(1).replace(",", "")), None
    m = share.match(v.text, end, min(len(v.text), end + 80))
    parts = parse_count(m.group(1), words.numbers) if m is not None else None
    return None, (parts if parts is not None and parts > 0 else None)


def _found(tok: Token, words: FatalityWords) -> bool:
    t = tok
    for _ in range(3):
        if t.lemma_.lower() in words.body_verbs:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


@dataclass
class _Incident:
    events: list[int]
    date: str | None
    first: int
    last: int
    mentions: list[DeathMention] = field(default_factory=list)


def _separate(doc: Doc, sentence: int, words: FatalityWords) -> bool:
    v = view(doc)
    start = v.sent_start_chars[sentence]
    return words.separate.search(v.text, start, min(v.sent_end_chars[sentence], start + 60)) is not None


def _incidents(doc: Doc, events: Sequence[Event], words: FatalityWords) -> list[_Incident]:
    out: list[_Incident] = []
    order = sorted((i for i, e in enumerate(events) if e.event == "ASSAULT" and not (_UNREAL & set(e.aux_mode))),
                   key=lambda i: events[i].span)
    for i in order:
        ev = events[i]
        cur = out[-1] if out else None
        same = (cur is not None and (ev.date == cur.date or ev.date is None or cur.date is None)
                and ev.sentence_index - cur.last <= MAX_BACK + 1
                and (ev.sentence_index == cur.last or not _separate(doc, ev.sentence_index, words)))
        if cur is not None and same:
            cur.events.append(i)
            cur.last = max(cur.last, ev.sentence_index)
        else:
            out.append(_Incident([i], ev.date, ev.sentence_index, ev.sentence_index))
    return out


def _owner(m: DeathMention, incidents: list[_Incident], events: Sequence[Event]) -> _Incident | None:
    here = [inc for inc in incidents if inc.first <= m.sentence_index <= inc.last]
    if here:
        before = [inc for inc in here if any(events[i].span[0] <= m.span[1] for i in inc.events)]
        return before[-1] if before else here[0]
    earlier = [inc for inc in incidents if inc.last < m.sentence_index]
    if earlier and m.sentence_index - earlier[-1].last <= MAX_BACK:
        return earlier[-1]
    later = [inc for inc in incidents if inc.first > m.sentence_index]
    if not earlier and later and later[0].first - m.sentence_index <= 1:
        return later[0]
    return None


def _total(mentions: list[DeathMention]) -> tuple[int | None, str | None]:
    """An incident's count and words (see the module docstring).

    The last stated total ("1 fatality", "coded as 6") wins; else the sum of the victims counted
    by number or indefinite article (each victim phrase once); else a definite "the driver" (1).
    Counts inside a claim yield to counts the report states itself; among claims only, the
    lowest wins.
    """
    shares = [m.count for m in mentions if m.kind == "share" and m.count]
    count, words = _counted_total([m for m in mentions if m.kind != "share"])
    if count is not None and shares:
        return -(-count // shares[-1]), words  # "20 killed ... split across five events" -> 4
    return count, words


def _counted_total(mentions: list[DeathMention]) -> tuple[int | None, str | None]:
    own = [m for m in mentions if not m.claimed]
    claims = [m for m in mentions if m.claimed]
    for group in (own, claims):
        summary = [m for m in group if m.kind == "summary" and m.count is not None]
        if summary:
            return summary[-1].count, summary[-1].text
    for group in (own, claims):
        seen: set[int] = set()
        strong: list[DeathMention] = []
        for m in group:
            if m.kind == "strong" and m.count is not None and not (seen & set(m.victims)):
                strong.append(m)
                seen |= set(m.victims)
        if strong and group is own:
            return sum(m.count or 0 for m in strong), "; ".join(m.text for m in strong)
        if strong:
            low = min(strong, key=lambda m: m.count or 0)
            return low.count, low.text
        weak = [m for m in group if m.kind == "weak" and m.count is not None]
        if weak:
            top = max(weak, key=lambda m: m.count or 0)
            return top.count, top.text
    for kind in ("vague", "zero"):
        found = [m for m in mentions if m.kind == kind]
        if found:
            return None, found[0].text
    return None, None


def assign_fatalities(doc: Doc, events: Sequence[Event], words: FatalityWords | None = None) -> list[Event]:
    """Return ``events`` with ``fatalities``/``fatalities_text`` set on every ASSAULT event (see module doc)."""
    words = words or load_fatality_words()
    out = list(events)
    incidents = _incidents(doc, events, words)
    if not incidents:
        return out
    wanted = {k for inc in incidents for k in range(max(0, inc.first - 1), inc.last + MAX_BACK + 1)}
    for m in find_deaths(doc, words, wanted):
        inc = _owner(m, incidents, events)
        if inc is not None:
            inc.mentions.append(m)
    for inc in incidents:
        count, text = _total(inc.mentions)
        for i in inc.events:
            out[i] = evolve(out[i], fatalities=count, fatalities_text=text)
    return out
