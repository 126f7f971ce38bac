"""JSON for machines and the portfolio roll-up; validates against schemas/report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from pmgov.model import Finding, Severity
from pmgov.report import Checked, Reporter, Run

REPORT_VERSION = 1


def _count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


def project_entry(checked: Checked) -> dict[str, Any]:
    result = checked.result
    gates = []
    for gate_id, title in result.gates:
        at = result.at(gate_id)
        evaluated = result.evaluated_upto(gate_id) and not checked.lint
        gates.append(
            {
                "id": gate_id,
                "title": title,
                "evaluated": evaluated,
                "passed": result.passes(gate_id) if evaluated else None,
                "errors": _count(at, Severity.ERROR) if evaluated else None,
                "warnings": _count(at, Severity.WARNING) if evaluated else None,
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
        "gate": "lint" if checked.lint else checked.gate,
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
