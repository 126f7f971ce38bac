"""The user guide stays current with the code it describes, and builds cleanly.

The guide is built once per module with ``mkdocs build --strict`` in a subprocess
(MkDocs' dependencies may emit deprecation warnings, which this suite turns into
errors); the tests then read the built site.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import markdown
import pytest
import yaml

from pmgov.cli import cli, main
from pmgov.policy import load_default
from pmgov.rules import RULES

from conftest import AS_OF, EXAMPLE, ROOT
from helpers import actionlint, needs_actionlint

HOOKS = ROOT / "docs" / "hooks" / "reference.py"


@dataclass(frozen=True)
class Site:
    folder: Path
    log: str

    def page(self, src: str) -> str:
        """The HTML of the page built from docs/<src>.md."""
        return (self.folder / src / "index.html").read_text(encoding="utf-8")

    def text(self, src: str) -> str:
        """The page's article as plain text."""
        return _Text.of(self.page(src))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("guide")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    return Site(folder, log)


class _Text(HTMLParser):
    """The text of a page's article, and the cells of its table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._depth = 0

    @classmethod
    def of(cls, page: str) -> str:
        parser = cls()
        parser.feed(page)
        return " ".join(" ".join(parser.parts).split())

    @classmethod
    def table_rows(cls, page: str) -> list[list[str]]:
        parser = cls()
        parser.feed(page)
        return parser.rows

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._depth += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1
        elif tag in {"td", "th"} and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pmgov_docs_hooks", HOOKS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------ the build


def test_the_guide_builds_without_warnings(site: Site) -> None:
    assert "WARNING" not in site.log
    assert "ERROR" not in site.log
    assert (site.folder / "index.html").is_file()


def test_the_search_index_covers_the_generated_pages(site: Site) -> None:
    index = json.loads((site.folder / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "reference/gates-and-rules/" in locations
    assert "reference/cli/" in locations
    assert "reference/artifacts/risks/" in locations


def test_no_page_loads_anything_from_the_web(site: Site) -> None:
    fetching = re.compile(
        r"<(?:script|link|img|iframe|source|audio|video)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//",
        re.IGNORECASE,
    )
    offenders = []
    for page in site.folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if fetching.search(text) or re.search(r"fonts\.(googleapis|gstatic)\.com", text):
            offenders.append(page.relative_to(site.folder).as_posix())
    for sheet in site.folder.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        if re.search(r"(@import|url\()\s*[\"']?(https?:)?//", text):
            offenders.append(sheet.relative_to(site.folder).as_posix())
    assert offenders == []


def test_generated_pages_are_never_committed() -> None:
    assert not (ROOT / "docs" / "reference").exists()


# -------------------------------------------------------------- generated reference


def test_every_artifact_has_a_reference_page_listing_its_required_fields(site: Site) -> None:
    policy = load_default()
    for kind, artifact in policy.artifacts.items():
        page = site.page(f"reference/artifacts/{kind}")
        rows = {(row[0], row[2]) for row in _Text.table_rows(page) if len(row) == 5}
        required = _required_fields(policy.schemas.get(artifact.schema))
        assert required, kind
        missing = [name for name in required if (name, "yes") not in rows]
        assert missing == [], kind
        assert artifact.file in _Text.of(page), kind


def _required_fields(schema: dict[str, Any]) -> set[str]:
    """Every required field name of a schema, at any depth (without following $ref)."""
    found: set[str] = set()
    if isinstance(schema.get("required"), list):
        found.update(schema["required"])
    for value in (schema.get("properties") or {}).values():
        if isinstance(value, dict):
            found |= _required_fields(value)
            if isinstance(value.get("items"), dict):
                found |= _required_fields(value["items"])
    return found


def test_every_rule_is_in_the_rules_reference(site: Site) -> None:
    page = site.page("reference/gates-and-rules")
    text = _Text.of(page)
    missing = [rule for rule in RULES if rule not in text]
    assert missing == []
    for rule_id, rule in RULES.items():
        anchor = "rule-" + re.sub(r"[^a-z0-9]+", "-", rule_id).strip("-")
        assert f'id="{anchor}"' in page, rule_id
        assert rule.summary in text, rule_id


def test_every_gate_and_threshold_is_in_the_rules_reference(site: Site) -> None:
    policy = load_default()
    page = site.page("reference/gates-and-rules")
    text = _Text.of(page)
    for gate in policy.gates:
        assert f'id="gate-{gate.id}"' in page
        assert gate.title in text
    for name in policy.thresholds:
        assert name in text


def test_every_command_and_option_is_in_the_command_reference(site: Site) -> None:
    text = _Text.of(site.page("reference/cli"))
    for command, path in _commands(cli, "pmgov"):
        assert path in text
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                for name in [*param.opts, *param.secondary_opts]:
                    assert name in text, f"{path} {name}"


def _commands(command: click.Command, path: str) -> list[tuple[click.Command, str]]:
    found = [(command, path)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if not sub.hidden:
                found += _commands(sub, f"{path} {name}")
    return found


def test_escaped_text_cannot_break_a_table_or_inject_markup() -> None:
    hooks = _hooks()
    nasty = "a | b <script>alert(1)</script> & c *d* _e_ `f` [g](h)\nnext line"
    escaped = hooks.escape(nasty)
    assert "|" not in escaped
    assert "<" not in escaped
    assert ">" not in escaped
    assert "\n" not in escaped
    assert re.search(r"&(?![a-z]+;|#[0-9]+;)", escaped) is None
    rendered = markdown.markdown(
        hooks.table(["field", "description"], [[hooks.code("x|y"), escaped]]),
        extensions=["tables"],
    )
    assert rendered.count("<td>") == 2
    assert "<script>" not in rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).count("a | b <script>") == 1
    assert hooks.inline("use `pmgov check` | now") == "use <code>pmgov check</code> &#124; now"


def test_a_generated_page_that_was_committed_stops_the_build(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    docs = tmp_path / "docs"
    (docs / "reference").mkdir(parents=True)
    (docs / "reference" / "cli.md").write_text("# Command reference (an old copy)\n")
    committed = File("reference/cli.md", str(docs), str(tmp_path / "site"), True)
    with pytest.raises(PluginError, match="generated at build time"):
        config.plugins.on_files(Files([committed]), config=config)


# ----------------------------------------------------------------- hand-written pages


def test_the_artifact_overview_lists_every_artifact() -> None:
    policy = load_default()
    overview = (ROOT / "docs" / "artifacts.md").read_text()
    for kind, artifact in policy.artifacts.items():
        gate = policy.artifact_gate(kind)
        row = f"| {kind} | `{artifact.file}` | {gate} | "
        assert row in overview, kind
        assert f"(reference/artifacts/{kind}.md)" in overview, kind


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    listed = set(re.findall(r"[\w./-]+\.md", json.dumps(config["nav"])))
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert pages <= listed
    kinds = {f"reference/artifacts/{kind}.md" for kind in load_default().artifacts}
    assert kinds <= listed


def test_the_ci_recipes_are_valid_yaml() -> None:
    blocks = _blocks("ci.md", "yaml")
    assert len(blocks) >= 4
    for block in blocks:
        assert yaml.safe_load(block) is not None


def test_the_gitlab_code_quality_script_converts_a_report(tmp_path: Path) -> None:
    (script,) = _blocks("ci.md", "python")
    converter = tmp_path / "pmgov-codequality.py"
    converter.write_text(script)
    report, quality = tmp_path / "pmgov.json", tmp_path / "gl-code-quality.json"
    args = ["check", "--no-cache", "--as-of", AS_OF, "--gate", "monitoring", "-f", "json"]
    assert main([*args, "-o", str(report), str(EXAMPLE)]) == 1
    subprocess.run([sys.executable, str(converter), str(report), str(quality)], check=True)
    (issue,) = json.loads(quality.read_text())
    assert issue["check_name"] == "gate.monitoring"
    assert issue["severity"] == "major"
    assert issue["location"]["path"].endswith("governance/changes.yaml")
    assert issue["location"]["lines"]["begin"] == 158
    assert len(issue["fingerprint"]) == 64


@needs_actionlint
def test_the_github_workflow_recipe_passes_actionlint(tmp_path: Path) -> None:
    (workflow_text,) = [b for b in _blocks("ci.md", "yaml") if "runs-on:" in b]
    workflow = tmp_path / "governance.yml"
    workflow.write_text(workflow_text)
    done = actionlint(workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def _blocks(page: str, language: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text()
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_readme_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)#]+)\)", readme)
    assert targets
    assert [t for t in targets if not t.startswith("http") and not (ROOT / t).exists()] == []
