"""Charts as inline SVG, rendered at build time: no JavaScript, no CDN, prints cleanly.

Text and axes use ``currentColor`` so they follow the page's light or dark palette;
every label is escaped with `pmgov.site.text`. Hooks for tests and styling:
heat-map cells ``.pmgov-heat-cell[data-probability][data-impact][data-count]``,
Gantt bars ``.pmgov-bar[data-task]`` (critical ones also ``.pmgov-critical``),
milestones ``.pmgov-milestone[data-milestone]``, the today line ``.pmgov-today``,
grid points ``.pmgov-point[data-stakeholder]``, earned-value lines
``.pmgov-ev-line[data-series]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One schedule task on the Gantt chart."""

    id: str
    name: str
    start: dt.date
    finish: dt.date
    depends_on: tuple[str, ...] = ()
    percent: float | None = None
    status: str = ""
    critical: bool = False
    href: str = ""


@dataclass(frozen=True)
class Milestone:
    """One milestone on the Gantt chart: a diamond on its due date."""

    id: str
    name: str
    due: dt.date
    done: bool = False
    href: str = ""


@dataclass(frozen=True)
class Point:
    """One stakeholder on the power-interest grid (both on the 1-5 scale)."""

    id: str
    label: str
    power: int
    interest: int
    href: str = ""


@dataclass(frozen=True)
class EVPoint:
    """Earned-value figures on one status date (cumulative amounts)."""

    date: dt.date
    pv: float
    ev: float
    ac: float
