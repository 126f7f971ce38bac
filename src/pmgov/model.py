"""Findings, severities and the loaded project bundle."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PHASES: tuple[str, ...] = ("initiation", "planning", "execution", "monitoring", "closure")


class Severity(str, enum.Enum):
    """How much a finding matters: only errors fail a gate."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One thing pmgov has to say about a project, pointing at where it is."""

    rule: str
    severity: Severity
    file: str
    message: str
    hint: str = ""
    pointer: str = ""
    line: int | None = None
    column: int | None = None
    gate: str = PHASES[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "gate": self.gate,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "message": self.message,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            gate=data["gate"],
            file=data["file"],
            line=data["line"],
            column=data["column"],
            pointer=data["pointer"],
            message=data["message"],
            hint=data["hint"],
        )

    def sort_key(self) -> tuple[int, str, int, int, str]:
        return (
            PHASES.index(self.gate) if self.gate in PHASES else 99,
            self.file,
            self.line or 0,
            self.column or 0,
            self.rule,
        )


@dataclass
class Document:
    """One parsed artifact file: its data, and the YAML node tree that knows positions."""

    kind: str
    path: str
    data: Any
    node: Any = None

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the node at `pointer`, or of its nearest parent.

        With `key`, the position of the mapping key itself rather than its value.
        """
        node = self.node
        if node is None:
            return (None, None)
        tokens = _tokens(pointer)
        found = node
        for index, token in enumerate(tokens):
            child, key_node = _child(found, token)
            if child is None:
                break
            last = index == len(tokens) - 1
            found = key_node if key and last and key_node is not None else child
        mark = found.start_mark
        return (mark.line + 1, mark.column + 1)


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


def _child(node: Any, token: str) -> tuple[Any, Any]:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return (None, None)
    if node.id == "mapping":
        for key_node, value_node in value:
            if getattr(key_node, "value", None) == token:
                return (value_node, key_node)
        return (None, None)
    if token.isdigit() and int(token) < len(value):
        return (value[int(token)], None)
    return (None, None)


@dataclass
class Project:
    """Everything pmgov knows about one project folder after loading."""

    root: Path
    label: str
    documents: dict[str, Document] = field(default_factory=dict)

    def data(self, kind: str) -> Any:
        doc = self.documents.get(kind)
        return doc.data if doc is not None else None
