"""The meaning layer: rules JSON Schema cannot express, each with a stable id.

A rule is a function from a :class:`Context` to :class:`Hit` s. Which gate runs
it, and at what severity, is the policy's business, not the rule's.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pmgov.model import Project


@dataclass(frozen=True)
class Hit:
    """One thing a rule found: in which artifact, where, and what to do."""

    kind: str
    pointer: str
    message: str
    hint: str = ""
    at_key: bool = False


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the project, the thresholds, and today's date."""

    project: Project
    thresholds: Mapping[str, float]
    as_of: dt.date

    def items(self, kind: str, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, item) for each mapping in list `key` of artifact `kind`."""
        data = self.project.data(kind)
        if not isinstance(data, dict) or not isinstance(data.get(key), list):
            return
        for index, item in enumerate(data[key]):
            if isinstance(item, dict):
                yield f"/{key}/{index}", item

    def ids(self, kind: str, key: str) -> set[str]:
        return {str(item["id"]) for _, item in self.items(kind, key) if "id" in item}

    def has(self, *kinds: str) -> bool:
        return all(kind in self.project.documents for kind in kinds)

    def file(self, kind: str) -> str:
        """Where artifact `kind` lives in this project, for hints."""
        doc = self.project.documents.get(kind)
        return doc.path if doc is not None else f"governance/{kind}.yaml"


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    rationale: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, summary: str, rationale: str) -> Callable[[Check], Check]:
    """Register a rule function under a stable id."""

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, summary, rationale, check)
        return check

    return register


def as_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD string as a date; None for anything else."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def label(item: dict[str, Any], noun: str) -> str:
    ident = item.get("id")
    return f"{noun} {ident}" if isinstance(ident, str) else noun


_MODULES = ("refs", "text", "raci", "risks", "schedule", "budget", "changes", "uat", "closure")
for _name in _MODULES:
    importlib.import_module(f"pmgov.rules.{_name}")
