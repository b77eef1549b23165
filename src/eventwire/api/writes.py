"""``POST /v1/extract`` (code articles, no storage) and ``POST /v1/articles`` (code and store).

Both are ``async``: the pipeline and the database write run in the :class:`PipelineHolder`'s
own one-thread executor, so requests waiting for the pipeline never take the threads that
serve reads (``GET`` and ``/v1/health`` answer while writers queue).
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from fastapi.routing import APIRoute

from ..config import Settings
from ..errors import StoreError
from ..ingest import replace_surrogates
from ..records import Annotation, Article, Failure, to_dict
from .models import ArticleIn, ArticlesIn, problems, to_articles
from .security import require_read, require_write

__all__ = ["PipelineHolder", "router"]

_LONE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _clean_json(obj: Any) -> tuple[Any, set[int]]:
    """Return a parsed body with lone surrogates as U+FFFD, and the indexes of articles whose text had some.

    JSON may escape a lone surrogate (``"\\ud800"``); no encoder can write it back (UTF-8
    responses, the database), so it is replaced where it is read, as the command line does.
    Iterative, so a deeply nested body costs no stack.
    """
    articles = obj.get("articles") if isinstance(obj, dict) and "text" not in obj else obj
    listed = articles if isinstance(articles, list) else [articles]
    touched = {i for i, a in enumerate(listed) if isinstance(a, dict) and isinstance(a.get("text"), str)
               and replace_surrogates(a["text"]) != a["text"]}
    stack = [obj]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str):
                node[key] = replace_surrogates(value)
            elif isinstance(value, (dict, list)):
                stack.append(value)
    if isinstance(obj, str):
        obj = replace_surrogates(obj)
    return obj, touched


class _SurrogateSafeRequest(Request):
    """A request whose JSON body has lone surrogates replaced before validation."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            data = json.loads(body)
            if _LONE_ESCAPE.search(body):
                data, touched = _clean_json(data)
                self.state.surrogate_texts = touched
            self._json = data
        return self._json


class _SurrogateSafeRoute(APIRoute):
    """The write routes read their body through :class:`_SurrogateSafeRequest`."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def clean_handler(request: Request) -> Response:
            response: Response = await handler(_SurrogateSafeRequest(request.scope, request.receive))
            return response

        return clean_handler


router = APIRouter(prefix="/v1", route_class=_SurrogateSafeRoute)

BodyIn = Annotated[
    ArticleIn | list[ArticleIn] | ArticlesIn,
    Body(description='one article `{"text", "date", ...}`, a list of them, or `{"articles": [...]}`'),
]

T = TypeVar("T")


class PipelineHolder:
    """Loads the pipeline on first use (the model takes seconds) and runs one batch at a time.

    Work sent through :meth:`call` runs in a single thread of its own, in arrival order.
    """

    def __init__(self, settings: Settings, pipeline: Any = None) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-pipeline")

    def run(self, articles: list[Any]) -> list[Annotation | Failure]:
        """Annotate articles; failures are returned, never raised."""
        with self._lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return list(self._pipeline.annotate_many(articles))

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in the pipeline's thread and return its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    def close(self) -> None:
        """Stop the pipeline's thread once its queued work is done."""
        self._executor.shutdown(wait=False)

    @property
    def model_name(self) -> str | None:
        """The loaded spaCy model's name (None until the first request)."""
        return getattr(self._pipeline, "model_name", None)


def _article(item: ArticleIn, position: str, settings: Settings, replaced: bool) -> tuple[Article | Failure, list[str]]:
    """Return the article of one input and its reading warnings (``replaced``: surrogates in its text)."""
    article = item.to_article(position)
    warnings = []
    if replaced:
        warnings.append(f"article {article.id} ({position}): lone surrogate code points in the text replaced "
                        "by U+FFFD (offsets unchanged)")
    limit = settings.api_max_article_chars
    if len(article.text) > limit:
        return Failure(article.id, position, f"article {article.id} ({position}): {len(article.text):,} characters "
                       f"exceeds api_max_article_chars={limit:,}, the server's limit for one article; send it in "
                       "parts, or raise EVENTWIRE_API_MAX_ARTICLE_CHARS", stage="limits"), []
    return article, warnings


