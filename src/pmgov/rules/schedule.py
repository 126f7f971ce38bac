"""Schedule: dependencies exist and form no cycle, dates are ordered and inside the charter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pmgov.rules import Context, Hit, as_date, label, rule


def _entries(ctx: Context) -> dict[str, tuple[str, dict[str, Any]]]:
    """Milestones and tasks by id, with their pointers."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for key in ("milestones", "tasks"):
        for pointer, item in ctx.items("schedule", key):
            if isinstance(item.get("id"), str):
                found.setdefault(item["id"], (pointer, item))
    return found


def _noun(item: dict[str, Any]) -> str:
    return label(item, "milestone" if str(item.get("id", "")).startswith("M-") else "task")


def _depends(item: dict[str, Any]) -> list[str]:
    deps = item.get("depends_on")
    return [d for d in deps if isinstance(d, str)] if isinstance(deps, list) else []


def _end(item: dict[str, Any]) -> dt.date | None:
    return as_date(item.get("finish")) or as_date(item.get("due"))


@rule(
    "schedule.dependencies",
    "Every schedule dependency names an existing task or milestone",
    "A dependency on nothing is a planning gap: the work it waits for is not planned.",
)
def dependencies(ctx: Context) -> Iterator[Hit]:
    entries = _entries(ctx)
    for pointer, item in entries.values():
        for index, dep in enumerate(_depends(item)):
            if dep not in entries:
                yield Hit(
                    "schedule",
                    f"{pointer}/depends_on/{index}",
                    f"{_noun(item)} depends on {dep}, which is not in the schedule",
                    "add the missing task or milestone, or fix the id",
                )


@rule(
    "schedule.references",
    "Tasks and deliverables name milestones and sprints that exist",
    "A task tied to a milestone or sprint that is not planned is progress nobody "
    "will see reported.",
)
def references(ctx: Context) -> Iterator[Hit]:
    milestones = ctx.ids("schedule", "milestones")
    sprints = ctx.ids("schedule", "sprints")
    places = [
        ("schedule", "tasks", "milestone", milestones, "milestone"),
        ("schedule", "tasks", "sprint", sprints, "sprint"),
        ("scope", "deliverables", "milestone", milestones, "milestone"),
    ]
    if not ctx.has("schedule"):
        return
    for kind, key, field, known, noun in places:
        for pointer, item in ctx.items(kind, key):
            ref = item.get(field)
            if isinstance(ref, str) and ref not in known:
                yield Hit(
                    kind,
                    f"{pointer}/{field}",
                    f"{label(item, key.rstrip('s'))} belongs to {noun} {ref}, which is not in "
                    "the schedule",
                    f"add {noun} {ref} to {ctx.file('schedule')} or fix the id",
                )


@rule(
    "schedule.cycle",
    "Schedule dependencies form no cycle",
    "Work that waits for itself can never start; a cycle makes the critical path undefined.",
)
def cycles(ctx: Context) -> Iterator[Hit]:
    entries = _entries(ctx)
    state: dict[str, int] = {}  # 1 visiting, 2 done
    reported: set[frozenset[str]] = set()

    def visit(node: str, trail: list[str]) -> Iterator[list[str]]:
        state[node] = 1
        trail.append(node)
        for dep in _depends(entries[node][1]):
            if dep not in entries:
                continue
            if state.get(dep) == 1:
                yield [*trail[trail.index(dep) :], dep]
            elif dep not in state:
                yield from visit(dep, trail)
        trail.pop()
        state[node] = 2

    for start in entries:
        if start in state:
            continue
        for cycle in visit(start, []):
            key = frozenset(cycle)
            if key in reported:
                continue
            reported.add(key)
            pointer, item = entries[cycle[0]]
            yield Hit(
                "schedule",
                f"{pointer}/depends_on",
                f"{_noun(item)} is part of a dependency cycle: {' -> '.join(cycle)}",
                "break the cycle: one of these must not wait for the other",
            )


@rule(
    "schedule.order",
    "Tasks finish after they start, and nothing is due before what it depends on",
    "A milestone due before its predecessor finishes is a plan that cannot be met.",
)
def order(ctx: Context) -> Iterator[Hit]:
    entries = _entries(ctx)
    for pointer, item in entries.values():
        start, end = as_date(item.get("start")), as_date(item.get("finish"))
        if start and end and end < start:
            yield Hit(
                "schedule",
                f"{pointer}/finish",
                f"{_noun(item)} finishes on {end}, before it starts on {start}",
                "swap the dates or correct the one that is wrong",
            )
        begins = start or as_date(item.get("due"))
        for dep in _depends(item):
            if dep not in entries:
                continue
            before = _end(entries[dep][1])
            if begins and before and begins < before:
                field = "start" if start else "due"
                yield Hit(
                    "schedule",
                    f"{pointer}/{field}",
                    f"{_noun(item)} is {'due' if field == 'due' else 'planned to start'} on "
                    f"{begins}, before {dep} it depends on ends on {before}",
                    f"move it to {before} or later, or remove the dependency",
                )


@rule(
    "schedule.window",
    "Schedule and deliverable dates fall inside the charter's start and end",
    "Work planned outside the chartered window is unfunded and unapproved.",
)
def window(ctx: Context) -> Iterator[Hit]:
    charter = ctx.project.data("charter")
    if not isinstance(charter, dict):
        return
    start, end = as_date(charter.get("start")), as_date(charter.get("end"))
    if not start or not end:
        return
    places = [
        ("schedule", "milestones", ("due",)),
        ("schedule", "tasks", ("start", "finish")),
        ("schedule", "sprints", ("start", "end")),
        ("scope", "deliverables", ("due",)),
    ]
    for kind, key, fields in places:
        for pointer, item in ctx.items(kind, key):
            for field in fields:
                when = as_date(item.get(field))
                if when and not start <= when <= end:
                    yield Hit(
                        kind,
                        f"{pointer}/{field}",
                        f"{label(item, key.rstrip('s'))} {field} {when} is outside the charter "
                        f"window {start} to {end}",
                        "re-plan inside the window, or change the charter's dates through "
                        "a change request",
                    )
