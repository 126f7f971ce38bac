"""JSON for machines and the portfolio roll-up; validates against schemas/report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from pmgov.model import Severity
from pmgov.report import Checked, Reporter, Run

REPORT_VERSION = 1


def project_entry(checked: Checked) -> dict[str, Any]:
    result = checked.result
    gates = []
    for gate_id, title in result.gates:
        at = result.at(gate_id)
        gates.append(
            {
                "id": gate_id,
                "title": title,
                "passed": result.passes(gate_id),
                "errors": sum(1 for f in at if f.severity is Severity.ERROR),
                "warnings": sum(1 for f in at if f.severity is Severity.WARNING),
                "approval": result.approvals.get(gate_id),
            }
        )
    findings = []
    for finding in checked.findings:
        entry = finding.to_dict()
        entry["path"] = result.path(finding)
        findings.append(entry)
    return {
        "path": result.label,
        "id": result.project_id,
        "name": result.name,
        "phase": result.phase,
        "policy": result.policy,
        "gate": checked.gate,
        "passed": checked.passed,
        "counts": {s.value: checked.count(s) for s in Severity},
        "gates": gates,
        "findings": findings,
    }


class JsonReporter(Reporter):
    name = "json"

    def render(self, run: Run) -> str:
        projects = [project_entry(c) for c in run.checked]
        report = {
            "pmgov_report": REPORT_VERSION,
            "tool": {"name": "pmgov", "version": run.version},
            "as_of": run.as_of,
            "passed": run.passed,
            "summary": {
                "projects": len(projects),
                "passed": sum(1 for p in projects if p["passed"]),
                "errors": sum(p["counts"]["error"] for p in projects),
                "warnings": sum(p["counts"]["warning"] for p in projects),
            },
            "projects": projects,
        }
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
