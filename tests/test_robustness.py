"""Odd but valid input never becomes a traceback: each case is a finding or a clear error."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pmgov import batch, loader
from pmgov.cache import Cache
from pmgov.cli import main
from pmgov.engine import Options
from pmgov.errors import PolicyError
from pmgov.report import reporters
from pmgov.report.formats import FORMATS

from helpers import check, edit


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "overrides",
    [
        {"severities": {"risks.score": ["a"]}},
        {"severities": {"risks.score": {"a": 1}}},
        {"thresholds": [{"a": 1}]},
        {"severities": [{"a": 1}]},
        {"thresholds": {"risk_review_grace_days": 99999999999}},
    ],
)
def test_odd_overrides_are_findings_not_crashes(
    overrides: dict[str, object], example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(example, "pmgov.yaml", set_={"/overrides": overrides})
    code, _, err = run(["check", "--no-cache", str(example)], capsys)
    assert code in (0, 1), err
    assert "internal error" not in err


def test_huge_numbers_stay_text() -> None:
    data, _ = loader.load(b"a: " + b"9" * 5000 + b"\nb: 12345678901234567\nc: 1234567.5\n")
    assert data == {"a": "9" * 5000, "b": "12345678901234567", "c": 1234567.5}


def test_pmo_schema_without_dialect_still_explains(example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pmo"
    (folder / "schemas").mkdir(parents=True)
    (folder / "schemas" / "loose-uat.schema.json").write_text(
        json.dumps({"type": "object", "properties": {"test_cases": {"type": "array"}}})
    )
    (folder / "policy.yaml").write_text(
        "pmgov_policy: 1\nextends: default\nartifacts: {uat: {schema: loose-uat.schema.json}}\n"
    )
    edit(example, "pmgov.yaml", set_={"/policy": str(folder)})
    edit(example, "governance/uat.yaml", set_={"/test_cases": "none", "/exit_criteria": "x"})
    result = check(example)
    assert any(f.rule == "schema.type" for f in result.findings)
    edit(
        example,
        "governance/uat.yaml",
        set_={
            "/test_cases": [],
            "/exit_criteria": {"min_pass_rate": "high", "max_open_critical": 0},
        },
    )
    crashed = [f for f in check(example).findings if "could not read" in f.message]
    assert crashed and crashed[0].rule == "uat.exit-criteria"


def test_policy_severity_of_the_wrong_type_is_exit_2(example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "policy.yaml").write_text(
        "pmgov_policy: 1\nextends: default\ngates: {planning: {rules: {ids.unique: [x]}}}\n"
    )
    with pytest.raises(PolicyError, match="severity must be"):
        check(example, policy=str(folder))


def test_a_cache_entry_of_the_wrong_shape_is_a_miss(example: Path, tmp_path: Path) -> None:
    options = Options(dt.date(2026, 11, 22))
    cache = Cache(tmp_path / "cache")
    batch.check_many([(example, "crm")], options, cache=cache)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text(json.dumps({"cache": "1", "result": {"id": 1}}))
    assert batch.check_many([(example, "crm")], options, cache=cache)[0].passes("execution")


def test_a_folder_where_an_artifact_should_be(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example / "governance" / "lessons.yaml").unlink()
    (example / "governance" / "lessons.yaml").mkdir()
    code, out, err = run(["check", "--gate", "closure", str(example)], capsys)
    assert code == 1 and "internal error" not in err
    assert "lessons.yaml) is missing" in out


def test_control_characters_cannot_steer_the_output(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(example, "governance/charter.yaml", set_={"/purpose": "TODO: a\x1b[31m\x01\n::error::x"})
    _, out, _ = run(["check", "--no-cache", "-f", "junit", str(example)], capsys)
    ET.fromstring(out.split("\n", 1)[1])  # well-formed XML
    _, out, _ = run(["check", "--no-cache", str(example)], capsys)
    assert "\x1b" not in out and "\\x1b" in out
    _, out, _ = run(["check", "--no-cache", "-f", "github", str(example)], capsys)
    assert not [line for line in out.splitlines() if line.startswith("::error::x")]


def test_lint_reports_are_not_gate_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import EXAMPLE

    _, out, _ = run(["lint", "-f", "json", str(EXAMPLE)], capsys)
    project = json.loads(out)["projects"][0]
    assert project["gate"] == "lint"
    assert all(g["evaluated"] is False and g["passed"] is None for g in project["gates"])
    _, out, _ = run(["lint", "-f", "junit", str(EXAMPLE)], capsys)
    names = {case.get("name") for case in ET.fromstring(out.split("\n", 1)[1]).iter("testcase")}
    assert names == {"yaml", "schema"}


def test_every_format_has_a_reporter() -> None:
    assert tuple(reporters()) == FORMATS


def test_bad_as_of_in_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PMGOV_AS_OF", "soon")
    code, _, err = run(["status"], capsys)
    assert code == 2 and "PMGOV_AS_OF 'soon'" in err


def test_a_template_link_leaving_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "tpl"
    project = template / "{{cookiecutter.project_slug}}"
    project.mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps({"project_slug": "demo"}))
    (template / "hooks").mkdir()
    (template / "hooks" / "post_gen_project.py").write_text("import os\nos.symlink('..', 'up')\n")
    out_dir = tmp_path / "out"
    args = ["new", "--no-input", "--accept-hooks", "-t", str(template), "-o", str(out_dir)]
    code, _, err = run(args, capsys)
    assert code == 2 and "link leaving the project" in err
    assert list(out_dir.iterdir()) == []


def test_a_template_default_that_cannot_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "tpl"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(
        json.dumps({"project_slug": "{{ cookiecutter.later.upper() }}", "later": "x"})
    )
    code, _, err = run(["new", "--no-input", "-t", str(template), "-o", str(tmp_path)], capsys)
    assert code == 2 and "cannot be rendered" in err
