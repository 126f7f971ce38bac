"""What pmgov knows, for people: the rules of a policy, and the artifact schemas."""

from __future__ import annotations

import json
from pathlib import Path

from pmgov.errors import UsageError
from pmgov.policy import OFF, load_default, load_policy
from pmgov.rules import RULES


def rule_rows(policy_path: str | None) -> list[dict[str, str]]:
    """Each rule with its gate and severity in the policy ('off' when it does not run)."""
    policy = load_policy(policy_path, Path.cwd()) if policy_path else load_default()
    settings = policy.rule_settings()
    rows = []
    for rule_id, rule in sorted(RULES.items()):
        gate, severity = settings.get(rule_id, ("-", OFF))
        rows.append(
            {
                "id": rule_id,
                "severity": severity,
                "gate": gate,
                "summary": rule.summary,
                "rationale": rule.rationale,
            }
        )
    return rows


def render_rules(fmt: str, policy_path: str | None) -> str:
    rows = rule_rows(policy_path)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(r["id"]) for r in rows)
    lines = [f"{'rule'.ljust(width)}  {'severity':<8}  {'from gate':<10}  what it checks"]
    for row in rows:
        lines.append(
            f"{row['id'].ljust(width)}  {row['severity']:<8}  {row['gate']:<10}  {row['summary']}"
        )
        lines.append(f"{''.ljust(width)}  {'':<8}  {'':<10}  why: {row['rationale']}")
    return "\n".join(lines) + "\n"


def render_schema(kind: str | None) -> str:
    policy = load_default()
    if kind is None:
        lines = ["Artifact kinds (pmgov schema KIND prints one):"]
        lines += [f"  {k:<13} {a.file}" for k, a in policy.artifacts.items()]
        lines.append("  report        pmgov's own JSON report")
        return "\n".join(lines) + "\n"
    from pmgov.schemas import bundled_schema

    if kind == "report":
        return json.dumps(bundled_schema("report.schema.json"), indent=2) + "\n"
    if kind not in policy.artifacts:
        raise UsageError(
            f"unknown artifact kind '{kind}'; known: " + ", ".join([*policy.artifacts, "report"])
        )
    return (
        json.dumps(policy.schemas.get(policy.artifacts[kind].schema), indent=2, ensure_ascii=False)
        + "\n"
    )
