"""The outcome of checking one project: findings per gate, and what was evaluated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from pmgov.model import Finding, Severity


@dataclass
class ProjectResult:
    """The outcome of checking one project against every gate of its policy."""

    label: str
    project_id: str | None
    name: str | None
    phase: str | None
    policy: str
    gates: list[tuple[str, str]]
    findings: list[Finding] = field(default_factory=list)
    approvals: dict[str, dict[str, str]] = field(default_factory=dict)
    checks: list[tuple[str, str]] = field(default_factory=list)
    evaluated: str = ""

    @property
    def gate_ids(self) -> list[str]:
        """The policy's gates, in phase order."""
        return [g for g, _ in self.gates]

    def gates_upto(self, gate: str) -> list[str]:
        """`gate` and every gate before it (gates are cumulative)."""
        ids = self.gate_ids
        return ids[: ids.index(gate) + 1]

    def evaluated_upto(self, gate: str) -> bool:
        """Whether `gate` was evaluated (a check may stop at the gate it reports on)."""
        return not self.evaluated or gate in self.gates_upto(self.evaluated)

    @property
    def default_gate(self) -> str:
        ids = self.gate_ids
        return self.phase if self.phase in ids else ids[0]

    def upto(self, gate: str) -> list[Finding]:
        """Findings that gate `gate` (and every gate before it) demands."""
        included = set(self.gates_upto(gate))
        return [f for f in self.findings if f.gate in included]

    def at(self, gate: str) -> list[Finding]:
        """Findings that gate `gate` itself introduces."""
        return [f for f in self.findings if f.gate == gate]

    def passes(self, gate: str) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.upto(gate))

    def path(self, finding: Finding) -> str:
        """The finding's file as seen from where pmgov was run."""
        if self.label in ("", "."):
            return finding.file
        return str(PurePosixPath(self.label) / finding.file)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.project_id,
            "name": self.name,
            "phase": self.phase,
            "policy": self.policy,
            "gates": [list(g) for g in self.gates],
            "approvals": self.approvals,
            "findings": [f.to_dict() for f in self.findings],
            "checks": [list(c) for c in self.checks],
            "evaluated": self.evaluated,
        }

    @classmethod
    def from_dict(cls, label: str, data: dict[str, Any]) -> ProjectResult:
        return cls(
            label=label,
            project_id=data["id"],
            name=data["name"],
            phase=data["phase"],
            policy=data["policy"],
            gates=[(g[0], g[1]) for g in data["gates"]],
            approvals=data["approvals"],
            findings=[Finding.from_dict(f) for f in data["findings"]],
            checks=[(c[0], c[1]) for c in data["checks"]],
            evaluated=data["evaluated"],
        )

    def check_of(self, finding: Finding) -> str:
        """The check (rule, gate schema, or load/shape layer) a finding belongs to."""
        if finding.rule.startswith("gate."):
            return finding.rule
        known = {c for c, _ in self.checks}
        return finding.rule if finding.rule in known else finding.rule.split(".", 1)[0]
