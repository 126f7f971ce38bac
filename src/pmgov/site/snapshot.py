"""What the site is built from: a project checked against every gate, with its data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pmgov.engine import Options, inspect_project
from pmgov.model import Finding
from pmgov.result import ProjectResult


@dataclass(frozen=True)
class Snapshot:
    """A project as the site shows it: the check result, and the artifacts that passed
    their schema (the only ones a page reads; the others show their findings)."""

    root: Path
    result: ProjectResult
    data: dict[str, Any]
    files: dict[str, str]
    """Artifact kind -> its file, relative to the project folder."""
    present: frozenset[str]
    """Kinds whose file exists (loaded or not)."""
    thresholds: dict[str, float]
    as_of: dt.date

    def has(self, kind: str) -> bool:
        """Whether `kind` loaded and passed its schema, so a page may read it."""
        return kind in self.data

    def get(self, kind: str) -> Any:
        return self.data.get(kind)

    def items(self, kind: str, key: str) -> list[dict[str, Any]]:
        """The list `key` of artifact `kind` (mappings only), or an empty list."""
        data = self.data.get(kind)
        found = data.get(key) if isinstance(data, dict) else None
        return [i for i in found if isinstance(i, dict)] if isinstance(found, list) else []

    def findings(self, kind: str | None = None) -> list[Finding]:
        """The findings about one artifact's file, or all of them."""
        found = self.result.findings
        return found if kind is None else [f for f in found if f.file == self.files.get(kind)]

    @property
    def currency(self) -> str:
        budget = self.data.get("budget")
        return str(budget.get("currency", "")) if isinstance(budget, dict) else ""

    @cached_property
    def _names(self) -> dict[Any, str]:
        return {
            item.get("id"): str(item.get("name", item.get("id")))
            for item in self.items("stakeholders", "stakeholders")
        }

    def knows(self, ref: Any) -> bool:
        """Whether `ref` is the id of someone in the stakeholder register."""
        return isinstance(ref, str) and ref in self._names

    def person(self, ref: Any) -> str:
        """A stakeholder reference as a name: ``SH-01`` -> ``Margaret Okafor``."""
        if ref is None:
            return ""
        return self._names.get(ref, str(ref)) if isinstance(ref, str) else str(ref)


def take_snapshot(root: Path, as_of: dt.date, policy: str | None = None) -> Snapshot:
    """Check the project at `root` against every gate and keep what the pages need.

    Raises ProjectError or PolicyError as `pmgov check` would.
    """
    inspection = inspect_project(root, root.name, Options(as_of=as_of, policy=policy))
    policy_ = inspection.policy
    files = {kind: artifact.file for kind, artifact in policy_.artifacts.items()}
    return Snapshot(
        root=root,
        result=inspection.result,
        data={kind: doc.data for kind, doc in inspection.valid.items()},
        files=files,
        present=frozenset(kind for kind, file in files.items() if (root / file).is_file()),
        thresholds=dict(policy_.thresholds),
        as_of=as_of,
    )
