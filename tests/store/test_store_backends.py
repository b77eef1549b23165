"""The Store seam: DuckDB and in-memory backends hold the same rows; writes are idempotent upserts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.records import Annotation, Article, Entity, Event, Failure, Place, Quote, Timex
from eventwire.store import (
    COLUMNS,
    SCHEMA_VERSION,
    DuckDBStore,
    MemoryStore,
    Store,
    connect_readonly,
    open_store,
)

TEXT = "CAIRO, June 10 - Egypt's foreign minister met Antony Blinken in Cairo on Monday. He said talks went well."


def make_annotation(article_id: str = "art1", n_events: int = 2, text: str = TEXT) -> Annotation:
    article = Article(text=text, id=article_id, date="2024-06-10", title="Talks", position="in.jsonl:1")
    egypt = Entity("Egypt's foreign minister", (17, 41), name="Badr Abdelatty", code="EGY", sector="GOV",
                   country="EGY", kind="person", sentence_index=0, rule="kb")
    usa = Entity("Antony Blinken", (46, 60), name="Antony Blinken", code="USA", sector="GOV", country="USA",
                 kind="person", identifier_id="Q311440")
    cairo = Place("Cairo", (64, 69), resolved_place="Cairo", geonameid=360630, lat=30.06, lon=31.25,
                  country_code="EGY", feature_class="P", resolution="point")
    events = tuple(
        Event(id=f"{article_id}-e{i}", article_id=article_id, event="CONSULT", mode="visit", aux_mode=(),
              context=("diplomatic",), quad_code=1, cameo_root="04", date="2024-06-10", date_precision="day",
              date_text="on Monday", actor=(egypt,), recipient=(usa,), event_loc=cairo, event_text="met",
              span=(42, 45), sentence_index=0, text=TEXT[:79], confidence=0.9, rule="lexicon:met")
        for i in range(n_events)
    )
    quote = Quote("indirect", "talks went well", (88, 103), cue="said", cue_span=(83, 87), speaker=egypt,
                  speaker_span=(80, 82), sentence_index=1)
    return Annotation(article=article, sentences=((0, 79), (80, 104)), entities=(egypt, usa), places=(cairo,),
                      timexes=(Timex("on Monday", (70, 79), "2024-06-10", "day"),), quotes=(quote,),
                      events=events, warnings=("a warning",))


@pytest.fixture(params=["duckdb-file", "duckdb-memory", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DuckDBStore | MemoryStore]:
    s: DuckDBStore | MemoryStore
    if request.param == "duckdb-file":
        s = DuckDBStore(tmp_path / "sub" / "t.duckdb")
    elif request.param == "duckdb-memory":
        s = DuckDBStore(":memory:")
    else:
        s = MemoryStore()
    yield s
    if not (isinstance(s, MemoryStore) and s.closed):
        s.close()


def test_both_backends_implement_the_protocol() -> None:
    assert isinstance(DuckDBStore(), Store)
    assert isinstance(MemoryStore(), Store)
    assert isinstance(open_store(None), MemoryStore)


def test_write_counts_and_has_article(store: DuckDBStore | MemoryStore) -> None:
    assert not store.has_article("art1")
    store.write(make_annotation())
    assert store.has_article("art1")
    assert store.counts() == {"articles": 1, "events": 2, "entities": 2, "places": 1, "timexes": 1,
                              "quotes": 1, "failures": 0}


def test_rewriting_is_idempotent_and_replaces_rows(store: DuckDBStore | MemoryStore) -> None:
    ann = make_annotation()
    store.write(ann)
    store.write(ann)
    store.write_many([ann, make_annotation("art2")])
    assert store.counts()["articles"] == 2 and store.counts()["events"] == 4
    store.write(make_annotation(n_events=1))  # the article now has fewer events: old rows go
    assert store.counts()["events"] == 3


def test_failures_are_idempotent_and_cleared_by_success(store: DuckDBStore | MemoryStore) -> None:
    f = Failure("art1", "in.jsonl:1", "in.jsonl:1: invalid JSON", stage="ingest")
    store.write_failure(f)
    store.write_failure(f)
    store.write_many([f, Failure(None, "bad.bin:1", "bad.bin: binary file")])
    assert store.counts()["failures"] == 2
    store.write(make_annotation("art1"))
    assert store.counts()["failures"] == 1


def test_same_article_twice_in_one_batch_last_wins(store: DuckDBStore | MemoryStore) -> None:
    store.write_many([make_annotation(n_events=3), make_annotation(n_events=1)])
    assert store.counts()["articles"] == 1 and store.counts()["events"] == 1


def test_duckdb_flat_event_columns_are_queryable() -> None:
    s = DuckDBStore()
    s.write(make_annotation())
    row = s.con.execute(
        "SELECT actor_codes, actor_sectors, recipient_names, lat, lon, place_name, country_code, span_start,"
        " span_end, aux_mode, context, article_date, record->>'$.event' FROM events ORDER BY id LIMIT 1"
    ).fetchone()
    assert row == (["EGY"], ["GOV"], ["Antony Blinken"], 30.06, 31.25, "Cairo", "EGY", 42, 45, [], ["diplomatic"],
                   "2024-06-10", "CONSULT")
    n = s.con.execute("SELECT count(*) FROM events WHERE list_contains(actor_codes, 'EGY') AND len(aux_mode) = 0").fetchone()
    assert n == (2,)
    text, start, end, trig = s.con.execute(
        "SELECT a.text, e.span_start, e.span_end, e.event_text FROM events e JOIN articles a ON a.id = e.article_id LIMIT 1"
    ).fetchone()  # type: ignore[misc]
    assert text[start:end] == trig
    q = s.con.execute("SELECT speaker_name, speaker_code, content_start, cue FROM quotes").fetchone()
    assert q == ("Badr Abdelatty", "EGY", 88, "said")
    s.close()


def test_memory_rows_match_duckdb_rows() -> None:
    ann = make_annotation()
    mem, db = MemoryStore(), DuckDBStore()
    mem.write(ann)
    db.write(ann)
    for table, cols in COLUMNS.items():
        if table in ("failures",):
            continue
        db_ids = [r[0] for r in db.con.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()]
        assert db_ids == [r["id"] for r in mem.rows(table)], table
        assert set(cols) <= set(mem.rows(table)[0])


def test_write_is_atomic(monkeypatch: pytest.MonkeyPatch) -> None:
    s = DuckDBStore()
    s.write(make_annotation("art1", n_events=2))
    real = s._insert

    def boom(table: str, rows: list, replace: bool) -> None:
        if table == "events":
            raise RuntimeError("disk full")
        real(table, rows, replace)

    monkeypatch.setattr(s, "_insert", boom)
    with pytest.raises(StoreError, match="nothing written"):
        s.write_many([make_annotation("art1", n_events=5), make_annotation("art2")])
    monkeypatch.undo()
    # the old version of art1 is intact, art2 was never half-written
    assert s.counts()["articles"] == 1 and s.counts()["events"] == 2
    assert not s.has_article("art2")
    s.close()


def test_schema_version_and_migrations(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    s = DuckDBStore(path)
    assert s.schema_version() == SCHEMA_VERSION
    s.close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer than this eventwire"):
        DuckDBStore(path)


def test_migrating_a_version_1_database(tmp_path: Path) -> None:
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    for sql in MIGRATIONS[0].statements:
        con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    s = DuckDBStore(path)
    assert s.schema_version() == SCHEMA_VERSION
    s.write(make_annotation())
    assert s.counts()["quotes"] == 1
    s.close()


def test_connect_readonly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="database not found"):
        connect_readonly(tmp_path / "none.duckdb")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        connect_readonly(other)
    path = tmp_path / "ok.duckdb"
    with DuckDBStore(path) as s:
        s.write(make_annotation())
    con = connect_readonly(path)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (2,)
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM events")
    con.close()


def test_memory_store_refuses_writes_after_close() -> None:
    s = MemoryStore()
    s.close()
    with pytest.raises(RuntimeError):
        s.write(make_annotation())


def test_event_id_owned_by_another_article_is_refused_whole(store: DuckDBStore | MemoryStore) -> None:
    store.write(make_annotation("art1", n_events=2))
    clash = make_annotation("art2", n_events=1)
    clash = Annotation(article=clash.article, events=(make_annotation("art1").events[0],))
    with pytest.raises(StoreError):
        store.write_many([make_annotation("art3"), clash])
    assert not store.has_article("art2") and not store.has_article("art3")
    assert store.counts()["events"] == 2
