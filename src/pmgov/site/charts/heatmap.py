"""The 5x5 probability x impact risk heat map.

Probability runs up the vertical axis (5 at the top), impact along the horizontal
axis (1 at the left). A cell's colour comes from its score, probability x impact:
red at or above `high`, amber at or above half of `high`, green below. Fills are
fixed mid-tones with dark text on them, so they read on light and dark pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pmgov.site.charts.svg import DARK_TEXT, link, num, open_svg, text, title

RED = "#e5645e"
AMBER = "#f0b445"
GREEN = "#6dbf73"
CELL = 68
GAP = 3
LEFT = 46
TOP = 10
GRID = 5 * CELL - GAP
WIDTH = LEFT + GRID + 2
"""About 385 px, no margin right of the grid: scaled to a 358 px phone column, its
12 px text is still 11 px."""
LEGEND_ROW = 18
CHAR_W = 6.2
LIST_LIMIT = 12


def band(score: float, high: float) -> str:
    """The fill for a cell with this score: red, amber or green."""
    if score >= high:
        return RED
    if score >= high / 2:
        return AMBER
    return GREEN


def _describe(p: int, i: int, ids: Sequence[str]) -> str:
    head = f"Probability {p} x Impact {i} = {p * i}: "
    if not ids:
        return head + "no risks"
    shown = ", ".join(str(x) for x in ids[:LIST_LIMIT])
    if len(ids) > LIST_LIMIT:
        shown += f" and {len(ids) - LIST_LIMIT} more"
    noun = "risk" if len(ids) == 1 else "risks"
    return f"{head}{len(ids)} {noun} ({shown})"


def _cell(p: int, i: int, ids: Sequence[str], high: float, href: Callable[[int, int], str]) -> str:
    x = LEFT + (i - 1) * CELL
    y = TOP + (5 - p) * CELL
    size = CELL - GAP
    count = len(ids)
    opacity = "1" if count else "0.35"
    rect = (
        f'<rect class="pmgov-heat-cell" data-probability="{p}" data-impact="{i}" '
        f'data-count="{count}" x="{num(x)}" y="{num(y)}" width="{size}" height="{size}" '
        f'rx="3" fill="{band(p * i, high)}" fill-opacity="{opacity}"/>'
    )
    if not count:
        return f"<g>{title(_describe(p, i, ids))}{rect}</g>"
    label = (
        f'<text x="{num(x + size / 2)}" y="{num(y + size / 2 + 6)}" text-anchor="middle" '
        f'font-size="18" font-weight="bold" fill="{DARK_TEXT}">{count}</text>'
    )
    return link(href(p, i), f"<g>{title(_describe(p, i, ids))}{rect}{label}</g>")


def _axes() -> str:
    parts = []
    for k in range(1, 6):
        y = TOP + (5 - k) * CELL + CELL / 2 + 4
        parts.append(text(LEFT - 10, y, str(k), anchor="end"))
        x = LEFT + (k - 1) * CELL + (CELL - GAP) / 2
        parts.append(text(x, TOP + 5 * CELL + 14, str(k), anchor="middle"))
    mid_y = TOP + GRID / 2
    turn = f'transform="rotate(-90 14 {num(mid_y)})"'
    parts.append(text(14, mid_y, "Probability", anchor="middle", extra=turn))
    parts.append(text(LEFT + GRID / 2, TOP + 5 * CELL + 32, "Impact", anchor="middle"))
    return "".join(parts)


def _legend(high: float, top: float) -> tuple[str, float]:
    """The colour key under the grid, wrapped onto as many lines as it needs; and its height."""
    entries = (
        (RED, f"High (score {num(high)} or more)"),
        (AMBER, f"Medium ({num(high / 2)} or more)"),
        (GREEN, "Low"),
    )
    parts, x, y = [], float(LEFT), top + 12
    for colour, label in entries:
        size = 16 + len(label) * CHAR_W * 11 / 12
        if x > LEFT and x + size > LEFT + GRID:
            x, y = float(LEFT), y + LEGEND_ROW
        parts.append(
            f'<rect x="{num(x)}" y="{num(y - 10)}" width="12" height="12" fill="{colour}"/>'
        )
        parts.append(text(x + 16, y, label, extra='font-size="11"'))
        x += size + 14
    return "".join(parts), y + 6 - top


def heat_map(
    cells: Mapping[tuple[int, int], Sequence[str]],
    *,
    high: float,
    href: Callable[[int, int], str],
) -> str:
    """The heat map as inline SVG; `cells` maps (probability, impact) to the risk ids there.

    Keys outside 1..5 are ignored; `href(p, i)` is the link of a non-empty cell.
    """
    total = sum(len(ids) for (p, i), ids in cells.items() if 1 <= p <= 5 and 1 <= i <= 5)
    legend, legend_height = _legend(high, TOP + 5 * CELL + 40)
    height = TOP + 5 * CELL + 40 + legend_height
    body = [
        open_svg(
            WIDTH,
            height,
            f"Risk heat map: {total} risks by probability and impact",
            "pmgov-heatmap",
        )
    ]
    for p in range(5, 0, -1):
        for i in range(1, 6):
            body.append(_cell(p, i, list(cells.get((p, i), ())), high, href))
    body.append(_axes())
    body.append(legend)
    body.append("</svg>")
    return "".join(body)
