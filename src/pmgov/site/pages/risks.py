"""The risk register: a 5x5 heat map of the risks not yet closed, and the filterable log."""

from __future__ import annotations

from typing import Any

from pmgov.site import html, metrics
from pmgov.site.pages import Render
from pmgov.site.text import anchor, day, esc

_TONE = {"high": "bad", "medium": "warn", "low": "good"}
_STATUSES = ("open", "monitoring", "occurred", "closed")


def _cell_anchor(probability: int, impact: int) -> str:
    return f"cell-p{probability}-i{impact}"


def build(render: Render) -> str:
    from pmgov.site.charts.heatmap import heat_map

    snap = render.snap
    risks = snap.items("risks", "risks")
    live = metrics.open_risks(snap)
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in live:
        p, i = risk.get("probability"), risk.get("impact")
        if isinstance(p, int) and isinstance(i, int):
            cells.setdefault((p, i), []).append(str(risk.get("id")))
    chart = heat_map(
        cells,
        high=metrics.high_threshold(snap),
        href=lambda p, i: render.href("risks", _cell_anchor(p, i)),
    )
    return "\n\n".join(
        [
            f"<p>{len(risks)} risks recorded, {len(live)} not closed. The heat map counts the "
            "risks not closed by probability and impact; select a cell to see its risks. "
            f"A score (probability &times; impact) of {metrics.high_threshold(snap):g} or more "
            "is high.</p>",
            f'<div class="pmgov-chart pmgov-fit">{chart}</div>',
            _cells(cells, {str(r.get("id")): r for r in live}),
            "## Register",
            _register(render, risks),
        ]
    )


def _cells(cells: dict[tuple[int, int], list[str]], by_id: dict[str, dict[str, Any]]) -> str:
    rows = []
    for (p, i), ids in sorted(cells.items(), key=lambda c: (-c[0][0] * c[0][1], c[0])):
        links = ", ".join(
            html.link(f"#{anchor(rid)}", esc(rid)) + f" {esc(by_id[rid].get('title'))}"
            for rid in ids
        )
        rows.append([f'<span id="{_cell_anchor(p, i)}">P{p} &times; I{i} = {p * i}</span>', links])
    return html.table(["Cell", "Risks"], rows, cls="pmgov-cells")


def _register(render: Render, risks: list[dict[str, Any]]) -> str:
    snap = render.snap
    high = metrics.high_threshold(snap)
    counts = {s: sum(r.get("status") == s for r in risks) for s in _STATUSES}
    filters = ['<input type="radio" name="pmgov-risk-filter" id="pmgov-show-all" checked>'
               f'<label for="pmgov-show-all">All ({len(risks)})</label>']  # fmt: skip
    filters += [
        f'<input type="radio" name="pmgov-risk-filter" id="pmgov-show-{s}">'
        f'<label for="pmgov-show-{s}">{s.capitalize()} ({counts[s]})</label>'
        for s in _STATUSES
    ]
    rows, attrs = [], []
    for risk in risks:
        score = metrics.risk_score(risk)
        level = metrics.risk_level(score, high)
        rows.append(
            [
                esc(risk.get("id")),
                _description(risk),
                esc(risk.get("category")),
                html.badge(f"{score} {level}", _TONE[level])
                + f'<br><span class="pmgov-hint">P{esc(risk.get("probability"))} &times; '
                f"I{esc(risk.get('impact'))}</span>",
                esc(snap.person(risk.get("owner")) or "unowned"),
                esc(risk.get("response", "—")),
                esc(risk.get("status")),
                day(risk.get("review")),
            ]
        )
        attrs.append(f'id="{anchor(risk.get("id"))}" data-status="{anchor(risk.get("status"))}"')
    table = html.table(
        ["Id", "Risk", "Category", "Score", "Owner", "Response", "Status", "Review"],
        rows,
        row_attrs=attrs,
        cls="pmgov-register",
    )
    return (
        '<div class="pmgov-filter" role="group" aria-label="Show risks by status">'
        + "".join(filters)
        + table
        + "</div>"
    )


def _description(risk: dict[str, Any]) -> str:
    text = f"<strong>{esc(risk.get('title'))}</strong>"
    details = [
        (label, risk.get(key))
        for label, key in (
            ("Cause", "cause"),
            ("Event", "event"),
            ("Effect", "effect"),
            ("Mitigation", "mitigation"),
            ("Contingency", "contingency"),
            ("Trigger", "trigger"),
        )
        if risk.get(key)
    ]
    if details:
        text += "<details><summary>Details</summary>" + html.facts(
            (label, esc(value)) for label, value in details
        )
        text += "</details>"
    return text
