"""The registers of a generated project: risks, budget, changes, UAT, training and lessons.

Each register is consistent with the project's timeline: what lies before the
portfolio's reference day (AS_OF) is done, decided or delivered, what lies after is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import vocab as vc
from plan import AS_OF, PHASES, Doc, Project
from yamlout import Flow, Folded

DAY = dt.timedelta(days=1)
DECIDED = ("approved", "implemented", "rejected", "deferred")


def fill(p: Project, currency: str, amount: int) -> None:
    """Add every register to the project's documents."""
    p.docs["changes"] = changes(p)
    p.docs["budget"] = budget(p, currency, amount)
    p.docs["risks"] = risks(p)
    p.docs["uat"] = uat(p)
    p.docs["training"] = training(p)
    p.docs["lessons"] = lessons(p)


def money(value: float) -> int:
    """An amount rounded to hundreds, as people report it."""
    return int(round(value, -2))


def month_ends(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The last days of the months after `first`, before `last`."""
    day = first
    while True:
        day = (day.replace(day=28) + 4 * DAY).replace(day=1) - DAY
        if day >= last:
            return
        yield day
        day += DAY


def sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def risks(p: Project) -> Doc:
    r = p.rng
    count = r.randint(15, 25) if p.phase == "initiation" else r.randint(36, 44)
    last = min(AS_OF, p.end) - (30 if p.phase == "closure" else 1) * DAY
    register, titles = [], set()
    for n in range(1, count + 1):
        category = r.choice(sorted(vc.RISKS))
        title, cause, event, effect = p.texts(*vc.RISKS[category])
        if title in titles:
            title = p.text(f"{title} ({{objs}}, wave {{n}})")
        titles.add(title)
        prob = r.choices(range(1, 6), (15, 30, 30, 18, 7))[0]
        impact = r.choices(range(1, 6), (5, 20, 35, 28, 12))[0]
        risk: Doc = {
            "id": f"R-{n:03d}",
            "title": title,
            "category": category,
            "cause": sentence(cause),
            "event": sentence(event),
            "effect": sentence(effect),
            "probability": prob,
            "impact": impact,
        }
        if r.random() < 0.7:
            risk["score"] = prob * impact
        response = r.choices(
            ("mitigate", "avoid", "transfer", "accept", "escalate"), (60, 10, 10, 12, 8)
        )[0]
        risk["owner"], risk["response"] = p.anyone(), response
        if response in ("accept", "escalate"):
            risk["rationale"] = p.text(
                "Agreed at the {month} steering committee: treatment costs more than "
                "the exposure, or the decision lies outside the project."
            )
        risk["mitigation"] = Folded(" ".join(p.text(m) for m in r.sample(vc.MITIGATIONS, 2)))
        if r.random() < 0.7:
            risk["contingency"] = p.text(r.choice(vc.CONTINGENCIES))
        if r.random() < 0.6:
            risk["trigger"] = p.text("More than {pct}% of {objs} affected in a weekly check.")
        raised = p.between(p.start, last)
        ends = p.phase == "closure" or (raised < AS_OF - 30 * DAY and r.random() < 0.2)
        if ends:
            closed = p.between(raised + DAY, last)
            status = "occurred" if r.random() < 0.2 else "closed"
            risk.update(status=status, raised=raised, review=p.between(raised, closed))
            if status == "closed":
                risk["closed"] = closed
        else:
            status = "monitoring" if r.random() < 0.4 else "open"
            risk.update(status=status, raised=raised, review=AS_OF + r.randint(1, 60) * DAY)
        register.append(risk)
    return {"risks": register}


def changes(p: Project) -> Doc:
    r = p.rng
    low, high = {"initiation": (0, 0), "planning": (1, 3), "execution": (5, 9)}.get(
        p.phase, (6, 10)
    )
    first = p.due[2] if p.stage >= 2 else p.start
    last = min(AS_OF, p.end) - (30 if p.stage >= 3 else 1) * DAY
    requirements = [q["id"] for q in p.docs["scope"]["requirements"]]
    raised_on = sorted(p.between(first, last) for _ in range(r.randint(low, high)))
    log = []
    for n, raised in enumerate(raised_on, 1):
        decided = min(raised + r.randint(5, 25) * DAY, last + 29 * DAY if p.stage >= 3 else AS_OF)
        final = p.stage >= 3 or decided < AS_OF
        status = (
            r.choices(DECIDED, (35, 35, 15, 15))[0]
            if final
            else r.choice(("submitted", "under-review"))
        )
        cost = 0 if status == "deferred" else r.randint(0, 60) * 1000
        title, description, scope, risk = p.texts(
            r.choice(vc.CHANGES),
            "{Team} asked for this after the sprint {n} demo. Without it, {objs} keep being "
            "handled outside the system.",
            "Changes the handling of {objs}.",
            "New dependency on the {system}.",
        )
        entry: Doc = {
            "id": f"CR-{n:03d}",
            "title": title,
            "description": Folded(description),
            "requester": r.choice([*p.users, p.who("PM")]),
            "raised": raised,
            "impact": {
                "scope": scope,
                "schedule_days": r.choice((0, 0, 0, 5, 10, -3)),
                "cost": cost,
                "risk": risk,
            },
            "status": status,
        }
        if final:
            entry["decision"] = p.text("Decided at the {month} change board.")
            entry["decided_by"], entry["decided"] = p.who("SPON"), decided
        entry["related_requirements"] = Flow(sorted(r.sample(requirements, r.randint(1, 2))))
        log.append(entry)
    return {"changes": log}


def budget(p: Project, currency: str, amount: int) -> Doc:
    r = p.rng
    approved = sum(
        c["impact"]["cost"]
        for c in p.docs["changes"]["changes"]
        if c["status"] in ("approved", "implemented")
    )
    baseline = amount + approved
    packages = sorted(r.sample(vc.WORK_PACKAGES, r.randint(7, 9)), key=vc.WORK_PACKAGES.index)
    weights = [r.uniform(0.5, 2.0) for _ in packages]
    amounts = [int(baseline * w / sum(weights)) // 1000 * 1000 for w in weights[:-1]]
    amounts.append(baseline - sum(amounts))
    percent = p.docs["charter"]["budget_estimate"]["contingency_percent"]
    doc: Doc = {
        "currency": currency,
        "baseline": baseline,
        "contingency_reserve": max(0, amount * percent // 100 - approved),
    }
    status = (
        max(p.start, AS_OF - r.randint(2, 12) * DAY) if p.stage >= 2 or r.random() < 0.4 else None
    )
    if status:
        doc["status_date"] = status

    def planned(a: float, b: float, day: dt.date) -> float:
        return min(1.0, max(0.0, ((day - p.start).days / p.days - a) / (b - a)))

    work = []
    for n, ((name, a, b), cost) in enumerate(zip(packages, amounts, strict=True), 1):
        wp: Doc = {"id": f"WP-{n:02d}", "name": p.text(name), "owner": p.anyone(), "budget": cost}
        if status:
            plan = round(100 * planned(a, b, status))
            done = plan if plan in (0, 100) else min(100, max(0, plan + r.randint(-6, 2)))
            wp.update(
                planned_percent=plan,
                percent_complete=done,
                actual_cost=money(cost * done / 100 * r.uniform(0.94, 1.1)),
            )
        work.append(wp)
    doc["work_packages"] = work
    if status and p.stage >= 2:
        spi, cpi, history = r.uniform(0.93, 1.01), r.uniform(0.92, 1.04), []
        for day in [*month_ends(p.start + 15 * DAY, status), status]:
            value = sum(
                m * planned(a, b, day) for (_, a, b), m in zip(packages, amounts, strict=True)
            )
            history.append(
                {
                    "date": day,
                    "planned_value": money(value),
                    "earned_value": money(value * spi),
                    "actual_cost": money(value * spi / cpi),
                }
            )
        doc["history"] = history
    return doc


def uat(p: Project) -> Doc:
    r = p.rng
    requirements = p.docs["scope"]["requirements"]
    musts = [[q] for q in requirements if q["priority"] == "must"]
    pool = [q for q in requirements if q["priority"] != "wont"]
    picks = musts + [
        r.sample(pool, 1 if r.random() < 0.7 else 2) for _ in range(r.randint(56, 64) - len(musts))
    ]
    picks.sort(key=lambda qs: str(qs[0]["id"]))
    overrides = p.docs["manifest"].get("overrides", {}).get("thresholds", {})
    rate = max(r.choice((95, 95, 95, 96, 98)), overrides.get("uat_min_pass_rate", 0))
    fails = r.randint(
        0, len(picks) * (100 - max(rate, overrides.get("uat_min_pass_rate", 95))) // 100
    )
    failing = set(r.sample(range(len(picks)), fails))
    window = (p.due[5] + DAY, p.due[6] - DAY)
    cases, defects = [], []
    for n, qs in enumerate(picks):
        title = qs[0]["title"]
        case: Doc = {
            "id": f"UAT-{n + 1:03d}",
            "title": p.text(
                r.choice(vc.CASE_TITLES).replace("{req}", title[0].upper() + title[1:])
            ),
            "requirements": Flow(sorted(str(q["id"]) for q in qs)),
        }
        before, expected, *steps = p.texts(
            "Test {objs} loaded from trial migration {n}.",
            r.choice(vc.EXPECTED),
            *r.sample(vc.STEPS, r.randint(2, 4)),
        )
        if r.random() < 0.4:
            case["preconditions"] = before
        case["steps"], case["expected"] = steps, expected
        case["tester"] = r.choice(p.users)
        if p.stage >= 2:
            case["result"] = r.choice(("fail", "blocked")) if n in failing else "pass"
            case["executed"] = p.between(*window)
            if n in failing or r.random() < 0.15:
                severity = (
                    r.choice(("major", "minor"))
                    if n in failing
                    else r.choices(("critical", "major", "minor", "trivial"), (10, 30, 40, 20))[0]
                )
                state = (
                    r.choice(("open", "fixed", "retest"))
                    if n in failing
                    else "deferred"
                    if severity in ("minor", "trivial") and r.random() < 0.25
                    else "closed"
                )
                defects.append(
                    (
                        case,
                        {
                            "title": p.text(r.choice(vc.DEFECTS)),
                            "severity": severity,
                            "status": state,
                            "test_case": case["id"],
                            "raised": case["executed"],
                            "owner": p.who("VEND", "TEST"),
                        },
                    )
                )
        elif r.random() < 0.3:
            case["result"] = "not-run"
        cases.append(case)
    log = []
    for n, (case, defect) in enumerate(sorted(defects, key=lambda cd: cd[1]["raised"]), 1):
        case.setdefault("defects", Flow()).append(f"DEF-{n:03d}")
        log.append({"id": f"DEF-{n:03d}", **defect})
    still_open = [d for d in log if d["status"] in ("open", "fixed", "retest")]
    doc: Doc = {
        "environment": p.text(
            "UAT copy of the {platform} with masked data from trial migration {n}."
        ),
        "cycle": "Cycle 1 and cycle 2 (retest and regression).",
        "entry_criteria": r.sample(vc.ENTRY, r.randint(3, 5)),
        "exit_criteria": {
            "min_pass_rate": rate,
            "max_open_critical": 0,
            "max_open_major": max(
                r.randint(1, 3), sum(d["severity"] == "major" for d in still_open)
            ),
            "notes": list(vc.EXIT_NOTES[: r.randint(1, 3)]),
        },
        "test_cases": cases,
    }
    if log:
        doc["defects"] = log
    if p.stage >= 2:
        doc["sign_off"] = {
            "by": p.who("SPON"),
            "date": p.due[6],
            "decision": "accepted-with-conditions" if still_open else "accepted",
        }
        if still_open:
            ids = ", ".join(d["id"] for d in still_open)
            doc["sign_off"]["conditions"] = Folded(
                f"{ids} fixed and retested before the go/no-go decision; "
                "workarounds briefed to the key users until then."
            )
    return doc


def training(p: Project) -> Doc:
    r = p.rng
    groups = r.sample(vc.THEMES[p.kind].audiences, r.randint(4, 6))
    audiences: list[Doc] = [
        {"id": f"AUD-{n:02d}", "name": name, "size": r.randint(8, 400), "needs": sentence(needs)}
        for n, (name, needs) in enumerate(groups, 1)
    ]
    ids = [a["id"] for a in audiences]
    first, last = max(p.start, p.due[5] - 20 * DAY), min(p.end, p.due[9] + 10 * DAY)
    sessions: list[Doc] = []
    for when in sorted(p.between(first, last) for _ in range(r.randint(10, 14))):
        title = p.text(r.choice(vc.SESSIONS))
        who = r.sample(ids, r.randint(1, 2))
        session: Doc = {
            "title": title,
            "audiences": Flow(sorted(who)),
            "format": vc.FORMATS.get(title[:4], r.choice(("classroom", "virtual"))),
            "trainer": p.who("CHG", "VEND"),
            "date": when,
            "duration_hours": r.choice((1, 1.5, 2, 3, 4, 6, 7)),
        }
        if when < AS_OF:
            cancelled = r.random() < 0.05
            session["status"] = "cancelled" if cancelled else "delivered"
            if not cancelled:
                size = sum(a["size"] for a in audiences if a["id"] in who)
                session["attendance"] = r.randint(size // 2, size)
        else:
            session["status"] = "scheduled" if (when - AS_OF).days < 30 else "planned"
        sessions.append({"id": f"TRN-{len(sessions) + 1:02d}", **session})
    documents = []
    for n, title in enumerate(r.sample(vc.DOCS, r.randint(5, 8)), 1):
        due = p.between(p.due[5], p.due[8])
        state = (
            "published"
            if p.phase == "closure" or due < AS_OF
            else r.choice(("not-started", "draft", "in-review"))
        )
        documents.append(
            {
                "id": f"DOC-{n:02d}",
                "title": p.text(title),
                "audiences": Flow(r.sample(ids, 1)),
                "owner": p.who("CHG", "BUS"),
                "due": due,
                "status": state,
            }
        )
    return {"audiences": audiences, "sessions": sessions, "documentation": documents}


def lessons(p: Project) -> Doc:
    r = p.rng
    low, high = ((1, 1), (2, 3), (3, 5), (5, 7), (6, 8))[p.stage]
    chosen = r.sample(vc.LESSONS, r.randint(low, high))
    dates = sorted(p.between(p.start, min(AS_OF, p.end) - DAY) for _ in chosen)
    log = []
    for n, ((heading, kind, category, *story), when) in enumerate(
        zip(chosen, dates, strict=True), 1
    ):
        title, happened, impact, advice = p.texts(heading, *story)
        lesson: Doc = {
            "id": f"LL-{n:03d}",
            "title": title,
            "phase": r.choice(PHASES[: p.stage + 1]),
            "category": category,
            "type": kind,
            "what_happened": happened,
            "impact": impact,
        }
        if n == 1 or r.random() < 0.85:
            lesson["recommendation"] = advice
        lesson.update(owner=p.who("PM"), date=when)
        log.append(lesson)
    return {"lessons": log}
