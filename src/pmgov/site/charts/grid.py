"""The power-interest grid (Mendelow): where each stakeholder sits and how to engage them.

Power runs up the vertical axis, interest along the horizontal axis, both 1..5.
A score of 3 or more counts as high, so the quadrant lines sit between 2 and 3:
a stakeholder of medium power or interest is kept informed or satisfied rather
than only monitored. Stakeholders on the same square are listed down it, each a
point and a short name, in as many columns as they need, so no point or name hides
another; the full name and id are in each point's tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pmgov.site.charts import Point
from pmgov.site.charts.svg import link, num, open_svg, short, text, title
from pmgov.site.text import attr

UNIT = 120
BAND = 24
LEFT = 44
RIGHT = 10
TOP = 10
HIGH = 3
PAD = 6
LINE = 15
"""Rows of a cluster are at least this far apart (11 px names never touch) until a
square holds more than six columns of seven."""
CHAR_W = 6.0
MIN_CHARS = 3
POINT = "#4a86d4"
QUADRANTS = (
    # (label, high power, high interest, fill)
    ("Keep satisfied", True, False, "#f0b445"),
    ("Manage closely", True, True, "#e5645e"),
    ("Monitor", False, False, "#9aa3ad"),
    ("Keep informed", False, True, "#4a86d4"),
)


def quadrant(power: int, interest: int) -> str:
    """The engagement strategy for a stakeholder: "Manage closely", "Monitor", ..."""
    for label, high_power, high_interest, _ in QUADRANTS:
        if (power >= HIGH) == high_power and (interest >= HIGH) == high_interest:
            return label
    return "Monitor"  # pragma: no cover - the four quadrants cover every case


def _clamp(value: int) -> int:
    return min(5, max(1, int(value)))


def _x(interest: float) -> float:
    return LEFT + (interest - 0.5) * UNIT


def _y(power: float) -> float:
    return TOP + BAND + (5.5 - power) * UNIT


def _cluster(left: float, cy: float, count: int) -> tuple[list[tuple[float, float]], int]:
    """Centres for `count` points on the square whose left edge is `left`, and how many
    characters of a name fit beside each: rows of at least `LINE`, then more columns."""
    inner = UNIT - 2 * PAD
    per_column = int(inner // LINE)
    cols = min(math.ceil(count / per_column), int(inner // 18))  # at worst, dots alone
    rows = math.ceil(count / cols)
    gap = min(18.0, inner / rows)
    col_w = inner / cols
    spots = [
        (left + PAD + 6 + (n // rows) * col_w, cy + (n % rows - (rows - 1) / 2) * gap)
        for n in range(count)
    ]
    return spots, int((col_w - 18) // CHAR_W)


def _quadrants() -> str:
    mid_x, mid_y = _x(HIGH - 0.5), _y(HIGH - 0.5)
    left, right = _x(0.5), _x(5.5)
    top, bottom = TOP, _y(0.5) + BAND
    parts = []
    for label, high_power, high_interest, fill in QUADRANTS:
        x0, x1 = (mid_x, right) if high_interest else (left, mid_x)
        y0, y1 = (top, mid_y) if high_power else (mid_y, bottom)
        parts.append(
            f'<rect class="pmgov-quadrant" x="{num(x0)}" y="{num(y0)}" width="{num(x1 - x0)}" '
            f'height="{num(y1 - y0)}" fill="{fill}" fill-opacity="0.16" stroke="currentColor" '
            'stroke-opacity="0.4"/>'
        )
        ty = y0 + 16 if high_power else y1 - 8
        parts.append(text((x0 + x1) / 2, ty, label, anchor="middle", extra='font-weight="bold"'))
    return "".join(parts)


def _axes() -> str:
    parts = []
    bottom = _y(0.5) + BAND
    for k in range(1, 6):
        parts.append(text(LEFT - 8, _y(k) + 4, str(k), anchor="end"))
        parts.append(text(_x(k), bottom + 16, str(k), anchor="middle"))
    mid_y = (TOP + bottom) / 2
    parts.append(
        text(14, mid_y, "Power", anchor="middle", extra=f'transform="rotate(-90 14 {num(mid_y)})"')
    )
    parts.append(text(_x(3), bottom + 34, "Interest", anchor="middle"))
    return "".join(parts)


def _point(point: Point, x: float, y: float, chars: int) -> str:
    where = quadrant(point.power, point.interest)
    tip = title(
        f"{point.label} ({point.id}): power {point.power}, interest {point.interest}, {where}"
    )
    dot = (
        f'<circle class="pmgov-point" data-stakeholder="{attr(point.id)}" cx="{num(x)}" '
        f'cy="{num(y)}" r="6" fill="{POINT}" stroke="currentColor" stroke-width="1"/>'
    )
    name = short(point.label or point.id, chars)
    label = text(x + 9, y + 4, name, extra='font-size="11"') if chars >= MIN_CHARS else ""
    return link(point.href, f"<g>{tip}{dot}{label}</g>")


def power_interest(points: Sequence[Point]) -> str:
    """The power-interest grid as inline SVG, one circle per stakeholder."""
    width = LEFT + 5 * UNIT + RIGHT
    height = TOP + 2 * BAND + 5 * UNIT + 44
    body = [
        open_svg(
            width,
            height,
            f"Power-interest grid: {len(points)} stakeholders",
            "pmgov-grid",
        ),
        _quadrants(),
        _axes(),
    ]
    squares: dict[tuple[int, int], list[Point]] = {}
    for point in points:
        squares.setdefault((_clamp(point.power), _clamp(point.interest)), []).append(point)
    for (power, interest), group in squares.items():
        spots, chars = _cluster(_x(interest) - UNIT / 2, _y(power), len(group))
        body += [_point(p, x, y, chars) for p, (x, y) in zip(group, spots, strict=True)]
    body.append("</svg>")
    return "".join(body)
