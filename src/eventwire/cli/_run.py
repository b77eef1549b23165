"""What ``extract`` and ``annotate`` share: input options, settings, the pipeline, the run loop and its exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..config import Settings, load_settings
from ..errors import EventwireError, InputError
from ..ingest import FORMATS, IngestOptions, normalize_date, read_inputs
from ..records import Annotation, Article, Failure

__all__ = [
    "INPUT_HELP",
    "Run",
    "UsageError",
    "add_input_arguments",
    "adopt_pipeline",
    "check_output",
    "get_pipeline",
    "ingest_options",
    "open_output",
    "run_command",
    "settings_from",
]

INPUT_HELP = """\
inputs:
  .txt/.md (one article a file; --date), .jsonl/.ndjson (.gz/.zst too), .json (object or
  array), .csv/.tsv/.parquet (columns text,id,date,title,url,source,language; remap with
  --text-column etc.), .html/.htm (main text extracted), directories (recursive), - (JSONL
  on stdin).

exit status: 0 every article processed, 1 some failed (reported on stderr as
`eventwire: <reason>` and stored in the failures table with --db), 2 usage error.
"""


class UsageError(EventwireError):
    """The command line is wrong (exit status 2)."""


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    """Add the inputs and every reading, settings and storage option to a command."""
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or - (JSONL on stdin)")
    p.add_argument("--date", help="publication date of articles that carry none (YYYY-MM-DD or ISO 8601)")
    p.add_argument("--input-format", choices=FORMATS, help="read every input as this format, whatever its extension")
    cols = p.add_argument_group("column remapping (CSV/TSV/Parquet/JSON)")
    for name in ("text", "id", "date", "title", "url", "source", "language"):
        cols.add_argument(f"--{name}-column", metavar="NAME", help=f"column holding the article {name} (default: {name})")
    p.add_argument("--max-article-chars", type=int, metavar="N",
                   help="refuse longer articles (default from settings: 1,000,000)")
    p.add_argument("--config", metavar="FILE", help="TOML settings file (default: ./eventwire.toml if present)")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="your own actors TSV/YAML, applied over the bundled knowledge base (repeatable)")
    p.add_argument("--lexicon", action="append", metavar="FILE",
                   help="your own event trigger lexicon JSONL, added to the bundled one (repeatable)")
    p.add_argument("--all-events", action="store_true",
                   help="keep every coded event, political or not (default: political events only; "
                        "each event carries `political`, `relevance` and `relevance_reasons`)")
    p.add_argument("--db", metavar="PATH", help="also store articles, events and failures in this DuckDB file")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings (failures are still printed)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")


def settings_from(args: argparse.Namespace) -> Settings:
    """Build settings from --config, the environment and the flags; bad values are usage errors."""
    if args.max_article_chars is not None and args.max_article_chars < 1:
        raise UsageError("--max-article-chars must be a positive number")
    try:
        overrides: dict[str, object] = {"max_article_chars": args.max_article_chars}
        if getattr(args, "all_events", False):
            overrides["political_only"] = False
        for flag, name in (("actors", "actors_files"), ("lexicon", "lexicon_files")):
            files = getattr(args, flag, None)
            if files:
                missing = [f for f in files if not Path(f).is_file()]
                if missing:
                    raise UsageError(f"--{flag}: file not found: {', '.join(missing)}")
                overrides[name] = tuple(files)
        return load_settings(args.config, **overrides)
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(str(exc)) from exc


def ingest_options(args: argparse.Namespace, settings: Settings, warn: Any) -> IngestOptions:
    """Build the ingest options from the flags."""
    date = None
    if args.date:
        date, problem = normalize_date(args.date)
        if problem:
            raise UsageError(f"--date: {problem}")
    columns = {
        name: getattr(args, f"{name}_column")
        for name in ("text", "id", "date", "title", "url", "source", "language")
        if getattr(args, f"{name}_column", None)
    }
    return IngestOptions(
        date=date, input_format=args.input_format, columns=columns,
        max_article_chars=settings.max_article_chars, on_warning=warn,
    )


_PIPELINES: dict[str, Any] = {}
_MODEL_ONLY = ("max_article_chars", "article_timeout_s", "batch_size", "min_confidence", "keep_aux", "political_only")


def get_pipeline(settings: Settings) -> Any:
    """Return a pipeline for ``settings``, sharing the loaded model across calls in this process.

    Settings that only act at run time (limits, batch size, output filters) do not need a new
    model, so runs that differ only in those share one (tests and repeated in-process calls).
    """
    from ..pipeline import Pipeline

    key = repr(settings.replace(**{k: getattr(Settings(), k) for k in _MODEL_ONLY}))
    base = _PIPELINES.get(key)
    if base is None:
        base = _PIPELINES[key] = Pipeline(settings)
    if base.settings == settings:
        return base
    pipe = Pipeline(settings)
    pipe._nlp = base.nlp  # same model and stage data: only run-time settings differ
    pipe.model_name = base.model_name
    return pipe


def adopt_pipeline(pipeline: Any) -> None:
    """Make the CLI reuse an already loaded pipeline for its settings (tests, embedding)."""
    key = repr(pipeline.settings.replace(**{k: getattr(Settings(), k) for k in _MODEL_ONLY}))
    _PIPELINES[key] = pipeline


class Run:
    """One ``extract``/``annotate`` run: reads, annotates in batches, reports, stores; yields annotations.

    Failures go to stderr (``eventwire: <reason>``) and to the ``failures`` table; warnings
    (bad dates, encodings, empty or non-English text) go to stderr and into the article's
    ``warnings``. ``status`` is 1 once any article failed.
    """

    def __init__(self, args: argparse.Namespace, stderr: IO[str] | None = None) -> None:
        self.args = args
        self.stderr = stderr or sys.stderr
        self.settings = settings_from(args)
        self._pending: list[str] = []
        self.options = ingest_options(args, self.settings, self._pending.append)
        self.status = 0
        self.n_articles = 0
        self.n_failed = 0
        self.n_events = 0
        self._bar: Any = None
        self._store: Any = None
        if args.db:
            from ..store import DuckDBStore

            try:
                self._store = DuckDBStore(args.db)
            except EventwireError as exc:
                raise UsageError(str(exc)) from exc

    # -- reporting --------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stderr)
        else:
            print(message, file=self.stderr, flush=True)

    def _tick(self) -> None:
        self.n_articles += 1
        if self._bar is None and self.n_articles == 2 and self._progress_wanted():
            from tqdm import tqdm

            self._bar = tqdm(file=self.stderr, unit=" articles", initial=1, dynamic_ncols=True,
                             desc="eventwire", leave=False)
        if self._bar is not None:
            self._bar.update(1)

    def _progress_wanted(self) -> bool:
        return not self.args.no_progress and bool(getattr(self.stderr, "isatty", lambda: False)())

    # -- the loop ---------------------------------------------------------------------------

    def _read(self, files: list[str]) -> Iterator[tuple[Article | Failure, tuple[str, ...]]]:
        seen: dict[str, str | None] = {}  # article id -> position of its latest copy
        try:
            for item in read_inputs(files, self.options):
                if isinstance(item, Article):
                    if item.id in seen:
                        # one rule everywhere (batch, --db, the API): the last copy wins
                        rule = ("the last copy is the one stored" if self._store is not None
                                else "both copies are in the output; with --db the last is stored")
                        self._pending.append(f"duplicate article id {item.id!r} at {item.position} (also at "
                                             f"{seen[item.id]}): {rule}")
                    seen[item.id] = item.position
                warnings = tuple(self._pending)
                self._pending.clear()
                yield item, warnings
        except InputError as exc:
            raise UsageError(str(exc)) from exc

    def annotations(self) -> Iterator[Annotation]:
        """Yield the annotation of every article read, in input order; failures are reported."""
        from ..ingest import expand_inputs

        try:
            files = expand_inputs(self.args.inputs)  # a missing path is a usage error, before any work
        except InputError as exc:
            raise UsageError(str(exc)) from exc
        if not files:
            raise UsageError(f"no supported input files in {', '.join(self.args.inputs)} "
                             "(see `eventwire extract --help` for the formats)")
        pipe = get_pipeline(self.settings)
        size = max(1, self.settings.batch_size)
        chunk: list[tuple[Article | Failure, tuple[str, ...]]] = []
        try:
            for pair in self._read(files):
                chunk.append(pair)
                if len(chunk) >= size:
                    yield from self._process(pipe, chunk)
                    chunk = []
            if chunk:
                yield from self._process(pipe, chunk)
        finally:
            self.close()

    def _process(self, pipe: Any, chunk: list[tuple[Article | Failure, tuple[str, ...]]]) -> Iterator[Annotation]:
        from ..batch.engines import with_read_warnings

        done = with_read_warnings(list(pipe.annotate_many(item for item, _ in chunk)), [w for _, w in chunk])
        if self._store is not None:
            done = self._store_chunk(done)
        for i, res in enumerate(done):
            self._tick()
            if isinstance(res, Failure):
                self.status = 1
                self.n_failed += 1
                for w in chunk[i][1]:
                    self._warn(w)
                self._say(f"eventwire: {res.reason}")
                continue
            for w in res.warnings:
                self._warn(w)
            self.n_events += len(res.events)
            yield res

    def _store_chunk(self, done: list[Annotation | Failure]) -> list[Annotation | Failure]:
        """Write a chunk in one transaction; if that fails, article by article.

        An article the database refuses becomes a Failure (stage ``store``) in the output
        stream and the ``failures`` table, so one bad article never loses the chunk.
        """
        from ..errors import StoreError

        try:
            self._store.write_many(done)
            return done
        except StoreError:
            pass
        out: list[Annotation | Failure] = []
        for res in done:
            try:
                self._store.write_many([res])
                out.append(res)
            except StoreError as exc:
                assert isinstance(res, Annotation)  # a failure row cannot conflict
                a = res.article
                failure = Failure(a.id, a.position, f"article {a.id} ({a.position or 'input'}): not stored: {exc}",
                                  stage="store")
                self._store.write_failure(failure)
                out.append(failure)
        return out

    def _warn(self, message: str) -> None:
        if not self.args.quiet:
            self._say(f"eventwire: warning: {message}")

    def close(self) -> None:
        """Close the progress bar and the store."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self._store is not None:
            if not self.args.quiet:
                counts = self._store.counts()
                self._say(f"eventwire: {self.args.db} now holds " + ", ".join(f"{n} {t}" for t, n in counts.items()))
            self._store.close()
            self._store = None


def check_output(args: argparse.Namespace) -> None:
    """Raise :class:`UsageError` when ``--output`` names a file in a directory that does not exist."""
    if args.output and args.output != "-":
        parent = Path(args.output).parent
        if not parent.is_dir():
            raise UsageError(f"-o {args.output}: directory {parent} does not exist; create it first")


def open_output(args: argparse.Namespace) -> IO[str]:
    """Return the output stream: ``--output`` FILE or standard output."""
    check_output(args)
    if args.output and args.output != "-":
        return open(args.output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by caller
    return sys.stdout


def run_command(args: argparse.Namespace, write: Callable[[Iterator[Annotation], IO[str]], object]) -> int:
    """Run ``extract``/``annotate``: ``write`` the annotations to the output; return the exit status.

    0 every article processed, 1 some failed, 2 a usage error or a model, data or output file
    that cannot be used (reported as ``eventwire: error: <reason>``, no traceback).
    """
    try:
        check_output(args)  # before any work: a wrong -o is one line, not a run thrown away
        job = Run(args)
        out = open_output(args)
    except (EventwireError, OSError) as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    try:
        write(job.annotations(), out)
    except EventwireError as exc:  # usage errors, and a model or data file that cannot load
        print(f"eventwire: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    return job.status
