"""`pmgov new`: scaffold a project repository from a Cookiecutter template, safely.

Values are validated and treated as data (a value holding Jinja syntax is
refused, because Cookiecutter renders values with an unsandboxed Jinja
environment); the project is rendered into a staging folder next to its target
and moved into place in one step, so a failure leaves nothing half-written; an
existing folder is never touched; a template's hooks run only when asked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from pmgov.errors import UsageError

BUNDLED = "project"
SCHEMA_DIR = ".pmgov/schemas"
_JINJA = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_PROJECT_ID = re.compile(r"^[A-Z][A-Z0-9]{1,11}(-[A-Z0-9]{1,12}){0,3}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
METHODOLOGIES = ("waterfall", "scrum", "hybrid")
PROJECT_TYPES = ("generic", "cloud-migration", "erp-crm", "infrastructure", "security")

Prompt = Callable[[str, str, list[str] | None], str]


@dataclass
class Request:
    """What to scaffold, where, and with which values."""

    output_dir: Path
    template: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    accept_hooks: bool = False
    example: bool = False
    checkout: str | None = None


def parse_assignments(pairs: tuple[str, ...]) -> dict[str, str]:
    """``KEY=VALUE`` arguments as a mapping."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"'{pair}' is not KEY=VALUE")
        values[key.strip()] = value
    return values


