"""The bundled template: every methodology x project type, used as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmgov.scaffold import METHODOLOGIES, PROJECT_TYPES, Request, scaffold

from conftest import ROOT
from helpers import actionlint, check, needs_actionlint

BIN = Path(sys.executable).parent
COMBOS = [(m, t) for m in METHODOLOGIES for t in PROJECT_TYPES]


def render(tmp_path: Path, methodology: str, project_type: str) -> Path:
    values = {
        "methodology": methodology,
        "project_type": project_type,
        "project_name": f"Pilot {project_type}",
    }
    return scaffold(Request(tmp_path, values=values))


@pytest.mark.parametrize(("methodology", "project_type"), COMBOS)
def test_fresh_scaffold_reports_only_what_to_fill_in(
    methodology: str, project_type: str, tmp_path: Path
) -> None:
    project = render(tmp_path, methodology, project_type)
    result = check(project)
    initiation = result.upto("initiation")
    assert initiation, "a fresh scaffold has fill-in items"
    assert {f.rule for f in initiation} == {"placeholders.todo"}
    assert all(f.hint and f.line for f in initiation)
    assert not [f for f in result.findings if f.rule.startswith(("yaml.", "schema."))]


def test_content_follows_methodology_and_type(tmp_path: Path) -> None:
    scrum = render(tmp_path / "a", "scrum", "cloud-migration")
    waterfall = render(tmp_path / "b", "waterfall", "erp-crm")
    scrum_schedule = (scrum / "governance" / "schedule.yaml").read_text()
    assert "sprints:" in scrum_schedule
    assert "Product Owner" in (scrum / "governance" / "raci.yaml").read_text()
    assert "Change Advisory Board" in (waterfall / "governance" / "raci.yaml").read_text()
    assert "lock-in" in (scrum / "governance" / "risks.yaml").read_text().lower()
    assert "adoption" in (waterfall / "governance" / "risks.yaml").read_text().lower()


def test_plain_cookiecutter_renders_the_same_template(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(BIN / "cookiecutter"),
            "--no-input",
            "-o",
            str(tmp_path),
            str(ROOT / "templates" / "project"),
            "project_type=security",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    project = tmp_path / "cloud-migration"
    assert {f.rule for f in check(project).upto("initiation")} == {"placeholders.todo"}


def test_editor_schemas_resolve_offline(tmp_path: Path) -> None:
    project = render(tmp_path, "hybrid", "generic")
    for path in [project / "pmgov.yaml", *(project / "governance").glob("*.yaml")]:
        first = path.read_text().splitlines()[0]
        target = first.split("$schema=", 1)[1]
        schema = (path.parent / target).resolve()
        assert schema.is_file(), first
        assert "$id" not in json.loads(schema.read_text())
    settings = json.loads((project / ".vscode" / "settings.json").read_text())
    for schema_path in settings["yaml.schemas"]:
        assert (project / schema_path).is_file()


@pytest.mark.slow
def test_pre_commit_hook_passes_on_a_fresh_scaffold_and_stops_bad_yaml(tmp_path: Path) -> None:
    project = render(tmp_path, "waterfall", "infrastructure")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "-A")
    hook = [str(BIN / "pre-commit"), "run", "--all-files"]
    done = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (project / "governance" / "risks.yaml").write_text("risks:\n  - id: R-001\n\tbad: 1\n")
    git("add", "-A")
    done = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1 and "yaml.syntax" in done.stdout


@needs_actionlint
def test_workflow_passes_actionlint(tmp_path: Path) -> None:
    project = render(tmp_path, "scrum", "security")
    workflow = project / ".github" / "workflows" / "governance.yml"
    done = actionlint(workflow)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = workflow.read_text().replace("runs-on: ubuntu-latest", "runs-on: [", 1)
    workflow.write_text(broken)
    assert actionlint(workflow).returncode == 1


def test_values_with_yaml_syntax_stay_data(tmp_path: Path) -> None:
    name = 'Phase 2: "Big" #1 & co'
    values = {
        "project_name": name,
        "sponsor_name": "O'Brien: Jane #2",
        "organisation": "ACME, Inc. [EU]",
        "project_slug": "phase2",
        "project_id": "PH-2",
    }
    project = scaffold(Request(tmp_path, values=values))
    result = check(project)
    assert result.name == name
    assert not [f for f in result.findings if f.rule.startswith(("yaml.", "schema."))]
