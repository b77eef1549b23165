"""A vectorised twin of spaCy's ``attribute_ruler``: the same rules, the same result, without the Matcher.

The small English model's attribute ruler maps each fine tag to its coarse part of speech and
morphology and fixes a few words (179 rules of one or two tokens testing ``TAG``, ``LOWER``, ``DEP``
and ``IS_SPACE``). spaCy runs them through its token Matcher, a tenth of the whole parse's time. Here
every rule is compiled into comparisons over the document's attribute arrays, applied in the ruler's
own order (a later rule overrides an earlier one, as spaCy sorts matches by rule), and written back
with ``Doc.from_array``; rules that set attributes other than ``POS`` and ``MORPH`` are rare and are
set token by token. Matching reads the document as it was before any rule, as the Matcher does.
A rule the compiler does not understand makes it decline (``compile_ruler`` returns ``None``) and the
stock component stays; tests compare both on real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "compile_ruler", "use_fast_attribute_ruler"]

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OTHER = 1  # stands for every lower-case form no one-token rule tests
_CACHE_LIMIT = 50_000  # outcomes and word tests kept; cleared when passed (a long batch stays bounded)


@dataclass(frozen=True)
class _Test:
    """One token's test of one attribute: the hashes allowed (or refused, with ``negate``), or a regex."""

    column: int
    values: np.ndarray
    negate: bool
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Rule:
    """One rule: alternative token sequences, the position in the match that is set, the values set."""

    sequences: tuple[tuple[tuple[_Test, ...], ...], ...]
    index: int
    attrs: dict[int, int]


def _test(vocab: Any, column: int, key: str, spec: Any) -> _Test | None:
    def code(v: Any) -> int:
        if key == "IS_SPACE":
            return int(bool(v))
        return int(vocab.strings.add(v)) if v != "" else 0

    if isinstance(spec, dict):
        if set(spec) == {"REGEX"} and key == "LOWER":
            return _Test(column, np.array([], dtype=np.uint64), False, re.compile(spec["REGEX"]))
        if set(spec) == {"IN"}:
            return _Test(column, np.array([code(v) for v in spec["IN"]], dtype=np.uint64), False)
        if set(spec) == {"NOT_IN"}:
            return _Test(column, np.array([code(v) for v in spec["NOT_IN"]], dtype=np.uint64), True)
        return None
    if isinstance(spec, (str, bool)):
        return _Test(column, np.array([code(spec)], dtype=np.uint64), False)
    return None


def compile_ruler(ruler: Any) -> FastAttributeRuler | None:
    """Compile a spaCy ``AttributeRuler`` (None when one of its rules uses a test this twin lacks)."""
    from spacy.attrs import MORPH, POS

    rules = []
    for i in range(len(ruler.attrs)):
        found = ruler.matcher.get(str(i))
        if found is None:
            return None
        sequences = []
        for pattern in found[1]:
            seq = []
            for token in pattern:
                tests = []
                for key, spec in token.items():
                    if key not in _KEYS:
                        return None
                    t = _test(ruler.vocab, _KEYS.index(key), key, spec)
                    if t is None:
                        return None
                    tests.append(t)
                seq.append(tuple(tests))
            sequences.append(tuple(seq))
        if any(not isinstance(k, int) or not isinstance(v, int) for k, v in ruler.attrs[i].items()):
            return None  # spaCy stores attribute ids and value hashes; anything else is beyond this twin
        attrs = {int(k): int(v) for k, v in ruler.attrs[i].items()}
        rules.append(_Rule(tuple(sequences), int(ruler.indices[i]), attrs))
    return FastAttributeRuler(tuple(rules), int(POS), int(MORPH))


