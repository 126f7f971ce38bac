"""The command line: exit codes, gates, several projects, status, rules, schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmgov.cli import main

from conftest import EXAMPLE
from helpers import edit


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_example_passes_its_current_gate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--no-cache", str(EXAMPLE)], capsys)
    assert code == 0
    assert "checking the execution gate" in out and "PASSES" in out


@pytest.mark.parametrize("gate", ["initiation", "planning", "execution"])
def test_example_passes_every_gate_up_to_its_phase(
    gate: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "--no-cache", "--gate", gate, str(EXAMPLE)], capsys)[0] == 0


def test_example_fails_the_next_gates_for_pm_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--no-cache", "--gate", "monitoring", str(EXAMPLE)], capsys)
    assert code == 1
    assert "change request CR-008 has status 'under-review'" in out
    code, out, _ = run(["check", "--no-cache", "--gate", "closure", str(EXAMPLE)], capsys)
    assert code == 1
    assert "milestone M-10 has status 'planned'" in out
    assert "risk R-001 has status 'open'" in out


def test_bad_yaml_fails_the_gate_with_exit_1(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example / "governance" / "charter.yaml").write_text("title: [unclosed\n")
    code, out, _ = run(["check", "--no-cache", str(example)], capsys)
    assert code == 1
    assert "governance/charter.yaml:" in out and "yaml.syntax" in out


def test_other_files_are_still_checked_when_one_is_broken(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example / "governance" / "charter.yaml").write_text("a: 1\na: 2\n")
    edit(example, "governance/risks.yaml", set_={"/risks/0/score": 1})
    _, out, _ = run(["check", "--no-cache", str(example)], capsys)
    assert "yaml.duplicate-key" in out and "risks.score" in out


def test_no_manifest_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--no-cache", str(tmp_path)], capsys)
    assert code == 2
    assert "no pmgov.yaml" in err and "Traceback" not in err


def test_missing_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(tmp_path / "nope")], capsys)
    assert code == 2 and "no such folder" in err


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--format", "pdf"], capsys)[0] == 2
    assert run(["check", "--gate", "nonsense"], capsys)[0] == 2
    code, _, err = run(["check", "--as-of", "tomorrow", str(EXAMPLE)], capsys)
    assert code == 2 and "YYYY-MM-DD" in err


def test_internal_error_is_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pmgov.batch

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(pmgov.batch, "check_many", boom)
    code, _, err = run(["check", str(EXAMPLE)], capsys)
    assert code == 3 and "internal error" in err and "Traceback" not in err


def test_interrupt_is_exit_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pmgov.batch

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pmgov.batch, "check_many", interrupt)
    assert run(["check", str(EXAMPLE)], capsys)[0] == 130


def test_several_projects_in_one_call(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(example, "governance/risks.yaml", set_={"/risks/0/score": 1})
    code, out, _ = run(["check", "--no-cache", "-f", "json", str(EXAMPLE), str(example)], capsys)
    report = json.loads(out)
    assert code == 1
    assert [p["passed"] for p in report["projects"]] == [True, False]
    assert report["summary"] == {"projects": 2, "passed": 1, "errors": 1, "warnings": 0}


def test_status_lists_gates_and_blockers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["status", str(EXAMPLE)], capsys)
    assert code == 0
    assert "initiation  passes" in out and "approved by SH-01 on 2026-03-27" in out
    assert "monitoring  blocked" in out
    assert "To pass the monitoring gate, fix this item:" in out
    assert "CR-008" in out


def test_status_puts_broken_files_first(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(example, "governance/stakeholders.yaml", set_={"/stakeholders/0/influence": 9})
    (example / "governance" / "scope.yaml").write_text("in_scope: [\n")
    _, out, _ = run(["status", str(example)], capsys)
    todo = out.split("To pass the initiation gate, fix these", 1)[1]
    assert todo.index("YAML syntax error") < todo.index("has influence 9")


def test_rules_lists_every_rule_with_gate_and_rationale(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "-f", "json"], capsys)
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["raci.accountable"]["gate"] == "planning"
    assert rows["uat.results"]["gate"] == "execution"
    assert all(r["rationale"] for r in rows.values())


def test_schema_prints_an_artifact_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", "risks"], capsys)
    assert code == 0 and json.loads(out)["$id"].endswith("risks.schema.json")
    code, out, _ = run(["schema"], capsys)
    assert "governance/risks.yaml" in out
    assert run(["schema", "nonsense"], capsys)[0] == 2
    assert json.loads(run(["schema", "report"], capsys)[1])["title"] == "pmgov report"


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["-V"], capsys)[0] == 0
    code, out, _ = run(["check", "--help"], capsys)
    assert code == 0 and "--format" in out


@pytest.mark.slow
def test_real_subprocess_without_heavy_imports() -> None:
    """A whole `pmgov check` process; it imports neither Cookiecutter nor MkDocs, and a
    passing gate needs no python-jsonschema (only failures are explained with it)."""
    probe = (
        "import sys; from pmgov.cli import main; code = main(['check', '--no-cache', "
        f"{str(EXAMPLE)!r}]); heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('cookiecutter', 'mkdocs', 'jinja2', 'material', 'jsonschema')]; print('HEAVY', heavy); "
        "raise SystemExit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PMGOV_AS_OF": "2026-11-22"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout
    console = Path(sys.executable).with_name("pmgov")
    done = subprocess.run(
        [str(console), "check", "--no-cache", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PMGOV_AS_OF": "2026-11-22"},
    )
    assert done.returncode == 0 and "PASSES" in done.stdout


def test_check_evaluates_up_to_its_gate_status_evaluates_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(["check", "--no-cache", "-f", "json", str(EXAMPLE)], capsys)
    gates = {g["id"]: g for g in json.loads(out)["projects"][0]["gates"]}
    assert gates["execution"]["evaluated"] and gates["execution"]["passed"] is True
    assert gates["monitoring"] == {**gates["monitoring"], "evaluated": False, "passed": None}
    _, out, _ = run(
        ["check", "--no-cache", "-f", "json", "--gate", "closure", str(EXAMPLE)], capsys
    )
    gates = {g["id"]: g for g in json.loads(out)["projects"][0]["gates"]}
    assert gates["monitoring"]["passed"] is False and gates["monitoring"]["errors"] == 1


def test_lint_checks_loading_and_schemas_but_not_unfinished_work(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(example, "governance/charter.yaml", set_={"/purpose": "TODO: say why"})
    (example / "governance" / "lessons.yaml").unlink()
    code, out, _ = run(["lint", str(example)], capsys)
    assert code == 0 and "lint PASSES" in out
    edit(example, "governance/risks.yaml", set_={"/risks/0/impact": 6})
    (example / "governance" / "raci.yaml").write_text("roles: []\nroles: []\n")
    code, out, _ = run(["lint", str(example)], capsys)
    assert code == 1
    assert "yaml.duplicate-key" in out and "risk R-001 has impact 6" in out
    assert "placeholders.todo" not in out
