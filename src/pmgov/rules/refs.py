"""References to people resolve to the stakeholder register; ids are unique."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmgov.messages import ARTIFACT_NAMES, NOUNS
from pmgov.rules import Context, Hit, rule

PERSON_FIELDS = frozenset(
    {
        "sponsor",
        "project_manager",
        "owner",
        "requester",
        "decided_by",
        "tester",
        "trainer",
        "holder",
        "approved_by",
        "by",
        "source",
    }
)
PERSON_LISTS = frozenset({"audience"})


def _people(node: Any, pointer: str) -> Iterator[tuple[str, str, str]]:
    """(pointer, field, person id) for every person reference under `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{pointer}/{key}"
            if key in PERSON_FIELDS and isinstance(value, str):
                yield here, key, value
            elif key in PERSON_LISTS and isinstance(value, list):
                for index, person in enumerate(value):
                    if isinstance(person, str):
                        yield f"{here}/{index}", key, person
            else:
                yield from _people(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _people(value, f"{pointer}/{index}")


@rule(
    "refs.person",
    "Every person named in an artifact is in the stakeholder register",
    "An owner nobody can find owns nothing: people are named by their stakeholder id "
    "so that every owner, approver and tester can be reached.",
)
def person_refs(ctx: Context) -> Iterator[Hit]:
    if not ctx.has("stakeholders"):
        return
    known = ctx.ids("stakeholders", "stakeholders")
    for kind, doc in ctx.project.documents.items():
        for pointer, field, person in _people(doc.data, ""):
            if person not in known:
                yield Hit(
                    kind,
                    pointer,
                    f"{field.replace('_', ' ')} '{person}' is not in the stakeholder register",
                    f"use the id of a stakeholder in {ctx.file('stakeholders')}, "
                    "or add the person there first",
                )


@rule(
    "ids.unique",
    "Ids are unique within each artifact",
    "Decisions, tests and reports refer to items by id; two items with one id make "
    "every such reference ambiguous.",
)
def unique_ids(ctx: Context) -> Iterator[Hit]:
    for kind, doc in ctx.project.documents.items():
        if not isinstance(doc.data, dict):
            continue
        for key, value in doc.data.items():
            if not isinstance(value, list):
                continue
            seen: dict[str, int] = {}
            for index, item in enumerate(value):
                ident = item.get("id") if isinstance(item, dict) else None
                if not isinstance(ident, str):
                    continue
                if ident in seen:
                    noun = NOUNS.get(key, key)
                    first_line, _ = doc.locate(f"/{key}/{seen[ident]}")
                    yield Hit(
                        kind,
                        f"/{key}/{index}/id",
                        f"{noun} id {ident} is used twice in {ARTIFACT_NAMES.get(kind, kind)} "
                        f"(first on line {first_line})",
                        "give this item the next free id; never reuse ids",
                    )
                else:
                    seen[ident] = index
