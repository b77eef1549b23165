"""Cross-story dedup over a hand-built database: which events merge, counts, idempotence."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.batch.dedup import DedupConfig, deduplicate, deduplicate_db
from eventwire.records import Annotation, Article, Entity, Event, Place
from eventwire.store import DuckDBStore


def _ent(code: str | None) -> Entity:
    return Entity(entity_text=code or "someone", span=(0, 1), code=code)


def _event(aid: str, n: int, etype: str, actors: list[str | None], recipients: list[str],
           date: str | None, country: str | None, aux: tuple[str, ...] = (),
           precision: str = "day", geonameid: int | None = None) -> Event:
    loc = Place(extracted_place="x", span=(0, 1), country_code=country, geonameid=geonameid) if country else None
    return Event(
        id=f"{aid}-e{n}", article_id=aid, event=etype, mode=None, aux_mode=aux, context=(),
        quad_code=1, cameo_root="04", date=date, date_precision=precision if date else None,
        date_text=None, actor=tuple(_ent(a) for a in actors),
        recipient=tuple(_ent(r) for r in recipients), event_loc=loc, event_text="met",
        span=(0, 3), sentence_index=0, text="x", confidence=0.9,
    )


def _store(path: Path, events_by_article: dict[str, tuple[str, list[Event]]]) -> None:
    with DuckDBStore(path) as store:
        for aid, (pub, events) in events_by_article.items():
            art = Article(text="placeholder text", id=aid, date=pub)
            store.write(Annotation(article=art, events=tuple(events)))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "d.duckdb"
    _store(path, {
        # three stories of one Egypt-USA meeting in Cairo, dated 10 and 11 June, actors listed
        # in different orders: one cluster of 3 mentions in 3 stories
        "a1": ("2024-06-10", [_event("a1", 0, "CONSULT", ["EGY", "USA"], ["QAT"], "2024-06-10", "EGY"),
                              # a second, different event in the same story
                              _event("a1", 1, "PROTEST", ["EGY"], [], "2024-06-09", "EGY")]),
        "a2": ("2024-06-11", [_event("a2", 0, "CONSULT", ["USA", "EGY"], ["QAT"], "2024-06-11", "EGY")]),
        "a3": ("2024-06-11", [_event("a3", 0, "CONSULT", ["EGY", "USA", None], ["QAT"], None, "EGY")]),
        # same actors but 20 days later: another cluster
        "a4": ("2024-06-30", [_event("a4", 0, "CONSULT", ["EGY", "USA"], ["QAT"], "2024-06-30", "EGY")]),
        # same everything but elsewhere (a different country): another cluster
        "a5": ("2024-06-10", [_event("a5", 0, "CONSULT", ["EGY", "USA"], ["QAT"], "2024-06-10", "QAT")]),
        # a denial never merges with the act
        "a6": ("2024-06-10", [_event("a6", 0, "CONSULT", ["EGY", "USA"], ["QAT"], "2024-06-10", "EGY",
                                     aux=("negation",))]),
        # events without any actor code stay alone
        "a7": ("2024-06-10", [_event("a7", 0, "PROTEST", [None], [], "2024-06-10", "EGY")]),
        "a8": ("2024-06-10", [_event("a8", 0, "PROTEST", [None], [], "2024-06-10", "EGY")]),
    })
    return path


def _clusters(path: Path) -> dict[frozenset[str], tuple[int, int]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("""
            SELECT c.id, c.mention_count, c.story_count, list(m.event_id)
            FROM event_clusters c JOIN event_cluster_members m ON m.cluster_id = c.id
            GROUP BY ALL
        """).fetchall()
    finally:
        con.close()
    return {frozenset(r[3]): (r[1], r[2]) for r in rows}


def test_same_event_from_three_stories_is_one_cluster(db: Path) -> None:
    result = deduplicate_db(db, DedupConfig(window_days=2))
    clusters = _clusters(db)
    assert clusters[frozenset({"a1-e0", "a2-e0", "a3-e0"})] == (3, 3)
    assert result.events == 9
    # every other event is alone
    singles = {next(iter(k)) for k, v in clusters.items() if v == (1, 1)}
    assert singles == {"a1-e1", "a4-e0", "a5-e0", "a6-e0", "a7-e0", "a8-e0"}
    assert result.clusters == 7 and result.merged_clusters == 1 and result.largest == 3


def test_window_and_place_are_configurable(db: Path) -> None:
    deduplicate_db(db, DedupConfig(window_days=30, place="none", require_actor=False))
    clusters = _clusters(db)
    # a 30-day window takes in the 30 June report; ignoring place takes in the Qatar one
    assert clusters[frozenset({"a1-e0", "a2-e0", "a3-e0", "a4-e0", "a5-e0"})] == (5, 5)
    # without the actor requirement the two actorless protests merge
    assert clusters[frozenset({"a7-e0", "a8-e0"})] == (2, 2)
    deduplicate_db(db, DedupConfig(window_days=0))
    assert frozenset({"a2-e0", "a3-e0"}) in _clusters(db)  # both dated 11 June


def test_dedup_is_idempotent(db: Path) -> None:
    deduplicate_db(db)
    con = duckdb.connect(str(db), read_only=True)
    first = con.execute("SELECT * FROM event_clusters ORDER BY id").fetchall()
    first_m = con.execute("SELECT * FROM event_cluster_members ORDER BY event_id").fetchall()
    con.close()
    deduplicate_db(db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT * FROM event_clusters ORDER BY id").fetchall() == first
    assert con.execute("SELECT * FROM event_cluster_members ORDER BY event_id").fetchall() == first_m
    con.close()
    assert len(first_m) == 9


def test_bad_config_and_missing_db(tmp_path: Path) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(ValueError):
        DedupConfig(place="planet")
    with pytest.raises(StoreError):
        deduplicate_db(tmp_path / "missing.duckdb")


def test_empty_events_table(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    DuckDBStore(path).close()
    con = duckdb.connect(str(path))
    assert deduplicate(con).clusters == 0
    con.close()
