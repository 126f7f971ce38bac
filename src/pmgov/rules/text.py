"""Placeholders left by a template, and the charter's own dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmgov.messages import subject
from pmgov.rules import Context, Hit, as_date, rule

PLACEHOLDER = "TODO"


def _placeholders(node: Any, path: list[Any]) -> Iterator[tuple[list[Any], str]]:
    if isinstance(node, str):
        if node.lstrip().startswith(PLACEHOLDER):
            yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _placeholders(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _placeholders(value, [*path, index])


@rule(
    "placeholders.todo",
    "No template placeholder (TODO) is left in an artifact",
    "A scaffolded project starts with TODO markers where the project manager must "
    "write; a gate cannot pass on text nobody wrote.",
)
def placeholders(ctx: Context) -> Iterator[Hit]:
    for kind, doc in ctx.project.documents.items():
        for path, text in _placeholders(doc.data, []):
            who, rest = subject(kind, doc.data, path)
            field = " ".join(str(p).replace("_", " ") for p in rest if isinstance(p, str))
            ask = text.strip()[len(PLACEHOLDER) :].lstrip(" :-").strip()
            yield Hit(
                kind,
                "".join(f"/{p}" for p in path),
                f"{who}: {field or 'a value'} is still a placeholder",
                ask or "replace the TODO with the real content",
            )


@rule(
    "charter.dates",
    "The charter's start date is before its end date",
    "Every other date is checked against the charter's window; a window that ends "
    "before it starts makes them all meaningless.",
)
def charter_dates(ctx: Context) -> Iterator[Hit]:
    charter = ctx.project.data("charter")
    if not isinstance(charter, dict):
        return
    start, end = as_date(charter.get("start")), as_date(charter.get("end"))
    if start and end and end <= start:
        yield Hit(
            "charter",
            "/end",
            f"the charter ends on {end} but starts on {start}",
            "set the end date after the start date",
        )
