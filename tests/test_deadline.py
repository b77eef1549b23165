"""The cooperative per-article budget: per thread, nested budgets keep the tighter one."""

from __future__ import annotations

import threading
import time

import pytest

from eventwire import deadline
from eventwire.errors import ArticleTimeout


def test_check_passes_inside_the_budget_and_raises_after_it():
    with deadline.budget(0.05, "article a1"):
        deadline.check()
        time.sleep(0.08)
        with pytest.raises(ArticleTimeout, match=r"article a1: processing took longer than 0\.05 s"):
            deadline.check()
    deadline.check()  # the budget ends with its block


@pytest.mark.parametrize("seconds", [0, -1])
def test_no_budget_when_seconds_are_not_positive(seconds):
    with deadline.budget(seconds, "x"):
        assert deadline.remaining() is None
        deadline.check()


def test_nested_budget_keeps_the_tighter_deadline():
    with deadline.budget(0.05, "outer"):
        with deadline.budget(10, "inner"):
            remaining = deadline.remaining()
            assert remaining is not None and remaining <= 0.05
        with deadline.budget(0.01, "inner"):
            time.sleep(0.03)
            with pytest.raises(ArticleTimeout, match="inner"):
                deadline.check()
        remaining = deadline.remaining()
        assert remaining is not None and 0 < remaining <= 0.05


def test_each_thread_has_its_own_budget():
    seen: dict[str, str] = {}

    def worker(name: str, seconds: float) -> None:
        with deadline.budget(seconds, name):
            time.sleep(0.06)
            try:
                deadline.check()
                seen[name] = "ok"
            except ArticleTimeout:
                seen[name] = "timeout"

    threads = [threading.Thread(target=worker, args=("slow", 0.02)), threading.Thread(target=worker, args=("fine", 5))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"slow": "timeout", "fine": "ok"}
    assert deadline.remaining() is None  # nothing leaked into this thread
