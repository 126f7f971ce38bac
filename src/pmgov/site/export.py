"""`pmgov site export`: the same pages as Markdown files, for any MkDocs-compatible
generator. Writes one folder, all at once, and never over files pmgov did not write."""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
from pathlib import Path, PurePosixPath

from pmgov.errors import UsageError
from pmgov.site.pages import Page
from pmgov.site.style import STYLESHEET, stylesheet

MARKER = ".pmgov-export"


def check_section(section: str) -> str:
    """The section folder name, or UsageError: one relative folder, no ``..``."""
    path = PurePosixPath(section.strip("/"))
    if not section.strip("/") or section.startswith("/") or ".." in path.parts:
        raise UsageError(f"section '{section}' must be a folder name such as governance")
    return str(path)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_pages(pages: list[Page], docs: Path, section: str = "governance") -> Path:
    """Write `pages` and the stylesheet to ``docs/section``; return that folder.

    A folder left by an earlier export is replaced whole, unless a file in it was
    changed or added since (UsageError); any other existing folder is left alone.
    """
    folder = docs / check_section(section)
    if folder.exists():
        _check_replaceable(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".pmgov-export-{secrets.token_hex(4)}"
    staging.mkdir()  # with the user's umask, so a web server can read it
    try:
        files = {f"{page.slug}.md": page.markdown for page in pages}
        files[STYLESHEET] = stylesheet()
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        marker = {name: _digest(text) for name, text in files.items()}
        (staging / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.parent / f".pmgov-old-{secrets.token_hex(4)}"
            folder.rename(old)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def written_by_export(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _check_replaceable(folder: Path) -> None:
    marker = folder / MARKER
    if not folder.is_dir() or not marker.is_file():
        raise UsageError(
            f"{folder} already exists and was not written by `pmgov site export`; "
            "export to another folder, or move it away first"
        )
    try:
        written = json.loads(marker.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        written = None
    if not isinstance(written, dict):
        raise UsageError(f"{marker} is not pmgov's; move {folder} away, then export again")
    strangers = sorted(p.name for p in folder.iterdir() if p.name not in {*written, MARKER})
    changed = sorted(
        name
        for name, digest in written.items()
        if (folder / name).is_file()
        and _digest((folder / name).read_text(encoding="utf-8", errors="replace")) != digest
    )
    if strangers or changed:
        raise UsageError(
            f"{folder} holds files the last export did not write or that were edited since "
            f"({', '.join(strangers + changed)}); move them out of it, then export again"
        )
