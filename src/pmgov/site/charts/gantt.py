"""The schedule as a Gantt chart: one row per milestone, then one row per task.

The chart is an HTML fragment of three SVGs: a small legend, a fixed pane of task
and milestone names, and the timeline beside it in a box that scrolls sideways, so
the names stay in view while the reader scrolls to today. Both panes share the
header height and the row height, so row n of one lines up with row n of the other;
the layout is in inline styles and works without a stylesheet.

Rows have a fixed height, so the chart grows downwards with the plan (400 tasks
make about 8,000 px). A plan of up to about 14 months is scaled to fit beside the
names in a 688 px column (at least a pixel a day); a longer one is drawn at two
pixels a day and scrolls. Milestones come first, in the order given, then tasks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pmgov.site.charts import Bar, Milestone
from pmgov.site.charts.svg import (
    MONTHS,
    date_label,
    link,
    message,
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
ROWS_TOP = 62
LABEL_W = 240
LABEL_CHARS = 33
FIT_WIDTH = 440.0
"""The timeline's width for a plan of up to `LONG_PLAN` days: beside the 240 px
names it fits Material's 688 px content column at 1280 px."""
LONG_PLAN = 427
LONG_PX_PER_DAY = 2.0
RIGHT = 8
CHAR_W = 6.2
DONE_STATUSES = frozenset({"done", "complete", "completed", "closed", "finished"})
PANE_STYLE = "display:block;max-width:none;height:auto;margin:0"
ROW_STYLE = "display:flex;align-items:flex-start"
LABELS_STYLE = "flex:none;max-width:45%;overflow:hidden"
SCROLL_STYLE = "overflow-x:auto;flex:1 1 auto;min-width:0"


@dataclass(frozen=True)
class _Scale:
    first: dt.date
    last: dt.date
    px: float

    def x(self, day: dt.date) -> float:
        return (day - self.first).days * self.px

    @property
    def width(self) -> float:
        return (self.last - self.first).days * self.px


def px_per_day(days: int) -> float:
    """Pixels a day for a timeline of `days`: fit `FIT_WIDTH`, or two a day for a long plan."""
    if days > LONG_PLAN:
        return LONG_PX_PER_DAY
    return max(1.0, (FIT_WIDTH - RIGHT) / max(1, days))


def _scale(bars: Sequence[Bar], milestones: Sequence[Milestone]) -> _Scale:
    days = [d for b in bars for d in (b.start, b.finish)] + [m.due for m in milestones]
    first, last = min(days).replace(day=1), next_month(max(days))
    return _Scale(first, last, px_per_day((last - first).days))


def _done(bar: Bar) -> bool:
    return bar.status.strip().lower() in DONE_STATUSES or (bar.percent or 0) >= 100


def _row_y(row: int) -> float:
    return ROWS_TOP + row * ROW


def _stripes(width: float, rows: int) -> list[str]:
    return [
        f'<rect x="0" y="{num(_row_y(r))}" width="{num(width)}" height="{ROW}" '
        'fill="currentColor" fill-opacity="0.04"/>'
        for r in range(1, rows, 2)
    ]


# ---- the label pane ---------------------------------------------------------------------


def _label(row: int, name: str, full: str, href: str) -> str:
    name_text = text(
        6,
        _row_y(row) + 14,
        short(name, LABEL_CHARS),
        extra=f'class="pmgov-gantt-label" data-row="{row}"',
    )
    return link(href, f"<g>{title(full)}{name_text}</g>")


def _labels(bars: Sequence[Bar], milestones: Sequence[Milestone], height: float) -> str:
    rows = len(milestones) + len(bars)
    heading = "Milestones and tasks" if milestones and bars else "Tasks" if bars else "Milestones"
    body = [
        open_svg(
            LABEL_W,
            height,
            "Gantt chart: task and milestone names",
            "pmgov-gantt-names",
            style=PANE_STYLE,
        ),
        *_stripes(LABEL_W, rows),
        text(6, ROWS_TOP - 8, heading, extra='font-size="11" font-weight="bold"'),
    ]
    for row, ms in enumerate(milestones):
        body.append(_label(row, ms.name, f"{ms.id} {ms.name}", ms.href))
    for row, bar in enumerate(bars, start=len(milestones)):
        body.append(_label(row, bar.name, f"{bar.id} {bar.name}", bar.href))
    body.append("</svg>")
    return "".join(body)


# ---- the timeline pane ------------------------------------------------------------------


