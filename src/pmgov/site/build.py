"""Running MkDocs for `pmgov site build` and `pmgov site serve`.

A project with its own mkdocs.yml is built with it (it must list the pmgov
plugin); a project without one gets a default Material configuration, written
to a temporary folder, never into the project.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from pmgov.engine import read_manifest
from pmgov.errors import PmgovError, UsageError


class SiteError(PmgovError):
    """The site could not be built (exit 1: like a failing check, the input needs work)."""

    exit_code = 1


CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def _default_config(root: Path, folder: Path) -> Path:
    _, manifest, _ = read_manifest(root)
    name = manifest.get("name") if isinstance(manifest, dict) else None
    docs = root / "docs"
    if not docs.is_dir():
        docs = folder / "docs"
        docs.mkdir()
    palette = [
        {"media": "(prefers-color-scheme: light)", "scheme": "default",
         "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
         "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
    ]  # fmt: skip
    config = {
        "site_name": str(name or root.resolve().name),
        "docs_dir": str(docs.resolve()),
        "theme": {"name": "material", "font": False, "palette": palette,
                  "features": ["navigation.indexes", "navigation.top", "navigation.footer",
                               "search.highlight"]},
        "plugins": ["search", {"pmgov": {"project": str(root.resolve())}}],
    }  # fmt: skip
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@contextlib.contextmanager
def config_file(root: Path) -> Iterator[Path]:
    """The project's mkdocs.yml, or a default one for as long as the context lasts."""
    from pmgov.engine import require_project

    require_project(root)
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            yield root / name
            return
    with tempfile.TemporaryDirectory(prefix="pmgov-site-") as folder:
        yield _default_config(root, Path(folder))


def _require_plugin(config: Any, path: Path) -> None:
    if "pmgov" not in config.plugins:
        raise UsageError(
            f"{path} does not list the pmgov plugin; add `- pmgov` under `plugins:` "
            "(next to `- search`)"
        )


SITE_MARKER = ".pmgov-site"


class _Errors(logging.Handler):
    """Collects the errors MkDocs logs, so a failed build says why in one message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().removeprefix("pmgov: "))

    def summary(self, fallback: str) -> str:
        return "; ".join(self.messages) if self.messages else fallback


def _check_site_dir(folder: Path) -> None:
    """MkDocs empties the site folder before it builds: refuse one holding anything but
    an earlier build."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"{folder} is a file; pass --site-dir a folder")
    earlier = (folder / SITE_MARKER).is_file() or (folder / "sitemap.xml").is_file()
    if any(folder.iterdir()) and not earlier:
        raise UsageError(
            f"{folder} is not empty and holds no earlier site build; building there would "
            "delete its files, so choose an empty or new folder"
        )


def build_site(root: Path, site_dir: Path | None = None, *, strict: bool = False) -> Path:
    """Build the project's site with MkDocs; return the folder it was written to."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    with config_file(root) as path:
        overrides: dict[str, Any] = {"strict": strict}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir.resolve())
        elif path.parent != root:
            overrides["site_dir"] = str((root / "site").resolve())
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            config = load_config(config_file=str(path), **overrides)
            _require_plugin(config, path)
            target = Path(config.site_dir)
            _check_site_dir(target)
            build(config)
            target.mkdir(parents=True, exist_ok=True)
            (target / SITE_MARKER).write_text("built by pmgov site build\n", encoding="utf-8")
        except ConfigurationError as exc:
            raise UsageError(f"{path.name}: {exc}") from None
        except MkDocsException as exc:  # Abort (strict mode, build errors) among them
            raise SiteError(errors.summary(f"site not built: {exc}")) from None
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
        return Path(config.site_dir)


def serve_site(root: Path, dev_addr: str, *, open_browser: bool = False) -> None:
    """Serve the site with live reload until interrupted."""
    from mkdocs.commands.serve import serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    with config_file(root) as path:
        try:
            _require_plugin(load_config(config_file=str(path)), path)
            serve(config_file=str(path), dev_addr=dev_addr, open_in_browser=open_browser)
        except ConfigurationError as exc:
            raise UsageError(f"{path.name}: {exc}") from None
        except MkDocsException as exc:
            raise SiteError(f"site not served ({exc}; the messages above say why)") from None
        except OSError as exc:
            raise UsageError(
                f"cannot serve on {dev_addr}: {exc.strerror or exc}; pass --dev-addr HOST:PORT"
            ) from None
