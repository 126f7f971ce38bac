"""Change control: a decided change names who decided and when."""

from __future__ import annotations

from collections.abc import Iterator

from pmgov.rules import Context, Hit, label, rule

DECIDED = frozenset({"approved", "rejected", "implemented", "deferred"})


@rule(
    "changes.decision",
    "A decided change request names who decided it and when",
    "Scope creep starts with changes nobody can trace to a decision.",
)
def decision(ctx: Context) -> Iterator[Hit]:
    for pointer, change in ctx.items("changes", "changes"):
        if change.get("status") not in DECIDED:
            continue
        for field, hint in (
            ("decided_by", "name the approver (change board chair or sponsor)"),
            ("decided", "record the decision date as YYYY-MM-DD"),
        ):
            if not change.get(field):
                yield Hit(
                    "changes",
                    pointer,
                    f"{label(change, 'change request')} is {change['status']} but has no "
                    f"{field.replace('_', ' ')}",
                    hint,
                )
