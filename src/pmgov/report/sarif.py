"""SARIF 2.1.0 for code-scanning services: one result per finding, rules described."""

from __future__ import annotations

import json
from typing import Any

from pmgov.model import Severity
from pmgov.report import Reporter, Run

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LAYERS = {
    "yaml": "The artifact is safe, well-formed YAML",
    "schema": "The artifact follows its JSON Schema",
    "artifact": "Every artifact a gate requires is present",
    "manifest": "The manifest's overrides name real thresholds and rules",
}


def _rule_text(rule_id: str) -> tuple[str, str]:
    from pmgov.rules import RULES

    if rule_id in RULES:
        return RULES[rule_id].summary, RULES[rule_id].rationale
    prefix = rule_id.split(".", 1)[0]
    if prefix == "gate":
        gate = rule_id.split(".", 1)[1]
        return f"The {gate} gate's schema holds", f"What the {gate} gate demands of the artifacts."
    summary = _LAYERS.get(prefix, rule_id)
    return summary, summary


class SarifReporter(Reporter):
    name = "sarif"

    def render(self, run: Run) -> str:
        rules: dict[str, int] = {}
        descriptors: list[dict[str, Any]] = []
        results: list[dict[str, Any]] = []
        for checked in run.checked:
            for finding in checked.findings:
                if finding.rule not in rules:
                    rules[finding.rule] = len(descriptors)
                    summary, rationale = _rule_text(finding.rule)
                    descriptors.append(
                        {
                            "id": finding.rule,
                            "name": finding.rule.replace(".", "-"),
                            "shortDescription": {"text": summary},
                            "fullDescription": {"text": rationale},
                            "help": {"text": rationale},
                            "defaultConfiguration": {"level": _LEVEL[finding.severity]},
                        }
                    )
                location: dict[str, Any] = {
                    "artifactLocation": {
                        "uri": checked.result.path(finding),
                        "uriBaseId": "%SRCROOT%",
                    }
                }
                if finding.line is not None:
                    location["region"] = {
                        "startLine": finding.line,
                        "startColumn": finding.column or 1,
                    }
                hint = finding.hint[:1].upper() + finding.hint[1:]
                text = finding.message + (f". {hint}." if hint else ".")
                results.append(
                    {
                        "ruleId": finding.rule,
                        "ruleIndex": rules[finding.rule],
                        "level": _LEVEL[finding.severity],
                        "message": {"text": text},
                        "locations": [{"physicalLocation": location}],
                        "properties": {
                            "gate": finding.gate,
                            "pointer": finding.pointer,
                            "project": checked.result.project_id or "",
                        },
                    }
                )
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "pmgov",
                            "version": run.version,
                            "informationUri": "https://pmgov.dev",
                            "rules": descriptors,
                        }
                    },
                    "results": results,
                    "columnKind": "unicodeCodePoints",
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
