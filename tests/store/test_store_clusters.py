"""Cross-story clusters kept on every write: incremental grouping equals a full rebuild, in both stores."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.records import Annotation, Article, Entity, Event, Place
from eventwire.store import DuckDBStore, MemoryStore
from eventwire.store.clusters import ClusterConfig, article_keys, event_day


def _event(aid: str, n: int, etype: str, actor: str | None, day: int | None, country: str,
           dedup_key: str | None = None) -> Event:
    ent = Entity(entity_text=actor or "someone", span=(0, 1), code=actor)
    return Event(
        id=f"{aid}-e{n}", article_id=aid, event=etype, mode=None, aux_mode=(), context=(), quad_code=1,
        cameo_root="04", date=f"2024-06-{day:02d}" if day else None, date_precision="day" if day else None,
        date_text=None, actor=(ent,), recipient=(), event_text="met", span=(n, n + 1), sentence_index=0,
        event_loc=Place(extracted_place="x", span=(0, 1), country_code=country), text="x", confidence=0.9,
        dedup_key=dedup_key,
    )


def _article(aid: str, published: int, source: str, events: list[Event]) -> Annotation:
    return Annotation(article=Article(text="placeholder", id=aid, date=f"2024-06-{published:02d}", source=source),
                      events=tuple(events))


def _partition(store: DuckDBStore | MemoryStore) -> set[frozenset[str]]:
    if isinstance(store, MemoryStore):
        rows = [(r["id"], r["cluster_id"]) for r in store.tables["events"].values()]
    else:
        rows = store.con.execute("SELECT id, cluster_id FROM events").fetchall()
    groups: dict[str, set[str]] = {}
    for event_id, cluster_id in rows:
        assert cluster_id is not None, f"event {event_id} has no cluster"
        groups.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


def test_three_stories_of_one_meeting_make_one_cluster_with_counts() -> None:
    stores = (DuckDBStore(), MemoryStore())
    for store in stores:
        store.write(_article("a1", 10, "wire A", [_event("a1", 0, "CONSULT", "EGY", 10, "EGY"),
                                                  _event("a1", 1, "PROTEST", "EGY", 9, "EGY")]))
        store.write(_article("a2", 11, "wire B", [_event("a2", 0, "CONSULT", "EGY", 11, "EGY")]))
        store.write(_article("a3", 11, "wire B", [_event("a3", 0, "CONSULT", "EGY", None, "EGY")]))
        store.write(_article("a4", 30, "wire A", [_event("a4", 0, "CONSULT", "EGY", 30, "EGY")]))
        assert _partition(store) == {frozenset({"a1-e0", "a2-e0", "a3-e0"}), frozenset({"a1-e1"}), frozenset({"a4-e0"})}
    duck, memory = stores
    row = duck.con.execute("SELECT num_articles, num_sources, mention_count, first_event_id FROM event_clusters "
                           "WHERE id = (SELECT cluster_id FROM events WHERE id = 'a2-e0')").fetchone()
    assert row == (3, 2, 3, "a1-e0")
    cluster = memory.clusters[memory.tables["events"]["a2-e0"]["cluster_id"]]
    assert (cluster["num_articles"], cluster["num_sources"]) == (3, 2)
    # rewriting a story without the event splits it off again
    for store in stores:
        store.write(_article("a2", 11, "wire B", [_event("a2", 0, "ASSAULT", "EGY", 11, "EGY")]))
        assert frozenset({"a1-e0", "a3-e0"}) in _partition(store)


def test_events_told_twice_in_one_article_share_a_cluster() -> None:
    rows = [
        {"id": "e0", "article_id": "a", "event": "CONSULT", "actor_codes": ["EGY"], "country_code": "EGY", "dedup_key": "k"},
        {"id": "e1", "article_id": "a", "event": "CONSULT", "actor_codes": [None], "country_code": None, "dedup_key": "k"},
        {"id": "e2", "article_id": "a", "event": "CONSULT", "actor_codes": [None], "country_code": None, "dedup_key": None},
    ]
    keys = article_keys(rows, ClusterConfig())
    assert keys[0][0] is not None and keys[0] == keys[1]
    assert keys[2][0] is None  # no actor code: alone
    assert event_day("2024-06", "month", "2024-06-12").isoformat() == "2024-06-12"
    assert event_day(None, None, None) is None


_EVENTS = st.tuples(st.sampled_from(["CONSULT", "ASSAULT"]), st.sampled_from(["EGY", "USA", None]),
                    st.one_of(st.none(), st.integers(1, 12)), st.sampled_from(["EGY", "QAT"]))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 12), st.lists(_EVENTS, max_size=3)), min_size=1, max_size=8))
def test_incremental_clusters_equal_a_rebuild_and_the_memory_store(writes: list) -> None:
    duck, memory = DuckDBStore(), MemoryStore()
    for art, published, events in writes:  # articles rewritten in any order
        aid = f"a{art}"
        ann = _article(aid, published, f"wire {art % 2}", [_event(aid, i, *e) for i, e in enumerate(events)])
        duck.write(ann)
        memory.write(ann)
    incremental = _partition(duck)
    assert incremental == _partition(memory)
    n_clusters = duck.con.execute("SELECT count(*) FROM event_clusters").fetchone()
    assert n_clusters == (len(incremental),)
    duck.rebuild_clusters()
    assert _partition(duck) == incremental


def test_an_old_database_gets_clusters_when_opened(tmp_path) -> None:
    path = tmp_path / "old.duckdb"
    with DuckDBStore(path) as store:
        store.write(_article("a1", 10, "w", [_event("a1", 0, "CONSULT", "EGY", 10, "EGY")]))
        store.write(_article("a2", 10, "w", [_event("a2", 0, "CONSULT", "EGY", 10, "EGY")]))
    con = duckdb.connect(str(path))  # as a database of the previous version would be
    con.execute("UPDATE events SET cluster_id = NULL, cluster_key = NULL")
    con.execute("DELETE FROM event_clusters")
    con.execute("INSERT INTO meta VALUES ('clusters_stale', 'true')")
    con.close()
    with DuckDBStore(path) as store:
        assert _partition(store) == {frozenset({"a1-e0", "a2-e0"})}