class FastAttributeRuler:
    """Apply compiled attribute rules to a parsed ``Doc`` (a spaCy component).

    One-token rules depend only on a token's (tag, lower-case form if some rule tests it, dep, is_space):
    their merged outcome is computed once per such combination and cached (bounded), so a document
    costs a dictionary lookup per distinct combination. The few two-token rules are matched over the arrays. For every token
    and attribute the rule that matched last in the ruler's order wins, as in spaCy.
    """

    def __init__(self, rules: tuple[_Rule, ...], pos: int, morph: int) -> None:
        self.rules = rules
        self.pos = pos
        self.morph = morph
        self.single = [(n, r) for n, r in enumerate(rules) if all(len(seq) == 1 for seq in r.sequences)]
        self.multi = [(n, r) for n, r in enumerate(rules) if any(len(seq) != 1 for seq in r.sequences)]
        tests = [t for _, r in self.single for seq in r.sequences for t in seq[0]]
        self._lowers = {int(v) for t in tests if t.column == _KEYS.index("LOWER") for v in t.values.tolist()}
        self._lower_regexes = [t.regex for t in tests if t.regex is not None]
        self._relevant: dict[int, bool] = {}  # lower-case form -> whether a one-token rule looks at it
        self._cache: dict[bytes, tuple[int, int, int, int, dict[int, tuple[int, int]]]] = {}

    def _outcome(self, doc: Doc, row: tuple[int, ...]) -> dict[int, tuple[int, int]]:
        """attribute -> (rule number, value) of the last one-token rule that matches a token like ``row``."""
        got: dict[int, tuple[int, int]] = {}
        for n, rule in self.single:
            if any(all(self._passes(doc, row, t) for t in seq[0]) for seq in rule.sequences):
                for attr, value in rule.attrs.items():
                    got[attr] = (n, value)
        return got

    @staticmethod
    def _passes(doc: Doc, row: tuple[int, ...], t: _Test) -> bool:
        v = row[t.column]
        if t.regex is not None:
            return v != _OTHER and _regex_found(doc, t.regex, v)
        hit = v in t.values.tolist()
        return not hit if t.negate else hit

    def _is_relevant(self, doc: Doc, lower: int) -> bool:
        """Whether a one-token rule tests this lower-case form (by value or by regex)."""
        hit = self._relevant.get(lower)
        if hit is None:
            if len(self._relevant) > _CACHE_LIMIT:
                self._relevant.clear()
            hit = self._relevant[lower] = lower in self._lowers or any(
                _regex_found(doc, rx, lower) for rx in self._lower_regexes)
        return hit

    def _one_token_outcomes(self, doc: Doc, cols: np.ndarray
                            ) -> tuple[np.ndarray, np.ndarray, dict[int, dict[int, tuple[int, int]]]]:
        """Per token: the rule numbers (n x 2) and values (n x 2) one-token rules give POS and MORPH, and the
        other attributes they set. Tokens alike in every tested respect share one outcome, cached."""
        col = _KEYS.index("LOWER")
        lowers, inverse = np.unique(cols[:, col], return_inverse=True)
        keep = np.array([self._is_relevant(doc, v) for v in lowers.tolist()], dtype=bool)
        keyed = cols.copy()
        keyed[:, col] = np.where(keep[inverse.ravel()], cols[:, col], np.uint64(_OTHER))
        keys = np.ascontiguousarray(keyed).view(np.dtype((np.void, keyed.shape[1] * 8))).ravel()
        unique, rows = np.unique(keys, return_inverse=True)
        found = []
        for key in unique.tolist():
            o = self._cache.get(key)
            if o is None:
                if len(self._cache) > _CACHE_LIMIT:
                    self._cache.clear()
                got = self._outcome(doc, tuple(int(v) for v in np.frombuffer(key, dtype=np.uint64)))
                pos, morph = got.get(self.pos, (-1, 0)), got.get(self.morph, (-1, 0))
                o = self._cache[key] = (pos[0], morph[0], pos[1], morph[1],
                                        {a: nv for a, nv in got.items() if a not in (self.pos, self.morph)})
            found.append(o)
        rows = rows.ravel()
        rule = np.array([[o[0], o[1]] for o in found], dtype=np.int64)[rows]
        value = np.array([[o[2], o[3]] for o in found], dtype=np.uint64)[rows]
        other = {i: dict(found[r][4]) for i, r in enumerate(rows.tolist()) if found[r][4]}
        return rule, value, other

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if n == 0:
            return doc
        cols = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).astype(np.uint64)
        out = doc.to_array([POS, MORPH]).astype(np.uint64)
        rule, value, other = self._one_token_outcomes(doc, cols)  # which rule set POS / MORPH, to what
        for number, r in self.multi:  # two-token rules: the later rule wins, whichever kind it is
            for seq in r.sequences:
                span = len(seq)
                if span > n:
                    continue
                ok = np.ones(n - span + 1, dtype=bool)
                for k, tests in enumerate(seq):
                    for t in tests:
                        if t.regex is None:
                            hit = np.isin(cols[k:n - span + 1 + k, t.column], t.values)
                            ok &= ~hit if t.negate else hit
                for k, tests in enumerate(seq):  # regexes last, only where the rest matched
                    for t in tests:
                        if t.regex is not None:
                            where = np.nonzero(ok)[0]
                            ok[where] = _regex_hits(doc, cols[where + k, t.column], t.regex)
                at = r.index if r.index >= 0 else span + r.index
                for i in (np.nonzero(ok)[0] + at).tolist():
                    for attr, v in r.attrs.items():
                        col = 0 if attr == self.pos else 1 if attr == self.morph else -1
                        if col >= 0:
                            if number > rule[i, col]:
                                rule[i, col], value[i, col] = number, v
                        elif number > other.get(i, {}).get(attr, (-1, 0))[0]:
                            other.setdefault(i, {})[attr] = (number, v)
        for col in (0, 1):
            hit = rule[:, col] >= 0
            out[hit, col] = value[hit, col]
        doc.from_array([POS, MORPH], out)  # type: ignore[arg-type]
        for i, attrs in other.items():
            set_token_attrs(doc[i], {a: v for a, (_, v) in attrs.items()})
        return doc


