"""The JSON Schemas of eventwire's two outputs, shipped as data files beside this module.

- ``extract.json``: one event, the ``eventwire extract`` record of spec/records.md.
- ``annotate.json``: one article, the ``eventwire annotate`` record.

Both allow extra properties (the contract is extended by adding fields only).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["SCHEMAS", "load_schema", "validator"]

SCHEMAS = ("extract", "annotate")


@cache
def _text(name: str) -> str:
    if name not in SCHEMAS:
        raise ValueError(f"unknown schema {name!r}; choose one of {', '.join(SCHEMAS)}")
    return resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema ``extract`` or ``annotate`` as a dict (a fresh copy)."""
    data = json.loads(_text(name))
    assert isinstance(data, dict)
    return data


def validator(name: str) -> Any:
    """Return a ``jsonschema`` validator for ``name`` (``extract`` or ``annotate``)."""
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(name))
