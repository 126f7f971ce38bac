"""Text for people: compiler-style locations, the hint under each finding, a verdict."""

from __future__ import annotations

import click

from pmgov.model import Severity
from pmgov.report import Checked, Reporter, Run, printable

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class TextReporter(Reporter):
    name = "text"

    def render(self, run: Run) -> str:
        parts = [self._project(c, run.color) for c in run.checked]
        if len(run.checked) > 1:
            failed = sum(1 for c in run.checked if not c.passed)
            parts.append(
                f"{len(run.checked)} projects checked: "
                f"{len(run.checked) - failed} pass, {failed} fail\n"
            )
        return "\n".join(parts)

    def _project(self, checked: Checked, color: bool) -> str:
        lint = checked.lint
        result = checked.result
        title = " ".join(p for p in (result.project_id, result.name) if p) or result.label
        upto = ", ".join(result.gates_upto(checked.gate))
        what = (
            "checking that every artifact loads and follows its schema"
            if lint
            else f"checking the {checked.gate} gate ({upto})"
        )
        lines = [
            self._style(f"{result.label}: {title}", color, bold=True),
            f"  phase {result.phase or 'unknown'}, policy {result.policy}; {what}",
            "",
        ]
        for finding in checked.findings:
            where = result.path(finding)
            if finding.line is not None:
                where += f":{finding.line}:{finding.column}"
            level = self._style(finding.severity.value, color, fg=_COLORS[finding.severity])
            lines.append(f"{where}: {level} [{finding.rule}] {printable(finding.message)}")
            if finding.hint:
                lines.append(f"    -> {printable(finding.hint)}")
        counts = (
            f"{checked.count(Severity.ERROR)} error(s), "
            f"{checked.count(Severity.WARNING)} warning(s), "
            f"{checked.count(Severity.INFO)} info"
        )
        verdict = (
            self._style("PASSES", color, fg="green", bold=True)
            if checked.passed
            else self._style("FAILS", color, fg="red", bold=True)
        )
        if checked.findings:
            lines.append("")
        lines.append(f"{'lint' if lint else checked.gate + ' gate'} {verdict}: {counts}")
        return "\n".join(lines) + "\n"

    @staticmethod
    def _style(text: str, color: bool, **style: object) -> str:
        return click.style(text, **style) if color else text  # type: ignore[arg-type]