def _articles(request: Request, body: ArticleIn | list[ArticleIn] | ArticlesIn) -> tuple[list[Any], list[list[str]]]:
    """Return the request's articles (or their failures) and each one's reading warnings."""
    settings: Settings = request.app.state.settings
    items = to_articles(body)
    if not items:
        raise HTTPException(status_code=422, detail="no articles in the request body")
    if len(items) > settings.max_articles_per_request:
        raise HTTPException(
            status_code=422,
            detail=f"too many articles in one request: {len(items)} > max_articles_per_request="
            f"{settings.max_articles_per_request}; split the batch or raise EVENTWIRE_MAX_ARTICLES_PER_REQUEST",
        )
    touched: set[int] = getattr(request.state, "surrogate_texts", set())
    pairs = [_article(a, f"request:{i}", settings, i in touched) for i, a in enumerate(items)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _annotate(holder: PipelineHolder, articles: list[Any], warnings: list[list[str]]) -> list[Annotation | Failure]:
    from ..batch.engines import with_read_warnings

    return with_read_warnings(holder.run(articles), warnings)


def _last_copies(articles: list[Any], warnings: list[list[str]]) -> tuple[list[Any], list[list[str]], list[str]]:
    """Keep the last copy of each article id (the rule everywhere); return the duplicate warnings too."""
    positions: dict[str, list[str]] = {}
    for a in articles:
        aid = a.id if isinstance(a, Article) else a.article_id
        if aid:
            positions.setdefault(aid, []).append(str(a.position))
    kept: list[Any] = []
    kept_warnings: list[list[str]] = []
    duplicates: list[str] = []
    for a, w in zip(articles, warnings, strict=True):
        aid = a.id if isinstance(a, Article) else a.article_id
        seen = positions.get(aid or "", [])
        if len(seen) > 1:
            if seen[-1] != a.position:
                continue
            message = (f"duplicate article id {aid!r}: sent {len(seen)} times in this request "
                       f"({', '.join(seen)}); the last copy ({a.position}) is kept")
            duplicates.append(message)
            w = [*w, message]
        kept.append(a)
        kept_warnings.append(w)
    return kept, kept_warnings, duplicates


def _store(holder: PipelineHolder, db: Any, articles: list[Any], warnings: list[list[str]]) -> list[Annotation | Failure]:
    items = _annotate(holder, articles, warnings)
    db.write_many(items)
    return items


def _failure(f: Failure) -> dict[str, Any]:
    return {"article_id": f.article_id, "position": f.position, "stage": f.stage, "reason": f.reason}


@router.post("/extract", summary="Code events from articles (nothing is stored)", dependencies=[Depends(require_read)],
             responses=problems({401: "a read token is configured and was not sent", 413: "request body over max_request_bytes"}))
async def post_extract(
    request: Request,
    body: BodyIn,
    annotations: Annotated[bool, Query(description="also return each article's annotation record")] = False,
) -> dict[str, Any]:
    """Return the events of each article, and with ``annotations=true`` everything the pipeline found."""
    holder: PipelineHolder = request.app.state.pipeline
    results: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    articles, warnings = _articles(request, body)
    for res in await holder.call(_annotate, holder, articles, warnings):
        if isinstance(res, Failure):
            failures.append(_failure(res))
            continue
        item: dict[str, Any] = {
            "article_id": res.article.id,
            "events": [to_dict(e) for e in res.events],
            "warnings": list(res.warnings),
        }
        if annotations:
            item["annotation"] = to_dict(res)
        results.append(item)
    return {"results": results, "failures": failures}


@router.post("/articles", summary="Code articles and store them (needs the API token)", dependencies=[Depends(require_write)],
             responses=problems({401: "missing or wrong API token", 403: "writes are disabled: no API token configured",
                                 413: "request body over max_request_bytes", 503: "the database refused the write"}))
async def post_articles(request: Request, body: BodyIn) -> dict[str, Any]:
    """Code the articles and write them (and any failures) to the database in one transaction.

    An id sent twice in one request is stored once: the last copy wins, and ``warnings``
    names the duplicate.
    """
    holder: PipelineHolder = request.app.state.pipeline
    articles, warnings, duplicates = _last_copies(*_articles(request, body))
    try:
        items = await holder.call(_store, holder, request.app.state.db, articles, warnings)
    except StoreError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc
    stored = [
        {"article_id": r.article.id, "n_events": len(r.events), "url": "/v1/articles/" + quote(r.article.id, safe="")}
        for r in items if isinstance(r, Annotation)
    ]
    return {"stored": stored, "failures": [_failure(f) for f in items if isinstance(f, Failure)],
            "warnings": duplicates}
