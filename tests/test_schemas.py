"""The artifact schemas: complete documentation, offline resolution, PM-language errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmgov.errors import PolicyError
from pmgov.policy import load_default
from pmgov.schemas import SchemaSet

from conftest import EXAMPLE, ROOT
from helpers import check, edit

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def _properties(node: Any, where: str) -> Iterator[tuple[str, str, Any]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield where, name, sub
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}/{index}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    missing = [
        f"{where}/{name}"
        for where, name, sub in _properties(schema, "")
        if isinstance(sub, dict) and not (sub.get("title") and sub.get("description"))
    ]
    assert not missing


def test_every_artifact_kind_has_a_schema() -> None:
    policy = load_default()
    assert set(policy.artifacts) == {
        "manifest",
        "charter",
        "scope",
        "stakeholders",
        "raci",
        "risks",
        "schedule",
        "budget",
        "changes",
        "uat",
        "training",
        "lessons",
    }
    for artifact in policy.artifacts.values():
        assert policy.schemas.get(artifact.schema)["title"]


def test_example_files_each_validate() -> None:
    result = check(EXAMPLE)
    assert not [f for f in result.findings if f.rule.startswith(("yaml.", "schema."))]


def test_remote_ref_is_a_clear_error_not_a_fetch() -> None:
    schemas = SchemaSet(
        {
            "https://x.test/a.json": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": "https://elsewhere.test/remote.json",
            }
        }
    )
    with pytest.raises(PolicyError, match="never fetches"):
        schemas.is_valid("https://x.test/a.json", {})


def test_probability_out_of_range_speaks_pm(example: Path) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/6/probability": 7})
    found = [f for f in check(example).findings if f.rule == "schema.maximum"]
    assert len(found) == 1
    assert found[0].message == "risk R-007 has probability 7"
    assert "1 (rare) to 5 (almost certain)" in found[0].hint
    assert found[0].file == "governance/risks.yaml"
    assert found[0].line is not None and found[0].pointer == "/risks/6/probability"


def test_all_errors_are_reported_not_just_the_first(example: Path) -> None:
    edit(
        example,
        "governance/risks.yaml",
        set_={"/risks/0/probability": 9, "/risks/1/impact": 0, "/risks/2/status": "maybe"},
    )
    rules = sorted(f.rule for f in check(example).findings if f.rule.startswith("schema."))
    assert rules == ["schema.enum", "schema.maximum", "schema.minimum"]


def test_misspelt_field_suggests_the_right_one(example: Path) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/0/mitigaton": "x"})
    found = [f for f in check(example).findings if f.rule == "schema.additionalProperties"]
    assert found[0].message == "risk R-001 has an unknown field 'mitigaton'"
    assert found[0].hint == "did you mean 'mitigation'?"


def test_bad_date_is_caught_by_format(example: Path) -> None:
    edit(example, "governance/charter.yaml", set_={"/end": "2027-02-30"})
    found = [f for f in check(example).findings if f.rule == "schema.format"]
    assert found and "not a valid date" in found[0].message


def test_missing_required_field_names_it(example: Path) -> None:
    edit(example, "governance/risks.yaml", remove=["/risks/3/category"])
    found = [f for f in check(example).findings if f.rule == "schema.required"]
    assert found[0].message == "risk R-004 has no category"


def test_custom_x_message_is_used(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "n": {
                "type": "integer",
                "maximum": 3,
                "x-message": {"maximum": "{subject}: keep {field} small, not {value}"},
            }
        },
    }
    schemas = SchemaSet({"https://x.test/s.json": schema})
    from pmgov.messages import explain

    errors = list(schemas.iter_errors("https://x.test/s.json", {"n": 5}))
    explained = explain(errors[0], "thing", {"n": 5})
    assert explained[0].hint == "the thing artifact: keep n small, not 5"
