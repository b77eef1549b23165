"""Schemathesis against ``/openapi.json`` in-process: no 500s, statuses, types and bodies as documented.

Two servers: a hardened one (write and read tokens configured; every check, including that
endpoints refuse requests without the token) and the default one (reads open by design, so
``ignored_auth`` is not checked; writes refused with 403). The pipeline is the API tests'
deterministic stand-in and the database a small sample built in code, so a run takes seconds.

``positive_data_acceptance`` is excluded: the filters validate codes, dates, boxes, sorts and
cursors in code beyond what the schema states, so some schema-valid strings are rightly 422.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi import checks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from ew_helpers import READ_TOKEN, TOKEN, FakePipeline  # noqa: E402
from ew_sample import build_store, sample_annotations  # noqa: E402

from eventwire.api import create_app  # noqa: E402
from eventwire.config import Settings  # noqa: E402

EXAMPLES = settings(
    max_examples=15, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)


def _db(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    path = tmp_path_factory.mktemp("st") / f"{name}.duckdb"
    build_store(str(path), sample_annotations(n_articles=8))
    return path


@pytest.fixture(scope="module")
def hardened_schema(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings_ = Settings(api_token=TOKEN, api_read_token=READ_TOKEN, max_request_bytes=200_000,
                         max_articles_per_request=5)
    app = create_app(settings_, _db(tmp_path_factory, "hardened"), pipeline=FakePipeline(), dashboard=False)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def default_schema(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    app = create_app(Settings(), _db(tmp_path_factory, "default"), pipeline=FakePipeline(), dashboard=False)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _run_every_operation(schema, **call) -> list[str]:  # type: ignore[no-untyped-def]
    """Run each operation's generated cases; return one line per failing operation.

    (schemathesis' own pytest loader, ``from_fixture``, does not work with pytest 9.)
    """
    problems: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, "every /v1 route is in the schema"
    for operation in operations:

        @given(case=operation.as_strategy())
        @EXAMPLES
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(**call)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report
            problems.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return problems


def test_hardened_server_conforms_to_its_schema(hardened_schema) -> None:  # type: ignore[no-untyped-def]
    problems = _run_every_operation(hardened_schema, headers={"Authorization": f"Bearer {TOKEN}"},
                                    excluded_checks=[checks.positive_data_acceptance])
    assert not problems, "\n\n".join(problems)


def test_default_server_conforms_to_its_schema(default_schema) -> None:  # type: ignore[no-untyped-def]
    problems = _run_every_operation(default_schema,
                                    excluded_checks=[checks.positive_data_acceptance, checks.ignored_auth])
    assert not problems, "\n\n".join(problems)
