"""Earned value over time: cumulative planned value, earned value and actual cost.

Each series has its own colour, dash pattern and marker shape, so the chart also
reads printed in black and white. The budget at completion is a dashed
horizontal line when known. The x axis spans the status dates; the today line
shows only when today falls within them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmgov.site.charts import EVPoint
from pmgov.site.charts.svg import (
    date_label,
    message,
    month_label,
    month_starts,
    num,
    open_svg,
    text,
    xml_text,
)
from pmgov.site.text import attr

WIDTH = 760
HEIGHT = 380
LEFT = 100
RIGHT = 70
TOP = 34
BOTTOM = 44
BAC = "#c08a1a"
SERIES = (
    # (key, name, colour, dash pattern, marker)
    ("pv", "Planned value (PV)", "#4a86d4", "8 4", "circle"),
    ("ev", "Earned value (EV)", "#2e9e5b", "", "square"),
    ("ac", "Actual cost (AC)", "#d9534f", "2 3", "triangle"),
)


@dataclass(frozen=True)
class _Frame:
    first: dt.date
    last: dt.date
    low: float
    top: float

    def x(self, day: dt.date) -> float:
        span = max(1, (self.last - self.first).days)
        return LEFT + (day - self.first).days / span * (WIDTH - LEFT - RIGHT)

    def y(self, amount: float) -> float:
        share = (amount - self.low) / (self.top - self.low)
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)


def _step(top: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about five ticks."""
    raw = top / 5
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _bounds(amounts: Sequence[float]) -> tuple[float, float]:
    """The y axis range: from zero (or the lowest amount) up to a round figure above the peak."""
    low, high = min(0.0, *amounts), max(1.0, *amounts)
    step = _step((high - low) * 1.05)
    return math.floor(low / step) * step, math.ceil(high * 1.05 / step) * step


def _finite(point: EVPoint) -> bool:
    return all(math.isfinite(v) for v in (point.pv, point.ev, point.ac))


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    """A data point: circle, square or triangle, with `tip` (already safe) as its tooltip."""
    paint = f'fill="{colour}" stroke="currentColor" stroke-width="0.5"'
    if shape == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="3.5" {paint}><title>{tip}</title></circle>'
    if shape == "square":
        return (
            f'<rect x="{num(x - 3.5)}" y="{num(y - 3.5)}" width="7" height="7" {paint}>'
            f"<title>{tip}</title></rect>"
        )
    return f'<path d="M{num(x)} {num(y - 4.5)}l4.5 8h-9z" {paint}><title>{tip}</title></path>'


def _series(points: Sequence[EVPoint], frame: _Frame, money: Callable[[float], str]) -> str:
    parts = []
    for key, name, colour, dash, shape in SERIES:
        coords = [(frame.x(p.date), frame.y(getattr(p, key))) for p in points]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline class="pmgov-ev-line" data-series="{key}" fill="none" stroke="{colour}" '
            f'stroke-width="2"{dashing} points="'
            + " ".join(f"{num(x)},{num(y)}" for x, y in coords)
            + '"/>'
        )
        for p, (x, y) in zip(points, coords, strict=True):
            tip = attr(f"{name} {date_label(p.date)}: ") + xml_text(money(getattr(p, key)))
            parts.append(_marker(shape, x, y, colour, tip))
    return "".join(parts)


