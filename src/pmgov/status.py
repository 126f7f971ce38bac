"""`pmgov status`: every gate at a glance, and what blocks the next one, in fixing order."""

from __future__ import annotations

from dataclasses import dataclass

from pmgov.model import Finding, Severity
from pmgov.result import ProjectResult

# A PM fixes files that do not load before files that do not fit their schema,
# adds missing artifacts, then completes what the gate demands, then the rules.
_FIX_ORDER = ("yaml", "artifact", "schema", "manifest", "gate", "placeholders")


@dataclass(frozen=True)
class GateRow:
    gate: str
    title: str
    passed: bool
    errors: int
    warnings: int
    approval: str


def _fix_rank(finding: Finding) -> tuple[int, int, str, int]:
    prefix = finding.rule.split(".", 1)[0]
    layer = _FIX_ORDER.index(prefix) if prefix in _FIX_ORDER else len(_FIX_ORDER)
    return (finding.severity.rank, layer, finding.file, finding.line or 0)


def gate_rows(result: ProjectResult) -> list[GateRow]:
    rows = []
    for gate, title in result.gates:
        at = result.at(gate)
        approval = result.approvals.get(gate)
        rows.append(
            GateRow(
                gate,
                title,
                result.passes(gate),
                sum(1 for f in at if f.severity is Severity.ERROR),
                sum(1 for f in at if f.severity is Severity.WARNING),
                f"approved by {approval['by']} on {approval['date']}" if approval else "",
            )
        )
    return rows


def next_gate(result: ProjectResult) -> str | None:
    """The first gate that does not pass, or None when every gate passes."""
    return next((g for g, _ in result.gates if not result.passes(g)), None)


def blockers(result: ProjectResult) -> list[Finding]:
    """The errors standing between the project and its next gate, in fixing order."""
    gate = next_gate(result)
    if gate is None:
        return []
    errors = [f for f in result.upto(gate) if f.severity is Severity.ERROR]
    return sorted(errors, key=_fix_rank)


def render(result: ProjectResult, *, limit: int = 25) -> str:
    """The status as a plain-text table and to-do list."""
    title = " ".join(p for p in (result.project_id, result.name) if p) or result.label
    lines = [
        f"{title}",
        f"  folder {result.label}, phase {result.phase or 'unknown'}, policy {result.policy}",
        "",
    ]
    rows = gate_rows(result)
    width = max(len(r.gate) for r in rows)
    lines.append(f"  {'gate'.ljust(width)}  {'status':<8} {'errors':>6} {'warnings':>8}  approval")
    for row in rows:
        mark = "passes" if row.passed else "blocked"
        current = "  <- current phase" if row.gate == result.phase else ""
        lines.append(
            f"  {row.gate.ljust(width)}  {mark:<8} {row.errors:>6} {row.warnings:>8}  "
            f"{row.approval}{current}".rstrip()
        )
    gate = next_gate(result)
    lines.append("")
    if gate is None:
        lines.append("Every gate passes.")
        return "\n".join(lines) + "\n"
    todo = blockers(result)
    items = "this item" if len(todo) == 1 else f"these {len(todo)} items, in this order"
    lines.append(f"To pass the {gate} gate, fix {items}:")
    for number, finding in enumerate(todo[:limit], 1):
        where = result.path(finding) + (f":{finding.line}" if finding.line else "")
        lines.append(f"  {number:>2}. {finding.message} ({where})")
        if finding.hint:
            lines.append(f"      -> {finding.hint}")
    if len(todo) > limit:
        lines.append(f"  ... and {len(todo) - limit} more: run `pmgov check --gate {gate}`")
    return "\n".join(lines) + "\n"
