"""No two eventwire modules import each other, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"


def _modules() -> dict[str, Path]:
    out = {}
    for f in SRC.rglob("*.py"):
        parts = f.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.update(c for c in [target, *(f"{target}.{a.name}" for a in node.names)] if c in known)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
    out.discard(name)
    return out


def test_no_module_pairs_import_each_other():
    known = _modules()
    graph = {m: _imports(m, p, known) for m, p in known.items()}
    plain = {m for m, p in known.items() if p.name != "__init__.py"}
    pairs = sorted({tuple(sorted((a, b))) for a in plain for b in graph[a] & plain if a in graph[b]})
    assert pairs == [], f"modules importing each other: {pairs}"


def test_the_checker_sees_a_cycle(tmp_path):
    known = {"pkg.a": tmp_path / "a.py", "pkg.b": tmp_path / "b.py"}
    known["pkg.a"].write_text("from .b import x\n", encoding="utf-8")
    known["pkg.b"].write_text("def f():\n    from . import a\n", encoding="utf-8")
    assert _imports("pkg.a", known["pkg.a"], known) == {"pkg.b"}
    assert _imports("pkg.b", known["pkg.b"], known) == {"pkg.a"}
