"""Checking a project: load, shape, meaning — one pass that serves every gate.

A project is checked once against all gates of its policy; each finding records
the gate that first demands it, so "does gate G pass" is a filter, and `pmgov
status` needs no second pass.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmgov import layers, loader
from pmgov.errors import PolicyError, ProjectError, UsageError
from pmgov.layers import MANIFEST
from pmgov.model import PHASES, Document, Finding, Severity
from pmgov.policy import OFF, Gate, Policy, load_policy
from pmgov.result import ProjectResult


@dataclass(frozen=True)
class Options:
    """How to check: as of which day, and with which policy if not the project's own."""

    as_of: dt.date
    policy: str | None = None
    shape_only: bool = False
    """Only the load and shape layers (what `pmgov lint` and a pre-commit hook run)."""
    gate: str | None = None
    """Evaluate gates up to this one only: a gate id, ``"phase"`` for the gate that ends
    the project's current phase, or None for every gate."""


def as_of_date(value: str | None, source: str = "--as-of") -> dt.date:
    """The day to check as of: `value`, else $PMGOV_AS_OF, else today."""
    if value is None:
        value, source = os.environ.get("PMGOV_AS_OF"), "PMGOV_AS_OF"
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{source} {value!r} is not a date; write YYYY-MM-DD") from None


def require_project(root: Path) -> None:
    """Raise ProjectError unless `root` is a folder holding a manifest."""
    if not root.is_dir():
        raise ProjectError(f"{root}: no such folder")
    if not (root / MANIFEST).is_file():
        raise ProjectError(
            f"{root}: no {MANIFEST} here, so this is not a pmgov project "
            "(run `pmgov new` to create one, or point at a project folder)"
        )


def read_manifest(root: Path) -> tuple[bytes, Any, loader.LoadError | None]:
    """The manifest's bytes and data; a missing manifest means this is not a project."""
    require_project(root)
    raw = (root / MANIFEST).read_bytes()
    try:
        data, _ = loader.load(raw)
    except loader.LoadError as exc:
        return raw, None, exc
    return raw, data, None


def resolve_policy(root: Path, manifest: Any, options: Options) -> Policy:
    """The project's policy with the manifest's overrides applied (where they make sense)."""
    reference = options.policy
    if reference is None:
        named = manifest.get("policy") if isinstance(manifest, dict) else None
        reference = named if isinstance(named, str) and named else "default"
    policy = load_policy(reference, root)
    thresholds, severities = _overrides(manifest, policy)
    return policy.with_overrides(thresholds, severities)


def _overrides(manifest: Any, policy: Policy) -> tuple[dict[str, float], dict[str, str]]:
    from pmgov.rules import RULES

    thresholds, severities = override_maps(manifest)
    allowed = {s.value for s in Severity} | {OFF}
    return (
        {
            k: float(v)
            for k, v in thresholds.items()
            if k in policy.thresholds and isinstance(v, (int, float)) and not isinstance(v, bool)
        },
        {k: v for k, v in severities.items() if k in RULES and isinstance(v, str) and v in allowed},
    )


def override_maps(manifest: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest's threshold and severity overrides, as mappings (else empty: the
    manifest schema reports a wrong shape)."""
    raw = manifest.get("overrides") if isinstance(manifest, dict) else None
    if not isinstance(raw, dict):
        return {}, {}
    thresholds, severities = raw.get("thresholds"), raw.get("severities")
    return (
        thresholds if isinstance(thresholds, dict) else {},
        severities if isinstance(severities, dict) else {},
    )


@dataclass(frozen=True)
class Inputs:
    """A project's files as read from disk, once: what a check and its cache key need."""

    manifest_raw: bytes
    manifest: Any
    manifest_error: loader.LoadError | None
    policy: Policy
    files: dict[str, bytes | None]
    """Artifact kind -> the file's bytes, or None when there is no such file."""


def read_inputs(root: Path, options: Options) -> Inputs:
    """Read the manifest, resolve its policy and read every artifact file."""
    raw, manifest, manifest_error = read_manifest(root)
    policy = resolve_policy(root, manifest, options)
    files: dict[str, bytes | None] = {}
    for kind, artifact in policy.artifacts.items():
        path = root / artifact.file
        files[kind] = raw if kind == "manifest" else path.read_bytes() if path.is_file() else None
    return Inputs(raw, manifest, manifest_error, policy, files)


