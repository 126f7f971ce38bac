"""People pages: the stakeholder register with its power-interest grid and
communication plan, and the RACI matrix.

Also home to `who`, `state` and `hint`, which the other page modules use to show
a person reference as a linked name, an enum value as a badge, and secondary text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pmgov.model import PHASES
from pmgov.site import html
from pmgov.site.charts import Point
from pmgov.site.charts.grid import power_interest
from pmgov.site.pages import Render
from pmgov.site.text import anchor, attr, esc

DASH = "&mdash;"


def who(render: Render, ref: Any) -> str:
    """A person reference as their name, linked to the register when the id is in it."""
    if ref in (None, ""):
        return DASH
    name = esc(render.snap.person(ref))
    if not render.snap.knows(ref):
        return name
    return html.link(render.href("stakeholders", anchor(ref)), name)


def state(value: Any, tones: Mapping[str, str]) -> str:
    """An enum value as a badge (dashes read as spaces), toned by `tones`; a dash if absent."""
    if value in (None, ""):
        return DASH
    return html.badge(str(value).replace("-", " "), tones.get(str(value), "neutral"))


def hint(value_html: str) -> str:
    """Secondary text on a line of its own under a cell's main value; nothing if empty."""
    return f'<br><span class="pmgov-hint">{value_html}</span>' if value_html else ""


# Stakeholders ---------------------------------------------------------------

_ATTITUDE_TONE = {
    "champion": "good",
    "supporter": "good",
    "neutral": "neutral",
    "sceptic": "warn",
    "blocker": "bad",
}


def build_stakeholders(render: Render) -> str:
    """Power-interest grid, stakeholder register and communication plan."""
    people = render.snap.items("stakeholders", "stakeholders")
    plan = render.snap.items("stakeholders", "communication_plan")
    return "\n\n".join(
        [
            "## Power and interest",
            _grid(people),
            '<p class="pmgov-hint">Influence (power over the project) against interest, '
            "from 1 (very low) to 5 (very high). Select a point to see the stakeholder.</p>",
            "## Stakeholder register",
            _register(people),
            "## Communication plan",
            _plan(render, plan) if plan else "<p>No communication plan yet.</p>",
        ]
    )


