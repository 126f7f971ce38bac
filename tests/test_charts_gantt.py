"""The Gantt chart: a legend, a pane of names and a scrolling timeline whose rows line up."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from pmgov.site.charts import Bar, Milestone
from pmgov.site.charts.gantt import FIT_WIDTH, LABEL_W, LONG_PX_PER_DAY, gantt, px_per_day
from test_charts import HOSTILE, NS, checked, having, parse, texts

D = dt.date


@dataclass
class Gantt:
    """The Gantt fragment's parts: the whole, the legend, the names and the timeline."""

    root: ET.Element
    legend: ET.Element
    names: ET.Element
    timeline: ET.Element


def parse_gantt(fragment: str) -> Gantt:
    """The Gantt chart's HTML fragment: a div holding the legend and the two panes."""
    assert fragment.startswith('<div class="pmgov-gantt"')
    assert "\n" not in fragment, "one line: a blank line breaks the Markdown block"
    root = ET.fromstring(fragment)
    for div in root.iter("div"):
        assert set(div.attrib) <= {"class", "style"}, div.attrib
    svgs = [checked(svg) for svg in root.iter(f"{NS}svg")]
    assert len(svgs) == 3
    legend, names, timeline = svgs
    panes = root.find("div[@class='pmgov-gantt-panes']")
    assert panes is not None and "display:flex" in (panes.get("style") or "")
    left, right = list(panes)
    assert left.get("class") == "pmgov-gantt-labels" and list(left) == [names]
    assert right.get("class") == "pmgov-gantt-scroll" and list(right) == [timeline]
    assert "overflow-x:auto" in (right.get("style") or "")
    assert "min-width:0" in (right.get("style") or "")
    assert "flex:none" in (left.get("style") or "")
    return Gantt(root, legend, names, timeline)


def bars_for(count: int) -> list[Bar]:
    return [
        Bar(
            f"T-{n:03d}",
            f"Task {n}",
            D(2026, 1, 5) + dt.timedelta(days=n),
            D(2026, 1, 5) + dt.timedelta(days=n + 20),
            (f"T-{n - 1:03d}",) if n else (),
            critical=n % 3 == 0,
        )
        for n in range(count)
    ]


PLAN = [
    Bar("A", "Design", D(2026, 1, 5), D(2026, 2, 13), (), 100, "done", True, "#A"),
    Bar("B", "Build", D(2026, 2, 16), D(2026, 5, 29), ("A", "ghost"), 40, "", True),
    Bar("C", "Train", D(2026, 3, 2), D(2026, 3, 20), ("A",), None, "", False),
    Bar("D", "Go live", D(2026, 6, 1), D(2026, 6, 5), ("B", "C", "B"), None, "", True),
]
MILESTONES = [
    Milestone("M-1", "Design signed off", D(2026, 2, 13), True),
    Milestone("M-2", "Live", D(2026, 6, 5)),
]


def test_gantt_one_bar_per_task_and_critical_flags() -> None:
    chart = parse_gantt(gantt(PLAN, MILESTONES, today=D(2026, 4, 1)))
    bars = having(chart.timeline, "pmgov-bar")
    assert [b.get("data-task") for b in bars] == ["A", "B", "C", "D"]
    assert having(chart.root, "pmgov-bar") == bars  # only in the timeline
    assert {b.get("data-task") for b in having(chart.root, "pmgov-critical")} == {"A", "B", "D"}
    milestones = having(chart.root, "pmgov-milestone")
    assert [m.get("data-milestone") for m in milestones] == ["M-1", "M-2"]
    assert len(having(chart.root, "pmgov-progress")) == 1  # B is 40% done; A is done (muted)
    assert "#A" in [a.get("href") for a in chart.names.iter(f"{NS}a")]  # the name links
    assert "#A" in [a.get("href") for a in chart.timeline.iter(f"{NS}a")]  # and so does the bar
    assert {"Design", "Build", "Design signed off", "Live"} <= set(texts(chart.names))
    assert {"2026", "Jan", "Jun", "Today"} <= set(texts(chart.timeline))
    assert {"Critical", "Other", "Done", "Milestone", "Today"} <= set(texts(chart.legend))


def rows_of(pane: ET.Element) -> dict[int, ET.Element]:
    return {int(e.get("data-row", -1)): e for e in pane.iter() if e.get("data-row") is not None}