@dataclass(frozen=True)
class Inspection:
    """A checked project: its result, and the artifacts that passed their schema."""

    result: ProjectResult
    valid: dict[str, Document]
    policy: Policy


def check_project(
    root: Path, label: str, options: Options, inputs: Inputs | None = None
) -> ProjectResult:
    """Check one project folder against every gate of its policy.

    `inputs`, when given, are the project's files already read by `read_inputs`.
    """
    return inspect_project(root, label, options, inputs).result


def inspect_project(
    root: Path, label: str, options: Options, inputs: Inputs | None = None
) -> Inspection:
    """Check one project and keep what was loaded, for readers that go on to use the data."""
    if inputs is None:
        inputs = read_inputs(root, options)
    policy, manifest = inputs.policy, inputs.manifest
    first_gate = policy.gates[0].id
    findings: list[Finding] = []
    documents: dict[str, Document] = {}
    if inputs.manifest_error is not None:
        findings.append(layers.load_finding(inputs.manifest_error, MANIFEST, first_gate))
    for kind, artifact in policy.artifacts.items():
        content = inputs.files[kind]
        if content is None or (kind == "manifest" and inputs.manifest_error is not None):
            continue
        try:
            documents[kind] = layers.document(kind, artifact.file, content)
        except loader.LoadError as exc:
            # a file that does not load fails every gate: bad YAML is never silent
            findings.append(layers.load_finding(exc, artifact.file, first_gate))
    valid, shape_findings = layers.shape(policy, documents)
    findings.extend(shape_findings)
    info = manifest if isinstance(manifest, dict) and "manifest" in valid else {}
    phase = info.get("phase") if info.get("phase") in PHASES else None
    if options.shape_only:
        gates = list(policy.gates)
    else:
        gates = _evaluated_gates(policy, options.gate, phase)
        findings.extend(layers.missing(gates, policy, inputs.files))
        findings.extend(layers.gate_schemas(gates, policy, valid))
        findings.extend(layers.meaning(gates, policy, root, label, valid, options.as_of))
        findings.extend(
            layers.manifest_overrides(override_maps(manifest), policy, documents.get("manifest"))
        )
    kept = {g.id for g in gates}
    findings = sorted((f for f in findings if f.gate in kept), key=Finding.sort_key)
    result = ProjectResult(
        label=label,
        project_id=_text(info.get("id")),
        name=_text(info.get("name")),
        phase=phase,
        policy=policy.name,
        gates=[(g.id, g.title) for g in policy.gates],
        findings=findings,
        approvals=_approvals(info),
        checks=_checks(policy),
        evaluated=gates[-1].id,
    )
    return Inspection(result, valid, policy)


def _evaluated_gates(policy: Policy, limit: str | None, phase: str | None) -> list[Gate]:
    ids = [g.id for g in policy.gates]
    if limit is None:
        return list(policy.gates)
    if limit == "phase":
        limit = phase if phase in ids else ids[0]
    if limit not in ids:
        raise PolicyError(f"unknown gate '{limit}'; gates are {', '.join(ids)}")
    return list(policy.gates[: ids.index(limit) + 1])


def _checks(policy: Policy) -> list[tuple[str, str]]:
    """Every check this policy runs, with the gate that introduces it."""
    first = policy.gates[0].id
    found = [(layer, first) for layer in ("yaml", "schema", "artifact", "manifest")]
    found += [(f"gate.{g.id}", g.id) for g in policy.gates if g.schemas]
    found += [
        (rule, gate) for rule, (gate, severity) in policy.rule_settings().items() if severity != OFF
    ]
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _approvals(manifest: dict[str, Any]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for item in manifest.get("approvals") or []:
        if isinstance(item, dict) and isinstance(item.get("gate"), str):
            found[item["gate"]] = {
                "by": str(item.get("approved_by", "")),
                "date": str(item.get("date", "")),
            }
    return found
