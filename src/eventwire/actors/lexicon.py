"""Phrase tables built once from the knowledge base, and the longest-match scanner over tokens.

Every name, alias, demonym, seat of government, title and agent noun is tokenised with the
pipeline's own tokenizer at load time and stored under the tuple of its folded token texts, so
matching an article is one dict probe per token (plus a probe per extra token of a candidate).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .kb import KnowledgeBase, norm

__all__ = ["Hit", "Lexicon", "Title", "load_pairs", "load_sector_table", "plurals"]

HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "dr": None, "dr.": None, "sir": "m", "madam": "f", "dame": "f", "lord": "m", "lady": "f",
    "m.": "m", "mme": "f", "mme.": "f",
}
_IRREGULAR = {"man": "men", "woman": "women", "child": "children", "person": "people",
              "policeman": "policemen", "gunman": "gunmen", "militiaman": "militiamen",
              "serviceman": "servicemen", "businessman": "businessmen", "congressman": "congressmen",
              "chief": "chiefs", "staff": "staff", "police": "police", "aircraft": "aircraft",
              "media": "media", "press": "press", "military": "military", "intelligence": "intelligence",
              "thief": "thieves"}


def plurals(term: str) -> list[str]:
    """Return ``term`` and its regular plural forms (the last word is inflected)."""
    words = term.split(" ")
    last = words[-1]
    if last in _IRREGULAR:
        forms = [_IRREGULAR[last]]
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        forms = [last + "es"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    out = [term]
    for f in forms:
        p = " ".join([*words[:-1], f])
        if p not in out:
            out.append(p)
    return out


@dataclass(frozen=True)
class Title:
    """A title or agent noun: the sector it implies and the office role it names, if any."""

    text: str
    sector: str | None
    role: str | None = None
    plural: bool = False
    is_title: bool = True  # may precede a name; agents are common nouns


@dataclass(frozen=True)
class Hit:
    """One lexicon entry found at token positions ``[start, end)``."""

    start: int
    end: int
    kind: str  # country, demonym, seat, actor, title, gtitle, agent, honorific
    value: str  # iso3, actor key, title text, gender
    title: Title | None = None
    exact_case: bool = False
    weak: bool = False  # single-token person alias: needs NER or a title to be trusted
    plural: bool = False
    stance: str | None = None  # "pro"/"anti" before the hit ("pro-Iran", "anti-Houthi"): set in composition


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """Read a two-column TSV with a header (``regions.tsv``, ``ethnic.tsv``) as ``(name, iso3)``."""
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            parts = line.rstrip("\n").split("\t")
            if i == 0 or not parts[0] or line.startswith("#"):
                continue
            out.append((parts[0], parts[1].strip() if len(parts) > 1 else ""))
    return out


def load_sector_table(path: Path, key: str) -> list[tuple[str, str | None, str | None]]:
    """Read ``agents.tsv``/``titles.tsv`` rows as ``(term, sector, role)``."""
    rows: list[tuple[str, str | None, str | None]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        term = (row.get(key) or "").strip().lower()
        if term:
            rows.append((term, (row.get("sector") or "").strip() or None, (row.get("role") or "").strip() or None))
    return rows


class Lexicon:
    """Folded token tuples -> hits, with a first-token index bounding the match length."""

    def __init__(self, tokenize: Callable[[str], list[str]]) -> None:
        self.tokenize = tokenize
        self.table: dict[tuple[str, ...], list[Hit]] = {}
        self.maxlen: dict[str, int] = {}
        self.gapped: list[tuple[tuple[str, ...], tuple[str, ...], Title]] = []
        self.single_agents: dict[str, Title] = {}  # lemma -> agent, for inflections not listed
        # first folded token of a gapped title -> its entries, in table order (built on first scan)
        self._gap_index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Title]]] = {}
        self._gap_always: list[tuple[tuple[str, ...], tuple[str, ...], Title]] = []
        self._gap_indexed = -1

    def add(self, phrase: str, kind: str, value: str, title: Title | None = None, *,
            exact_case: bool = False, weak: bool = False, plural: bool = False) -> None:
        """Add ``phrase`` (tokenised and folded) as a hit of ``kind``."""
        toks = tuple(norm(t) for t in self.tokenize(phrase))
        if not toks:
            return
        hit = Hit(0, len(toks), kind, value, title, exact_case, weak, plural)
        lst = self.table.setdefault(toks, [])
        if hit not in lst:
            lst.append(hit)
        if len(toks) > self.maxlen.get(toks[0], 0):
            self.maxlen[toks[0]] = len(toks)

    def build(self, kb: KnowledgeBase, titles: Iterable[tuple[str, str | None, str | None]],
              agents: Iterable[tuple[str, str | None, str | None]],
              regions: Iterable[tuple[str, str]] = (), ethnic: Iterable[tuple[str, str]] = ()) -> None:
        """Fill the tables from the knowledge base, titles, agents, regions and ethnic groups."""
        for name, iso3 in regions:
            self.add(name, "place", iso3)
        for term, iso3 in ethnic:
            if iso3:
                self.add(term, "demonym", iso3, plural=term.endswith("s"))
            else:
                self.add(term, "norp", "")
        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                n = n[4:] if n.lower().startswith("the ") else n
                self.add(n, "country", c.iso3, exact_case=n.isupper() and len(n) <= 4)
            for d in c.demonyms:
                self.add(d, "demonym", c.iso3, exact_case=d.isupper(), plural=d.endswith("s") and d[:-1] in c.demonyms)
            for s in {*(c.seats), *([c.capital] if c.capital else [])}:
                s = s[4:] if s.lower().startswith("the ") else s
                self.add(s, "seat", c.iso3)
        for key, actor in kb.actors.items():
            names = {actor.name, *(a for r in actor.records for a in r.aliases)}
            for n in names:
                n = n[4:] if n.lower().startswith("the ") else n
                if key not in kb.by_name.get(norm(n).strip(), ()):
                    continue  # a later file took this name over
                weak = actor.kind == "person" and len(self.tokenize(n)) == 1
                self.add(n, "actor", key, exact_case=n.isupper() and len(n) <= 5, weak=weak)
        for term, sector, role in titles:
            t = Title(term, sector, role)
            if "{}" in term:
                pre, post = term.split("{}", 1)
                self.gapped.append((tuple(norm(x) for x in self.tokenize(pre.strip())),
                                    tuple(norm(x) for x in self.tokenize(post.strip())), t))
                continue
            for i, form in enumerate(plurals(term)):
                self.add(form, "title", term, Title(term, sector, role, plural=i > 0))
        for term, sector, _ in agents:
            for i, form in enumerate(plurals(term)):
                self.add(form, "agent", term, Title(term, sector, None, plural=i > 0, is_title=False))
            if " " not in term:
                self.single_agents.setdefault(term, Title(term, sector, None, is_title=False))
        for h, g in HONORIFICS.items():
            self.add(h, "honorific", g or "")

    def scan(self, keys: list[str], texts: list[str], lemmas: list[str]) -> list[Hit]:
        """Return the longest non-overlapping hits over folded token ``keys``.

        ``texts`` (original case) check capitalisation: names must start with a capital letter
        and acronyms must match case exactly ("US", not "us"). ``lemmas`` catch agent nouns in
        inflections the table does not list.
        """
        out: list[Hit] = []
        n = len(keys)
        i = 0
        while i < n:
            k = keys[i]
            found: list[Hit] = []
            span = 0
            gap = self._gapped(keys, i)
            if gap is not None:
                found, span = [gap[0]], gap[1]
            m = self.maxlen.get(k, 0)
            for length in range(min(m, n - i), span, -1):
                cands = self.table.get(tuple(keys[i:i + length]))
                if not cands:
                    continue
                ok = [h for h in cands if self._case_ok(h, texts[i:i + length])]
                if ok:
                    found = [Hit(i, i + length, h.kind, h.value, h.title, h.exact_case, h.weak, h.plural)
                             for h in ok]
                    span = length
                    break
            if not found:
                agent = self.single_agents.get(lemmas[i])
                if agent is not None and texts[i][:1].isalpha():
                    found, span = [Hit(i, i + 1, "agent", agent.text, agent, plural=lemmas[i] != k)], 1
            if found:
                out.extend(found)
                i += span
            else:
                i += 1
        return out

    def _index_gapped(self) -> None:
        """Index the gapped titles by their first token (those with none apply everywhere)."""
        index: dict[str, list[int]] = {}
        always: list[int] = []
        for n, (pre, _post, _title) in enumerate(self.gapped):
            (index.setdefault(pre[0], []) if pre else always).append(n)
        self._gap_index = {k: [self.gapped[n] for n in sorted([*v, *always])] for k, v in index.items()}
        self._gap_always = [self.gapped[n] for n in always]
        self._gap_indexed = len(self.gapped)

    def _gapped(self, keys: list[str], i: int) -> tuple[Hit, int] | None:
        if self._gap_indexed != len(self.gapped):
            self._index_gapped()
        for pre, post, title in self._gap_index.get(keys[i], self._gap_always):
            if tuple(keys[i:i + len(pre)]) != pre:
                continue
            j = i + len(pre)
            if j < len(keys) and keys[j] == "the":
                j += 1
            for length in range(min(4, len(keys) - j), 0, -1):
                cands = self.table.get(tuple(keys[j:j + length]))
                hits = [h for h in cands or () if h.kind in ("country", "demonym")]
                if hits and tuple(keys[j + length:j + length + len(post)]) == post:
                    end = j + length + len(post)
                    return Hit(i, end, "gtitle", hits[0].value, title), end - i
        return None

    @staticmethod
    def _case_ok(hit: Hit, texts: list[str]) -> bool:
        if hit.kind in ("title", "agent", "honorific", "norp"):
            return True
        if hit.exact_case:
            return all(t.isupper() or not t.isalpha() for t in texts)
        return texts[0][:1].isupper() or not texts[0][:1].isalpha()