def read_config(path: Path) -> dict[str, str]:
    """Values from a YAML file: a plain mapping, or Cookiecutter's ``default_context``."""
    from pmgov import loader

    try:
        data, _ = loader.load(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except loader.LoadError as exc:
        raise UsageError(f"{path} line {exc.line}: {exc.message} ({exc.hint})") from None
    if isinstance(data, dict) and isinstance(data.get("default_context"), dict):
        data = data["default_context"]
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of variable names to values")
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def template_variables(template_dir: Path) -> dict[str, Any]:
    """The template's own variables (its cookiecutter.json), in order."""
    spec = template_dir / "cookiecutter.json"
    try:
        data = json.loads(spec.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{template_dir} is not a Cookiecutter template ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{spec}: expected a JSON object")
    return data


def check_value(name: str, value: str) -> None:
    """Refuse a value that Jinja would execute, and values pmgov knows to be wrong."""
    if _JINJA.search(value):
        raise UsageError(
            f"{name}={value!r}: values may not contain template syntax ({{{{ }}}}, {{% %}} or "
            "{# #}); they are data, never templates"
        )
    problem = _domain_problem(name, value)
    if problem:
        raise UsageError(f"{name}={value!r}: {problem}")


def _domain_problem(name: str, value: str) -> str | None:
    if name == "project_slug" and not _SLUG.match(value):
        return "use lower-case letters, digits and dashes (it becomes a folder name)"
    if name == "project_id" and not _PROJECT_ID.match(value):
        return "use capitals, digits and dashes, e.g. CRM-2027"
    if name == "methodology" and value not in METHODOLOGIES:
        return "choose " + ", ".join(METHODOLOGIES)
    if name == "project_type" and value not in PROJECT_TYPES:
        return "choose " + ", ".join(PROJECT_TYPES)
    if name == "currency" and not _CURRENCY.match(value):
        return "use a three-letter ISO 4217 code such as EUR, GBP or USD"
    if name in {"start_date", "end_date"}:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "write the date as YYYY-MM-DD"
        if len(value) != 10:
            return "write the date as YYYY-MM-DD"
    if name == "budget_estimate":
        try:
            amount = float(value)
        except ValueError:
            return "write a plain number, e.g. 500000"
        if amount <= 0:
            return "the estimate must be more than zero"
    return None


def resolve_values(
    variables: Mapping[str, Any], given: Mapping[str, str], prompt: Prompt | None
) -> dict[str, str]:
    """Every template variable's value: given, prompted, or its default; all checked."""
    from cookiecutter.environment import StrictEnvironment

    unknown = sorted(set(given) - set(variables))
    if unknown:
        raise UsageError(
            f"unknown variable(s) {', '.join(unknown)}; the template has "
            + ", ".join(k for k in variables if not k.startswith("_"))
        )
    from jinja2 import TemplateError

    # the template's own defaults may use its Jinja (e.g. slugify); users' values never do
    try:
        env = StrictEnvironment(context={"cookiecutter": dict(variables)})
    except Exception as exc:  # cookiecutter raises UnknownExtension and others
        raise UsageError(f"the template's Jinja extensions cannot be loaded: {exc}") from None
    values: dict[str, str] = {}
    for name, default in variables.items():
        if name.startswith("_"):
            continue
        choices = [str(c) for c in default] if isinstance(default, list) else None
        if name in given:
            value = given[name]
        else:
            first = choices[0] if choices else str(default)
            # defaults may derive from earlier answers (the slug from the name)
            try:
                first = env.from_string(first).render(cookiecutter=values)
            except TemplateError as exc:
                raise UsageError(
                    f"the template's default for {name} cannot be rendered: {exc}"
                ) from None
            value = prompt(name, first, choices) if prompt else first
        check_value(name, value)
        if choices and value not in choices:
            raise UsageError(f"{name}={value!r}: choose one of {', '.join(choices)}")
        values[name] = value
    _check_dates(values)
    return values


MIN_DAYS = 90


def _check_dates(values: Mapping[str, str]) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and dt.date.fromisoformat(end) <= dt.date.fromisoformat(start):
        raise UsageError(f"end_date={end!r} is not after start_date={start!r}")
    if (
        start
        and end
        and (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days < MIN_DAYS
    ):
        raise UsageError(
            f"start_date={start!r} to end_date={end!r} is shorter than {MIN_DAYS} days; the "
            "template plans its phases across the window, so give at least three months"
        )


def scaffold(request: Request, prompt: Prompt | None = None) -> Path:
    """Create the project; return its folder. Raises UsageError, never half-writes."""
    if request.example:
        return _copy_example(request)
    from pmgov import __version__

    with _template(request) as template_dir:
        values = resolve_values(template_variables(template_dir), request.values, prompt)
        slug = values.get("project_slug")
        if not slug:
            raise UsageError("the template has no project_slug variable, which names the folder")
        target = _target(request.output_dir, slug)
        with _staging(request.output_dir) as staging:
            _render(template_dir, values, staging, request)
            produced = list(staging.iterdir())
            if len(produced) != 1 or produced[0].name != slug:
                raise UsageError(
                    "the template must produce exactly one folder named after project_slug"
                )
            _escape_check(produced[0])
            if template_dir.name == BUNDLED and request.template is None:
                _install_schemas(produced[0])
            (produced[0] / ".pmgov").mkdir(exist_ok=True)
            (produced[0] / ".pmgov" / "VERSION").write_text(__version__ + "\n")
            _move(produced[0], target)
    return target


def _target(output_dir: Path, slug: str) -> Path:
    target = output_dir / slug
    if target.exists() or target.is_symlink():
        raise UsageError(
            f"{target} already exists; pmgov never overwrites a folder. Choose another "
            "project_slug or output folder, or remove it first"
        )
    return target


class _staging:
    """A temporary folder beside the target, removed whatever happens."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir

    def __enter__(self) -> Path:
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=".pmgov-new-", dir=self.output_dir))
        except OSError as exc:
            raise UsageError(f"cannot write to {self.output_dir}: {exc.strerror}") from None
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


class _template:
    """The template folder: bundled (as a real path) or the user's (local or git)."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self._context: Any = None
        self._clone: Path | None = None

    def __enter__(self) -> Path:
        if self.request.template is None:
            self._context = as_file(files("pmgov._templates").joinpath(BUNDLED))
            return Path(self._context.__enter__())
        local = Path(self.request.template).expanduser()
        if local.is_dir():
            return local
        self._clone = Path(tempfile.mkdtemp(prefix="pmgov-template-"))
        return _fetch_template(self.request.template, self.request.checkout, self._clone)

    def __exit__(self, *exc: object) -> None:
        if self._context is not None:
            self._context.__exit__(None, None, None)
        if self._clone is not None:
            shutil.rmtree(self._clone, ignore_errors=True)


def _fetch_template(template: str, checkout: str | None, clone_to: Path) -> Path:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.repository import determine_repo_dir

    try:
        repo_dir, _ = determine_repo_dir(
            template=template,
            abbreviations={},
            clone_to_dir=str(clone_to),
            checkout=checkout,
            no_input=True,
        )
    except (CookiecutterException, OSError) as exc:
        raise UsageError(f"cannot get template {template!r}: {exc}") from None
    return Path(repo_dir)


def _render(template_dir: Path, values: dict[str, str], staging: Path, request: Request) -> None:
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter

    try:
        cookiecutter(
            str(template_dir),
            no_input=True,
            extra_context=values,
            output_dir=str(staging),
            accept_hooks=request.accept_hooks,
            overwrite_if_exists=False,
        )
    except CookiecutterException as exc:
        raise UsageError(f"the template could not be rendered: {exc}") from None


def _escape_check(project: Path) -> None:
    """Nothing the template produced may point outside the new project."""
    root = project.resolve()
    for path in project.rglob("*"):
        if path.is_symlink():
            resolved = path.resolve()
            if root not in resolved.parents and resolved != root:
                raise UsageError(f"the template produced a link leaving the project: {path.name}")


def _install_schemas(project: Path) -> None:
    from pmgov.schemas import bundled_schema_files

    target = project / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, text in bundled_schema_files().items():
        if name.startswith("gates/") or name == "report.schema.json":
            continue
        schema = json.loads(text)
        # without $id an editor resolves "common.schema.json" beside the file, offline
        schema.pop("$id", None)
        (target / name).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")


def _move(source: Path, target: Path) -> None:
    _target(target.parent, target.name)  # again: something may have appeared meanwhile
    try:
        source.rename(target)
    except OSError as exc:
        raise UsageError(f"cannot create {target}: {exc.strerror}") from None


def _copy_example(request: Request) -> Path:
    slug = request.values.get("project_slug", "crm-cloud-migration")
    check_value("project_slug", slug)
    target = _target(request.output_dir, slug)
    source = files("pmgov._examples").joinpath("crm-cloud-migration")
    with as_file(source) as folder, _staging(request.output_dir) as staging:
        project = staging / slug
        shutil.copytree(
            Path(folder), project, ignore=shutil.ignore_patterns("__init__.py", "__pycache__")
        )
        for path in project.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(_relink_modeline(text, path.relative_to(project)), encoding="utf-8")
        _install_schemas(project)
        _move(project, target)
    return target


def _relink_modeline(text: str, relative: Path) -> str:
    """Point the editor modeline at the project's own copy of the schemas."""
    up = "../" * (len(relative.parts) - 1)
    return re.sub(
        r"^# yaml-language-server: \$schema=\S*/([a-z]+\.schema\.json)",
        lambda m: f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{m.group(1)}",
        text,
        count=1,
    )
