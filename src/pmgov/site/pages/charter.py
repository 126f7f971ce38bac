"""The charter and the scope, with the requirement -> test case traceability matrix."""

from __future__ import annotations

from typing import Any

from pmgov.site import html
from pmgov.site.pages import Render
from pmgov.site.text import anchor, day, esc, money, rich


def _texts(items: Any) -> str:
    values = [i for i in items if isinstance(i, str)] if isinstance(items, list) else []
    return html.bullets(esc(v) for v in values) if values else "<p>None recorded.</p>"


def build_charter(render: Render) -> str:
    snap = render.snap
    charter: dict[str, Any] = snap.get("charter")
    estimate: dict[str, Any] = charter.get("budget_estimate") or {}
    approval: dict[str, Any] = charter.get("approval") or {}
    currency = str(estimate.get("currency") or snap.currency)
    facts = [
        ("Title", esc(charter.get("title"))),
        ("Sponsor", esc(snap.person(charter.get("sponsor")))),
        ("Project manager", esc(snap.person(charter.get("project_manager")))),
        ("Start", day(charter.get("start"))),
        ("End", day(charter.get("end"))),
        ("Budget estimate", money(estimate.get("amount"), currency)),
    ]
    if "contingency_percent" in estimate:
        facts.append(("Contingency", f"{esc(estimate['contingency_percent'])}%"))
    if "confidence" in estimate:
        facts.append(("Estimate confidence", esc(str(estimate["confidence"]).replace("-", " "))))
    if approval:
        facts.append(
            (
                "Approved",
                f"{day(approval.get('date'))} by {esc(snap.person(approval.get('approved_by')))}",
            )
        )
    objectives = [
        [
            f'<span id="{anchor(o.get("id"))}">{esc(o.get("id"))}</span>',
            esc(o.get("statement")),
            esc(o.get("kpi")),
            esc(o.get("baseline", "—")),
            esc(o.get("target")),
            day(o.get("measured_by")),
        ]
        for o in snap.items("charter", "objectives")
    ]
    return "\n\n".join(
        [
            html.facts(facts),
            "## Purpose",
            rich(charter.get("purpose")),
            "## Business case",
            rich(charter.get("business_case")),
            "## Objectives",
            html.table(["Id", "Objective", "KPI", "Baseline", "Target", "Measured by"], objectives),
            "## Success criteria",
            _texts(charter.get("success_criteria")),
            "## Assumptions",
            _texts(charter.get("assumptions")),
            "## Constraints",
            _texts(charter.get("constraints")),
        ]
    )


_PRIORITY_TONE = {"must": "bad", "should": "warn", "could": "info", "wont": "neutral"}


def _trace(render: Render) -> dict[str, list[dict[str, Any]]]:
    """Requirement id -> the UAT test cases that cover it."""
    cases: dict[str, list[dict[str, Any]]] = {}
    for case in render.snap.items("uat", "test_cases"):
        for req in case.get("requirements") or []:
            cases.setdefault(str(req), []).append(case)
    return cases


def _coverage(render: Render, cases: list[dict[str, Any]]) -> tuple[str, str]:
    """The traceability cell for one requirement: its class and content."""
    if not render.snap.has("uat"):
        return "none", "UAT plan not available"
    if not cases:
        return "none", "not covered"
    links = ", ".join(
        html.link(render.href("uat", anchor(c.get("id"))), esc(c.get("id")))
        + f" ({esc(c.get('result') or 'not-run')})"
        for c in cases
    )
    failing = any(c.get("result") in ("fail", "blocked") for c in cases)
    return ("failing" if failing else "covered"), links


def build_scope(render: Render) -> str:
    snap = render.snap
    scope: dict[str, Any] = snap.get("scope")
    cases = _trace(render)
    rows, attrs = [], []
    counts = {"covered": 0, "failing": 0, "none": 0}
    for req in snap.items("scope", "requirements"):
        rid = str(req.get("id"))
        cls, cell = _coverage(render, cases.get(rid, []))
        counts[cls] += 1
        priority = str(req.get("priority"))
        detail = esc(req.get("title"))
        if req.get("description"):
            detail += "<details><summary>Details</summary>" + rich(req["description"])
            criteria = req.get("acceptance_criteria") or []
            detail += (html.bullets(esc(c) for c in criteria) if criteria else "") + "</details>"
        rows.append(
            [
                esc(rid),
                detail,
                html.badge(priority, _PRIORITY_TONE.get(priority, "neutral")),
                esc(req.get("category", "—")),
                cell,
            ]
        )
        attrs.append(f'id="{anchor(rid)}" data-coverage="{cls}"')
    matrix = html.table(
        ["Id", "Requirement", "Priority", "Category", "UAT test cases"],
        rows,
        row_attrs=attrs,
        cls="pmgov-trace",
    )
    summary = (
        f"<p>{counts['covered']} requirements covered by UAT test cases with no failure, "
        f"{counts['failing']} with a failing or blocked test case, "
        f"{counts['none']} not covered by any test case.</p>"
    )
    deliverables = [
        [
            esc(d.get("id")),
            esc(d.get("name")),
            esc(snap.person(d.get("owner"))),
            day(d.get("due")),
            esc(d.get("status", "—")),
        ]
        for d in snap.items("scope", "deliverables")
    ]
    return "\n\n".join(
        [
            "## In scope",
            _texts(scope.get("in_scope")),
            "## Out of scope",
            _texts(scope.get("out_of_scope")),
            "## Requirements and traceability",
            summary,
            matrix,
            "## Deliverables",
            html.table(["Id", "Deliverable", "Owner", "Due", "Status"], deliverables)
            if deliverables
            else "<p>No deliverables listed.</p>",
        ]
    )
