"""The budget: earned-value figures, their history as a chart, and the work packages."""

from __future__ import annotations

from typing import Any

from pmgov.site import html, metrics
from pmgov.site.charts import EVPoint
from pmgov.site.pages import Render
from pmgov.site.text import day, esc, money, percent, ratio


def _tone(value: float | None) -> str:
    if value is None:
        return "neutral"
    return "good" if value >= 0 else "bad"


def build(render: Render) -> str:
    from pmgov.site.charts.ev import earned_value as ev_chart

    snap = render.snap
    budget: dict[str, Any] = snap.get("budget")
    cur = snap.currency

    def amount(value: float | None) -> str:
        return money(value, cur)

    ev = metrics.earned_value(snap)
    if ev is None:
        return "<p>The budget holds no figures yet.</p>"
    figures = [
        ("Budget at completion (BAC)", amount(ev.bac), "the approved baseline", "neutral"),
        ("Planned value (PV)", amount(ev.pv), "work scheduled to date", "neutral"),
        ("Earned value (EV)", amount(ev.ev), "work done to date, at budget cost", "neutral"),
        ("Actual cost (AC)", amount(ev.ac), "spent to date", "neutral"),
        ("Schedule variance (SV)", amount(ev.sv), "EV - PV", _tone(ev.sv)),
        ("Cost variance (CV)", amount(ev.cv), "EV - AC", _tone(ev.cv)),
        ("SPI", ratio(ev.spi), "EV / PV", html.index_tone(ev.spi)),
        ("CPI", ratio(ev.cpi), "EV / AC", html.index_tone(ev.cpi)),
        ("Estimate at completion (EAC)", amount(ev.eac), "BAC / CPI", "neutral"),
        ("Variance at completion (VAC)", amount(ev.vac), "BAC - EAC", _tone(ev.vac)),
    ]
    points = [EVPoint(d, pv, e, ac) for d, pv, e, ac in metrics.history(snap)]
    chart = ev_chart(points, budget=ev.bac or None, money=amount, today=snap.as_of)
    reserve = budget.get("contingency_reserve")
    intro = (
        f"<p>Earned value on the status date {day(budget.get('status_date'))}, summed over the "
        "work packages. An index below 1.00 means behind schedule (SPI) or over cost (CPI). "
        f"Contingency reserve held outside the baseline: {amount(reserve)}.</p>"
    )
    return "\n\n".join(
        [
            intro,
            html.figures(figures),
            "## Over time",
            f'<div class="pmgov-chart pmgov-fit">{chart}</div>',
            "## Work packages",
            _packages(render),
        ]
    )


def _packages(render: Render) -> str:
    snap = render.snap
    cur = snap.currency
    rows = []
    for wp in snap.items("budget", "work_packages"):
        size = float(wp.get("budget") or 0)
        earned = size * float(wp.get("percent_complete") or 0) / 100
        spent = wp.get("actual_cost")
        cpi = earned / spent if isinstance(spent, (int, float)) and spent else None
        rows.append(
            [
                esc(wp.get("id")),
                esc(wp.get("name")),
                esc(snap.person(wp.get("owner")) or "—"),
                money(wp.get("budget"), cur),
                percent(wp.get("planned_percent")),
                percent(wp.get("percent_complete")),
                money(earned, cur),
                money(spent, cur),
                ratio(cpi),
            ]
        )
    head = ["Id", "Work package", "Owner", "Budget", "Planned", "Done", "EV", "AC", "CPI"]
    return html.table(head, rows, numeric=range(3, 9))
