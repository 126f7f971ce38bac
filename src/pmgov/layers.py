"""The layers of a check after loading: shape, missing artifacts, gate schemas, rules.

Each layer turns loaded documents into findings; `engine.check_project` runs them in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pmgov import loader
from pmgov.messages import ARTIFACT_NAMES, explain
from pmgov.model import Document, Finding, Project, Severity
from pmgov.policy import OFF, Gate, Policy

MANIFEST = "pmgov.yaml"


def document(kind: str, file: str, raw: bytes) -> Document:
    data, node = loader.load(raw)
    return Document(kind, file, data, node)


def load_finding(exc: loader.LoadError, file: str, gate: str) -> Finding:
    return Finding(
        exc.rule, Severity.ERROR, file, exc.message, exc.hint, "", exc.line, exc.column, gate
    )


def shape(
    policy: Policy, documents: dict[str, Document]
) -> tuple[dict[str, Document], list[Finding]]:
    """Validate each document against its schema: the valid ones, and the findings."""
    schemas = policy.schemas
    valid: dict[str, Document] = {}
    findings: list[Finding] = []
    for kind, doc in documents.items():
        uri = policy.artifacts[kind].schema
        if doc.data is None:
            findings.append(
                Finding(
                    "schema.empty",
                    Severity.ERROR,
                    doc.path,
                    f"{ARTIFACT_NAMES.get(kind, kind)} is empty",
                    "fill it in; `pmgov schema " + kind + "` shows its fields",
                    "",
                    1,
                    1,
                    policy.artifact_gate(kind),
                )
            )
            continue
        if schemas.is_valid(uri, doc.data):
            valid[kind] = doc
            continue
        found = explained(
            schemas.iter_errors(uri, doc.data), kind, doc, "schema", policy.artifact_gate(kind), 0
        )
        findings.extend(found)
        if not found:  # the two validators disagree: trust the thorough one
            valid[kind] = doc
    return valid, findings


def explained(
    errors: Iterable[Any], kind: str, doc: Document, prefix: str, gate: str, offset: int
) -> list[Finding]:
    found = []
    for error in errors:
        rule = f"{prefix}.{error.validator}" if prefix == "schema" else prefix
        for item in explain(error, kind, doc.data, offset):
            line, column = doc.locate(item.pointer, key=item.at_key)
            found.append(
                Finding(
                    rule,
                    Severity.ERROR,
                    doc.path,
                    item.message,
                    item.hint,
                    item.pointer,
                    line,
                    column,
                    gate,
                )
            )
    return found


def missing(gates: list[Gate], policy: Policy, files: dict[str, bytes | None]) -> Iterable[Finding]:
    for gate in gates:
        for kind in gate.requires:
            artifact = policy.artifacts[kind]
            if files.get(kind) is None:
                yield Finding(
                    "artifact.missing",
                    Severity.ERROR,
                    artifact.file,
                    f"{ARTIFACT_NAMES.get(kind, f'the {kind} artifact')} ({artifact.file}) "
                    "is missing",
                    f"create it; `pmgov schema {kind}` shows its fields"
                    if kind in ARTIFACT_NAMES
                    else f"create it as your policy's {kind} schema describes",
                    "",
                    None,
                    None,
                    gate.id,
                )


def gate_schemas(
    gates: list[Gate], policy: Policy, valid: dict[str, Document]
) -> Iterable[Finding]:
    schemas = policy.schemas
    bundle = {kind: doc.data for kind, doc in valid.items()}
    for gate in gates:
        for uri in gate.schemas:
            if schemas.is_valid(uri, bundle):
                continue
            for error in schemas.iter_errors(uri, bundle):
                path = list(error.absolute_path)
                kind = str(path[0]) if path and str(path[0]) in valid else "manifest"
                doc = valid.get(kind) or Document(kind, MANIFEST, None)
                yield from explained(
                    [error], kind, doc, f"gate.{gate.id}", gate.id, 1 if path else 0
                )


def meaning(
    gates: list[Gate],
    policy: Policy,
    root: Path,
    label: str,
    valid: dict[str, Document],
    as_of: dt.date,
) -> Iterable[Finding]:
    from pmgov.rules import RULES, Context

    ctx = Context(Project(root, label, valid), policy.thresholds, as_of)
    order = [g.id for g in policy.gates]
    evaluated = {g.id for g in gates}
    for rule_id, (first_gate, severity) in policy.rule_settings().items():
        if severity == OFF or first_gate not in evaluated:
            continue
        for hit in hits(RULES[rule_id], ctx):
            doc = valid.get(hit.kind) or Document(hit.kind, MANIFEST, None)
            line, column = doc.locate(hit.pointer, key=hit.at_key)
            gate = max(first_gate, policy.artifact_gate(hit.kind), key=order.index)
            yield Finding(
                rule_id,
                Severity(severity),
                doc.path,
                hit.message,
                hit.hint,
                hit.pointer,
                line,
                column,
                gate,
            )


def hits(rule: Any, ctx: Any) -> list[Any]:
    """A rule's hits; a rule that cannot read this data says so instead of crashing.

    pmgov's schemas guarantee the shapes its rules read, but a PMO policy may
    replace an artifact schema with a looser one.
    """
    from pmgov.rules import Hit

    try:
        return list(rule.check(ctx))
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as exc:
        return [
            Hit(
                "manifest",
                "",
                f"rule {rule.id} could not read the artifacts ({type(exc).__name__}: {exc})",
                "the policy's artifact schemas must keep the field types pmgov's rules "
                "read; compare them with `pmgov schema KIND`",
            )
        ]


def manifest_overrides(
    overrides: tuple[dict[str, Any], dict[str, Any]], policy: Policy, doc: Document | None
) -> Iterable[Finding]:
    """Overrides the policy cannot apply are findings on the manifest, not silent no-ops."""
    from pmgov.rules import RULES

    thresholds, severities = overrides
    if doc is None:
        return
    for key in thresholds:
        if key not in policy.thresholds:
            line, column = doc.locate(f"/overrides/thresholds/{key}", key=True)
            yield Finding(
                "manifest.override",
                Severity.ERROR,
                MANIFEST,
                f"threshold '{key}' is not defined by policy '{policy.name}'",
                "known thresholds: " + ", ".join(sorted(policy.thresholds)),
                f"/overrides/thresholds/{key}",
                line,
                column,
                policy.gates[0].id,
            )
    for key in severities:
        if key not in RULES:
            line, column = doc.locate(f"/overrides/severities/{key}", key=True)
            yield Finding(
                "manifest.override",
                Severity.ERROR,
                MANIFEST,
                f"rule '{key}' does not exist",
                "`pmgov rules` lists the rule ids",
                f"/overrides/severities/{key}",
                line,
                column,
                policy.gates[0].id,
            )