def middle(shape: ET.Element) -> float:
    """The vertical middle of a bar (rect) or a milestone diamond (path from its top)."""
    if shape.tag == f"{NS}rect":
        return float(shape.get("y", 0)) + float(shape.get("height", 0)) / 2
    top = re.match(r"M\S+ (\S+)l7 7", shape.get("d", ""))
    assert top, shape.get("d")
    return float(top.group(1)) + 7


def test_gantt_names_and_timeline_have_the_same_rows_lined_up() -> None:
    chart = parse_gantt(gantt(PLAN, MILESTONES, today=D(2026, 4, 1)))
    names, shapes = rows_of(chart.names), rows_of(chart.timeline)
    count = len(PLAN) + len(MILESTONES)
    assert set(names) == set(shapes) == set(range(count))
    assert [shapes[r].get("data-milestone") for r in range(2)] == ["M-1", "M-2"]
    assert [shapes[r].get("data-task") for r in range(2, count)] == ["A", "B", "C", "D"]
    assert chart.names.get("height") == chart.timeline.get("height")
    # the zebra stripes are the same rows in both panes; each name and its shape sit in one
    stripes = [
        [(float(r.get("y", 0)), float(r.get("height", 0))) for r in pane.iter(f"{NS}rect")
         if not r.get("class")]
        for pane in (chart.names, chart.timeline)
    ]  # fmt: skip
    assert stripes[0] == stripes[1] and len(stripes[0]) == count // 2
    for n, (top, height) in enumerate(stripes[0]):
        row = 2 * n + 1
        assert top < float(names[row].get("y", 0)) < top + height
        assert top < middle(shapes[row]) < top + height
    spacing = {float(names[r + 1].get("y", 0)) - float(names[r].get("y", 0)) for r in range(5)}
    offsets = {middle(shapes[r]) - float(names[r].get("y", 0)) for r in range(count)}
    assert len(spacing) == 1 and len(offsets) == 1


def test_gantt_milestone_dates_are_plain_text_not_links() -> None:
    linked = [Milestone("M-1", "Live", D(2026, 6, 5), href="#m-1")]
    chart = parse_gantt(gantt(PLAN, linked, today=D(2026, 4, 1)))
    dates = having(chart.timeline, "pmgov-milestone-date")
    assert texts_of(dates) == ["5 Jun 2026"]
    inside_links = {id(e) for a in chart.timeline.iter(f"{NS}a") for e in a.iter()}
    assert id(dates[0]) not in inside_links
    assert dates[0].get("fill") == "currentColor"
    assert float(dates[0].get("x", 0)) <= float(chart.timeline.get("width", 0))


def texts_of(elements: Sequence[ET.Element]) -> list[str]:
    return ["".join(e.itertext()) for e in elements]


def test_gantt_dependency_arrows_match_known_links() -> None:
    chart = parse_gantt(gantt(PLAN, [], today=D(2026, 4, 1)))
    # A->B, A->C, B->D, C->D; "ghost" is unknown and the repeated B counts once
    assert len(having(chart.timeline, "pmgov-dep")) == 4


def test_gantt_today_line_only_in_range() -> None:
    inside = parse_gantt(gantt(PLAN, MILESTONES, today=D(2026, 4, 1)))
    assert len(having(inside.root, "pmgov-today")) == 1
    assert texts(inside.timeline).count("Today") == 1
    assert texts(inside.legend).count("Today") == 1
    for outside in (D(2025, 6, 1), D(2027, 6, 1)):
        chart = parse_gantt(gantt(PLAN, MILESTONES, today=outside))
        assert having(chart.root, "pmgov-today") == []
        assert "Today" not in texts(chart.timeline)


def test_gantt_truncates_long_names_but_keeps_them_in_the_tooltip() -> None:
    name = "Migrate every branch's customer records " * 4
    chart = parse_gantt(
        gantt([Bar("L", name, D(2026, 1, 1), D(2026, 1, 9))], [], today=D(2026, 1, 2))
    )
    labels = [t for t in texts(chart.names) if t.startswith("Migrate")]
    assert labels and all(len(t) < 36 and t.endswith("\u2026") for t in labels)
    assert any(name.strip() in "".join(t.itertext()) for t in chart.names.iter(f"{NS}title"))


