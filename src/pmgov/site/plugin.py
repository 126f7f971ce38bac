"""The MkDocs adapter: adds the project's pages at build time. Nothing else knows MkDocs.

Configure in mkdocs.yml::

    plugins:
      - search
      - pmgov:
          project: .          # the folder holding pmgov.yaml, relative to mkdocs.yml
          section: governance # the folder the pages appear under
          strict: false       # true: a failing gate is a warning (so --strict fails)
"""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage

from pmgov.errors import PmgovError
from pmgov.model import Severity
from pmgov.site.pages import Page, build_pages
from pmgov.site.snapshot import Snapshot, take_snapshot
from pmgov.site.style import STYLESHEET, stylesheet

log = logging.getLogger("mkdocs.plugins.pmgov")

_PLACEHOLDER = re.compile(r"<p>(pmgov[0-9a-f]{12}x[0-9]+)</p>")
_CHART_SLOT = re.compile(r"<!--(pmgov[0-9a-f]{12}x[0-9]+)-->")
_CHART = '<div class="pmgov-chart'


class PmgovConfig(Config):
    project = c.Type(str, default=".")
    section = c.Type(str, default="governance")
    as_of = c.Optional(c.Type(str))
    policy = c.Optional(c.Type(str))
    strict = c.Type(bool, default=False)


class PmgovPlugin(BasePlugin[PmgovConfig]):
    """Publishes a pmgov project's governance artifacts as site pages."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.pages: list[Page] = []
        self.section = "governance"
        self.blocks: dict[str, str] = {}
        """Placeholder -> HTML block: the HTML skips Markdown's parser (see `_stand_ins`)."""

    def _root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.project).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from pmgov.engine import as_of_date
        from pmgov.site.export import check_section

        try:
            section = self.section = check_section(self.config.section)
            as_of = as_of_date(self.config.as_of, "plugin option as_of")
            self.snapshot = take_snapshot(self._root(config), as_of, self.config.policy)
        except PmgovError as exc:
            raise PluginError(f"pmgov: {exc}") from None
        self.pages = build_pages(self.snapshot, directory_urls=config.use_directory_urls)
        config.extra_css.append(f"{section}/{STYLESHEET}")
        if isinstance(config.nav, list) and not _mentions(config.nav, f"{section}/"):
            titles = [{page.title: f"{section}/{page.slug}.md"} for page in self.pages]
            config.nav.append({"Governance": titles})
        self._report(self.snapshot)
        return config

    def _report(self, snap: Snapshot) -> None:
        result = snap.result
        gate = result.default_gate
        errors = [f for f in result.upto(gate) if f.severity is Severity.ERROR]
        if not errors:
            log.info(f"pmgov: project passes the {gate} gate")
            return
        level = logging.WARNING if self.config.strict else logging.INFO
        log.log(level, f"pmgov: the {gate} gate has {len(errors)} errors (see the Gate check page)")
        for f in errors:
            where = f"{f.file}:{f.line}" if f.line else f.file
            log.log(level, f"pmgov: {where}: {f.message}")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from pmgov.site.export import written_by_export

        section = self.section
        nonce = secrets.token_hex(6)
        generated = {
            f"{section}/{page.slug}.md": self._stand_ins(page, nonce) for page in self.pages
        }
        generated[f"{section}/{STYLESHEET}"] = stylesheet()
        docs = Path(config.docs_dir)
        taken = [uri for uri in generated if files.get_file_from_path(uri) is not None]
        if taken and written_by_export(docs / section):
            raise PluginError(
                f"pmgov: {docs.name}/{section}/ holds pages written by `pmgov site export`; "
                "the plugin makes them itself, so delete that folder (or drop the plugin from "
                "mkdocs.yml and keep the export)"
            )
        if taken:
            raise PluginError(
                f"pmgov: {docs.name}/{taken[0]} already exists and pmgov generates that page; "
                "rename your file or set the plugin's `section` option to another folder"
            )
        for uri, content in generated.items():
            files.append(File.generated(config, uri, content=content))
        return files

    def _stand_ins(self, page: Page, nonce: str) -> str:
        """The page's Markdown with each HTML block replaced by a placeholder word.

        Pages are headings and raw HTML blocks; Python-Markdown would re-parse every
        block's HTML only to pass it through unchanged, which dominates the build of a
        large register. The placeholders come back as the blocks in `on_page_content`.
        """
        parts = []
        for block in page.markdown.split("\n\n"):
            if block.startswith("<"):
                key = f"pmgov{nonce}x{len(self.blocks)}"
                self.blocks[key] = block.strip("\n")
                parts.append(key)
            else:
                parts.append(block)
        return "\n\n".join(parts)

    def on_page_content(self, html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """Put the HTML blocks back; charts only as a comment for now (see on_post_page)."""
        if not self.blocks or "pmgov" not in html:
            return html

        def restore(match: re.Match[str]) -> str:
            key = match.group(1)
            block = self.blocks.get(key)
            if block is None:
                return match.group(0)
            return f"<!--{key}-->" if block.startswith(_CHART) else block

        return _PLACEHOLDER.sub(restore, html)

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        """Charts go in last, after the search index was made: an SVG holds no text worth
        finding, and indexing a 400-task Gantt would cost more than the rest of the page."""
        if not self.blocks or "<!--pmgov" not in output:
            return output
        return _CHART_SLOT.sub(lambda m: self.blocks.get(m.group(1), m.group(0)), output)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the generated pages in reading order (MkDocs sorts a folder by name)."""
        section = self.section
        order = {f"{section}/{page.slug}.md": i for i, page in enumerate(self.pages)}
        for item in _sections(nav.items):
            if any(getattr(getattr(child, "file", None), "src_uri", "") in order
                   for child in item.children):  # fmt: skip
                item.children.sort(
                    key=lambda child: order.get(
                        getattr(getattr(child, "file", None), "src_uri", ""), -1
                    )
                )
        _relink(nav)
        return nav

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when an artifact or the manifest changes."""
        if self.snapshot is not None:
            root = self.snapshot.root
            for file in sorted({*self.snapshot.files.values()}):
                path = root / file
                # a file beside mkdocs.yml (pmgov.yaml) alone, not the whole project
                target = path if path.parent == root else path.parent
                if target.exists():
                    server.watch(str(target))
        return server


def _mentions(nav: Any, prefix: str) -> bool:
    if isinstance(nav, str):
        return nav.startswith(prefix)
    if isinstance(nav, dict):
        return any(_mentions(v, prefix) for v in nav.values())
    if isinstance(nav, list):
        return any(_mentions(v, prefix) for v in nav)
    return False


def _sections(items: list[Any]) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found.append(item)
            found += _sections(item.children)
    return found


def _relink(nav: Navigation) -> None:
    """Recompute the page order and previous/next links after reordering."""
    pages: list[MkPage] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, MkPage):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    for before, after in zip([None, *pages], [*pages, None], strict=False):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
    nav.pages = pages
