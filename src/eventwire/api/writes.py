"""``POST /v1/extract`` (code articles, no storage) and ``POST /v1/articles`` (code and store)."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from ..config import Settings
from ..errors import StoreError
from ..records import Annotation, Failure, to_dict
from .models import ArticleIn, ArticlesIn, problems, to_articles
from .security import require_read, require_write

__all__ = ["PipelineHolder", "router"]

router = APIRouter(prefix="/v1")

BodyIn = Annotated[
    ArticleIn | list[ArticleIn] | ArticlesIn,
    Body(description='one article `{"text", "date", ...}`, a list of them, or `{"articles": [...]}`'),
]


class PipelineHolder:
    """Loads the pipeline on first use (the model takes seconds) and runs one batch at a time."""

    def __init__(self, settings: Settings, pipeline: Any = None) -> None:
        self.settings = settings
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def run(self, articles: list[Any]) -> list[Annotation | Failure]:
        """Annotate articles; failures are returned, never raised."""
        with self._lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return list(self._pipeline.annotate_many(articles))

    @property
    def model_name(self) -> str | None:
        """The loaded spaCy model's name (None until the first request)."""
        return getattr(self._pipeline, "model_name", None)


def _articles(request: Request, body: ArticleIn | list[ArticleIn] | ArticlesIn) -> list[Any]:
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
    return [a.to_article(position=f"request:{i}") for i, a in enumerate(items)]


def _failure(f: Failure) -> dict[str, Any]:
    return {"article_id": f.article_id, "position": f.position, "stage": f.stage, "reason": f.reason}


@router.post("/extract", summary="Code events from articles (nothing is stored)", dependencies=[Depends(require_read)],
             responses=problems({401: "a read token is configured and was not sent", 413: "request body over max_request_bytes"}))
def post_extract(
    request: Request,
    body: BodyIn,
    annotations: Annotated[bool, Query(description="also return each article's annotation record")] = False,
) -> dict[str, Any]:
    """Return the events of each article, and with ``annotations=true`` everything the pipeline found."""
    holder: PipelineHolder = request.app.state.pipeline
    results: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for res in holder.run(_articles(request, body)):
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
def post_articles(request: Request, body: BodyIn) -> dict[str, Any]:
    """Code the articles and write them (and any failures) to the database in one transaction."""
    holder: PipelineHolder = request.app.state.pipeline
    items = holder.run(_articles(request, body))
    try:
        request.app.state.db.write_many(items)
    except StoreError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc
    stored = [
        {"article_id": r.article.id, "n_events": len(r.events), "url": f"/v1/articles/{r.article.id}"}
        for r in items if isinstance(r, Annotation)
    ]
    return {"stored": stored, "failures": [_failure(f) for f in items if isinstance(f, Failure)]}
