"""A PMO's own policy folder extends the default without touching pmgov."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmgov.cli import main
from pmgov.errors import PolicyError

from helpers import check, edit

BENEFITS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Benefits register",
    "description": "Benefits the PMO tracks after go-live.",
    "type": "object",
    "required": ["benefits"],
    "properties": {
        "benefits": {
            "title": "Benefits",
            "description": "Each expected benefit.",
            "type": "array",
            "minItems": 1,
            "x-message": {"minItems": "list at least one benefit with its owner"},
            "items": {
                "type": "object",
                "required": ["id", "owner"],
                "properties": {
                    "id": {"type": "string", "title": "Id", "description": "Id."},
                    "owner": {"type": "string", "title": "Owner", "description": "Stakeholder id."},
                },
            },
        }
    },
}


def pmo_policy(folder: Path, threshold: int = 8) -> Path:
    (folder / "schemas").mkdir(parents=True)
    (folder / "schemas" / "benefits.schema.json").write_text(json.dumps(BENEFITS_SCHEMA))
    (folder / "policy.yaml").write_text(
        "pmgov_policy: 1\n"
        "name: northbridge-pmo\n"
        "extends: default\n"
        f"thresholds:\n  high_risk_score: {threshold}\n"
        "artifacts:\n  benefits: {file: governance/benefits.yaml, "
        "schema: benefits.schema.json}\n"
        "gates:\n  planning:\n    requires: [benefits]\n"
        "    rules:\n      risks.review-overdue: error\n"
    )
    return folder


def test_pmo_policy_adds_an_artifact_and_tightens_a_threshold(
    example: Path, tmp_path: Path
) -> None:
    pmo_policy(tmp_path / "pmo")
    edit(example, "pmgov.yaml", set_={"/policy": str(tmp_path / "pmo")}, remove=["/overrides"])
    edit(example, "governance/risks.yaml", remove=["/risks/0/mitigation"])  # R-001 scores 10
    result = check(example)
    assert result.policy == "northbridge-pmo"
    missing = [f for f in result.findings if f.rule == "artifact.missing"]
    assert [(f.file, f.gate) for f in missing] == [("governance/benefits.yaml", "planning")]
    assert any(
        f.rule == "risks.high-owned" and "R-001 scores 10" in f.message for f in result.findings
    )
    (example / "governance" / "benefits.yaml").write_text("benefits: []\n")
    found = [f for f in check(example).findings if f.file == "governance/benefits.yaml"]
    assert found[0].hint == "list at least one benefit with its owner"


def test_policy_path_is_relative_to_the_project(example: Path) -> None:
    pmo_policy(example / "pmo-policy", threshold=25)
    edit(example, "pmgov.yaml", set_={"/policy": "pmo-policy"}, remove=["/overrides"])
    assert check(example).policy == "northbridge-pmo"


def test_manifest_overrides_a_threshold(example: Path) -> None:
    edit(example, "governance/risks.yaml", remove=["/risks/0/mitigation"])  # scores 10
    assert any(f.rule == "risks.high-owned" for f in check(example).findings)
    edit(example, "pmgov.yaml", set_={"/overrides/thresholds/high_risk_score": 12})
    assert not any(f.rule == "risks.high-owned" for f in check(example).findings)


def test_manifest_can_switch_a_rule_off(example: Path) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/0/score": 99})
    edit(example, "pmgov.yaml", set_={"/overrides/severities/risks.score": "off"})
    assert not any(f.rule == "risks.score" for f in check(example).findings)


def test_unknown_override_is_a_finding_not_silence(example: Path) -> None:
    edit(example, "pmgov.yaml", set_={"/overrides/thresholds/hihg_risk_score": 3})
    found = [f for f in check(example).findings if f.rule == "manifest.override"]
    assert found and "hihg_risk_score" in found[0].message and found[0].line


@pytest.mark.parametrize(
    ("policy_text", "message"),
    [
        ("pmgov_policy: 1\ngates: {planning: {rules: {no.such-rule: error}}}\n", "unknown rule"),
        (
            "pmgov_policy: 1\nextends: default\ngates: {planning: {requires: [ghost]}}\n",
            "unknown artifact",
        ),
        ("pmgov_policy: 1\nextends: default\ngates: {review: {}}\n", "unknown gate"),
        ("pmgov_policy: 2\n", "pmgov_policy: 1"),
        ("pmgov_policy: 1\na: 1\na: 2\n", "appears twice"),
        (
            "pmgov_policy: 1\nextends: default\ngates: {planning: {schemas: [nope.json]}}\n",
            "not found",
        ),
    ],
)
def test_broken_policy_is_exit_2_with_a_clear_message(
    example: Path,
    tmp_path: Path,
    policy_text: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "policy.yaml").write_text(policy_text)
    with pytest.raises(PolicyError, match=message):
        check(example, policy=str(folder))
    assert main(["check", "--no-cache", "--policy", str(folder), str(example)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_broken_policy_schema_is_exit_2(example: Path, tmp_path: Path) -> None:
    folder = pmo_policy(tmp_path / "pmo")
    (folder / "schemas" / "benefits.schema.json").write_text("{not json")
    with pytest.raises(PolicyError, match="not valid JSON"):
        check(example, policy=str(folder))


def test_missing_policy_folder_is_exit_2(example: Path) -> None:
    with pytest.raises(PolicyError, match="not found"):
        check(example, policy="no-such-policy")


def test_project_override_wins_where_the_policy_lists_a_rule_twice(
    example: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "policy.yaml").write_text(
        "pmgov_policy: 1\nextends: default\n"
        "gates:\n  closure:\n    rules: {risks.review-overdue: error}\n"
    )
    edit(example, "pmgov.yaml", set_={"/policy": str(folder)})
    edit(example, "governance/risks.yaml", set_={"/risks/1/review": "2026-11-01"})
    found = [f for f in check(example).findings if f.rule == "risks.review-overdue"]
    assert found and all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize(
    ("policy_text", "message"),
    [
        ("gates: {planning: {require: [raci]}}\n", r"unknown key\(s\) require"),
        ("artifacts: {risks: {schmea: x.json}}\n", r"unknown key\(s\) schmea"),
        ("thresholds: {uat_min_pass_rat: 98}\n", "unknown threshold 'uat_min_pass_rat'"),
    ],
)
def test_misspelt_policy_keys_are_errors_not_silence(
    example: Path, tmp_path: Path, policy_text: str, message: str
) -> None:
    folder = tmp_path / "typo"
    folder.mkdir()
    (folder / "policy.yaml").write_text("pmgov_policy: 1\nextends: default\n" + policy_text)
    with pytest.raises(PolicyError, match=message):
        check(example, policy=str(folder))


def test_pmo_schema_may_refer_to_pmgov_common_definitions(example: Path, tmp_path: Path) -> None:
    folder = pmo_policy(tmp_path / "pmo")
    schema = json.loads((folder / "schemas" / "benefits.schema.json").read_text())
    schema["properties"]["benefits"]["items"]["properties"]["owner"] = {
        "$ref": "common.schema.json#/$defs/person_ref",
        "title": "Owner",
        "description": "Who.",
    }
    (folder / "schemas" / "benefits.schema.json").write_text(json.dumps(schema))
    edit(example, "pmgov.yaml", set_={"/policy": str(folder)}, remove=["/overrides"])
    (example / "governance" / "benefits.yaml").write_text(
        "benefits:\n  - id: B-1\n    owner: nobody\n"
    )
    found = [f for f in check(example).findings if f.file == "governance/benefits.yaml"]
    assert [f.rule for f in found] == ["schema.pattern"]


def test_policy_option_is_relative_to_where_pmgov_runs(
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pmo_policy(tmp_path / "pmo")
    (example / "governance" / "benefits.yaml").write_text("benefits: [{id: B-1, owner: SH-01}]\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "-f", "json", "--policy", "pmo", str(example)]) == 0
    assert json.loads(capsys.readouterr().out)["projects"][0]["policy"] == "northbridge-pmo"


def test_hints_name_the_files_where_the_policy_keeps_them(example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "moved"
    folder.mkdir()
    (folder / "policy.yaml").write_text(
        "pmgov_policy: 1\nextends: default\nartifacts: {stakeholders: {file: plan/people.yaml}}\n"
    )
    (example / "plan").mkdir()
    (example / "governance" / "stakeholders.yaml").rename(example / "plan" / "people.yaml")
    edit(example, "pmgov.yaml", set_={"/policy": str(folder)})
    edit(example, "governance/risks.yaml", set_={"/risks/0/owner": "SH-99"})
    found = [f for f in check(example).findings if f.rule == "refs.person"]
    assert found and "plan/people.yaml" in found[0].hint
