"""The inline-SVG charts: well-formed, styled through hooks, readable at scale, inert to markup."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

import pytest

from pmgov.site.charts import EVPoint, Point
from pmgov.site.charts.critical import critical_path
from pmgov.site.charts.ev import earned_value
from pmgov.site.charts.grid import power_interest, quadrant
from pmgov.site.charts.heatmap import heat_map
from pmgov.site.text import money

NS = "{http://www.w3.org/2000/svg}"
D = dt.date
TAGS = {"svg", "title", "g", "a", "rect", "text", "line", "path", "circle", "polyline"}
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "Fish & Chips")


def parse(svg: str) -> ET.Element:
    """The chart as XML, after the checks every chart must pass."""
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert all(line.strip() for line in svg.split("\n")), "a blank line breaks the Markdown block"
    return checked(ET.fromstring(svg))


def checked(root: ET.Element) -> ET.Element:
    """`root`, one SVG, after the checks every SVG must pass."""
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{NS}title") is not None
    for element in root.iter():
        assert element.tag.removeprefix(NS) in TAGS, element.tag
        assert not any(name.lower().startswith("on") for name in element.attrib)
    return root


def having(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def money_gbp(amount: float) -> str:
    return money(amount, "GBP")


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{NS}text")]


# ---- heat map ---------------------------------------------------------------------------

CELLS = {(4, 5): ["R-001", "R-004", "R-007"], (2, 3): ["R-002"], (1, 1): ["R-003", "R-009"]}


def test_heat_map_has_25_cells_with_their_counts() -> None:
    root = parse(heat_map({**CELLS, (9, 9): ["R-X"]}, high=12, href=lambda p, i: f"#c{p}{i}"))
    cells = having(root, "pmgov-heat-cell")
    assert len(cells) == 25
    counts = {(int(c.get("data-probability", 0)), int(c.get("data-impact", 0))): c for c in cells}
    assert set(counts) == {(p, i) for p in range(1, 6) for i in range(1, 6)}
    for key, cell in counts.items():
        assert cell.get("data-count") == str(len(CELLS.get(key, [])))


def test_heat_map_links_only_occupied_cells_and_describes_them() -> None:
    root = parse(heat_map(CELLS, high=12, href=lambda p, i: f"#cell-{p}-{i}"))
    assert sorted(a.get("href", "") for a in root.iter(f"{NS}a")) == [
        "#cell-1-1",
        "#cell-2-3",
        "#cell-4-5",
    ]
    titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert "Probability 4 x Impact 5 = 20: 3 risks (R-001, R-004, R-007)" in titles
    assert "Probability 5 x Impact 5 = 25: no risks" in titles


def test_heat_map_colours_follow_the_score_bands() -> None:
    root = parse(heat_map(CELLS, high=12, href=lambda p, i: "#"))
    fill = {
        (int(c.get("data-probability", 0)), int(c.get("data-impact", 0))): c.get("fill")
        for c in having(root, "pmgov-heat-cell")
    }
    red, amber, green = fill[(4, 3)], fill[(2, 3)], fill[(1, 5)]  # scores 12, 6, 5
    assert len({red, amber, green}) == 3
    assert fill[(5, 5)] == red and fill[(3, 2)] == amber and fill[(1, 1)] == green
    # a lower threshold moves score 6 into the red band
    lower = parse(heat_map(CELLS, high=6, href=lambda p, i: "#"))
    six = next(
        c
        for c in having(lower, "pmgov-heat-cell")
        if (c.get("data-probability"), c.get("data-impact")) == ("2", "3")
    )
    assert six.get("fill") == red


def test_heat_map_is_narrow_enough_to_read_on_a_phone() -> None:
    for high in (12, 12.5, 6):
        root = parse(heat_map(CELLS, high=high, href=lambda p, i: "#"))
        width = float(root.get("width", 0))
        assert width <= 420  # on a 358 px phone column, 12 px text stays above 10 px
        cells = having(root, "pmgov-heat-cell")
        right = max(float(c.get("x", 0)) + float(c.get("width", 0)) for c in cells)
        assert width - right <= 4  # no blank margin beside the grid
        legend = [t for t in root.iter(f"{NS}text") if t.get("font-size") == "11"]
        assert len(legend) == 3
        for label in legend:  # the key wraps under the grid rather than running off it
            assert float(label.get("x", 0)) + len("".join(label.itertext())) * 6 <= width
            assert float(label.get("y", 0)) <= float(root.get("height", 0))


# ---- critical path ----------------------------------------------------------------------


def network(
    spec: Mapping[str, tuple[int, int, Sequence[str]]],
) -> dict[str, tuple[dt.date, dt.date, Sequence[str]]]:
    """Tasks from (start offset, duration in days, predecessors), starting 1 Jun 2026."""
    base = D(2026, 6, 1)
    return {
        tid: (base + dt.timedelta(days=s), base + dt.timedelta(days=s + d - 1), preds)
        for tid, (s, d, preds) in spec.items()
    }


def test_critical_path_worked_example() -> None:
    # A (days 0-2) -> B (3-4) and A -> C (3-7); D (8) waits for both: C finishes last.
    tasks = network(
        {"A": (0, 3, ()), "B": (3, 2, ("A",)), "C": (3, 5, ("A",)), "D": (8, 1, ("B", "C"))}
    )
    assert critical_path(tasks) == {"A", "C", "D"}


def test_parallel_tasks_finishing_last_are_all_critical() -> None:
    tasks = network({"A": (0, 10, ()), "B": (0, 5, ()), "C": (2, 8, ())})
    assert critical_path(tasks) == {"A", "C"}


def test_a_buffer_before_a_task_does_not_hide_the_chain_to_the_end() -> None:
    # A ends on day 2, B is planned from day 10 after it, C after B; D beside A ends day 3.
    tasks = network({"A": (0, 3, ()), "B": (10, 4, ("A",)), "C": (14, 2, ("B",)), "D": (0, 4, ())})
    assert critical_path(tasks) == {"A", "B", "C"}


def test_the_chain_that_sets_the_end_date_wins_over_a_longer_unlinked_task() -> None:
    # A (days 0-9) -> B (19-24); X (0-17) is longer than A but ends before B.
    tasks = network({"A": (0, 10, ()), "B": (19, 6, ("A",)), "X": (0, 18, ())})
    assert critical_path(tasks) == {"A", "B"}


def test_milestones_link_the_chain_but_never_start_it() -> None:
    # A -> M (milestone) -> B against a shorter C; an unlinked closing milestone Z comes later
    tasks = network(
        {"A": (0, 3, ()), "M": (3, 0, ("A",)), "B": (3, 2, ("M",)), "C": (0, 4, ()),
         "Z": (30, 0, ())}
    )  # fmt: skip
    assert critical_path(tasks) == {"A", "M", "B"}


def test_critical_path_ignores_unknown_predecessors_and_self_links() -> None:
    tasks = network({"A": (0, 3, ("X-404", "A")), "B": (3, 2, ("A", "nope"))})
    assert critical_path(tasks) == {"A", "B"}
    assert critical_path({}) == set()


def test_a_cycle_ends_the_walk_where_it_closes() -> None:
    tasks = network(
        {"A": (0, 3, ("C",)), "B": (3, 3, ("A",)), "C": (6, 3, ("B",)), "D": (9, 4, ("C",)),
         "E": (0, 2, ())}
    )  # fmt: skip
    assert critical_path(tasks) == {"A", "B", "C", "D"}


def test_a_long_chain_is_walked_whole() -> None:
    chain = {f"T{i}": (2 * i, 2, (f"T{i - 1}",) if i else ()) for i in range(3000)}
    chain["side"] = (0, 1, ("T0",))
    assert critical_path(network(chain)) == set(chain) - {"side"}


# ---- power-interest grid ----------------------------------------------------------------


def test_grid_one_point_per_stakeholder_without_overlap() -> None:
    points = [Point(f"SH-{n:02d}", f"Person {n}", 4, 4) for n in range(9)]
    points += [Point("SH-90", "Regulator", 5, 1, "#sh-90"), Point("SH-91", "Staff", 1, 5)]
    root = parse(power_interest(points))
    circles = having(root, "pmgov-point")
    assert sorted(c.get("data-stakeholder", "") for c in circles) == sorted(p.id for p in points)
    centres = {(c.get("cx"), c.get("cy")) for c in circles}
    assert len(centres) == len(points)
    assert [a.get("href") for a in root.iter(f"{NS}a")] == ["#sh-90"]
    assert {"Keep satisfied", "Manage closely", "Monitor", "Keep informed"} <= set(texts(root))


def points_with_names(root: ET.Element) -> list[tuple[ET.Element, str]]:
    found = []
    for group in root.iter(f"{NS}g"):
        circle = group.find(f"{NS}circle")
        if circle is not None:
            found.append(
                (circle, "".join(t for e in group.iter(f"{NS}text") for t in e.itertext()))
            )
    return found


def test_grid_labels_points_with_short_names_and_keeps_ids_in_tooltips() -> None:
    points = [
        Point("SH-01", "Helen Marsh", 5, 5),
        Point("SH-02", "Maximilian Featherstonehaugh-Smythe", 5, 5),
        Point("SH-03", "Ben Sutherland", 2, 5),
    ]
    root = parse(power_interest(points))
    names = {c.get("data-stakeholder"): name for c, name in points_with_names(root)}
    assert names["SH-01"] == "Helen Marsh" and names["SH-03"] == "Ben Sutherland"
    assert names["SH-02"].startswith("Maximilian") and names["SH-02"].endswith("\u2026")
    assert "SH-01" not in texts(root)
    titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert any(t.startswith("Helen Marsh (SH-01)") for t in titles)
    assert any("Maximilian Featherstonehaugh-Smythe (SH-02)" in t for t in titles)


@pytest.mark.parametrize("crowd", [1, 3, 7, 8, 14, 20, 40])
def test_grid_names_in_a_cluster_never_overlap(crowd: int) -> None:
    points = [Point(f"SH-{n:02d}", f"Stakeholder number {n}", 4, 4) for n in range(crowd)]
    points += [Point("SH-90", "Neighbour on the left", 4, 3), Point("SH-91", "Above", 5, 4)]
    root = parse(power_interest(points))
    found = points_with_names(root)
    assert len(found) == len(points)
    boxes = []
    for circle, name in found:
        x, y = float(circle.get("cx", 0)), float(circle.get("cy", 0))
        boxes.append((x - 6, y - 6, x + 9 + 6 * len(name) if name else x + 6, y + 6))
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)


def test_grid_places_power_up_and_interest_across() -> None:
    root = parse(power_interest([Point("HI", "a", 5, 5), Point("LO", "b", 1, 1)]))
    spot = {c.get("data-stakeholder"): c for c in having(root, "pmgov-point")}
    assert float(spot["HI"].get("cy", 0)) < float(spot["LO"].get("cy", 0))
    assert float(spot["HI"].get("cx", 0)) > float(spot["LO"].get("cx", 0))


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 1, "Keep satisfied"),
        (3, 3, "Manage closely"),
        (2, 2, "Monitor"),
        (2, 4, "Keep informed"),
    ],
)
def test_grid_quadrants_split_at_three(power: int, interest: int, expected: str) -> None:
    assert quadrant(power, interest) == expected


# ---- earned value -----------------------------------------------------------------------

HISTORY = [EVPoint(D(2026, m, 1), m * 100_000, m * 85_000, m * 105_000) for m in range(1, 10)]


def test_ev_three_distinct_series_and_money_ticks() -> None:
    root = parse(earned_value(HISTORY, budget=1_500_000, money=money_gbp, today=D(2026, 5, 10)))
    lines = having(root, "pmgov-ev-line")
    assert [ln.get("data-series") for ln in lines] == ["pv", "ev", "ac"]
    assert len({ln.get("stroke") for ln in lines}) == 3
    assert len({ln.get("stroke-dasharray") for ln in lines}) == 3
    assert all(len((ln.get("points") or "").split()) == len(HISTORY) for ln in lines)
    labels = set(texts(root))
    assert {"£0", "£1,000,000", "BAC"} <= labels
    titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert "Earned value (EV) 1 Mar 2026: £255,000" in titles


def test_ev_budget_line_only_when_given() -> None:
    with_bac = parse(earned_value(HISTORY, budget=2e6, money=money_gbp, today=D(2026, 1, 1)))
    assert len(having(with_bac, "pmgov-ev-bac")) == 1
    without = parse(earned_value(HISTORY, budget=None, money=money_gbp, today=D(2026, 1, 1)))
    assert having(without, "pmgov-ev-bac") == []
    assert "BAC" not in texts(without)


@pytest.mark.parametrize("count", [0, 1])
def test_ev_short_history_does_not_crash(count: int) -> None:
    root = parse(earned_value(HISTORY[:count], budget=1e6, money=money_gbp, today=D(2026, 1, 1)))
    assert "Not enough" in "".join(root.itertext())
    assert having(root, "pmgov-ev-line") == []


def test_ev_odd_figures_stay_well_formed() -> None:
    odd = [EVPoint(D(2026, 2, 1), 0, 0, 0), EVPoint(D(2026, 2, 1), 0, -5, 0)]
    odd += [EVPoint(D(2026, 3, 1), float("nan"), 1, 1)]
    parse(earned_value(odd, budget=float("inf"), money=money_gbp, today=D(2026, 2, 1)))
    parse(earned_value(HISTORY, budget=0, money=lambda v: "&mdash;", today=D(2026, 1, 1)))


# ---- hostile text -----------------------------------------------------------------------


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_inert(label: str) -> None:
    charts = [
        heat_map({(3, 3): [label]}, high=12, href=lambda p, i: label),
        power_interest([Point(label, label, 3, 3, label)]),
    ]
    for svg in charts:
        assert "<script" not in svg and "<img" not in svg and "& " not in svg
        root = parse(svg)
        titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
        assert any(label in t for t in titles)  # shown as the text it is
    ev = earned_value(HISTORY, budget=1e6, money=lambda v: money(v, label), today=D(2026, 1, 1))
    assert "<script" not in ev and "<img" not in ev
    parse(ev)