def _level(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _grid(people: list[dict[str, Any]]) -> str:
    points = []
    for person in people:
        power, interest = _level(person.get("influence")), _level(person.get("interest"))
        if power is None or interest is None:
            continue
        ident = str(person.get("id", ""))
        label = str(person.get("name") or ident)  # the id stays in the point's tooltip
        points.append(Point(ident, label, power, interest, href="#" + anchor(ident)))
    return f'<div class="pmgov-chart">{power_interest(points)}</div>'


def _register(people: list[dict[str, Any]]) -> str:
    rows = []
    for p in people:
        role = (esc(p.get("role")) or DASH) + hint(esc(p.get("organisation")))
        rows.append(
            [
                esc(p.get("id")),
                esc(p.get("name")),
                role,
                f"{esc(p.get('influence'))} / {esc(p.get('interest'))}",
                state(p.get("attitude"), _ATTITUDE_TONE),
                esc(p.get("engagement")) or DASH,
            ]
        )
    head = ["ID", "Name", "Role and organisation", "Influence / interest", "Attitude"]
    return html.table(
        [*head, "Engagement approach"],
        rows,
        cls="pmgov-stakeholders",
        row_attrs=[f'id="{anchor(p.get("id"))}"' for p in people],
        numeric=[3],
    )


def _plan(render: Render, plan: list[dict[str, Any]]) -> str:
    rows = []
    for item in plan:
        audience = item.get("audience")
        names = [who(render, ref) for ref in audience] if isinstance(audience, list) else []
        rows.append(
            [
                esc(item.get("id")),
                esc(item.get("purpose")),
                ", ".join(names) or DASH,
                esc(item.get("channel")) or DASH,
                esc(item.get("frequency")) or DASH,
                who(render, item.get("owner")),
            ]
        )
    return html.table(
        ["ID", "Purpose", "Audience", "Channel", "Frequency", "Owner"],
        rows,
        cls="pmgov-communication",
        row_attrs=[f'id="{anchor(i.get("id"))}"' for i in plan],
    )


# RACI -----------------------------------------------------------------------

LETTERS = {
    "R": "Responsible",
    "A": "Accountable",
    "C": "Consulted",
    "I": "Informed",
}


def raci_problems(assignments: Any) -> list[str]:
    """What breaks the RACI rules in one activity's assignments (as the checks count)."""
    cells = assignments if isinstance(assignments, dict) else {}
    letters = [str(v) for v in cells.values()]
    accountable = letters.count("A")
    problems = []
    if accountable == 0:
        problems.append("no Accountable")
    elif accountable > 1:
        problems.append(f"{accountable} Accountables")
    if "R" not in letters:
        problems.append("no Responsible")
    return problems


def build_raci(render: Render) -> str:
    """Legend, then the matrix: roles as columns, activities as rows grouped by phase.

    The matrix is laid out here rather than with `html.table` because its header
    cells carry the role holder and its letter cells carry a class per letter.
    """
    activities = render.snap.items("raci", "activities")
    columns = _columns(render, activities)
    broken = sum(bool(raci_problems(a.get("assignments"))) for a in activities)
    summary = f"{len(activities)} activities, {len(columns)} roles."
    if broken:
        summary += f" {broken} {'activity breaks' if broken == 1 else 'activities break'} "
        summary += "the rule of one Accountable and at least one Responsible (marked)."
    return "\n\n".join([_legend(), f"<p>{summary}</p>", _matrix(render, columns, activities)])


def _legend() -> str:
    meaning = {
        "R": "does the work",
        "A": "answers for it and signs off (exactly one per activity)",
        "C": "asked before",
        "I": "told after",
    }
    items = " &middot; ".join(
        f'<span class="pmgov-raci-{letter.lower()}"><strong>{letter}</strong></span> '
        f"{name}: {meaning[letter]}"
        for letter, name in LETTERS.items()
    )
    return f'<p class="pmgov-raci-legend">{items}</p>'


def _columns(render: Render, activities: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(role code, header HTML) per column: declared roles, then codes used undeclared."""

    def header(name: Any, below: Any) -> str:
        return esc(name) + (f'<br><span class="pmgov-hint">{esc(below)}</span>' if below else "")

    columns = []
    for role in render.snap.items("raci", "roles"):
        holder = role.get("holder")
        person = render.snap.person(holder) if holder else None
        columns.append((str(role.get("id")), header(role.get("name"), person)))
    declared = {code for code, _ in columns}
    for activity in activities:
        cells = activity.get("assignments")
        for code in cells if isinstance(cells, dict) else {}:
            if str(code) not in declared:
                declared.add(str(code))
                columns.append((str(code), header(code, "not declared")))
    return columns


def _phase_order(activity: dict[str, Any]) -> int:
    phase = activity.get("phase")
    return PHASES.index(phase) if phase in PHASES else len(PHASES)


def _matrix(
    render: Render, columns: list[tuple[str, str]], activities: list[dict[str, Any]]
) -> str:
    head = '<th scope="col">Activity</th>' + "".join(
        f'<th scope="col" title="{attr(code)}">{label}</th>' for code, label in columns
    )
    grouped = any(a.get("phase") for a in activities)
    rows: list[str] = []
    phase: Any = object()
    for activity in sorted(activities, key=_phase_order):
        if grouped and activity.get("phase") != phase:
            phase = activity.get("phase")
            title = esc(str(phase).capitalize()) if phase else "No phase given"
            rows.append(
                f'<tr class="pmgov-raci-phase"><th colspan="{len(columns) + 1}" '
                f'scope="rowgroup">{title}</th></tr>'
            )
        rows.append(_activity_row(activity, [code for code, _ in columns]))
    return (
        f'<div class="pmgov-table pmgov-raci"><table>\n<thead><tr>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def _activity_row(activity: dict[str, Any], codes: list[str]) -> str:
    cells = activity.get("assignments")
    assigned = {str(k): str(v) for k, v in cells.items()} if isinstance(cells, dict) else {}
    problems = raci_problems(cells)
    badges = "".join(f" {html.badge(p, 'bad')}" for p in problems)
    first = (
        f'<td><span class="pmgov-hint">{esc(activity.get("id"))}</span> '
        f"{esc(activity.get('name'))}{badges}</td>"
    )
    tds = []
    for code in codes:
        letter = assigned.get(code, "")
        if letter in LETTERS:
            tds.append(
                f'<td class="pmgov-raci-{letter.lower()}" title="{LETTERS[letter]}">{letter}</td>'
            )
        else:
            tds.append(f"<td>{esc(letter)}</td>")
    bad = ' class="pmgov-row-bad"' if problems else ""
    return f'<tr id="{anchor(activity.get("id"))}"{bad}>{first}{"".join(tds)}</tr>'
