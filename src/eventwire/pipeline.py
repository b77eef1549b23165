"""The one place that writes the order of stages, and the reusable :class:`Pipeline` object.

Before the parser, ``eventwire_paragraphs`` (nlp) makes every paragraph break a sentence start.

Order (each a spaCy component after the statistical model; see each stage's ``requires`` and
``assigns``; ``Pipeline.analyze()`` checks the chain):

1. ``eventwire_timexes``   (when)    time expressions normalised against the publication date
2. ``eventwire_places``    (where)   toponyms recognised and resolved against the gazetteer
3. ``eventwire_actors``    (actors)  actor mentions resolved to entities, in-article coreference
4. ``eventwire_quotes``    (quotes)  direct and reported speech with speakers
5. ``eventwire_events``    (events)  PLOVER events: type, mode, actors, recipients, aux modes, context
6. ``eventwire_event_dates``     (when)   each event's date from the governing time expression
7. ``eventwire_event_locations`` (where)  each event's location
8. ``eventwire_event_dedup``     (events) within-article dedup keys and final ids
9. ``eventwire_relevance``       (relevance) political or not: score, decision, reasons
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import clean, deadline, nlp
from .config import Settings, load_settings
from .errors import ArticleTimeout, ArticleTooLarge
from .records import Annotation, Article, Event, Failure

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["PRE_PARSE", "STAGES", "Pipeline"]

log = logging.getLogger("eventwire")

# (component name, module that registers it). Order matters; this list is the only place it is written.
STAGES: tuple[tuple[str, str], ...] = (
    ("eventwire_timexes", "eventwire.when"),
    ("eventwire_places", "eventwire.where"),
    ("eventwire_actors", "eventwire.actors"),
    ("eventwire_quotes", "eventwire.quotes"),
    ("eventwire_events", "eventwire.events"),
    ("eventwire_event_dates", "eventwire.when"),
    ("eventwire_event_locations", "eventwire.where"),
    ("eventwire_event_dedup", "eventwire.events"),
    ("eventwire_relevance", "eventwire.relevance"),
)

# Components placed before the statistical parser: (component name, module, the pipe it precedes).
PRE_PARSE: tuple[tuple[str, str, str], ...] = (
    ("eventwire_paragraphs", "eventwire.nlp.paragraphs", "parser"),
)


_FROZEN = False


def _freeze_loaded_data() -> None:
    """Take what the first pipeline of the process loaded out of the garbage collector's sweeps.

    The model, lexicons, gazetteer indexes and knowledge bases live as long as the process, yet
    every full collection during annotation walked them again (about 2.5 % of the pipeline's CPU
    time). ``gc.freeze`` moves every object alive now to the permanent generation; reference
    counting still frees them. Done once per process: a frozen pipeline that is dropped is not
    freed if it holds reference cycles, so later pipelines (tests, ``--lexicon`` variants) are
    left to the collector.
    """
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


class Pipeline:
    """A loaded eventwire pipeline: build once, then annotate many articles.

    >>> pipe = Pipeline()                      # doctest: +SKIP
    >>> events = pipe.extract("...", date="2024-06-10")  # doctest: +SKIP
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        self.settings = settings or load_settings()
        if overrides:
            self.settings = self.settings.replace(**overrides)
        self._nlp: Language | None = None
        self.model_name: str | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline with eventwire's components, loaded on first use."""
        if self._nlp is None:
            self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import importlib

        model, name = nlp.load_model(self.settings.model)
        self.model_name = name
        from .nlp.attrs import use_fast_attribute_ruler

        use_fast_attribute_ruler(model)  # the same annotations as spaCy's attribute ruler, at a third of its cost
        for component, module, before in PRE_PARSE:
            importlib.import_module(module)
            model.add_pipe(component, before=before if before in model.pipe_names else None)
        for component, module in STAGES:
            importlib.import_module(module)
            model.add_pipe(component, config={})
        for component, _ in STAGES:
            model.get_pipe(component).initialize(settings=self.settings)  # type: ignore[attr-defined]
        _freeze_loaded_data()
        return model

    def analyze(self) -> dict[str, Any]:
        """Return spaCy's analysis of which component requires and assigns what (problems listed)."""
        return dict(self.nlp.analyze_pipes(pretty=False) or {})

    # -- running ---------------------------------------------------------------------------

    def _check(self, article: Article) -> None:
        if len(article.text) > self.settings.max_article_chars:
            raise ArticleTooLarge(
                f"article {article.id} ({article.position or 'input'}): {len(article.text):,} characters "
                f"exceeds max_article_chars={self.settings.max_article_chars:,}; raise it with "
                "--max-article-chars or EVENTWIRE_MAX_ARTICLE_CHARS"
            )

    def _screen(self, article: Article) -> Annotation | None:
        """Return the no-event annotation of an article not to parse (not English), else None."""
        if not self.settings.skip_non_english or not article.text.strip():
            return None
        from .ingest import non_english_warning

        problem = non_english_warning(article)
        return Annotation(article=article, warnings=(problem,)) if problem else None

    def _make_doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(clean.clean_text(article.text))
        doc._.article = article
        return doc

    def _to_annotation(self, doc: Doc) -> Annotation:
        article: Article = doc._.article
        events: list[Event] = list(doc._.ew_events or [])
        if self.settings.min_confidence > 0:
            events = [e for e in events if e.confidence >= self.settings.min_confidence]
        if not self.settings.keep_aux:
            events = [e for e in events if not e.aux_mode]
        if self.settings.political_only:
            events = [e for e in events if e.political]
        warnings = list(doc._.ew_warnings or [])
        if not article.text.strip():
            warnings.append(f"article {article.id}: empty text, no events")
        annotation = Annotation(
            article=article,
            sentences=tuple(nlp.sentence_spans(doc)),
            entities=tuple(doc._.ew_entities or ()),
            places=tuple(doc._.ew_places or ()),
            timexes=tuple(doc._.ew_timexes or ()),
            quotes=tuple(doc._.ew_quotes or ()),
            events=tuple(events),
            warnings=tuple(warnings),
        )
        nlp.clear_view(doc)  # the stages' shared token cache refers back to the Doc: free it now
        return annotation

    def _run_one(self, article: Article) -> Annotation | Failure:
        try:
            self._check(article)
            screened = self._screen(article)
            if screened is not None:
                return screened
            model = self.nlp  # load outside the deadline: loading is not the article's fault
            with _deadline(self.settings.article_timeout_s, f"article {article.id} ({article.position or 'input'})"):
                bounds = nlp.chunk_bounds(article.text)
                pieces = []
                for start, end in bounds:  # a long article in pieces: bounded memory (nlp/chunks.py)
                    piece = article if len(bounds) == 1 else dataclasses.replace(article, text=article.text[start:end])
                    doc = self._make_doc(piece)
                    for _, proc in model.pipeline:
                        doc = proc(doc)
                        deadline.check()
                    pieces.append((start, self._to_annotation(doc)))
                return pieces[0][1] if len(pieces) == 1 else nlp.merge_annotations(article, pieces)
        except ArticleTooLarge as exc:
            return Failure(article.id, article.position, str(exc), stage="limits")
        except ArticleTimeout as exc:
            log.warning("%s", exc)
            return Failure(article.id, article.position, str(exc), stage="timeout")
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the batch
            log.exception("article %s failed", article.id)
            return Failure(
                article.id, article.position, f"article {article.id}: processing failed: {type(exc).__name__}: {exc}",
                stage="pipeline",
            )

    def annotate_many(self, articles: Iterable[Article | Failure]) -> Iterator[Annotation | Failure]:
        """Annotate articles in batches with ``nlp.pipe``; failures are yielded, never raised.

        Input order is kept. ``Failure`` items in the input (from ingestion) pass through.
        """
        batch: list[Article | Failure] = []
        size = max(1, self.settings.batch_size)
        for item in articles:
            batch.append(item)
            if len(batch) >= size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, batch: list[Article | Failure]) -> list[Annotation | Failure]:
        results: list[Annotation | Failure | None] = [None] * len(batch)
        todo: list[tuple[int, Article]] = []
        for i, item in enumerate(batch):
            if isinstance(item, Failure):
                results[i] = item
                continue
            try:
                self._check(item)
            except ArticleTooLarge as exc:
                results[i] = Failure(item.id, item.position, str(exc), stage="limits")
                continue
            results[i] = self._screen(item)
            if results[i] is None and len(item.text) > nlp.chunks.CHUNK_CHARS:
                results[i] = self._run_one(item)  # annotated in pieces, on its own
            elif results[i] is None:
                todo.append((i, item))
        if todo:
            budget = self.settings.article_timeout_s * len(todo)
            model = self.nlp
            try:
                with _deadline(budget, f"batch of {len(todo)} articles"):
                    docs = (self._make_doc(a) for _, a in todo)
                    for (i, _), doc in zip(todo, model.pipe(docs, batch_size=len(todo)), strict=True):
                        results[i] = self._to_annotation(doc)
            except Exception:  # noqa: BLE001 - find the culprit article by running one at a time
                for i, a in todo:
                    results[i] = self._run_one(a)
        return [r for r in results if r is not None]

    def annotate(self, text: str | Article, date: str | None = None, **fields: Any) -> Annotation:
        """Annotate one article (a text or an :class:`Article`); raises on failure."""
        article = text if isinstance(text, Article) else Article(text=text, date=date, **fields)
        result = self._run_one(article)
        if isinstance(result, Failure):
            raise RuntimeError(result.reason)
        return result

    def extract(self, text: str | Article, date: str | None = None, **fields: Any) -> list[Event]:
        """Return the events coded from one article."""
        return list(self.annotate(text, date=date, **fields).events)


@contextlib.contextmanager
def _deadline(seconds: float, what: str) -> Iterator[None]:
    """Give the block ``seconds``: a cooperative budget in every thread, plus a hard timer where possible.

    The cooperative budget (:mod:`eventwire.deadline`) is checked between components and inside
    eventwire's long loops, so it holds in server worker threads too. In the main thread on
    POSIX a ``SIGALRM`` timer also interrupts code that never reaches a check.
    """
    hard = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    with deadline.budget(seconds, what):
        if not hard:
            yield
            return

        def _expire(signum: int, frame: object) -> None:
            raise deadline.expired(what, seconds)

        previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """Return a process-wide pipeline built with the default settings."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
