"""Reporters: one class per output format, chosen by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmgov.model import Finding, Severity
from pmgov.result import ProjectResult


@dataclass(frozen=True)
class Checked:
    """One project's result and the gate it was checked against."""

    result: ProjectResult
    gate: str
    lint: bool = False
    """Only loading and schemas were checked (`pmgov lint`): no gate verdict."""

    @property
    def findings(self) -> list[Finding]:
        return self.result.upto(self.gate)

    @property
    def passed(self) -> bool:
        return self.result.passes(self.gate)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass(frozen=True)
class Run:
    """Everything a reporter needs: the checked projects and the run's facts."""

    checked: Sequence[Checked]
    version: str
    as_of: str
    color: bool = False

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checked)


def printable(text: str) -> str:
    """Text with control characters shown as escapes, so artifact text cannot steer a
    terminal, forge CI log commands or break XML."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


class Reporter:
    """Base class: render a run as text."""

    name = ""

    def render(self, run: Run) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


def reporters() -> dict[str, type[Reporter]]:
    """Format name -> reporter class."""
    from pmgov.report.github import GithubReporter
    from pmgov.report.json import JsonReporter
    from pmgov.report.junit import JunitReporter
    from pmgov.report.sarif import SarifReporter
    from pmgov.report.text import TextReporter

    return {
        r.name: r
        for r in (TextReporter, JsonReporter, JunitReporter, SarifReporter, GithubReporter)
    }
