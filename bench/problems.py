"""Realistic problems planted in a few generated projects, each failing a gate's check.

Every problem keeps the files valid against their artifact schemas: what breaks is a
gate schema or a pmgov rule. A project records what was planted in ``Project.problems``;
names starting with ``warning:`` are findings that do not fail the gate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from plan import AS_OF, Doc, Project
from yamlout import Flow, Literal

DAY = dt.timedelta(days=1)
PROBLEM_SHARE = 0.06
OVERDUE_SHARE = 0.08


def _active(p: Project) -> list[Doc]:
    return [x for x in p.docs["risks"]["risks"] if x["status"] in ("open", "monitoring")]


def todo(p: Project) -> bool:
    p.docs["charter"]["business_case"] = Literal("TODO: quantify the benefits with Finance.\n")
    return True


def unknown_person(p: Project) -> bool:
    p.rng.choice(p.docs["scope"]["requirements"])["source"] = "SH-99"
    return True


def duplicate_id(p: Project) -> bool:
    items = p.docs["scope"]["requirements"]
    n = p.rng.randrange(1, len(items))
    items[n]["id"] = items[n - 1]["id"]
    return True


def two_accountable(p: Project) -> bool:
    cells = p.rng.choice(p.docs["raci"]["activities"])["assignments"]
    others = [role for role, letter in cells.items() if letter != "A"]
    cells[p.rng.choice(others)] = "A"
    return True


def no_responsible(p: Project) -> bool:
    cells = p.rng.choice(p.docs["raci"]["activities"])["assignments"]
    for role, letter in list(cells.items()):
        if letter == "R":
            cells[role] = "C"
    return True


def unmitigated(p: Project) -> bool:
    if not _active(p):
        return False
    risk = p.rng.choice(_active(p))
    risk.update(probability=4, impact=4)
    if "score" in risk:
        risk["score"] = 16
    del risk["mitigation"]
    return True


def accepted_silently(p: Project) -> bool:
    if not _active(p):
        return False
    risk = p.rng.choice(_active(p))
    risk.update(probability=3, impact=5, response="accept")
    if "score" in risk:
        risk["score"] = 15
    risk.pop("rationale", None)
    return True


def wrong_score(p: Project) -> bool:
    risk = p.rng.choice(
        [x for x in p.docs["risks"]["risks"] if x["probability"] * x["impact"] <= 20]
    )
    risk["score"] = risk["probability"] * risk["impact"] + p.rng.choice((1, 2, 4))
    return True


def budget_off(p: Project) -> bool:
    p.rng.choice(p.docs["budget"]["work_packages"])["budget"] += p.rng.choice((15000, 25000, 90000))
    return True


def uncovered(p: Project) -> bool:
    items = p.docs["scope"]["requirements"]
    items.append(
        {
            "id": f"REQ-{len(items) + 1:03d}",
            "title": "Accessibility to WCAG 2.2 AA",
            "description": "Added by the accessibility audit after the plan was baselined.",
            "priority": "must",
            "category": "non-functional",
            "source": p.who("BUS"),
            "acceptance_criteria": ["Every screen passes an external WCAG 2.2 AA audit."],
        }
    )
    return True


def dangling_test(p: Project) -> bool:
    case = p.rng.choice(p.docs["uat"]["test_cases"])
    case["requirements"] = Flow([*case["requirements"], "REQ-099"])
    return True


def missing_dependency(p: Project) -> bool:
    stone = p.rng.choice(p.docs["schedule"]["milestones"][1:])
    stone["depends_on"] = Flow(
        [*stone["depends_on"], f"T-{len(p.docs['schedule']['tasks']) + 7:03d}"]
    )
    return True


def finish_before_start(p: Project) -> bool:
    task = p.rng.choice([t for t in p.docs["schedule"]["tasks"] if t["finish"] > t["start"]])
    task["start"], task["finish"] = task["finish"], task["start"]
    return True


def outside_window(p: Project) -> bool:
    stone = p.docs["schedule"]["milestones"][-1]
    stone["due"] = stone["due"] + p.rng.randint(7, 40) * DAY
    return True


def undated_decision(p: Project) -> bool:
    decided = [c for c in p.docs["changes"]["changes"] if "decided" in c]
    if decided:
        del p.rng.choice(decided)["decided"]
    return bool(decided)


def low_pass_rate(p: Project) -> bool:
    cases = p.docs["uat"]["test_cases"]
    for case in p.rng.sample(cases, len(cases) // 8):
        case["result"] = "fail"
    return True


def open_critical(p: Project) -> bool:
    uat = p.docs["uat"]
    case = p.rng.choice(uat["test_cases"])
    ident = f"DEF-{len(uat.get('defects', [])) + 1:03d}"
    case.setdefault("defects", Flow()).append(ident)
    uat.setdefault("defects", []).append(
        {
            "id": ident,
            "title": "Data loss when two users save the same record",
            "severity": "critical",
            "status": "open",
            "test_case": case["id"],
            "raised": case["executed"],
            "owner": p.who("VEND"),
        }
    )
    return True


def no_sign_off(p: Project) -> bool:
    del p.docs["uat"]["sign_off"]
    return True


def open_change(p: Project) -> bool:
    change = p.docs["changes"]["changes"][-1] if p.docs["changes"]["changes"] else None
    if change:
        for key in ("decision", "decided_by", "decided"):
            change.pop(key, None)
        change["status"] = "under-review"
    return change is not None


def open_risk(p: Project) -> bool:
    risk = p.rng.choice(p.docs["risks"]["risks"])
    risk.pop("closed", None)
    risk.update(status="open", review=AS_OF + 30 * DAY)
    return True


def no_recommendation(p: Project) -> bool:
    for lesson in p.docs["lessons"]["lessons"]:
        lesson.pop("recommendation", None)
    return True


def not_accepted(p: Project) -> bool:
    p.rng.choice(p.docs["scope"]["deliverables"])["status"] = "delivered"
    return True


# name -> (first stage, last stage, plant); stages index PHASES (0 initiation .. 4 closure)
PROBLEMS: dict[str, tuple[int, int, Callable[[Project], bool]]] = {
    "placeholders.todo": (0, 4, todo),
    "refs.person": (0, 4, unknown_person),
    "ids.unique": (0, 4, duplicate_id),
    "raci.accountable": (1, 4, two_accountable),
    "raci.responsible": (1, 4, no_responsible),
    "risks.high-owned": (1, 3, unmitigated),
    "risks.accepted": (1, 3, accepted_silently),
    "risks.score": (1, 4, wrong_score),
    "budget.baseline": (1, 4, budget_off),
    "uat.coverage": (1, 4, uncovered),
    "uat.references": (1, 4, dangling_test),
    "schedule.dependencies": (1, 4, missing_dependency),
    "schedule.order": (1, 4, finish_before_start),
    "schedule.window": (1, 3, outside_window),
    "changes.decision": (1, 4, undated_decision),
    "uat.exit-criteria": (2, 4, low_pass_rate),
    "uat.open-critical": (2, 4, open_critical),
    "gate.execution": (2, 4, no_sign_off),
    "gate.monitoring": (3, 4, open_change),
    "gate.closure-risk": (4, 4, open_risk),
    "lessons.recommendation": (4, 4, no_recommendation),
    "gate.closure-deliverable": (4, 4, not_accepted),
}


def inject(p: Project) -> None:
    """Maybe plant an overdue risk review and maybe one problem; record what was planted."""
    r = p.rng
    if 1 <= p.stage <= 3 and r.random() < OVERDUE_SHARE and _active(p):
        r.choice(_active(p))["review"] = AS_OF - r.randint(3, 40) * DAY
        overrides: dict[str, Any] = p.docs["manifest"].get("overrides", {})
        strict = overrides.get("severities", {}).get("risks.review-overdue") == "error"
        p.problems.append("risks.review-overdue" if strict else "warning:risks.review-overdue")
    if r.random() >= PROBLEM_SHARE:
        return
    names = [name for name, (low, high, _) in PROBLEMS.items() if low <= p.stage <= high]
    for name in r.sample(names, len(names)):
        if PROBLEMS[name][2](p):
            p.problems.append(name)
            return
