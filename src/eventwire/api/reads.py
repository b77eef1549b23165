"""The read endpoints: events (with downloads), map points, articles, actors, network, stats."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from . import queries, series
from .db import Database
from .export import FORMATS, csv_chunks, jsonl_chunks, parquet_bytes
from .filters import SORTS, EventFilters, event_filters
from .models import problems
from .security import require_read
from .vocab import codebook

__all__ = ["router"]

router = APIRouter(prefix="/v1", dependencies=[Depends(require_read)],
                   responses=problems({401: "a read token is configured and was not sent"}))

Filters = Annotated[EventFilters, Depends(event_filters)]
_SORT_HELP = "one of " + ", ".join(sorted(SORTS)) + "; prefix with - for descending (default -date)"


def _json(data: Any) -> Response:
    """Serialise with json.dumps directly (FastAPI's generic encoder is slow on big results)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body.encode("utf-8"), media_type="application/json")


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _sort(sort: str) -> str:
    if (sort[1:] if sort.startswith("-") else sort) not in SORTS:
        raise HTTPException(status_code=422, detail=f"sort: {sort[:40]!r} is not a sort key; use {_SORT_HELP}")
    return sort


@router.get("/events", summary="List, filter, sort, page and download events",
            responses={200: {"content": {"application/json": {}, **{m.split(";")[0]: {} for m in FORMATS.values()}},
                             "description": "a page of events (JSON), or every matching event as a download"}})
def get_events(
    request: Request,
    filters: Filters,
    sort: Annotated[str, Query(description=_SORT_HELP)] = "-date",
    limit: Annotated[int | None, Query(ge=1, le=1_000_000, description="page size (JSON: at most 1000, default 100); downloads: all rows unless set")] = None,
    cursor: Annotated[str | None, Query(max_length=2000, description="the next_cursor of the previous page")] = None,
    format: Annotated[str, Query(description="json (pages), or a download: csv, jsonl, parquet")] = "json",
) -> Any:
    """Return event records matching the filters, one page at a time, or the whole set as a file."""
    sort = _sort(sort)
    db = _db(request)
    if format == "json":
        size = 100 if limit is None else limit
        if size > 1000:
            raise HTTPException(status_code=422, detail="limit: at most 1000 events per JSON page; use format=jsonl, csv or parquet for more")
        with db.cursor() as cur:
            return _json(queries.list_events(cur, filters, sort, size, cursor))
    if format not in FORMATS:
        raise HTTPException(status_code=422, detail=f"format: expected json, {', '.join(FORMATS)}; got {format[:20]!r}")
    if cursor:
        raise HTTPException(status_code=422, detail="cursor: downloads are not paged; drop the cursor")
    disposition = {"Content-Disposition": f'attachment; filename="events.{format}"'}
    if format == "parquet":
        return Response(parquet_bytes(db, filters, sort, limit), media_type=FORMATS[format], headers=disposition)
    chunks = csv_chunks if format == "csv" else jsonl_chunks
    return StreamingResponse(chunks(db, filters, sort, limit), media_type=FORMATS[format], headers=disposition)


@router.get("/events/points", summary="Located events as compact points for the map")
def get_points(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 20_000,
) -> Response:
    """Return ``{"points": [{id, lat, lon, quad_code, event, date, place_name, country_code}], "total"}``."""
    with _db(request).cursor() as cur:
        return _json(queries.points(cur, filters, limit))


@router.get("/articles", summary="List stored articles")
def get_articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="words in the title or text")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Return articles, newest first, with their event counts."""
    with _db(request).cursor() as cur:
        return _json(queries.list_articles(cur, q.strip() if q else None, limit, offset))


@router.get("/articles/{article_id:path}", summary="One article with all its annotations",
            responses=problems({404: "no article with this id"}))
def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> Response:
    """Return the ``eventwire annotate`` record of a stored article (text, spans and events).

    The id may hold ``/`` (ids taken from URLs do): send it URL-encoded (``%2F``) or as is.
    """
    with _db(request).cursor() as cur:
        record = queries.article_annotation(cur, article_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id[:200]!r} in this database")
    return _json(record)


@router.get("/actors", summary="The most active actors with their top partners")
def get_actors(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    partners: Annotated[int, Query(ge=0, le=50)] = 5,
) -> Response:
    """Return actors (canonical name, else code and sector) by number of events, as actor or recipient."""
    with _db(request).cursor() as cur:
        return _json({"actors": queries.actor_table(cur, filters, limit, partners)})


@router.get("/network", summary="The actor network: actors as nodes, actor -> recipient edges")
def get_network(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500, description="how many of the most active actors")] = 60,
    level: Annotated[Literal["actor", "country"], Query(description="nodes are actors, or their countries (roll-up)")] = "actor",
) -> Response:
    """Return nodes (actors or countries, with counts by quad class) and edges (counts by quad class).

    Mentions with neither a name nor a code ("people", "sides") are not nodes. Each node's
    ``filter_param=filter`` lists exactly the events counted in its ``n_events``.
    """
    with _db(request).cursor() as cur:
        return _json(queries.network(cur, filters, limit, level))


@router.get("/stats", summary="Counts by day, event type, quad class and country")
def get_stats(request: Request, filters: Filters) -> Response:
    """Return totals and counts by day (split by quad class), type, quad class and location country."""
    with _db(request).cursor() as cur:
        return _json(queries.stats(cur, filters))


@router.get("/series", summary="Event counts per day, week or month, one series per type, quad, country or dyad",
            responses={200: {"content": {"application/json": {}, "text/csv": {}},
                             "description": "the series (JSON), or period,key,count rows with format=csv"}})
def get_series(
    request: Request,
    filters: Filters,
    interval: Annotated[Literal["day", "week", "month"], Query(description="period of each point (weeks start on Monday)")] = "week",
    by: Annotated[Literal["event", "quad", "country", "dyad"], Query(description="one series per event type, quad class, location country or actor-recipient country pair")] = "event",
    format: Annotated[Literal["json", "csv"], Query(description="json, or csv (period,key,count) as a download")] = "json",
) -> Response:
    """Return ``{"interval", "by", "series": [{"key", "points": [{"period", "count"}]}], "undated"}``.

    Events whose date is not precise enough for the interval are left out and counted in
    ``undated``, so the points and ``undated`` add up to ``total``, the event count of the same filters.
    """
    with _db(request).cursor() as cur:
        data = series.series(cur, filters, interval, by)
    if format == "json":
        return _json(data)
    lines = ["period,key,count"]
    for s in data["series"]:
        key = _csv_text(s["key"] or "")
        lines += [f"{p['period']},{key},{p['count']}" for p in s["points"]]
    return Response(("\n".join(lines) + "\n").encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="series-{by}-{interval}.csv"'})


def _csv_text(value: str) -> str:
    if any(c in value for c in ',"\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


@router.get("/dyads", summary="Events between countries: actor country x recipient country counts")
def get_dyads(
    request: Request,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=100, description="how many of the busiest countries")] = 20,
) -> Response:
    """Return ``{"countries": [...], "cells": [{"actor", "recipient", "n"}]}`` (an event counts once per country pair)."""
    with _db(request).cursor() as cur:
        return _json(series.dyad_matrix(cur, filters, limit))


@router.get("/codebook", summary="PLOVER types, modes, aux modes, contexts, quad classes and country codes, defined")
def get_codebook() -> Response:
    """Return the codebook: one-line definitions (ours, from the PLOVER manual), CAMEO roots, intensities and the valid country codes."""
    return _json(codebook())
