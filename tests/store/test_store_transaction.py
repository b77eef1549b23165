"""``transaction``: one DuckDB transaction, committed at the end of the block, rolled back on error."""

from __future__ import annotations

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.store import transaction


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    return c


def _values(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("SELECT x FROM t ORDER BY x").fetchall()]


def test_commits_at_the_end(con: duckdb.DuckDBPyConnection) -> None:
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1), (2)")
    assert _values(con) == [1, 2]


def test_error_rolls_back_and_is_raised_again(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(KeyError), transaction(con):
        con.execute("INSERT INTO t VALUES (1)")
        raise KeyError("boom")
    assert _values(con) == []


def test_failure_message_wraps_the_error_as_store_error(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(StoreError, match=r"^writing t failed: .*(?i:constraint)") as info, \
            transaction(con, "writing t failed"):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("INSERT INTO t VALUES (1)")  # duplicate key
    assert isinstance(info.value.__cause__, duckdb.Error)
    assert _values(con) == [1]  # the 2 of the failed block is gone too
    with transaction(con):  # the connection is usable again
        con.execute("INSERT INTO t VALUES (3)")
    assert _values(con) == [1, 3]
