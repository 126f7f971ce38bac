"""`pmgov new`: it never destroys, never escapes, never runs what it was not asked to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmgov.cli import main
from pmgov.errors import UsageError
from pmgov.scaffold import Request, scaffold

from helpers import check


def tiny_template(root: Path, body: str = "name: {{ cookiecutter.project_name }}\n") -> Path:
    template = root / "tpl"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(
        json.dumps(
            {
                "project_name": "Demo",
                "project_slug": "{{ cookiecutter.project_name|lower }}",
                "methodology": ["waterfall", "scrum", "hybrid"],
            }
        )
    )
    (template / "{{cookiecutter.project_slug}}" / "notes.yaml").write_text(body)
    return template


def new(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["new", "--no-input", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_renders_a_local_template_with_given_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path)
    code, out, _ = new(
        ["-t", str(template), "-o", str(tmp_path / "out"), "project_name=Payroll"], capsys
    )
    assert code == 0 and "Created" in out
    assert (tmp_path / "out" / "payroll" / "notes.yaml").read_text() == "name: Payroll\n"


@pytest.mark.parametrize("slug", ["../../escaped", "/tmp/abs", "a/b", "..", "Upper Case"])
def test_a_slug_that_would_escape_is_refused(
    slug: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path)
    out_dir = tmp_path / "out"
    code, _, err = new(["-t", str(template), "-o", str(out_dir), f"project_slug={slug}"], capsys)
    assert code == 2 and "project_slug" in err
    assert not (tmp_path.parent / "escaped").exists()
    assert not (out_dir.parent / "escaped").exists()
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_an_existing_folder_is_never_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path)
    existing = tmp_path / "out" / "demo"
    existing.mkdir(parents=True)
    (existing / "notes.yaml").write_text("mine\n")
    code, _, err = new(["-t", str(template), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and "already exists" in err
    assert (existing / "notes.yaml").read_text() == "mine\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["demo"]


@pytest.mark.parametrize(
    "value",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% for x in range(3) %}x{% endfor %}",
        "{# comment #}",
    ],
)
def test_template_syntax_in_a_value_is_refused_not_rendered(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path)
    code, _, err = new(
        [
            "-t",
            str(template),
            "-o",
            str(tmp_path / "out"),
            "project_slug=x",
            f"project_name={value}",
        ],
        capsys,
    )
    assert code == 2 and "never templates" in err
    assert not (tmp_path / "out" / "x").exists()


def test_hooks_do_not_run_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path)
    marker = tmp_path / "hook-ran"
    (template / "hooks").mkdir()
    (template / "hooks" / "pre_gen_project.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
    )
    assert new(["-t", str(template), "-o", str(tmp_path / "a")], capsys)[0] == 0
    assert not marker.exists()
    assert new(["-t", str(template), "-o", str(tmp_path / "b"), "--accept-hooks"], capsys)[0] == 0
    assert marker.read_text() == "ran"


def test_a_failure_half_way_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tiny_template(tmp_path, body="{{ cookiecutter.no_such_variable.attribute }}\n")
    out_dir = tmp_path / "out"
    code, _, err = new(["-t", str(template), "-o", str(out_dir)], capsys)
    assert code == 2 and "could not be rendered" in err
    assert list(out_dir.iterdir()) == []


def test_wrong_values_name_the_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tiny_template(tmp_path)
    code, _, err = new(["-t", str(template), "-o", str(tmp_path), "methodology=kanban"], capsys)
    assert code == 2 and "methodology='kanban'" in err
    code, _, err = new(["-t", str(template), "-o", str(tmp_path), "colour=blue"], capsys)
    assert code == 2 and "unknown variable" in err
    code, _, err = new(["-t", str(template), "-o", str(tmp_path), "oops"], capsys)
    assert code == 2 and "KEY=VALUE" in err


def test_config_file_supplies_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tiny_template(tmp_path)
    config = tmp_path / "values.yaml"
    config.write_text("default_context:\n  project_name: Ledger\n  methodology: scrum\n")
    code, _, _ = new(
        ["-t", str(template), "-o", str(tmp_path / "out"), "--config", str(config)], capsys
    )
    assert code == 0 and (tmp_path / "out" / "ledger").is_dir()


def test_dates_and_domain_values_are_checked() -> None:
    from pmgov.scaffold import check_value, resolve_values

    for name, value in [
        ("start_date", "2027-13-01"),
        ("currency", "euro"),
        ("budget_estimate", "-5"),
        ("project_id", "lower-case"),
    ]:
        with pytest.raises(UsageError, match=name):
            check_value(name, value)
    variables = {"start_date": "2027-01-04", "end_date": "2027-12-17"}
    with pytest.raises(UsageError, match="is not after"):
        resolve_values(variables, {"end_date": "2026-12-01"}, None)


def test_example_is_a_complete_project_with_offline_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = new(["--example", "-o", str(tmp_path)], capsys)
    project = tmp_path / "crm-cloud-migration"
    assert code == 0
    result = check(project)
    assert result.passes("execution") and not result.passes("monitoring")
    first = (project / "governance" / "risks.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.pmgov/schemas/risks.schema.json"
    assert (project / ".pmgov" / "schemas" / "risks.schema.json").is_file()
    assert (
        (project / "pmgov.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=.pmgov/schemas/manifest.schema.json")
    )
    assert not (project / "__init__.py").exists()
    assert new(["--example", "-o", str(tmp_path)], capsys)[0] == 2


def test_scaffold_api_returns_the_folder(tmp_path: Path) -> None:
    target = scaffold(Request(tmp_path, str(tiny_template(tmp_path)), {"project_name": "Api"}))
    assert target == tmp_path / "api" and target.is_dir()


def test_prompts_on_a_terminal_with_derived_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import pmgov.cli

    monkeypatch.setattr(pmgov.cli, "_on_terminal", lambda: True)
    template = tiny_template(tmp_path)
    answers = "Ledger\n\nkanban\nscrum\n"  # name, slug (default), a wrong choice, a right one
    result = CliRunner().invoke(
        pmgov.cli.cli, ["new", "-t", str(template), "-o", str(tmp_path / "out")], input=answers
    )
    assert result.exit_code == 0, result.output
    assert "project slug [ledger]" in result.output
    assert "'kanban' is not one of" in result.output
    assert (tmp_path / "out" / "ledger" / "notes.yaml").read_text() == "name: Ledger\n"
