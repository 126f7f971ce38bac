"""RACI: one Accountable and at least one Responsible per activity; roles used and known."""

from __future__ import annotations

from collections.abc import Iterator

from pmgov.rules import Context, Hit, label, rule


def _assignments(ctx: Context) -> Iterator[tuple[str, dict[str, object], dict[str, str]]]:
    for pointer, activity in ctx.items("raci", "activities"):
        cells = activity.get("assignments")
        if isinstance(cells, dict):
            yield pointer, activity, {str(k): str(v) for k, v in cells.items()}


@rule(
    "raci.accountable",
    "Each RACI activity has exactly one Accountable role",
    "Accountability shared is accountability lost: one role answers for each activity.",
)
def accountable(ctx: Context) -> Iterator[Hit]:
    for pointer, activity, cells in _assignments(ctx):
        holders = [role for role, letter in cells.items() if letter == "A"]
        if len(holders) != 1:
            found = ", ".join(holders) if holders else "none"
            yield Hit(
                "raci",
                f"{pointer}/assignments",
                f"{label(activity, 'activity')} has {len(holders)} accountable roles ({found})",
                "mark exactly one role 'A'; others who do the work are 'R'",
            )


@rule(
    "raci.responsible",
    "Each RACI activity has at least one Responsible role",
    "An activity nobody is responsible for does not get done.",
)
def responsible(ctx: Context) -> Iterator[Hit]:
    for pointer, activity, cells in _assignments(ctx):
        if "R" not in cells.values():
            yield Hit(
                "raci",
                f"{pointer}/assignments",
                f"{label(activity, 'activity')} has no responsible role",
                "mark at least one role 'R' (the one doing the work)",
            )


@rule(
    "raci.roles",
    "Every RACI column is a declared role, and every declared role is used",
    "An undeclared role is usually a typo; an unused role is dead weight in the matrix.",
)
def roles(ctx: Context) -> Iterator[Hit]:
    declared = ctx.ids("raci", "roles")
    used: set[str] = set()
    for pointer, activity, cells in _assignments(ctx):
        for role in cells:
            used.add(role)
            if role not in declared:
                yield Hit(
                    "raci",
                    f"{pointer}/assignments/{role}",
                    f"{label(activity, 'activity')} assigns undeclared role '{role}'",
                    "declare the role under 'roles' or fix the spelling",
                    at_key=True,
                )
    for pointer, role_item in ctx.items("raci", "roles"):
        if role_item.get("id") not in used:
            yield Hit(
                "raci",
                pointer,
                f"role {role_item.get('id')} is not assigned to any activity",
                "assign the role where it takes part, or remove it",
            )
