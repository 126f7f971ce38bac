"""The schema registry: bundled and policy schemas by URI, compiled validators, no network.

Validation is two-speed: jsonschema-rs answers "valid?" fast; only an invalid
document is walked again by python-jsonschema, whose errors carry the paths and
schema fragments that :mod:`pmgov.messages` turns into a project manager's words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from pmgov.errors import PolicyError

BASE_URI = "https://pmgov.dev/schemas/"
_PACKAGE = "pmgov._schemas"


def bundled_schema_files() -> dict[str, str]:
    """Relative name (e.g. ``risks.schema.json``, ``gates/planning.schema.json``) to text."""
    root = files(_PACKAGE)
    found: dict[str, str] = {}
    for entry in root.iterdir():
        if entry.name.endswith(".json"):
            found[entry.name] = entry.read_text(encoding="utf-8")
    gates = root.joinpath("gates")
    if gates.is_dir():
        for entry in gates.iterdir():
            if entry.name.endswith(".json"):
                found[f"gates/{entry.name}"] = entry.read_text(encoding="utf-8")
    return found


def bundled_schema(name: str) -> dict[str, Any]:
    """One bundled schema by relative name, e.g. ``risks.schema.json``."""
    texts = bundled_schema_files()
    if name not in texts:
        raise PolicyError(f"pmgov has no bundled schema '{name}'")
    return parse_schema(texts[name], name, check=False)


def parse_schema(text: str, origin: str, *, check: bool = True) -> dict[str, Any]:
    """A schema from JSON text; with `check`, also validated against its meta-schema."""
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyError(
            f"{origin} line {exc.lineno} column {exc.colno}: the schema is not valid JSON "
            f"({exc.msg})"
        ) from None
    if not isinstance(schema, dict):
        raise PolicyError(f"{origin}: a schema must be a JSON object")
    if not check:
        return schema
    import jsonschema_rs

    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as exc:
        raise PolicyError(f"{origin}: not a valid JSON Schema: {exc.message}") from None
    except jsonschema_rs.ReferencingError as exc:
        raise PolicyError(f"{origin}: not a valid JSON Schema: {exc}") from None
    return schema


class SchemaSet:
    """Schemas by URI; every ``$ref`` must resolve inside the set."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self._fast: dict[str, Any] = {}
        self._slow: dict[str, Any] = {}
        self._rs_registry: Any = None

    def get(self, uri: str) -> dict[str, Any]:
        return self.schemas[uri]

    def is_valid(self, uri: str, instance: Any) -> bool:
        validator = self._fast.get(uri)
        if validator is None:
            validator = self._compile_fast(uri)
            self._fast[uri] = validator
        return bool(validator.is_valid(instance))

    def iter_errors(self, uri: str, instance: Any) -> Iterator[Any]:
        """python-jsonschema errors (all of them), for messages."""
        validator = self._slow.get(uri)
        if validator is None:
            validator = self._compile_slow(uri)
            self._slow[uri] = validator
        return iter(validator.iter_errors(instance))

    def _compile_fast(self, uri: str) -> Any:
        import jsonschema_rs

        try:
            if self._rs_registry is None:
                self._rs_registry = jsonschema_rs.Registry(list(self.schemas.items()))
            return jsonschema_rs.validator_for(
                self.schemas[uri],
                registry=self._rs_registry,
                validate_formats=True,
                retriever=_refuse_retrieval,
                base_uri=uri,
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
            raise PolicyError(
                f"schema {uri} cannot be used: {_first_line(exc)}; pmgov never fetches "
                "schemas from the network: put every schema it refers to in the policy folder"
            ) from None

    def _compile_slow(self, uri: str) -> Any:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        def retrieve(target: str) -> Resource:
            raise PolicyError(
                f"schema {uri} refers to {target}, which is not bundled; pmgov never "
                "fetches schemas from the network: put the schema in the policy folder"
            )

        from referencing.jsonschema import DRAFT202012

        registry: Registry[Any] = Registry(retrieve=retrieve).with_resources(  # type: ignore[call-arg]
            (u, Resource.from_contents(s, default_specification=DRAFT202012))
            for u, s in self.schemas.items()
        )
        return Draft202012Validator(
            self.schemas[uri],
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )


def _refuse_retrieval(uri: str) -> Any:
    raise ValueError(
        f"{uri} is not bundled; pmgov never fetches schemas from the network: "
        "put the schema in the policy folder"
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def schemas_from_folder(folder: Path, base_uri: str) -> dict[str, dict[str, Any]]:
    """Every ``*.json`` under `folder`, keyed by its ``$id`` or by `base_uri` + its path."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*.json")):
        relative = path.relative_to(folder).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"{path}: cannot read the schema ({exc})") from None
        schema = parse_schema(text, str(path))
        # without an $id, relative $refs resolve against the file's own place
        schema.setdefault("$id", base_uri + relative)
        found[str(schema["$id"])] = schema
    return found
