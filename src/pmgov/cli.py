"""The command line: parse arguments, call the core, pick a reporter. Nothing more."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pmgov.errors import PmgovError, UsageError
from pmgov.model import PHASES
from pmgov.report.formats import FORMATS

if TYPE_CHECKING:
    from pmgov.cache import Cache
    from pmgov.engine import Options

EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def _version() -> str:
    from pmgov import __version__

    return __version__


def _as_of(value: str | None) -> dt.date:
    from pmgov.engine import as_of_date

    return as_of_date(value)


def _color(choice: str, stream: Any) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _policy_path(value: str | None) -> str | None:
    """A --policy folder is relative to where pmgov runs (pmgov.yaml's is to the project)."""
    if value is None or value == "default":
        return value
    return str(Path(value).resolve())


def _label(path: str) -> str:
    text = Path(path).as_posix().rstrip("/")
    return text or "."


as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Check as if today were this date (default: today, or $PMGOV_AS_OF).",
)
policy_option = click.option(
    "--policy",
    metavar="PATH",
    callback=lambda _c, _p, v: _policy_path(v),
    help="Use this policy folder instead of the one pmgov.yaml names.",
)
color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (NO_COLOR turns it off).",
)

format_option = click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    type=click.Choice(FORMATS),
    help="Report format.",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="Print nothing; only the exit code tells."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "-V", "--version", package_name="pmgov", prog_name="pmgov")
def cli() -> None:
    """Governance as code for IT projects: check phase gates of project artifacts."""


@cli.command()
@click.argument("projects", nargs=-1, metavar="[PROJECT_DIR]...")
@click.option(
    "--gate",
    type=click.Choice(PHASES),
    help="Gate to check (default: the gate that ends each project's current phase).",
)
@format_option
@output_option
@as_of_option
@policy_option
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Reuse results of unchanged projects from here (default: ~/.cache/pmgov).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: cores).")
@color_option
@quiet_option
def check(
    projects: tuple[str, ...],
    gate: str | None,
    fmt: str,
    output: Path | None,
    as_of: str | None,
    policy: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    color: str,
    quiet: bool,
) -> None:
    """Check PROJECT_DIRs (default: the current folder) against a phase gate.

    Exit status: 0 the gate passes, 1 it does not, 2 pmgov could not run.
    """
    from pmgov.cache import Cache, default_dir
    from pmgov.engine import Options

    options = Options(_as_of(as_of), policy, gate=gate or "phase")
    store = None if no_cache else Cache(cache_dir or default_dir())
    _run(projects, options, store, jobs, gate, fmt, output, color, quiet, lint=False)


@cli.command()
@click.argument("projects", nargs=-1, metavar="[PROJECT_DIR]...")
@format_option
@output_option
@color_option
@quiet_option
def lint(projects: tuple[str, ...], fmt: str, output: Path | None, color: str, quiet: bool) -> None:
    """Check only that every artifact loads and follows its schema (fast; for pre-commit).

    Unlike `check`, unfinished content (TODO placeholders, missing artifacts, rules)
    is not reported. Exit status: 0 clean, 1 findings, 2 pmgov could not run.
    """
    from pmgov.engine import Options

    options = Options(_as_of(None), shape_only=True)
    _run(projects, options, None, None, PHASES[-1], fmt, output, color, quiet, lint=True)


def _run(
    projects: tuple[str, ...],
    options: Options,
    store: Cache | None,
    jobs: int | None,
    gate: str | None,
    fmt: str,
    output: Path | None,
    color: str,
    quiet: bool,
    *,
    lint: bool,
) -> None:
    from pmgov.batch import check_many
    from pmgov.report import Checked, Run, reporters

    folders = list(projects) or ["."]
    results = check_many(
        [(Path(p), _label(p)) for p in folders],
        options,
        cache=store,
        jobs=jobs,
        version=_version(),
    )
    checked = [Checked(r, gate or r.default_gate, lint=lint) for r in results]
    use_color = fmt == "text" and output is None and _color(color, sys.stdout)
    run = Run(checked, _version(), options.as_of.isoformat(), color=use_color)
    text = reporters()[fmt]().render(run)
    if output is not None:
        _write(output, text)
    elif not quiet:
        click.echo(text, nl=False, color=run.color)
    sys.exit(0 if run.passed else 1)


