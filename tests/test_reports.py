"""Each machine format validates against its standard; text is for people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmgov.cli import main

from conftest import EXAMPLE, ROOT, SHARED
from helpers import edit


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


@pytest.fixture
def broken(example: Path) -> Path:
    edit(example, "governance/schedule.yaml", set_={"/milestones/0/status": "late"})
    edit(example, "governance/risks.yaml", set_={"/risks/1/score": 3})
    (example / "governance" / "lessons.yaml").write_text("a: 1\na: 2\n")
    return example


def test_json_report_validates_against_its_schema(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    code, out = run(["check", "--no-cache", "-f", "json", str(broken)], capsys)
    assert code == 1
    report = json.loads(out)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(report)
    rules = {f["rule"] for f in report["projects"][0]["findings"]}
    assert {"schema.enum", "risks.score", "yaml.duplicate-key"} <= rules
    assert report["passed"] is False


def test_sarif_validates_against_the_oasis_schema(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    code, out = run(["check", "--no-cache", "-f", "sarif", str(broken)], capsys)
    assert code == 1
    log = json.loads(out)
    schema = json.loads((SHARED / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    results = log["runs"][0]["results"]
    assert any(r["ruleId"] == "risks.score" and r["level"] == "error" for r in results)
    region = next(r for r in results if r["ruleId"] == "yaml.duplicate-key")["locations"][0][
        "physicalLocation"
    ]["region"]
    assert region["startLine"] == 2


def test_junit_validates_against_the_ant_xsd(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xmlschema

    code, out = run(["check", "--no-cache", "-f", "junit", str(broken)], capsys)
    assert code == 1
    schema = xmlschema.XMLSchema(str(SHARED / "junit-ant.xsd"))
    schema.validate(out.split("\n", 1)[1])
    assert 'failures="' in out and "risks.score" in out


def test_junit_of_a_passing_project_has_no_failure(capsys: pytest.CaptureFixture[str]) -> None:
    import xmlschema

    code, out = run(["check", "--no-cache", "-f", "junit", str(EXAMPLE)], capsys)
    assert code == 0
    xmlschema.XMLSchema(str(SHARED / "junit-ant.xsd")).validate(out.split("\n", 1)[1])
    assert "<failure" not in out and 'tests="' in out


def test_github_annotations_escape_and_point(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["check", "--no-cache", "-f", "github", str(broken)], capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "risks.score" in x)
    assert line.startswith("::error file=")
    assert ",line=" in line and ",col=" in line and "title=pmgov risks.score::" in line
    assert all("\n" not in x for x in out.splitlines())


def test_github_escapes_newlines_and_percent() -> None:
    from pmgov.report.github import _data, _property

    assert _data("50%\nnext") == "50%25%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_text_report_has_location_message_and_hint(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["check", "--no-cache", str(broken)], capsys)
    assert code == 1
    assert "governance/risks.yaml:" in out
    assert "milestone M-01 has status 'late'" in out
    assert "-> use planned" in out
    assert "FAILS" in out
    assert "\x1b[" not in out


def test_color_always_and_no_color(
    broken: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = run(["check", "--no-cache", "--color", "always", str(broken)], capsys)
    assert "\x1b[" in out
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out = run(["check", "--no-cache", str(broken)], capsys)
    assert "\x1b[" in out, "auto colours a terminal"
    monkeypatch.setenv("NO_COLOR", "1")
    _, out = run(["check", "--no-cache", str(broken)], capsys)
    assert "\x1b[" not in out


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "report.sarif"
    code, out = run(["check", "--no-cache", "-f", "sarif", "-o", str(target), str(EXAMPLE)], capsys)
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"
