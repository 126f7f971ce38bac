"""JUnit XML (the Apache Ant dialect CI servers read): one test case per check."""

from __future__ import annotations

import datetime as dt
import socket
import xml.etree.ElementTree as ET

from pmgov.model import Severity
from pmgov.report import Checked, Reporter, Run, printable


def _suite(checked: Checked, index: int, stamp: str, host: str) -> ET.Element:
    result = checked.result
    included = set(result.gates_upto(checked.gate))
    layers = ("yaml", "schema") if checked.lint else None
    errors: dict[str, list[str]] = {
        c: [] for c, gate in result.checks if gate in included and (layers is None or c in layers)
    }
    notes: list[str] = []
    for finding in checked.findings:
        where = result.path(finding) + (
            f":{finding.line}:{finding.column}" if finding.line is not None else ""
        )
        text = printable(
            f"{where}: {finding.severity.value} [{finding.rule}] {finding.message}"
            + (f" -> {finding.hint}" if finding.hint else "")
        )
        if finding.severity is Severity.ERROR:
            errors.setdefault(result.check_of(finding), []).append(text)
        else:
            notes.append(text)
    suite = ET.Element(
        "testsuite",
        {
            "package": "pmgov",
            "id": str(index),
            "name": f"{result.project_id or result.label} "
            + ("lint" if checked.lint else f"{checked.gate} gate"),
            "timestamp": stamp,
            "hostname": host,
            "tests": str(len(errors)),
            "failures": str(sum(1 for found in errors.values() if found)),
            "errors": "0",
            "time": "0",
        },
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("path", result.label),
        ("phase", result.phase or "unknown"),
        ("policy", result.policy),
        ("gate", checked.gate),
    ):
        ET.SubElement(props, "property", {"name": name, "value": value})
    classname = f"pmgov.{result.project_id or 'project'}"
    for check, found in errors.items():
        case = ET.SubElement(
            suite, "testcase", {"classname": classname, "name": check, "time": "0"}
        )
        if found:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": f"{len(found)} error(s); first: {found[0]}", "type": check},
            )
            failure.text = "\n".join(found)
    what = "lint" if checked.lint else f"{checked.gate} gate"
    verdict = f"{what} {'passes' if checked.passed else 'fails'}"
    ET.SubElement(suite, "system-out").text = "\n".join([verdict, *notes])
    ET.SubElement(suite, "system-err").text = ""
    return suite


class JunitReporter(Reporter):
    name = "junit"

    def render(self, run: Run) -> str:
        stamp = dt.datetime.now().replace(microsecond=0).isoformat()
        host = socket.gethostname() or "localhost"
        root = ET.Element("testsuites")
        for index, checked in enumerate(run.checked):
            root.append(_suite(checked, index, stamp, host))
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
