"""The site's stylesheet, shipped with the package."""

from __future__ import annotations

from importlib import resources

STYLESHEET = "pmgov.css"


def stylesheet() -> str:
    return resources.files("pmgov.site").joinpath(STYLESHEET).read_text(encoding="utf-8")