_REGEX_SEEN: dict[tuple[str, int], bool] = {}  # (pattern, hash) -> found; bounded like the outcomes


def _regex_found(doc: Doc, regex: re.Pattern[str], value: int) -> bool:
    """Whether the regex finds the string hashed ``value`` (the Matcher's ``re.search``; no string: no), remembered."""
    hit = _REGEX_SEEN.get((regex.pattern, value))
    if hit is None:
        if len(_REGEX_SEEN) > _CACHE_LIMIT:
            _REGEX_SEEN.clear()
        hit = _REGEX_SEEN[(regex.pattern, value)] = bool(value) and regex.search(doc.vocab.strings[value]) is not None
    return hit


def _regex_hits(doc: Doc, column: np.ndarray, regex: re.Pattern[str]) -> np.ndarray:
    """Which hashed strings of ``column`` the regex finds."""
    values, inverse = np.unique(column, return_inverse=True)
    found = np.array([_regex_found(doc, regex, v) for v in values.tolist()], dtype=bool)
    return found[inverse.ravel()]


_COMPILED: dict[int, FastAttributeRuler] = {}  # handed from use_fast_attribute_ruler to the factory


def use_fast_attribute_ruler(nlp: Language) -> bool:
    """Put the compiled twin in place of ``nlp``'s attribute ruler, under the same name.

    Returns False, changing nothing, when there is no ruler or one of its rules is beyond the compiler.
    """
    from spacy.language import Language as _Language

    if "attribute_ruler" not in nlp.pipe_names or isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler):
        return False
    fast = compile_ruler(nlp.get_pipe("attribute_ruler"))
    if fast is None:
        return False
    if "eventwire_attribute_ruler" not in _Language.factories:
        @_Language.factory("eventwire_attribute_ruler")
        def _make(nlp: Language, name: str) -> FastAttributeRuler:
            """The twin compiled for this ``nlp`` just before (see ``use_fast_attribute_ruler``)."""
            return _COMPILED.pop(id(nlp))
    _COMPILED[id(nlp)] = fast
    nlp.replace_pipe("attribute_ruler", "eventwire_attribute_ruler")
    return True
