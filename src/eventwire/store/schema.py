"""The database schema as an ordered list of migrations; the last one's number is the version.

Each migration is a tuple of SQL statements applied in one transaction, after which
``meta.schema_version`` is set to its number. Never edit a released migration: append a new
one (additive changes only: new tables, new nullable columns, new indexes).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DERIVED_TABLES", "MIGRATIONS", "SCHEMA_VERSION", "TABLES", "Migration"]


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, a one-line description and its SQL statements."""

    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """
    CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY,
        date VARCHAR,                 -- publication date YYYY-MM-DD (or NULL)
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        language VARCHAR,
        position VARCHAR,             -- where in the input it came from ("file.jsonl:3")
        text VARCHAR,                 -- the original text; every span is an offset into it
        n_chars INTEGER,
        n_sentences INTEGER,
        n_events INTEGER,
        sentences JSON,               -- [[start, end], ...]
        warnings VARCHAR[]
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        article_date VARCHAR,         -- the article's publication date (denormalised)
        event VARCHAR NOT NULL,       -- PLOVER type, upper case
        mode VARCHAR,
        aux_mode VARCHAR[],
        context VARCHAR[],
        quad_code INTEGER,
        cameo_root VARCHAR,
        date VARCHAR,                 -- YYYY-MM-DD, YYYY-MM or YYYY
        date_precision VARCHAR,
        date_text VARCHAR,
        actor_codes VARCHAR[],        -- one entry per actor entity, NULLs kept for alignment
        actor_names VARCHAR[],
        actor_sectors VARCHAR[],
        actor_countries VARCHAR[],
        actor_texts VARCHAR[],
        recipient_codes VARCHAR[],
        recipient_names VARCHAR[],
        recipient_sectors VARCHAR[],
        recipient_countries VARCHAR[],
        recipient_texts VARCHAR[],
        place_name VARCHAR,           -- event_loc.resolved_place (else extracted_place)
        place_text VARCHAR,           -- event_loc.extracted_place
        lat DOUBLE,
        lon DOUBLE,
        country_code VARCHAR,         -- event_loc.country_code (ISO alpha-3)
        admin1 VARCHAR,
        geonameid BIGINT,
        resolution VARCHAR,
        event_text VARCHAR,
        span_start INTEGER,
        span_end INTEGER,
        sentence_index INTEGER,
        text VARCHAR,                 -- the sentence
        confidence DOUBLE,
        dedup_key VARCHAR,
        quote_index INTEGER,
        rule VARCHAR,
        record JSON                   -- the full records.md event object
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS entities (
        id VARCHAR PRIMARY KEY,       -- article_id + ':' + index in the annotation
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        entity_text VARCHAR,
        span_start INTEGER,
        span_end INTEGER,
        name VARCHAR,
        code VARCHAR,
        sector VARCHAR,
        country VARCHAR,
        kind VARCHAR,
        identifier_id VARCHAR,
        office VARCHAR,
        sentence_index INTEGER,
        cluster VARCHAR,
        rule VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS places (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        extracted_place VARCHAR,
        span_start INTEGER,
        span_end INTEGER,
        resolved_place VARCHAR,
        geonameid BIGINT,
        lat DOUBLE,
        lon DOUBLE,
        country_code VARCHAR,
        admin1 VARCHAR,
        feature_class VARCHAR,
        feature_code VARCHAR,
        resolution VARCHAR,
        sentence_index INTEGER,
        rule VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS timexes (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR,
        span_start INTEGER,
        span_end INTEGER,
        value VARCHAR,
        precision VARCHAR,
        type VARCHAR,
        sentence_index INTEGER,
        rule VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS quotes (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        kind VARCHAR,
        content VARCHAR,
        content_start INTEGER,
        content_end INTEGER,
        cue VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_text VARCHAR,
        speaker_name VARCHAR,
        speaker_code VARCHAR,
        speaker_sector VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        sentence_index INTEGER,
        speaker JSON                  -- the full speaker entity or NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS failures (
        id VARCHAR PRIMARY KEY,       -- hash of article_id, position, stage, reason
        article_id VARCHAR,
        position VARCHAR,
        stage VARCHAR,
        reason VARCHAR
    )
    """,
)

_V3 = (
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS intensity DOUBLE",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_key VARCHAR",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_id VARCHAR",
    # the first `eventwire dedup` created these two tables itself: create or extend them
    """
    CREATE TABLE IF NOT EXISTS event_clusters (
        id VARCHAR PRIMARY KEY,       -- hash of the cluster key and the first member's id
        cluster_key VARCHAR,          -- hash of type, aux modes, actor codes, recipient codes, place
        event VARCHAR,
        aux_mode VARCHAR[],
        actor_codes VARCHAR[],
        recipient_codes VARCHAR[],
        place VARCHAR,
        date_start DATE,
        date_end DATE,
        mention_count INTEGER,        -- events in the cluster
        story_count INTEGER,          -- distinct articles (as num_articles)
        num_articles INTEGER,
        num_sources INTEGER,
        first_event_id VARCHAR,
        window_days INTEGER,
        place_mode VARCHAR
    )
    """,
    "ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS cluster_key VARCHAR",
    "ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS num_articles INTEGER",
    "ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS num_sources INTEGER",
    """
    CREATE TABLE IF NOT EXISTS event_cluster_members (
        cluster_id VARCHAR NOT NULL,
        event_id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        date DATE
    )
    """,
    # events written before this version get their keys and clusters on the next open for writing
    "INSERT OR REPLACE INTO meta VALUES ('clusters_stale', 'true')",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables: articles, events, entities, places, timexes, quotes, failures", _V1),
    Migration(2, "quotes.rule: provenance of the quote and its speaker", (
        "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS rule VARCHAR",
    )),
    Migration(3, "cross-story clusters kept on every write; events.intensity", _V3),
    Migration(4, "events.fatalities and fatalities_text: people killed in an ASSAULT, and the words", (
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS fatalities INTEGER",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS fatalities_text VARCHAR",
    )),
    Migration(5, "events.political, events.relevance: the relevance stage's decision and score", (
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS political BOOLEAN",
        "ALTER TABLE events ADD COLUMN IF NOT EXISTS relevance DOUBLE",
    )),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# Data tables in dependency order (articles first); ``meta`` is not listed.
TABLES = ("articles", "events", "entities", "places", "timexes", "quotes", "failures")

# Tables derived from ``events`` (rebuilt by the store, never written directly).
DERIVED_TABLES = ("event_clusters", "event_cluster_members")
