"""`pmgov site`: build, serve or export the project site. Thin: the work is in pmgov.site."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

project_argument = click.argument(
    "project", default=".", type=click.Path(file_okay=False, path_type=Path)
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Publish as if today were this date (default: today, or $PMGOV_AS_OF).",
)


def _use_as_of(value: str | None) -> None:
    """The plugin runs inside MkDocs, so the date reaches it through $PMGOV_AS_OF."""
    from pmgov.engine import as_of_date

    if value is not None:
        os.environ["PMGOV_AS_OF"] = as_of_date(value).isoformat()


def _show_mkdocs_log(verbose: bool) -> None:
    """MkDocs' messages on standard error, as its own command line shows them."""
    logger = logging.getLogger("mkdocs")
    for old in [h for h in logger.handlers if h.get_name() == "pmgov"]:
        logger.removeHandler(old)
    handler = logging.StreamHandler()
    handler.set_name("pmgov")
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # errors come back as the command's own one-line message, not twice
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


@click.group()
def site() -> None:
    """Publish the project's artifacts as a website (MkDocs with Material)."""


@site.command()
@project_argument
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the site here (default: mkdocs.yml's site_dir, or PROJECT/site).",
)
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning.")
@as_of_option
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
def build(
    project: Path, site_dir: Path | None, strict: bool, as_of: str | None, verbose: bool
) -> None:
    """Build the site of the project in PROJECT (default: here).

    Uses the project's mkdocs.yml (which must list the pmgov plugin), or a default
    Material site when there is none. A failing gate does not stop the build: its
    findings appear on the Gate check page.
    """
    from pmgov.site.build import build_site

    _use_as_of(as_of)
    _show_mkdocs_log(verbose)
    written = build_site(project, site_dir, strict=strict)
    click.echo(f"Site written to {written}")


@site.command()
@project_argument
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="HOST:PORT",
    help="Address to serve on.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@as_of_option
def serve(project: Path, dev_addr: str, open_browser: bool, as_of: str | None) -> None:
    """Serve the site locally, rebuilding when an artifact changes."""
    from pmgov.site.build import serve_site

    _use_as_of(as_of)
    _show_mkdocs_log(True)
    serve_site(project, dev_addr, open_browser=open_browser)


@site.command()
@click.argument("docs_dir", type=click.Path(file_okay=False, path_type=Path))
@project_argument
@click.option(
    "--section",
    default="governance",
    show_default=True,
    help="Folder inside DOCS_DIR to write the pages to.",
)
@click.option(
    "--no-directory-urls",
    is_flag=True,
    help="Link pages as page.html (for generators with use_directory_urls: false).",
)
@as_of_option
def export(
    docs_dir: Path, project: Path, section: str, no_directory_urls: bool, as_of: str | None
) -> None:
    """Write the site's pages as Markdown into DOCS_DIR/SECTION for another generator.

    The folder is replaced whole when an earlier export wrote it, and otherwise
    never touched if it exists.
    """
    from pmgov.engine import as_of_date
    from pmgov.site.export import export_pages
    from pmgov.site.pages import build_pages
    from pmgov.site.snapshot import take_snapshot
    from pmgov.site.style import STYLESHEET

    snap = take_snapshot(project, as_of_date(as_of))
    pages = build_pages(snap, directory_urls=not no_directory_urls)
    folder = export_pages(pages, docs_dir, section)
    click.echo(f"Wrote {len(pages)} pages to {folder}")
    click.echo(f"Add to mkdocs.yml: extra_css: [{section}/{STYLESHEET}]")
