"""Key figures computed from the artifacts: earned value, risk levels, coverage.

Pure functions over a Snapshot; pages format the numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pmgov.site.snapshot import Snapshot
from pmgov.site.text import parse_day

CLOSED_RISK = frozenset({"closed"})


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _div(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


@dataclass(frozen=True)
class EarnedValue:
    """Earned-value figures on the status date (amounts in the project's currency)."""

    bac: float
    pv: float
    ev: float
    ac: float

    @property
    def sv(self) -> float:
        return self.ev - self.pv

    @property
    def cv(self) -> float:
        return self.ev - self.ac

    @property
    def spi(self) -> float | None:
        return _div(self.ev, self.pv)

    @property
    def cpi(self) -> float | None:
        return _div(self.ev, self.ac)

    @property
    def eac(self) -> float | None:
        """Estimate at completion, assuming today's cost efficiency continues."""
        cpi = self.cpi
        return None if not cpi else self.bac / cpi

    @property
    def vac(self) -> float | None:
        eac = self.eac
        return None if eac is None else self.bac - eac


def earned_value(snap: Snapshot) -> EarnedValue | None:
    """PV, EV and AC summed over the work packages (percent planned, complete, actual
    cost), against the baseline as the budget at completion."""
    budget = snap.get("budget")
    if not isinstance(budget, dict):
        return None
    pv = ev = ac = 0.0
    for wp in snap.items("budget", "work_packages"):
        amount = _num(wp.get("budget")) or 0.0
        pv += amount * (_num(wp.get("planned_percent")) or 0.0) / 100
        ev += amount * (_num(wp.get("percent_complete")) or 0.0) / 100
        ac += _num(wp.get("actual_cost")) or 0.0
    bac = _num(budget.get("baseline")) or 0.0
    return EarnedValue(bac=bac, pv=pv, ev=ev, ac=ac)


def history(snap: Snapshot) -> list[tuple[dt.date, float, float, float]]:
    """The budget's earned-value history by date, with today's figures from the work
    packages added on the status date when the history does not hold that day."""
    points: dict[dt.date, tuple[float, float, float]] = {}
    for item in snap.items("budget", "history"):
        day = parse_day(item.get("date"))
        pv, ev, ac = (_num(item.get(k)) for k in ("planned_value", "earned_value", "actual_cost"))
        if day is not None and pv is not None and ev is not None and ac is not None:
            points[day] = (pv, ev, ac)
    current = earned_value(snap)
    budget = snap.get("budget")
    status = parse_day(budget.get("status_date")) if isinstance(budget, dict) else None
    if current is not None and status is not None and status not in points:
        points[status] = (current.pv, current.ev, current.ac)
    return [(day, *points[day]) for day in sorted(points)]


def risk_score(risk: dict[str, Any]) -> int:
    p, i = risk.get("probability"), risk.get("impact")
    return p * i if isinstance(p, int) and isinstance(i, int) else 0


def risk_level(score: int, high: float) -> str:
    """``high``, ``medium`` or ``low``: high from the policy's threshold, medium from half."""
    if score >= high:
        return "high"
    return "medium" if score >= high / 2 else "low"


def open_risks(snap: Snapshot) -> list[dict[str, Any]]:
    return [r for r in snap.items("risks", "risks") if r.get("status") not in CLOSED_RISK]


def high_threshold(snap: Snapshot) -> float:
    return snap.thresholds.get("high_risk_score", 12.0)


def top_risks(snap: Snapshot, count: int = 5) -> list[dict[str, Any]]:
    """The open risks with the highest scores (ties: the earlier in the log)."""
    ranked = sorted(enumerate(open_risks(snap)), key=lambda p: (-risk_score(p[1]), p[0]))
    return [risk for _, risk in ranked[:count]]


@dataclass(frozen=True)
class Testing:
    """UAT and traceability figures."""

    cases: int
    executed: int
    passed: int
    failed: int
    blocked: int
    requirements: int
    covered: int

    @property
    def pass_rate(self) -> float | None:
        """Passed as a percentage of the cases executed (passed or failed; a blocked case
        could not be executed)."""
        return None if not self.executed else 100 * self.passed / self.executed

    @property
    def coverage(self) -> float | None:
        return None if not self.requirements else 100 * self.covered / self.requirements


def testing(snap: Snapshot) -> Testing:
    cases = snap.items("uat", "test_cases")
    results = [c.get("result", "not-run") for c in cases]
    requirement_ids = [r.get("id") for r in snap.items("scope", "requirements")]
    tested = {req for c in cases for req in c.get("requirements") or []}
    return Testing(
        cases=len(cases),
        executed=sum(r in ("pass", "fail") for r in results),
        passed=results.count("pass"),
        failed=results.count("fail"),
        blocked=results.count("blocked"),
        requirements=len(requirement_ids),
        covered=sum(r in tested for r in requirement_ids),
    )


def uat_target(snap: Snapshot) -> float:
    """The pass rate UAT must reach: the stricter of the plan's and the policy's minimum."""
    floor = snap.thresholds.get("uat_min_pass_rate", 95.0)
    criteria = (snap.get("uat") or {}).get("exit_criteria")
    wanted = _num(criteria.get("min_pass_rate")) if isinstance(criteria, dict) else None
    return max(floor, wanted if wanted is not None else floor)


def schedule_slip(snap: Snapshot) -> tuple[int, dict[str, Any]] | None:
    """The largest slip in days of a milestone's forecast past its baseline, and which."""
    worst: tuple[int, dict[str, Any]] | None = None
    for milestone in snap.items("schedule", "milestones"):
        base, due = parse_day(milestone.get("baseline")), parse_day(milestone.get("due"))
        forecast = parse_day(milestone.get("achieved")) or due
        if base is None or forecast is None:
            continue
        slip = (forecast - base).days
        if worst is None or slip > worst[0]:
            worst = (slip, milestone)
    return worst


def next_milestones(snap: Snapshot, count: int = 5) -> list[dict[str, Any]]:
    """Milestones not yet achieved, soonest first."""
    pending = [
        m
        for m in snap.items("schedule", "milestones")
        if m.get("status") != "achieved" and parse_day(m.get("due")) is not None
    ]
    return sorted(pending, key=lambda m: str(m.get("due")))[:count]