def test_gantt_scales_to_400_tasks() -> None:
    small, big = (parse_gantt(gantt(bars_for(n), [], today=D(2026, 3, 1))) for n in (100, 400))
    assert len(having(big.timeline, "pmgov-bar")) == 400
    assert len(having(big.timeline, "pmgov-dep")) == 399
    assert len(rows_of(big.names)) == 400
    per_row = (float(big.timeline.get("height", 0)) - float(small.timeline.get("height", 0))) / 300
    assert 14 <= per_row < 30


def timeline_width(bars: Sequence[Bar]) -> float:
    return float(parse_gantt(gantt(bars, [], today=D(2026, 1, 1))).timeline.get("width", 0))


def test_gantt_fits_a_year_beside_the_names_and_scrolls_a_longer_plan() -> None:
    # a plan of up to about 14 months fits beside the names in Material's 688 px column
    one_year = [Bar("A", "Programme", D(2026, 3, 2), D(2027, 3, 31))]
    assert LABEL_W + timeline_width(one_year) <= 688
    fourteen = [Bar("A", "Programme", D(2026, 1, 1), D(2027, 2, 27))]
    assert timeline_width(fourteen) <= FIT_WIDTH
    # never under a pixel a day, and a short plan is spread out, not squeezed in a corner
    assert px_per_day(427) >= 1 and px_per_day(200) == pytest.approx(2.16, abs=0.01)
    one_week = [Bar("A", "Sprint", D(2026, 1, 5), D(2026, 1, 9))]
    assert timeline_width(one_week) == FIT_WIDTH
    # beyond about 14 months: two pixels a day, and the timeline scrolls
    assert px_per_day(428) == px_per_day(2000) == LONG_PX_PER_DAY
    two_years = [Bar("A", "Programme", D(2026, 1, 1), D(2027, 12, 31))]
    assert 1400 <= timeline_width(two_years) <= 1600


@pytest.mark.parametrize("finish", [D(2026, 4, 30), D(2027, 1, 15), D(2028, 12, 31)])
def test_gantt_month_and_year_labels_do_not_overlap(finish: dt.date) -> None:
    chart = parse_gantt(
        gantt([Bar("A", "Programme", D(2025, 12, 1), finish)], [], today=D(2026, 1, 1))
    )
    header = [t for t in chart.timeline.iter(f"{NS}text") if float(t.get("y", 0)) < 40]
    for row in {t.get("y") for t in header}:
        spots = sorted(float(t.get("x", 0)) for t in header if t.get("y") == row)
        widest = max(len("".join(t.itertext())) for t in header if t.get("y") == row)
        assert all(b - a >= widest * 6.5 for a, b in itertools.pairwise(spots))
    assert {"2025", "2026", "Dec", "Jan"} <= set(texts(chart.timeline))


def test_gantt_with_nothing_to_draw() -> None:
    empty = gantt([], [], today=D(2026, 1, 1))
    assert empty.startswith('<div class="pmgov-gantt">') and empty.endswith("</svg></div>")
    svg = empty.removeprefix('<div class="pmgov-gantt">').removesuffix("</div>")
    assert "No tasks" in "".join(parse(svg).itertext())
    only_ms = parse_gantt(gantt([], MILESTONES, today=D(2026, 1, 1)))
    assert len(having(only_ms.timeline, "pmgov-milestone")) == 2
    assert len(rows_of(only_ms.names)) == 2


@pytest.mark.parametrize("label", HOSTILE)
def test_gantt_hostile_labels_are_inert(label: str) -> None:
    plan = gantt(
        [Bar(label, label, D(2026, 1, 1), D(2026, 1, 9), (label,), 50, label, True, label)],
        [Milestone(label, label, D(2026, 1, 5), False, label)],
        today=D(2026, 1, 3),
    )
    assert "<script" not in plan and "<img" not in plan and "& " not in plan
    chart = parse_gantt(plan)
    for pane in (chart.names, chart.timeline):
        titles = ["".join(t.itertext()) for t in pane.iter(f"{NS}title")]
        assert any(label in t for t in titles)  # shown as the text it is
    assert [b.get("data-task") for b in having(chart.timeline, "pmgov-bar")] == [label]
