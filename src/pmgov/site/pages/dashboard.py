"""The dashboard: who, where the project stands at each gate, and the key figures."""

from __future__ import annotations

from typing import Any

from pmgov.model import Severity
from pmgov.site import html, metrics
from pmgov.site.pages import Render
from pmgov.site.text import anchor, day, esc, money, percent, ratio

_LEVEL_TONE = {"high": "bad", "medium": "warn", "low": "good"}


def build(render: Render) -> str:
    snap = render.snap
    parts = [
        _identity(render),
        "## Gates",
        _gates(render),
        "## Key figures",
        html.figures(_figures(render)),
        "## Top risks",
        _top_risks(render),
        "## Next milestones",
        _milestones(render),
        "## Recent changes",
        _changes(render),
        f'<p class="pmgov-hint">Published from the governance artifacts as of '
        f"{day(snap.as_of.isoformat())}.</p>",
    ]
    return "\n\n".join(parts)


def _identity(render: Render) -> str:
    snap, result = render.snap, render.snap.result
    manifest: dict[str, Any] = snap.get("manifest") or {}
    charter: dict[str, Any] = snap.get("charter") or {}
    phase = result.phase or "unknown"
    return html.facts(
        [
            ("Project", f"{esc(result.name or result.label)} ({esc(result.project_id or '')})"),
            ("Organisation", esc(manifest.get("organisation", "—"))),
            ("Sponsor", esc(snap.person(charter.get("sponsor")) or "—")),
            ("Project manager", esc(snap.person(charter.get("project_manager")) or "—")),
            ("Current phase", esc(phase.capitalize())),
            ("Methodology", esc(str(manifest.get("methodology", "—")).capitalize())),
            ("Planned dates", f"{day(charter.get('start'))} to {day(charter.get('end'))}"),
        ]
    )


def gate_status(render: Render, gate: str) -> tuple[str, str]:
    """A gate's state in a sponsor's words, and its tone."""
    result = render.snap.result
    own = result.at(gate)
    errors = sum(f.severity is Severity.ERROR for f in own)
    warnings = sum(f.severity is Severity.WARNING for f in own)
    ids = result.gate_ids
    due = ids.index(gate) <= ids.index(result.default_gate)
    if gate in result.approvals and result.passes(gate):
        return "approved", "good"
    if result.passes(gate):
        label = "passes" + (f", {warnings} warning{'s' * (warnings != 1)}" if warnings else "")
        return label, "good" if due else "info"
    label = f"{errors} to fix" if errors else "blocked by an earlier gate"
    return label, "bad" if due else "neutral"


def _gates(render: Render) -> str:
    result = render.snap.result
    rows = []
    for gate, title in result.gates:
        label, tone = gate_status(render, gate)
        approval = result.approvals.get(gate)
        approved = (
            f"{day(approval['date'])} by {esc(render.snap.person(approval['by']))}"
            if approval
            else "—"
        )
        current = " (current phase)" if gate == result.phase else ""
        rows.append(
            [
                html.link(render.href("gate-check", f"gate-{anchor(gate)}"), esc(gate.capitalize()))
                + esc(current),
                esc(title.split(" - ", 1)[-1]),
                html.badge(label, tone),
                approved,
            ]
        )
    return html.table(["Gate", "Purpose", "Status", "Approved"], rows, cls="pmgov-gates")


