"""pmgov: governance as code for IT projects.

The public API is what this module exports; everything else is internal.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from pmgov.engine import Options, ProjectResult, check_project
from pmgov.errors import PmgovError, PolicyError, ProjectError, UsageError
from pmgov.model import PHASES, Finding, Severity

try:
    __version__ = version("pmgov")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "PHASES",
    "Finding",
    "Options",
    "PmgovError",
    "PolicyError",
    "ProjectError",
    "ProjectResult",
    "Severity",
    "UsageError",
    "__version__",
    "check_project",
]
