"""The one error family pmgov raises; the CLI turns each into a message and an exit code."""

from __future__ import annotations


class PmgovError(Exception):
    """Base of every error pmgov reports to a user without a traceback."""

    exit_code = 2


class UsageError(PmgovError):
    """The command was asked for something it cannot do (exit 2)."""


class ProjectError(PmgovError):
    """A folder is not a pmgov project (no pmgov.yaml, or it cannot be read)."""


class PolicyError(PmgovError):
    """A policy or one of its schemas is broken (exit 2)."""
