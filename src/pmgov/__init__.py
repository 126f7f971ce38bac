"""pmgov: governance as code for IT projects.

The public API is what this module exports; everything else is internal.
"""

from __future__ import annotations

from pmgov.engine import Options, check_project
from pmgov.errors import PmgovError, PolicyError, ProjectError, UsageError
from pmgov.model import PHASES, Finding, Severity
from pmgov.result import ProjectResult

__version__ = "0.1.0"

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
