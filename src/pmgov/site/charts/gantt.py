"""The schedule as a Gantt chart: one row per milestone, then one row per task.

Rows have a fixed height, so the chart grows downwards with the plan (400 tasks
make about 8,000 px); the width follows the time span at two pixels a day or
more, so a two-year plan is about 1,500 px wide and the caller scrolls it
sideways. Milestones come first, in the order given, then tasks in the order given.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pmgov.site.charts import Bar, Milestone
from pmgov.site.charts.svg import (
    date_label,
    link,
    message,
    month_label,
    month_starts,
    next_month,
    num,
    open_svg,
    short,
    text,
    title,
)
from pmgov.site.text import attr

CRITICAL = "#d9534f"
OTHER = "#4a86d4"
DONE = "#9aa3ad"
MILESTONE = "#8e5bd0"
ROW = 20
LABEL_W = 250
LABEL_CHARS = 36
PX_PER_DAY = 2.0
MIN_WIDTH = 480.0
RIGHT = 100
ROWS_TOP = 62
DONE_STATUSES = frozenset({"done", "complete", "completed", "closed", "finished"})


@dataclass(frozen=True)
class _Scale:
    first: dt.date
    last: dt.date
    px: float

    def x(self, day: dt.date) -> float:
        return LABEL_W + (day - self.first).days * self.px

    @property
    def width(self) -> float:
        return (self.last - self.first).days * self.px


def _scale(bars: Sequence[Bar], milestones: Sequence[Milestone]) -> _Scale:
    days = [d for b in bars for d in (b.start, b.finish)] + [m.due for m in milestones]
    first, last = min(days).replace(day=1), next_month(max(days))
    return _Scale(first, last, max(PX_PER_DAY, MIN_WIDTH / max(1, (last - first).days)))


def _done(bar: Bar) -> bool:
    return bar.status.strip().lower() in DONE_STATUSES or (bar.percent or 0) >= 100


def _row_y(row: int) -> float:
    return ROWS_TOP + row * ROW


def _label(row: int, name: str, full: str, href: str) -> str:
    inner = f"<g>{title(full)}{text(6, _row_y(row) + 14, short(name, LABEL_CHARS))}</g>"
    return link(href, inner)


def _bar(row: int, bar: Bar, scale: _Scale) -> str:
    finish = max(bar.finish, bar.start)
    x0, x1 = scale.x(bar.start), scale.x(finish + dt.timedelta(days=1))
    width, y = max(2.0, x1 - x0), _row_y(row) + 4
    done = _done(bar)
    fill = DONE if done else CRITICAL if bar.critical else OTHER
    cls = "pmgov-bar pmgov-critical" if bar.critical else "pmgov-bar"
    stroke = f' stroke="{CRITICAL}" stroke-width="1.5"' if bar.critical and done else ""
    shape = (
        f'<rect class="{cls}" data-task="{attr(bar.id)}" x="{num(x0)}" y="{num(y)}" '
        f'width="{num(width)}" height="{ROW - 8}" rx="2" fill="{fill}"{stroke}/>'
    )
    facts = [f"{bar.id} {bar.name}", f"{date_label(bar.start)} to {date_label(finish)}"]
    if bar.percent is not None and math.isfinite(bar.percent):
        facts.append(f"{bar.percent:.0f}% complete")
        if not done and bar.percent > 0:
            shape += (
                f'<rect class="pmgov-progress" x="{num(x0)}" y="{num(y)}" '
                f'width="{num(width * min(bar.percent, 100) / 100)}" height="{ROW - 8}" rx="2" '
                'fill="#000" fill-opacity="0.3"/>'
            )
    if bar.status:
        facts.append(bar.status)
    if bar.critical:
        facts.append("critical path")
    return link(bar.href, f"<g>{title(', '.join(facts))}{shape}</g>")


def _milestone(row: int, ms: Milestone, scale: _Scale) -> str:
    cx, cy = scale.x(ms.due) + scale.px / 2, _row_y(row) + ROW / 2
    fill = DONE if ms.done else MILESTONE
    state = "done" if ms.done else "due"
    diamond = (
        f'<path class="pmgov-milestone" data-milestone="{attr(ms.id)}" '
        f'd="M{num(cx)} {num(cy - 7)}l7 7l-7 7l-7 -7z" fill="{fill}" stroke="currentColor" '
        'stroke-width="0.5"/>'
    )
    when = text(cx + 10, cy + 4, date_label(ms.due), extra='font-size="11"')
    tip = title(f"{ms.id} {ms.name}: {state} {date_label(ms.due)}")
    return link(ms.href, f"<g>{tip}{diamond}{when}</g>")


def _dependency(src: tuple[float, float], dst: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = src, dst
    if x2 >= x1 + 8:
        route = f"M{num(x1)} {num(y1)}H{num(x1 + 4)}V{num(y2)}H{num(x2)}"
    else:
        yb = y2 - ROW / 2 if y2 > y1 else y2 + ROW / 2
        route = f"M{num(x1)} {num(y1)}h4V{num(yb)}H{num(x2 - 6)}V{num(y2)}H{num(x2)}"
    head = f"M{num(x2 - 5)} {num(y2 - 3)}L{num(x2)} {num(y2)}L{num(x2 - 5)} {num(y2 + 3)}"
    return (
        f'<path class="pmgov-dep" d="{route}{head}" fill="none" stroke="currentColor" '
        'stroke-opacity="0.55" stroke-width="1"/>'
    )


def _dependencies(bars: Sequence[Bar], first_row: int, scale: _Scale) -> list[str]:
    """One arrow per known finish-to-start link, from predecessor end to successor start."""
    ends: dict[str, tuple[float, float]] = {}
    for row, bar in enumerate(bars, start=first_row):
        finish = max(bar.finish, bar.start) + dt.timedelta(days=1)
        ends[bar.id] = (scale.x(finish), _row_y(row) + ROW / 2)
    paths = []
    for row, bar in enumerate(bars, start=first_row):
        start = (scale.x(bar.start), _row_y(row) + ROW / 2)
        for pred in dict.fromkeys(bar.depends_on):
            if pred in ends and pred != bar.id:
                paths.append(_dependency(ends[pred], start))
    return paths


def _months(scale: _Scale, bottom: float) -> list[str]:
    months = month_starts(scale.first, scale.last - dt.timedelta(days=1))
    step = max(1, math.ceil(60 / (30.4 * scale.px)))
    parts = []
    for n, month in enumerate(months):
        x = scale.x(month)
        parts.append(
            f'<line x1="{num(x)}" y1="26" x2="{num(x)}" y2="{num(bottom)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        if n % step == 0:
            for y in (40, bottom + 14):
                parts.append(text(x + 3, y, month_label(month), extra='font-size="11"'))
    return parts


def _today(today: dt.date, scale: _Scale, bottom: float) -> str:
    if not scale.first <= today < scale.last:
        return ""
    x = scale.x(today) + scale.px / 2
    return (
        f'<line class="pmgov-today" x1="{num(x)}" y1="46" x2="{num(x)}" y2="{num(bottom)}" '
        'stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>'
        + text(x, 56, "Today", anchor="middle", extra='font-size="11" font-weight="bold"')
    )


def _legend() -> str:
    swatch = '<rect x="{x}" y="6" width="14" height="10" rx="2" fill="{fill}"/>'
    parts = []
    for x, fill, label in ((6, CRITICAL, "Critical"), (86, OTHER, "Other"), (156, DONE, "Done")):
        parts.append(
            swatch.format(x=x, fill=fill) + text(x + 18, 15, label, extra='font-size="11"')
        )
    parts.append(f'<path d="M233 4l7 7l-7 7l-7 -7z" fill="{MILESTONE}"/>')
    parts.append(text(244, 15, "Milestone", extra='font-size="11"'))
    parts.append(
        '<line x1="316" y1="3" x2="316" y2="19" stroke="currentColor" stroke-width="1.5" '
        'stroke-dasharray="4 3"/>'
    )
    parts.append(text(322, 15, "Today", extra='font-size="11"'))
    return "".join(parts)


def gantt(bars: Sequence[Bar], milestones: Sequence[Milestone], *, today: dt.date) -> str:
    """The Gantt chart as inline SVG: bars, dependency arrows, milestones, today line."""
    label = f"Gantt chart: {len(bars)} tasks, {len(milestones)} milestones"
    if not bars and not milestones:
        return message("No tasks or milestones to chart.", label, "pmgov-gantt")
    scale = _scale(bars, milestones)
    rows = len(milestones) + len(bars)
    bottom = _row_y(rows) + 4
    width = max(LABEL_W + scale.width + RIGHT, 420)
    body = [open_svg(width, bottom + 20, label, "pmgov-gantt"), _legend()]
    body += [
        f'<rect x="0" y="{num(_row_y(r))}" width="{num(width)}" height="{ROW}" '
        'fill="currentColor" fill-opacity="0.04"/>'
        for r in range(1, rows, 2)
    ]
    body += _months(scale, bottom)
    for row, ms in enumerate(milestones):
        body.append(_label(row, ms.name, f"{ms.id} {ms.name}", ms.href))
        body.append(_milestone(row, ms, scale))
    body += _dependencies(bars, len(milestones), scale)
    for row, bar in enumerate(bars, start=len(milestones)):
        body.append(_label(row, bar.name, f"{bar.id} {bar.name}", bar.href))
        body.append(_bar(row, bar, scale))
    body.append(_today(today, scale, bottom))
    body.append("</svg>")
    return "".join(body)
