"""`pmgov site export`: the same pages as Markdown files, for any MkDocs-compatible
generator. Writes one folder, all at once, and never over files pmgov did not write."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pmgov.errors import UsageError
from pmgov.site.pages import Page
from pmgov.site.plugin import STYLESHEET, stylesheet

MARKER = ".pmgov-export"


def export_pages(pages: list[Page], docs: Path, section: str = "governance") -> Path:
    """Write `pages` and the stylesheet to ``docs/section``; return that folder.

    A folder left by an earlier export is replaced whole; any other existing folder,
    or one holding files the earlier export did not write, is left alone (UsageError).
    """
    folder = docs / section
    if folder.exists():
        _check_replaceable(folder)
    docs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pmgov-export-", dir=docs))
    try:
        names = [f"{page.slug}.md" for page in pages] + [STYLESHEET]
        for page in pages:
            (staging / f"{page.slug}.md").write_text(page.markdown, encoding="utf-8")
        (staging / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
        (staging / MARKER).write_text("\n".join(names) + "\n", encoding="utf-8")
        old = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=".pmgov-old-", dir=docs))
            folder.rename(old / section)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def _check_replaceable(folder: Path) -> None:
    marker = folder / MARKER
    if not folder.is_dir() or not marker.is_file():
        raise UsageError(
            f"{folder} already exists and was not written by `pmgov site export`; "
            "export to another folder, or move it away first"
        )
    written = set(marker.read_text(encoding="utf-8").split())
    strangers = sorted(p.name for p in folder.iterdir() if p.name not in written | {MARKER})
    if strangers:
        raise UsageError(
            f"{folder} holds files an earlier export did not write ({', '.join(strangers)}); "
            "move them out of it, then export again"
        )
