"""Generate a deterministic synthetic portfolio of pmgov projects.

Each project is a full pmgov project (pmgov.yaml and governance/*.yaml), valid against
schemas/, set on a timeline so that the portfolio's reference day (AS_OF) falls late in
the project's current phase. Most projects pass the gate of their phase; a few carry a
realistic problem (see problems.py). Run ``python bench/generate.py --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import problems
import registers
import vocab as vc
from plan import AS_OF, GATE_MILESTONE, KINDS, PHASES, Doc, Project, new_project, progress
from yamlout import Flow, FlowMap, Folded, Literal, dump

VERSION = 1
STAMP = "portfolio.json"
TITLES = {
    "charter": "Project charter",
    "scope": "Scope statement",
    "stakeholders": "Stakeholder register",
    "raci": "RACI matrix",
    "risks": "Risk register",
    "schedule": "Schedule",
    "budget": "Budget baseline",
    "changes": "Change log",
    "uat": "User acceptance testing",
    "training": "Training plan",
    "lessons": "Lessons learned",
}


def stakeholders(p: Project, domain: str) -> Doc:
    r = p.rng
    codes = ["SPON", "PM", "CIO", "BUS", "ARCH", *vc.THEMES[p.kind].roles]
    codes += r.sample([c for c in vc.ROLE_NAMES if c not in codes], r.randint(1, 3))
    chosen = [x for x in vc.PEOPLE if x[1] in codes] + r.sample(vc.PEOPLE[-4:], r.randint(2, 4))
    names = zip(r.sample(vc.FIRST, len(chosen)), r.sample(vc.LAST, len(chosen)), strict=True)
    register = []
    for number, ((title, code, influence, interest, attitude, engage), (first, last)) in enumerate(
        zip(chosen, names, strict=True), 1
    ):
        ident = f"SH-{number:02d}"
        if code:
            p.people[code] = ident
        if code in ("BUS", "") or code in ("CHG", "TEST"):
            p.users.append(ident)
        register.append(
            {
                "id": ident,
                "name": f"{first} {last}",
                "role": p.text(title),
                "organisation": p.fill.fixed["org"] if code != "VEND" else "Implementation partner",
                "email": f"{first}.{last}@{domain}.example".lower(),
                "influence": influence,
                "interest": interest,
                "attitude": attitude,
                "engagement": Folded(engage),
            }
        )
    plan = []
    for number, (purpose, channel, frequency, owner, audience) in enumerate(
        r.sample(vc.COMMS, r.randint(10, 13)), 1
    ):
        to = sorted({p.who(c) for c in audience.split()} | set(r.sample(p.users, 1)))
        plan.append(
            {
                "id": f"COM-{number:02d}",
                "audience": Flow(to),
                "purpose": purpose,
                "channel": channel,
                "frequency": frequency,
                "owner": p.who(owner),
            }
        )
    return {"stakeholders": register, "communication_plan": plan}


def raci(p: Project) -> Doc:
    r = p.rng
    extra = [c for c in p.people if c not in ("SPON", "PM", "BUS", "CIO")]
    roles = ["SPON", "PM", "BUS", "CIO", *r.sample(extra, min(4, len(extra)))]
    count = r.randint(28, 32)
    activities: list[Doc] = []
    for number, (name, phase, acc, resp) in enumerate(
        sorted(r.sample(vc.ACTIVITIES, count), key=vc.ACTIVITIES.index), 1
    ):
        a = acc if acc in roles else "CIO" if phase == "execution" else "PM"
        rs = [c for c in resp.split() if c in roles and c != a] or [
            r.choice([c for c in roles if c not in (a, "SPON")])
        ]
        rest = [c for c in roles if c != a and c not in rs]
        cs = r.sample(rest, r.randint(1, min(3, len(rest))))
        cells = {a: "A", **dict.fromkeys(rs, "R"), **dict.fromkeys(cs, "C")}
        cells.update(
            dict.fromkeys(
                r.sample([c for c in rest if c not in cs], min(1, len(rest) - len(cs))), "I"
            )
        )
        activities.append(
            {
                "id": f"ACT-{number:02d}",
                "name": p.text(name),
                "phase": phase,
                "assignments": FlowMap(cells),
            }
        )
    for code in roles:
        if not any(code in act["assignments"] for act in activities):
            r.choice(activities)["assignments"][code] = "I"
    return {
        "roles": [{"id": c, "name": vc.ROLE_NAMES[c], "holder": p.people[c]} for c in roles],
        "activities": activities,
    }


def schedule(p: Project) -> Doc:
    r = p.rng
    fractions = [f for _, f in vc.MILESTONES]
    gates = set(GATE_MILESTONE.values()) | {len(fractions) - 1}
    for i, f in enumerate(fractions):
        jitter = 0.0 if i in gates else r.uniform(-0.015, 0.015)
        p.due.append(max(p.at(f + jitter), p.due[-1] if p.due else p.start))
    sprints = _sprints(p) if p.docs["manifest"]["methodology"] != "waterfall" else []
    milestones: list[Doc] = []
    tasks: list[Doc] = []
    for i, (name, _) in enumerate(vc.MILESTONES):
        ids = _tasks(p, i, sprints, tasks)
        due = p.due[i]
        stone: Doc = {"id": f"M-{i + 1:02d}", "name": p.text(name), "due": due}
        slip = 0 if i in gates or r.random() < 0.7 else r.randint(1, 10)
        stone["baseline"] = due - dt.timedelta(days=slip)
        if due < AS_OF:
            stone["achieved"] = due
        stone["owner"] = p.who("SPON") if i in gates else p.anyone()
        if due < AS_OF:
            stone["status"] = "achieved"
        else:
            soon = "on-track" if (due - AS_OF).days < 60 else "planned"
            stone["status"] = "at-risk" if r.random() < 0.1 else soon
        last = [f"M-{i:02d}"] if i == len(vc.MILESTONES) - 1 else []
        stone["depends_on"] = Flow(ids + last)
        milestones.append(stone)
    doc: Doc = {"milestones": milestones}
    if sprints:
        doc["sprints"] = sprints
    doc["tasks"] = tasks
    return doc


def _sprints(p: Project) -> list[Doc]:
    """Sprints filling the build window, between the planning gate and build complete."""
    length = p.rng.choice((14, 21))
    found = []
    for n in range(min(8, ((p.due[3] - p.due[2]).days - 3) // length)):
        first = p.due[2] + dt.timedelta(days=3 + n * length)
        found.append(
            {
                "id": f"S-{n + 1:02d}",
                "name": p.text(f"Sprint {n + 1} - " + p.rng.choice(vc.SPRINT_THEMES)),
                "start": first,
                "end": first + dt.timedelta(days=length - 3),
                "goal": p.text("Deliver {obj} features agreed at sprint planning."),
            }
        )
    return found


def _tasks(p: Project, i: int, sprints: list[Doc], tasks: list[Doc]) -> list[str]:
    """Add the tasks leading to milestone `i` (in parallel or in a chain); their ids."""
    r = p.rng
    low, high = (p.due[i - 1] if i else p.start), p.due[i]
    span, chain = (high - low).days, r.random() < 0.4
    ids: list[str] = []
    names = r.sample(vc.TASKS[i], r.randint(2, len(vc.TASKS[i])))
    for j, name in enumerate(names):
        if chain:
            begin = low + dt.timedelta(days=span * j // len(names))
            finish = low + dt.timedelta(days=span * (j + 1) // len(names))
        else:
            begin = low + dt.timedelta(days=r.randint(0, span // 4))
            finish = high - dt.timedelta(days=r.randint(0, span // 4))
        ident = f"T-{len(tasks) + 1:03d}"
        task: Doc = {"id": ident, "name": p.text(name), "start": begin, "finish": finish}
        task.update(owner=p.anyone(), **progress(begin, finish))
        deps = [ids[-1]] if chain and j else [f"M-{i:02d}"] if i else []
        if deps:
            task["depends_on"] = Flow(deps)
        task["milestone"] = f"M-{i + 1:02d}"
        sprint = [s["id"] for s in sprints if s["start"] <= begin <= s["end"]]
        if i == 3 and sprint:
            task["sprint"] = sprint[0]
        tasks.append(task)
        ids.append(ident)
    return ids


def charter(p: Project, currency: str, amount: int) -> Doc:
    r = p.rng
    objectives = []
    for n, templates in enumerate(r.sample(vc.OBJECTIVES, r.randint(3, 6)), 1):
        statement, kpi, base, target = p.texts(*templates)
        objectives.append(
            {
                "id": f"OBJ-{n:02d}",
                "statement": statement + ".",
                "kpi": kpi,
                "baseline": base,
                "target": target,
                "measured_by": p.end + dt.timedelta(days=r.randint(30, 180)),
            }
        )
    doc: Doc = {
        "title": p.docs["manifest"]["name"],
        "purpose": Literal(p.text(vc.PURPOSE)),
        "business_case": Literal(p.text(vc.BUSINESS_CASE)),
        "objectives": objectives,
        "sponsor": p.who("SPON"),
        "project_manager": p.who("PM"),
        "budget_estimate": {
            "amount": amount,
            "currency": currency,
            "contingency_percent": r.choice((5, 10, 10, 15)),
            "confidence": r.choice(("budgetary", "definitive", "rough-order-of-magnitude")),
        },
        "start": p.start,
        "end": p.end,
    }
    for key, pool in (
        ("success_criteria", vc.SUCCESS),
        ("assumptions", vc.ASSUMPTIONS),
        ("constraints", vc.CONSTRAINTS),
    ):
        doc[key] = [p.text(t) for t in r.sample(pool, r.randint(2, len(pool) - 1))]
    if p.stage > 0:
        doc["approval"] = {"approved_by": p.who("SPON"), "date": p.due[0]}
    return doc


def scope(p: Project) -> Doc:
    r = p.rng
    objectives = [o["id"] for o in p.docs["charter"]["objectives"]]
    requirements, seen = [], set()
    for n in range(1, r.randint(28, 32) + 1):
        category = r.choice(sorted(vc.REQUIREMENTS))
        criteria = r.sample(vc.CRITERIA, r.randint(1, 3))
        title, description, *checks = "", "", ""
        while not title or title in seen:
            template = r.choice(vc.REQUIREMENTS[category])
            about = template + ". {Team} needs this for about {nn}0 {objs} a day."
            title, description, *checks = p.texts(template, about, *criteria)
        seen.add(title)
        priority = (
            "must" if n == 1 else r.choices(("must", "should", "could", "wont"), (45, 30, 18, 7))[0]
        )
        requirements.append(
            {
                "id": f"REQ-{n:03d}",
                "title": title,
                "description": description,
                "priority": priority,
                "category": category,
                "source": r.choice(p.users),
                "objective": r.choice(objectives),
                "acceptance_criteria": checks,
            }
        )
    deliverables = []
    for n, (name, description, m) in enumerate(
        sorted(r.sample(vc.DELIVERABLES, r.randint(10, 12)), key=lambda d: d[2]), 1
    ):
        when = p.due[m]
        status = (
            "accepted"
            if p.phase == "closure" or (when < AS_OF and r.random() < 0.85)
            else "delivered"
            if when < AS_OF
            else "in-progress"
            if (when - AS_OF).days < 60
            else "not-started"
        )
        deliverables.append(
            {
                "id": f"D-{n:02d}",
                "name": p.text(name),
                "description": p.text(description),
                "owner": p.anyone(),
                "due": when,
                "milestone": f"M-{m + 1:02d}",
                "status": status,
            }
        )
    return {
        "in_scope": [p.text(t) for t in r.sample(vc.IN_SCOPE, r.randint(7, 10))],
        "out_of_scope": [p.text(t) for t in r.sample(vc.OUT_OF_SCOPE, r.randint(4, 6))],
        "requirements": requirements,
        "deliverables": deliverables,
    }


def build(seed: int, index: int) -> tuple[str, Project]:
    """Project `index`: its folder name and its documents."""
    p = new_project(seed, index)
    r, theme = p.rng, vc.THEMES[p.kind]
    org, domain = next(o for o in vc.ORGS if o[0] == p.fill.fixed["org"])
    code = f"{r.choice(theme.codes)}-{p.start.year}-{index:04d}"
    name = p.text(r.choice(theme.names))
    currency = r.choice(vc.CURRENCIES)
    amount = r.randint(30, 800) * 10_000
    p.docs["manifest"] = {
        "pmgov": 1,
        "id": code,
        "name": name,
        "organisation": org,
        "methodology": r.choice(("waterfall", "scrum", "hybrid", "hybrid")),
        "type": p.kind,
        "phase": p.phase,
        "policy": "default",
    }
    if r.random() < 0.1:
        p.docs["manifest"]["overrides"] = {
            "thresholds": {"uat_min_pass_rate": r.choice((95, 96, 98))},
            "severities": {"risks.review-overdue": "error"},
        }
    p.docs["stakeholders"] = stakeholders(p, domain)
    p.docs["schedule"] = schedule(p)
    p.docs["charter"] = charter(p, currency, amount)
    p.docs["scope"] = scope(p)
    p.docs["raci"] = raci(p)
    registers.fill(p, currency, amount)
    approvals = [
        {"gate": g, "approved_by": p.who("SPON"), "date": p.due[m]}
        for g, m in GATE_MILESTONE.items()
        if PHASES.index(g) < p.stage
    ]
    if approvals:
        p.docs["manifest"]["approvals"] = approvals
    problems.inject(p)
    return f"p{index:04d}", p


def write_project(folder: Path, p: Project) -> None:
    (folder / "governance").mkdir(parents=True, exist_ok=True)
    code = p.docs["manifest"]["id"]
    (folder / "pmgov.yaml").write_text(
        dump(p.docs["manifest"], f"Project manifest of {code} (synthetic, bench/generate.py)."),
        encoding="utf-8",
    )
    for kind in KINDS:
        header = f"{TITLES[kind]} of {code}: {p.docs['manifest']['name']}."
        (folder / "governance" / f"{kind}.yaml").write_text(
            dump(p.docs[kind], header), encoding="utf-8"
        )


def generate(out: Path, projects: int, seed: int) -> dict[str, Any]:
    """Write `projects` projects under `out` (replacing an earlier portfolio there)."""
    if out.exists():
        if not (out / STAMP).is_file() and any(out.iterdir()):
            raise SystemExit(
                f"{out} exists and is not a generated portfolio; refusing to replace it"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    expected: dict[str, Any] = {}
    for index in range(1, projects + 1):
        name, p = build(seed, index)
        write_project(out / name, p)
        expected[name] = {
            "phase": p.phase,
            "problems": p.problems,
            "passes": not any(not x.startswith("warning:") for x in p.problems),
        }
    stamp = {
        "generator": VERSION,
        "projects": projects,
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "expected": expected,
    }
    (out / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return stamp


def main() -> None:
    """Command line: generate a portfolio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "portfolio")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    stamp = generate(args.out, args.projects, args.seed)
    failing = sum(1 for e in stamp["expected"].values() if not e["passes"])
    print(
        f"{args.projects} projects in {args.out}; {failing} carry a problem that fails their gate"
    )


if __name__ == "__main__":
    main()