def _y_axis(frame: _Frame, money: Callable[[float], str]) -> str:
    parts = []
    step = _step(frame.top - frame.low)
    k = math.floor(frame.low / step + 1e-9)
    while k * step <= frame.top + 1e-9:
        y = frame.y(k * step)
        parts.append(
            f'<line x1="{LEFT}" y1="{num(y)}" x2="{WIDTH - RIGHT}" y2="{num(y)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        parts.append(text(LEFT - 6, y + 4, xml_text(money(k * step)), anchor="end", raw=True))
        k += 1
    return "".join(parts)


def _x_ticks(points: Sequence[EVPoint], frame: _Frame) -> list[tuple[dt.date, str]]:
    months = month_starts(frame.first, frame.last)[1:] if frame.first.day > 1 else []
    months = months or month_starts(frame.first, frame.last)
    months = [m for m in months if frame.first <= m <= frame.last]
    if len(months) >= 2:
        step = math.ceil(len(months) / 8)
        return [(m, month_label(m)) for m in months[::step]]
    return [(p.date, date_label(p.date)) for p in (points[0], points[-1])]


def _x_axis(points: Sequence[EVPoint], frame: _Frame) -> str:
    base = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="currentColor"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="currentColor"/>',
    ]
    for day, label in _x_ticks(points, frame):
        x = frame.x(day)
        parts.append(
            f'<line x1="{num(x)}" y1="{base}" x2="{num(x)}" y2="{base + 5}" stroke="currentColor"/>'
        )
        parts.append(text(x, base + 18, label, anchor="middle", extra='font-size="11"'))
    return "".join(parts)


def _legend() -> str:
    parts, x = [], float(LEFT)
    for _, name, colour, dash, _ in SERIES:
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{num(x)}" y1="14" x2="{num(x + 26)}" y2="14" stroke="{colour}" '
            f'stroke-width="2"{dashing}/>'
        )
        parts.append(text(x + 30, 18, name, extra='font-size="11"'))
        x += 40 + 6 * len(name)
    parts.append(
        f'<line x1="{num(x)}" y1="14" x2="{num(x + 26)}" y2="14" stroke="{BAC}" '
        'stroke-width="1.5" stroke-dasharray="6 3 2 3"/>'
    )
    parts.append(text(x + 30, 18, "Budget at completion (BAC)", extra='font-size="11"'))
    return "".join(parts)


def _budget(budget: float, frame: _Frame, money: Callable[[float], str]) -> str:
    y = frame.y(budget)
    return (
        f'<line class="pmgov-ev-bac" x1="{LEFT}" y1="{num(y)}" x2="{WIDTH - RIGHT}" y2="{num(y)}" '
        f'stroke="{BAC}" stroke-width="1.5" stroke-dasharray="6 3 2 3">'
        f"<title>Budget at completion (BAC)&#58; {xml_text(money(budget))}</title></line>"
        + text(WIDTH - RIGHT + 4, y + 4, "BAC", extra='font-weight="bold"')
    )


def _today(today: dt.date, frame: _Frame) -> str:
    if not frame.first <= today <= frame.last:
        return ""
    x = frame.x(today)
    return (
        f'<line class="pmgov-today" x1="{num(x)}" y1="{TOP}" x2="{num(x)}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-width="1" stroke-dasharray="3 3"/>'
        + text(x, TOP - 4, "Today", anchor="middle", extra='font-size="11"')
    )


def earned_value(
    points: Sequence[EVPoint],
    *,
    budget: float | None,
    money: Callable[[float], str],
    today: dt.date,
) -> str:
    """The PV, EV and AC curves as inline SVG; `money` formats amounts as safe HTML text."""
    usable = sorted((p for p in points if _finite(p)), key=lambda p: p.date)
    label = f"Earned value: planned value, earned value and actual cost over {len(usable)} dates"
    if len(usable) < 2:
        return message(
            "Not enough earned-value history to draw a chart yet (it needs two status dates).",
            "Earned value: not enough history",
            "pmgov-ev",
            width=560,
        )
    has_budget = budget is not None and math.isfinite(budget)
    amounts = [v for p in usable for v in (p.pv, p.ev, p.ac)]
    if has_budget and budget is not None:
        amounts.append(budget)
    frame = _Frame(usable[0].date, usable[-1].date, *_bounds(amounts))
    body = [open_svg(WIDTH, HEIGHT, label, "pmgov-ev"), _legend(), _y_axis(frame, money)]
    body.append(_x_axis(usable, frame))
    if has_budget and budget is not None:
        body.append(_budget(budget, frame, money))
    body.append(_today(today, frame))
    body.append(_series(usable, frame, money))
    body.append("</svg>")
    return "".join(body)
