"""Budget: work packages add up to the approved baseline."""

from __future__ import annotations

from collections.abc import Iterator

from pmgov.rules import Context, Hit, rule


@rule(
    "budget.baseline",
    "Work package budgets add up to the baseline",
    "A baseline the work packages do not add up to cannot be tracked: earned value "
    "and variance figures would be computed against the wrong total.",
)
def baseline(ctx: Context) -> Iterator[Hit]:
    budget = ctx.project.data("budget")
    if not isinstance(budget, dict):
        return
    total_line = budget.get("baseline")
    if not isinstance(total_line, (int, float)) or isinstance(total_line, bool):
        return
    amounts = [wp.get("budget") for _, wp in ctx.items("budget", "work_packages")]
    total = sum(a for a in amounts if isinstance(a, (int, float)) and not isinstance(a, bool))
    tolerance = abs(total_line) * ctx.thresholds.get("budget_tolerance_percent", 0.1) / 100
    if abs(total - total_line) > tolerance:
        currency = budget.get("currency", "")
        yield Hit(
            "budget",
            "/baseline",
            f"work packages add up to {total:,.2f} {currency}, but the baseline is "
            f"{total_line:,.2f} {currency} (difference {total - total_line:+,.2f})",
            "correct the work package budgets or raise a change request to re-baseline",
        )
