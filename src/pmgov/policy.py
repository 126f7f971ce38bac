"""Phases, gates and the policy that says what each gate demands.

A policy is data: a folder holding ``policy.yaml`` and, optionally, a
``schemas/`` folder. pmgov ships the ``default`` policy; a PMO's policy folder
``extends: default`` and adds required artifacts, gate schemas, thresholds and
rule severities without touching pmgov. A project's ``pmgov.yaml`` names its
policy and may override thresholds and severities.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from pmgov import loader
from pmgov.errors import PolicyError
from pmgov.model import PHASES, Severity
from pmgov.schemas import (
    BASE_URI,
    SchemaSet,
    bundled_schema_files,
    parse_schema,
    schemas_from_folder,
)

POLICY_FILE = "policy.yaml"
OFF = "off"


@dataclass(frozen=True)
class Artifact:
    """One kind of artifact: where it lives in a project and which schema it follows."""

    kind: str
    file: str
    schema: str


@dataclass(frozen=True)
class Gate:
    """The exit of a phase: what must be present, which schemas and rules apply."""

    id: str
    title: str
    requires: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    rules: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    """A resolved policy: gates in phase order, artifact kinds, thresholds, schemas."""

    name: str
    gates: tuple[Gate, ...]
    artifacts: Mapping[str, Artifact]
    thresholds: Mapping[str, float]
    schemas: SchemaSet
    fingerprint: str

    def gate(self, gate_id: str) -> Gate:
        for gate in self.gates:
            if gate.id == gate_id:
                return gate
        raise PolicyError(f"policy '{self.name}' has no gate '{gate_id}'")

    def artifact_gate(self, kind: str) -> str:
        """The first gate that requires `kind` (the last gate for optional artifacts)."""
        for gate in self.gates:
            if kind in gate.requires:
                return gate.id
        return self.gates[-1].id

    def rule_settings(self) -> dict[str, tuple[str, str]]:
        """Rule id -> (first gate that runs it, severity or 'off')."""
        settings: dict[str, tuple[str, str]] = {}
        for gate in self.gates:
            for rule, severity in gate.rules.items():
                first = settings[rule][0] if rule in settings else gate.id
                settings[rule] = (first, severity)
        return settings

    def with_overrides(
        self, thresholds: Mapping[str, float], severities: Mapping[str, str]
    ) -> Policy:
        """This policy with a project's own thresholds and severities applied (the caller
        passes only thresholds the policy defines; unknown ones are findings)."""
        if not thresholds and not severities:
            return self
        settings = self.rule_settings()
        gates = []
        for gate in self.gates:
            rules = dict(gate.rules)
            for rule, severity in severities.items():
                # a project's word applies wherever its policy lists the rule; a rule the
                # policy does not run at all starts at the first gate
                if rule in rules or (rule not in settings and gate is self.gates[0]):
                    rules[rule] = severity
            gates.append(replace(gate, rules=rules))
        digest = hashlib.sha256(
            (self.fingerprint + json.dumps([thresholds, severities], sort_keys=True)).encode()
        ).hexdigest()
        return replace(
            self,
            gates=tuple(gates),
            thresholds={**self.thresholds, **thresholds},
            fingerprint=digest,
        )


def _read_policy_yaml(raw: bytes, origin: str) -> dict[str, Any]:
    try:
        data, _ = loader.load(raw)
    except loader.LoadError as exc:
        where = f" line {exc.line}" if exc.line else ""
        raise PolicyError(f"{origin}{where}: {exc.message} ({exc.hint})") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{origin}: a policy is a mapping with 'pmgov_policy: 1' and 'gates'")
    return data


@functools.lru_cache(maxsize=1)
def load_default() -> Policy:
    raw = files("pmgov.policies").joinpath("default.yaml").read_bytes()
    data = _read_policy_yaml(raw, "default policy")
    schemas: dict[str, dict[str, Any]] = {}
    for name, text in bundled_schema_files().items():
        schema = parse_schema(text, name, check=False)
        schemas[str(schema.get("$id") or BASE_URI + name)] = schema
    return _build(data, None, schemas, raw)


def load_policy(reference: str, project_root: Path) -> Policy:
    """``default`` or a policy folder, relative to the project root or absolute."""
    if reference == "default":
        return load_default()
    folder = (project_root / reference).resolve()
    policy_file = folder / POLICY_FILE
    if not policy_file.is_file():
        raise PolicyError(
            f"policy '{reference}' not found: {policy_file} does not exist "
            "(a policy is a folder with a policy.yaml)"
        )
    return _load_folder(folder, policy_file)


@functools.lru_cache(maxsize=16)
def _load_folder(folder: Path, policy_file: Path) -> Policy:
    raw = policy_file.read_bytes()
    data = _read_policy_yaml(raw, str(policy_file))
    base = data.get("extends")
    if base not in (None, "default"):
        raise PolicyError(f"{policy_file}: 'extends' can only name 'default'")
    parent = load_default() if base == "default" else None
    schema_dir = folder / "schemas"
    own = schemas_from_folder(schema_dir, schema_dir.as_uri() + "/") if schema_dir.is_dir() else {}
    inherited = dict(parent.schemas.schemas) if parent else {}
    # a PMO schema may $ref pmgov's by relative name, e.g. common.schema.json#/$defs/date
    aliases = {
        schema_dir.as_uri() + "/" + uri.removeprefix(BASE_URI): schema
        for uri, schema in inherited.items()
        if uri.startswith(BASE_URI)
    }
    schemas = {**inherited, **aliases, **own}
    return _build(
        data,
        parent,
        schemas,
        raw + json.dumps(own, sort_keys=True).encode(),
        schema_base=schema_dir.as_uri() + "/",
        origin=str(policy_file),
    )


_POLICY_KEYS = frozenset(
    {"pmgov_policy", "name", "description", "extends", "thresholds", "artifacts", "gates"}
)


@dataclass(frozen=True)
class _Source:
    """Where a policy comes from: for messages, and to resolve its schema names."""

    origin: str
    schemas: dict[str, dict[str, Any]]
    schema_base: str

    def uri(self, ref: str) -> str:
        target = ref if "://" in ref else self.schema_base + ref
        if target not in self.schemas:
            raise PolicyError(f"{self.origin}: schema '{ref}' not found (looked for {target})")
        return target


def _build(
    data: dict[str, Any],
    parent: Policy | None,
    schemas: dict[str, dict[str, Any]],
    raw: bytes,
    *,
    schema_base: str = BASE_URI,
    origin: str = "default policy",
) -> Policy:
    if data.get("pmgov_policy") != 1:
        raise PolicyError(f"{origin}: start the policy with 'pmgov_policy: 1'")
    extra = sorted(set(data) - _POLICY_KEYS)
    if extra:
        raise PolicyError(
            f"{origin}: unknown key(s) {', '.join(extra)}; "
            f"a policy has {', '.join(sorted(_POLICY_KEYS))}"
        )
    source = _Source(origin, schemas, schema_base)
    artifacts = _artifacts(data, parent, source)
    gate_specs = _mapping(data.get("gates"), origin, "gates")
    unknown_gates = sorted(set(gate_specs) - set(PHASES))
    if unknown_gates:
        raise PolicyError(
            f"{origin}: unknown gate(s) {', '.join(unknown_gates)}; "
            f"gates are the phases {', '.join(PHASES)}"
        )
    gates = tuple(
        _gate(
            _mapping(gate_specs.get(phase), origin, f"gates.{phase}"),
            parent.gate(phase) if parent else Gate(phase, phase.title()),
            artifacts,
            source,
        )
        for phase in PHASES
    )
    fingerprint = hashlib.sha256(
        (parent.fingerprint if parent else "").encode()
        + raw
        + json.dumps(schemas, sort_keys=True).encode()
    ).hexdigest()
    name = str(data.get("name") or (parent.name if parent else "unnamed"))
    return Policy(
        name, gates, artifacts, _thresholds(data, parent, origin), SchemaSet(schemas), fingerprint
    )


def _artifacts(data: dict[str, Any], parent: Policy | None, source: _Source) -> dict[str, Artifact]:
    artifacts = dict(parent.artifacts) if parent else {}
    for kind, value in _mapping(data.get("artifacts"), source.origin, "artifacts").items():
        spec = _mapping(value, source.origin, f"artifacts.{kind}")
        _known_keys(spec, {"file", "schema"}, source.origin, f"artifacts.{kind}")
        old = artifacts.get(kind)
        file = str(spec.get("file") or (old.file if old else f"governance/{kind}.yaml"))
        if file.startswith("/") or ".." in Path(file).parts:
            raise PolicyError(
                f"{source.origin}: artifact '{kind}' file must stay inside the project"
            )
        schema = (
            source.uri(str(spec["schema"])) if "schema" in spec else (old.schema if old else "")
        )
        if not schema:
            raise PolicyError(f"{source.origin}: artifact '{kind}' needs a 'schema'")
        artifacts[kind] = Artifact(kind, file, schema)
    return artifacts


def _thresholds(data: dict[str, Any], parent: Policy | None, origin: str) -> dict[str, float]:
    thresholds = dict(parent.thresholds) if parent else {}
    for key, value in _mapping(data.get("thresholds"), origin, "thresholds").items():
        if parent is not None and key not in parent.thresholds:
            raise PolicyError(
                f"{origin}: unknown threshold '{key}'; known: {', '.join(sorted(thresholds))}"
            )
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise PolicyError(f"{origin}: threshold '{key}' must be a number, not {value!r}")
        thresholds[key] = float(value)
    return thresholds


def _gate(spec: dict[str, Any], old: Gate, artifacts: dict[str, Artifact], source: _Source) -> Gate:
    from pmgov.rules import RULES

    where = f"gates.{old.id}"
    _known_keys(spec, {"title", "requires", "schemas", "rules"}, source.origin, where)
    requires = list(old.requires)
    for kind in _strings(spec.get("requires"), source.origin, f"{where}.requires"):
        if kind not in artifacts:
            raise PolicyError(
                f"{source.origin}: gate '{old.id}' requires unknown artifact "
                f"'{kind}'; declare it under 'artifacts'"
            )
        if kind not in requires:
            requires.append(kind)
    schemas = list(old.schemas) + [
        source.uri(s) for s in _strings(spec.get("schemas"), source.origin, f"{where}.schemas")
    ]
    rules = dict(old.rules)
    for rule, severity in _mapping(spec.get("rules"), source.origin, f"{where}.rules").items():
        if rule not in RULES:
            raise PolicyError(
                f"{source.origin}: gate '{old.id}' names unknown rule '{rule}'; "
                "`pmgov rules` lists them"
            )
        if not isinstance(severity, str) or severity not in {s.value for s in Severity} | {OFF}:
            raise PolicyError(
                f"{source.origin}: rule '{rule}' severity must be error, warning, "
                f"info or off, not {severity!r}"
            )
        rules[rule] = str(severity)
    return Gate(old.id, str(spec.get("title") or old.title), tuple(requires), tuple(schemas), rules)


def _known_keys(spec: dict[str, Any], known: set[str], origin: str, where: str) -> None:
    extra = sorted(set(spec) - known)
    if extra:
        raise PolicyError(
            f"{origin}: '{where}' has unknown key(s) {', '.join(extra)}; "
            f"use {', '.join(sorted(known))}"
        )


def _mapping(value: Any, origin: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PolicyError(f"{origin}: '{where}' must be a mapping")
    return value


def _strings(value: Any, origin: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"{origin}: '{where}' must be a list of names")
    return list(value)
