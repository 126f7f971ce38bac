"""The schedule: a Gantt chart with dependencies, today line and critical path, and the
milestone and task tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pmgov.site import html
from pmgov.site.charts import Bar, Milestone
from pmgov.site.pages import Render
from pmgov.site.text import anchor, day, esc, parse_day, percent

_TONE = {
    "on-track": "good",
    "achieved": "good",
    "done": "good",
    "planned": "info",
    "not-started": "info",
    "in-progress": "info",
    "at-risk": "warn",
    "blocked": "bad",
    "missed": "bad",
    "cancelled": "neutral",
}


def _dated_tasks(render: Render) -> list[dict[str, Any]]:
    return [
        t
        for t in render.snap.items("schedule", "tasks")
        if parse_day(t.get("start")) is not None and parse_day(t.get("finish")) is not None
    ]


def _network(
    render: Render, tasks: list[dict[str, Any]]
) -> dict[str, tuple[dt.date, dt.date, list[str]]]:
    """Tasks and milestones (zero-length) with their links, for the critical path."""
    network: dict[str, tuple[dt.date, dt.date, list[str]]] = {}
    for t in tasks:
        start, finish = parse_day(t["start"]), parse_day(t["finish"])
        if start and finish and t.get("status") != "cancelled":
            network[str(t["id"])] = (start, finish, [str(d) for d in t.get("depends_on") or []])
    for m in render.snap.items("schedule", "milestones"):
        due = parse_day(m.get("due"))
        if due is not None:
            deps = [str(d) for d in m.get("depends_on") or []]
            network[str(m.get("id"))] = (due, due - dt.timedelta(days=1), deps)
    return network


def build(render: Render) -> str:
    from pmgov.site.charts.critical import critical_path
    from pmgov.site.charts.gantt import gantt

    tasks = _dated_tasks(render)
    critical = critical_path(_network(render, tasks)) - {
        str(m.get("id")) for m in render.snap.items("schedule", "milestones")
    }
    bars = [
        Bar(
            id=str(t["id"]),
            name=str(t.get("name")),
            start=parse_day(t["start"]) or render.snap.as_of,
            finish=parse_day(t["finish"]) or render.snap.as_of,
            depends_on=tuple(str(d) for d in t.get("depends_on") or []),
            percent=t.get("percent_complete"),
            status=str(t.get("status", "")),
            critical=str(t["id"]) in critical,
            href=f"#{anchor(t['id'])}",
        )
        for t in tasks
    ]
    milestones = [
        Milestone(
            id=str(m.get("id")),
            name=str(m.get("name")),
            due=parse_day(m.get("due")) or render.snap.as_of,
            done=m.get("status") == "achieved",
            href=f"#{anchor(m.get('id'))}",
        )
        for m in render.snap.items("schedule", "milestones")
        if parse_day(m.get("due")) is not None
    ]
    chart = gantt(bars, milestones, today=render.snap.as_of)
    intro = (
        f"<p>{len(bars)} tasks and {len(milestones)} milestones. Bars on the critical path "
        f"({len(critical)} tasks) are highlighted: the chain the end date waits for, from the "
        "task that finishes last back through the predecessor each one waits for. The "
        "vertical line marks today.</p>"
    )
    # the timeline scrolls inside the chart, so the wrapper need not; it keeps the
    # pmgov-chart class that keeps charts out of the search index (see plugin.py)
    wrapped = f'<div class="pmgov-chart pmgov-gantt-wrap">{chart}</div>'
    parts = [intro, wrapped, "## Milestones", _milestones(render)]
    if tasks:
        parts += ["## Tasks", _tasks(render, tasks, critical)]
    sprints = render.snap.items("schedule", "sprints")
    if sprints:
        parts += ["## Sprints", _sprints(sprints)]
    return "\n\n".join(parts)


def _status(value: Any) -> str:
    return html.badge(str(value), _TONE.get(str(value), "neutral"))


def _milestones(render: Render) -> str:
    snap = render.snap
    rows, attrs = [], []
    for m in snap.items("schedule", "milestones"):
        base, due = parse_day(m.get("baseline")), parse_day(m.get("due"))
        slip = (due - base).days if base and due else None
        rows.append(
            [
                esc(m.get("id")),
                esc(m.get("name")),
                day(m.get("baseline")),
                day(m.get("due")),
                "—" if slip is None else f"{slip:+d} days" if slip else "on baseline",
                day(m.get("achieved")),
                esc(snap.person(m.get("owner")) or "—"),
                _status(m.get("status")),
            ]
        )
        attrs.append(f'id="{anchor(m.get("id"))}"')
    head = ["Id", "Milestone", "Baseline", "Forecast", "Slip", "Achieved", "Owner", "Status"]
    return html.table(head, rows, row_attrs=attrs)


def _tasks(render: Render, tasks: list[dict[str, Any]], critical: set[str]) -> str:
    snap = render.snap
    rows, attrs = [], []
    for t in tasks:
        deps = ", ".join(html.link(f"#{anchor(d)}", esc(d)) for d in t.get("depends_on") or [])
        on_path = str(t.get("id")) in critical
        rows.append(
            [
                esc(t.get("id")),
                esc(t.get("name")) + (" " + html.badge("critical", "bad") if on_path else ""),
                day(t.get("start")),
                day(t.get("finish")),
                deps or "—",
                esc(snap.person(t.get("owner")) or "—"),
                percent(t.get("percent_complete")),
                _status(t.get("status")),
            ]
        )
        attrs.append(f'id="{anchor(t.get("id"))}"')
    head = ["Id", "Task", "Start", "Finish", "After", "Owner", "Done", "Status"]
    return html.table(head, rows, row_attrs=attrs, numeric=[6])


def _sprints(sprints: list[dict[str, Any]]) -> str:
    rows = [
        [esc(s.get("id")), esc(s.get("name", "—")), day(s.get("start")), day(s.get("end")),
         esc(s.get("goal", "—"))]
        for s in sprints
    ]  # fmt: skip
    return html.table(["Id", "Sprint", "Start", "End", "Goal"], rows)