@cli.command()
@click.argument("project", default=".", metavar="[PROJECT_DIR]")
@as_of_option
@policy_option
@click.option(
    "--limit",
    default=25,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most to-do items to list.",
)
def status(project: str, as_of: str | None, policy: str | None, limit: int) -> None:
    """Show every gate of a project and what blocks the next one."""
    from pmgov.engine import Options, check_project
    from pmgov.status import render

    result = check_project(Path(project), _label(project), Options(_as_of(as_of), policy))
    click.echo(render(result, limit=limit), nl=False)


@cli.command()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@policy_option
def rules(fmt: str, policy: str | None) -> None:
    """List the rules: id, severity and gate in the policy, and why each exists."""
    from pmgov.catalogue import render_rules

    click.echo(render_rules(fmt, policy), nl=False)


@cli.command()
@click.argument("kind", required=False)
def schema(kind: str | None) -> None:
    """Print the JSON Schema of an artifact KIND (or list the kinds)."""
    from pmgov.catalogue import render_schema

    click.echo(render_schema(kind), nl=False)


@cli.command()
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Create the project folder inside this folder.",
)
@click.option(
    "-t", "--template", help="Another Cookiecutter template: a local folder or a git URL."
)
@click.option("--checkout", help="Branch, tag or commit of a git template.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file of variable values (or a Cookiecutter config with default_context).",
)
@click.option("--no-input", is_flag=True, help="Do not prompt; use defaults for what is not given.")
@click.option("--accept-hooks", is_flag=True, help="Run the template's own hooks (off by default).")
@click.option("--example", is_flag=True, help="Create the complete example project instead.")
def new(
    assignments: tuple[str, ...],
    output_dir: Path,
    template: str | None,
    checkout: str | None,
    config_file: Path | None,
    no_input: bool,
    accept_hooks: bool,
    example: bool,
) -> None:
    """Scaffold a project-charter repository (KEY=VALUE sets a template variable).

    An existing folder is never overwritten; values are data, never templates.
    """
    from pmgov.scaffold import Request, parse_assignments, read_config, scaffold

    values = read_config(config_file) if config_file else {}
    values.update(parse_assignments(assignments))
    request = Request(output_dir, template, values, accept_hooks, example, checkout)
    interactive = not no_input and _on_terminal()
    target = scaffold(request, _ask if interactive else None)
    click.echo(f"Created {target}")
    click.echo(
        f"Next: cd {target} && git init && pmgov status   "
        "(the initiation gate's to-do list is what the template left for you to fill in)"
    )


def _register_site() -> None:
    from pmgov.cli_site import site

    cli.add_command(site)


_register_site()


def _on_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(name: str, default: str, choices: list[str] | None) -> str:
    label = name.replace("_", " ")
    kind = click.Choice(choices) if choices else None
    return str(click.prompt(label, default=default, type=kind, show_choices=bool(choices)))


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every outcome to an exit code (0, 1, 2, 3 or 130)."""
    try:
        cli.main(args=argv, prog_name="pmgov", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except click.exceptions.Abort:
        click.echo("pmgov: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("pmgov: interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return 2
    except PmgovError as exc:
        click.echo(f"pmgov: {exc}", err=True)
        return exc.exit_code
    except Exception as exc:
        click.echo(f"pmgov: internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("PMGOV_DEBUG"):
            traceback.print_exc()
        else:
            click.echo(
                "this is a bug in pmgov; run again with PMGOV_DEBUG=1 and report the output",
                err=True,
            )
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
