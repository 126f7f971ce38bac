"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from pmgov.model import Severity
from pmgov.report import Reporter, Run, printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"

    def render(self, run: Run) -> str:
        lines = []
        for checked in run.checked:
            for finding in checked.findings:
                props = [f"file={_property(checked.result.path(finding))}"]
                if finding.line is not None:
                    props += [f"line={finding.line}", f"col={finding.column}"]
                props.append(f"title={_property(f'pmgov {finding.rule}')}")
                text = printable(finding.message + (f" ({finding.hint})" if finding.hint else ""))
                lines.append(f"::{_LEVEL[finding.severity]} {','.join(props)}::{_data(text)}")
            verdict = "passes" if checked.passed else "fails"
            what = "lint" if checked.lint else f"{checked.gate} gate"
            lines.append(f"{checked.result.label}: {what} {verdict}")
        return "\n".join(lines) + "\n"