def _figures(render: Render) -> list[tuple[str, str, str, str]]:
    snap = render.snap
    found: list[tuple[str, str, str, str]] = []
    ev = metrics.earned_value(snap)
    if ev is not None:
        spent = 100 * ev.ac / ev.bac if ev.bac else None
        found.append(
            (
                "Spent",
                money(ev.ac, snap.currency),
                f"{percent(spent)} of {money(ev.bac, snap.currency)} baseline",
                "warn" if ev.cv < 0 else "good",
            )
        )
        found.append(
            ("CPI", ratio(ev.cpi), "cost efficiency (1.00 = on budget)", html.index_tone(ev.cpi))
        )
        found.append(
            ("SPI", ratio(ev.spi), "schedule efficiency (1.00 = on plan)", html.index_tone(ev.spi))
        )
    slip = metrics.schedule_slip(snap)
    if slip is not None:
        days, milestone = slip
        found.append(
            (
                "Schedule slip",
                f"{max(days, 0)} days",
                f"worst: {esc(milestone.get('name'))}",
                "good" if days <= 0 else "warn" if days <= 14 else "bad",
            )
        )
    if snap.has("risks"):
        found.append(_risk_figure(render))
    tests = metrics.testing(snap)
    if snap.has("uat"):
        # as the uat.exit-criteria check counts: passed of all cases, against the
        # stricter of the plan's and the policy's minimum
        rate = 100 * tests.passed / tests.cases if tests.cases else None
        target = metrics.uat_target(snap)
        found.append(
            (
                "UAT pass rate",
                percent(rate, 1),
                f"{tests.passed} of {tests.cases} test cases passed; exit needs {target:g}%",
                "neutral" if rate is None else "good" if rate >= target else "warn",
            )
        )
    if snap.has("scope") and snap.has("uat"):
        found.append(
            (
                "Requirements covered",
                percent(tests.coverage),
                f"{tests.covered} of {tests.requirements} have a UAT case",
                "good" if tests.covered == tests.requirements else "warn",
            )
        )
    return found


def _risk_figure(render: Render) -> tuple[str, str, str, str]:
    snap = render.snap
    high = metrics.high_threshold(snap)
    levels = {"high": 0, "medium": 0, "low": 0}
    for risk in metrics.open_risks(snap):
        levels[metrics.risk_level(metrics.risk_score(risk), high)] += 1
    detail = ", ".join(f"{n} {level}" for level, n in levels.items())
    return ("Open risks", str(sum(levels.values())), detail, "bad" if levels["high"] else "good")


def _top_risks(render: Render) -> str:
    snap = render.snap
    if not snap.has("risks"):
        return "<p>The risk log is not available.</p>"
    high = metrics.high_threshold(snap)
    rows = []
    for risk in metrics.top_risks(snap):
        score = metrics.risk_score(risk)
        level = metrics.risk_level(score, high)
        rows.append(
            [
                html.link(render.href("risks", anchor(risk.get("id"))), esc(risk.get("id"))),
                esc(risk.get("title")),
                html.badge(f"{score} {level}", _LEVEL_TONE[level]),
                esc(snap.person(risk.get("owner")) or "unowned"),
                esc(risk.get("status")),
            ]
        )
    if not rows:
        return "<p>No open risks.</p>"
    return html.table(["Risk", "Title", "Score", "Owner", "Status"], rows, numeric=[2])


_MILESTONE_TONE = {"on-track": "good", "planned": "info", "at-risk": "warn", "missed": "bad"}


def _milestones(render: Render) -> str:
    snap = render.snap
    rows = [
        [
            html.link(render.href("schedule", anchor(m.get("id"))), esc(m.get("name"))),
            day(m.get("due")),
            day(m.get("baseline")),
            html.badge(str(m.get("status")), _MILESTONE_TONE.get(str(m.get("status")), "neutral")),
        ]
        for m in metrics.next_milestones(snap)
    ]
    if not rows:
        return "<p>No milestones ahead.</p>"
    return html.table(["Milestone", "Due", "Baseline", "Status"], rows)


def _changes(render: Render) -> str:
    snap = render.snap
    changes = sorted(
        snap.items("changes", "changes"), key=lambda c: str(c.get("raised")), reverse=True
    )[:5]
    rows = [
        [
            html.link(render.href("changes", anchor(c.get("id"))), esc(c.get("id"))),
            esc(c.get("title")),
            day(c.get("raised")),
            esc(c.get("status")),
        ]
        for c in changes
    ]
    if not rows:
        return "<p>No change requests.</p>"
    return html.table(["Change", "Title", "Raised", "Status"], rows)