def _bar(row: int, bar: Bar, scale: _Scale) -> str:
    finish = max(bar.finish, bar.start)
    x0, x1 = scale.x(bar.start), scale.x(finish + dt.timedelta(days=1))
    width, y = max(2.0, x1 - x0), _row_y(row) + 4
    done = _done(bar)
    fill = DONE if done else CRITICAL if bar.critical else OTHER
    cls = "pmgov-bar pmgov-critical" if bar.critical else "pmgov-bar"
    stroke = f' stroke="{CRITICAL}" stroke-width="1.5"' if bar.critical and done else ""
    shape = (
        f'<rect class="{cls}" data-task="{attr(bar.id)}" data-row="{row}" x="{num(x0)}" '
        f'y="{num(y)}" width="{num(width)}" height="{ROW - 8}" rx="2" fill="{fill}"{stroke}/>'
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


def _milestone(row: int, ms: Milestone, scale: _Scale, width: float) -> str:
    cx, cy = scale.x(ms.due) + scale.px / 2, _row_y(row) + ROW / 2
    fill = DONE if ms.done else MILESTONE
    state = "done" if ms.done else "due"
    diamond = (
        f'<path class="pmgov-milestone" data-milestone="{attr(ms.id)}" data-row="{row}" '
        f'd="M{num(cx)} {num(cy - 7)}l7 7l-7 7l-7 -7z" fill="{fill}" stroke="currentColor" '
        'stroke-width="0.5"/>'
    )
    tip = title(f"{ms.id} {ms.name}: {state} {date_label(ms.due)}")
    due = date_label(ms.due)
    room = len(due) * CHAR_W * 11 / 12
    right = cx + 10 + room <= width or cx - 10 - room < 0
    when = text(
        cx + 10 if right else cx - 10,
        cy + 4,
        due,
        anchor="start" if right else "end",
        extra='font-size="11" class="pmgov-milestone-date"',
    )
    return link(ms.href, f"<g>{tip}{diamond}</g>") + when


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
    """Month lines; short month names above and below, the year over each January."""
    months = month_starts(scale.first, scale.last - dt.timedelta(days=1))
    step = max(1, math.ceil(28 / (30.4 * scale.px)))
    small = 'font-size="11"'
    parts = []
    for n, month in enumerate(months):
        x = scale.x(month)
        parts.append(
            f'<line x1="{num(x)}" y1="20" x2="{num(x)}" y2="{num(bottom)}" '
            'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        if n % step == 0:
            name = MONTHS[month.month - 1]
            parts += [
                text(x + 3, 34, name, extra=small),
                text(x + 3, bottom + 14, name, extra=small),
            ]
        january = next((m for m in months[n:] if m.month == 1), None)
        clear = january is None or scale.x(january) - x >= 30
        if month.month == 1 or (n == 0 and clear):
            year = str(month.year)
            parts += [
                text(x + 3, 16, year, extra=f'{small} font-weight="bold"'),
                text(x + 3, bottom + 28, year, extra=f'{small} font-weight="bold"'),
            ]
    return parts


def _today(today: dt.date, scale: _Scale, bottom: float, width: float) -> str:
    if not scale.first <= today < scale.last:
        return ""
    x = scale.x(today) + scale.px / 2
    anchor = "start" if x < 18 else "end" if x > width - 18 else "middle"
    return (
        f'<line class="pmgov-today" x1="{num(x)}" y1="{ROWS_TOP - 4}" x2="{num(x)}" '
        f'y2="{num(bottom)}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>'
        + text(x, ROWS_TOP - 8, "Today", anchor=anchor, extra='font-size="11" font-weight="bold"')
    )


def _timeline(
    bars: Sequence[Bar], milestones: Sequence[Milestone], today: dt.date, height: float
) -> str:
    scale = _scale(bars, milestones)
    rows = len(milestones) + len(bars)
    bottom = _row_y(rows) + 4
    width = scale.width + RIGHT
    label = f"Gantt chart: {len(bars)} tasks, {len(milestones)} milestones"
    body = [open_svg(width, height, label, "pmgov-gantt-timeline", style=PANE_STYLE)]
    body += _stripes(width, rows)
    body += _months(scale, bottom)
    body += [_milestone(row, ms, scale, width) for row, ms in enumerate(milestones)]
    body += _dependencies(bars, len(milestones), scale)
    body += [_bar(row, bar, scale) for row, bar in enumerate(bars, start=len(milestones))]
    body.append(_today(today, scale, bottom, width))
    body.append("</svg>")
    return "".join(body)


def _legend() -> str:
    small = 'font-size="11"'
    swatch = '<rect x="{x}" y="6" width="14" height="10" rx="2" fill="{fill}"/>'
    legend = "Legend: critical, other and done tasks, milestone, today"
    parts = [open_svg(330, 22, legend, "pmgov-gantt-legend")]
    for x, fill, label in ((4, CRITICAL, "Critical"), (76, OTHER, "Other"), (138, DONE, "Done")):
        parts.append(swatch.format(x=x, fill=fill) + text(x + 18, 15, label, extra=small))
    parts.append(f'<path d="M205 4l7 7l-7 7l-7 -7z" fill="{MILESTONE}"/>')
    parts.append(text(216, 15, "Milestone", extra=small))
    parts.append(
        '<line x1="284" y1="3" x2="284" y2="19" stroke="currentColor" stroke-width="1.5" '
        'stroke-dasharray="4 3"/>'
    )
    parts.append(text(290, 15, "Today", extra=small))
    parts.append("</svg>")
    return "".join(parts)


def gantt(bars: Sequence[Bar], milestones: Sequence[Milestone], *, today: dt.date) -> str:
    """The Gantt chart as one line of HTML: ``<div class="pmgov-gantt">`` holding the
    legend, the names and the scrolling timeline (bars, dependencies, milestones, today)."""
    if not bars and not milestones:
        label = "Gantt chart: nothing to draw"
        empty = message("No tasks or milestones to chart.", label, "pmgov-gantt-empty")
        return f'<div class="pmgov-gantt">{empty}</div>'
    rows = len(milestones) + len(bars)
    height = _row_y(rows) + 4 + 34
    return (
        f'<div class="pmgov-gantt">{_legend()}'
        f'<div class="pmgov-gantt-panes" style="{ROW_STYLE}">'
        f'<div class="pmgov-gantt-labels" style="{LABELS_STYLE}">'
        f"{_labels(bars, milestones, height)}</div>"
        f'<div class="pmgov-gantt-scroll" style="{SCROLL_STYLE}">'
        f"{_timeline(bars, milestones, today, height)}</div></div></div>"
    )
