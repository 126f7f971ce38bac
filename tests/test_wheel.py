"""The built wheel carries its schemas and policy and checks a project from a fresh venv."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT


@pytest.mark.slow
def test_wheel_installs_and_checks_the_example(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("pmgov-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "pmgov/_schemas/risks.schema.json" in names
    assert "pmgov/_schemas/gates/planning.schema.json" in names
    assert "pmgov/policies/default.yaml" in names
    slug = "pmgov/_templates/project/{{cookiecutter.project_slug}}"
    for name in ("cookiecutter.json", "templates/pmgov_vars.jinja"):
        assert f"pmgov/_templates/project/{name}" in names
    for name in (
        ".github/workflows/governance.yml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "governance/risks.yaml",
        "mkdocs.yml",
    ):
        assert f"{slug}/{name}" in names
    assert "pmgov/_examples/crm-cloud-migration/governance/uat.yaml" in names
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [
            str(env_dir / "bin" / "pmgov"),
            "check",
            "--no-cache",
            "--as-of",
            "2026-11-22",
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "execution gate PASSES" in done.stdout
    pmgov = str(env_dir / "bin" / "pmgov")
    for extra in ([], ["--example"]):
        made = subprocess.run(
            [pmgov, "new", "--no-input", "-o", "made", *extra],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    linted = subprocess.run(
        [pmgov, "lint", "made/cloud-migration", "made/crm-cloud-migration"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert linted.returncode == 0, linted.stdout
