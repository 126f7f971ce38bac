"""The gate check page: every finding, gate by gate, as `pmgov check` reports them."""

from __future__ import annotations

from pmgov.model import Severity
from pmgov.site import html
from pmgov.site.pages import Render
from pmgov.site.pages.dashboard import gate_status
from pmgov.site.text import anchor, day, esc


def build(render: Render) -> str:
    result = render.snap.result
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    intro = (
        f"<p>pmgov checked the project against each gate of policy "
        f"<strong>{esc(result.policy)}</strong> on {day(render.snap.as_of.isoformat())}: "
        f"{len(result.findings)} findings, {errors} of them errors. A gate passes when it and "
        "every gate before it have no errors. Run <code>pmgov check</code> in the project "
        "repository for the same list.</p>"
    )
    parts = [intro]
    for gate, title in result.gates:
        label, tone = gate_status(render, gate)
        findings = result.at(gate)
        parts += [
            f'<div id="gate-{anchor(gate)}"></div>',
            f"## {esc(gate.capitalize())} gate",
            f"<p>{esc(title)} &mdash; {html.badge(label, tone)}</p>",
            html.findings_table(findings, gate_labels=render.gate_labels)
            if findings
            else "<p>Nothing to fix for this gate.</p>",
        ]
    return "\n\n".join(parts)
