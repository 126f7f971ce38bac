"""Quality pages: user acceptance testing (results against the exit criteria, test
cases traced to requirements, defects, sign-off) and the lessons learned."""

from __future__ import annotations

from typing import Any

from pmgov.model import PHASES
from pmgov.rules.uat import OPEN_DEFECT
from pmgov.site import html, metrics
from pmgov.site.pages import Render
from pmgov.site.pages.people import DASH, hint, state, who
from pmgov.site.text import anchor, day, esc, percent

SEVERITIES = ("critical", "major", "minor", "trivial")
_RESULT_TONE = {"pass": "good", "fail": "bad", "blocked": "warn", "not-run": "neutral"}
_SEVERITY_TONE = {"critical": "bad", "major": "warn", "minor": "info", "trivial": "neutral"}
_DEFECT_TONE = {"open": "warn", "fixed": "warn", "retest": "warn", "closed": "good"}
_SIGN_OFF_TONE = {"accepted": "good", "accepted-with-conditions": "warn", "rejected": "bad"}


def requirement_links(render: Render, refs: Any) -> str:
    """Requirement ids linked to their rows on the scope page."""
    links = [
        html.link(render.href("scope", anchor(ref)), esc(ref))
        for ref in (refs if isinstance(refs, list) else [])
    ]
    return ", ".join(links) or DASH


def _ids_here(render: Render, refs: Any) -> str:
    """Ids linked to their rows on this page."""
    links = [
        html.link(render.href(render.slug, anchor(ref)), esc(ref))
        for ref in (refs if isinstance(refs, list) else [refs] if refs else [])
    ]
    return ", ".join(links) or DASH


def _uat(render: Render) -> dict[str, Any]:
    data = render.snap.get("uat")
    return data if isinstance(data, dict) else {}


def _open(render: Render, severity: str) -> list[dict[str, Any]]:
    return [
        d
        for d in render.snap.items("uat", "defects")
        if d.get("severity") == severity and d.get("status") in OPEN_DEFECT
    ]


def build_uat(render: Render) -> str:
    """Results, exit and entry criteria, open defects, test cases, defects and sign-off."""
    uat = _uat(render)
    setting = [
        (label, esc(uat.get(key)))
        for label, key in (("Environment", "environment"), ("Cycle", "cycle"))
        if uat.get(key)
    ]
    entry = uat.get("entry_criteria")
    entry_items = [esc(item) for item in entry] if isinstance(entry, list) else []
    parts = [html.facts(setting)] if setting else []
    parts += [
        "## Results",
        html.figures(_figures(render)),
        "## Exit criteria",
        _exit(render),
        "## Entry criteria",
        html.bullets(entry_items) if entry_items else "<p>No entry criteria listed.</p>",
        "## Defects by severity",
        _severity_table(render),
        "## Test cases",
        _cases(render),
        "## Defects",
        _defects(render),
        "## Sign-off",
        _sign_off(render),
    ]
    return "\n\n".join(parts)


def _target(value: float | None) -> str:
    """A target percentage: whole numbers as such, others to one decimal."""
    return percent(value, 0 if value is None or float(value).is_integer() else 1)


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _pass_target(render: Render) -> tuple[float, float | None]:
    """The pass rate the check applies (plan or policy, the stricter), and the plan's own."""
    criteria = _uat(render).get("exit_criteria")
    wanted = criteria.get("min_pass_rate") if isinstance(criteria, dict) else None
    plan = float(wanted) if isinstance(wanted, (int, float)) else None
    return metrics.uat_target(render.snap), plan


def _allowed(render: Render, severity: str) -> float | None:
    """Open defects of `severity` the exit criteria allow (None: no limit), as the check does."""
    criteria = _uat(render).get("exit_criteria")
    criteria = criteria if isinstance(criteria, dict) else {}
    if severity == "critical":
        policy = render.snap.thresholds.get("uat_max_open_critical", 0.0)
        return min(float(criteria.get("max_open_critical", policy)), policy)
    if severity == "major" and "max_open_major" in criteria:
        return float(criteria["max_open_major"])
    return None


def _figures(render: Render) -> list[tuple[str, str, str, str]]:
    t = metrics.testing(render.snap)
    target, _ = _pass_target(render)
    overall = _share(t.passed, t.cases)
    open_ = {s: len(_open(render, s)) for s in SEVERITIES}
    not_run = t.cases - t.executed
    return [
        (
            "Executed",
            f"{t.executed} of {t.cases}",
            "test cases with a result",
            "good" if t.cases and not not_run else "warn",
        ),
        ("Pass rate", percent(t.pass_rate, 1), f"{t.passed} of {t.executed} executed", "neutral"),
        (
            "Passed of all cases",
            percent(overall, 1),
            f"{t.passed} of {t.cases}; exit criterion {_target(target)}",
            "neutral" if overall is None else "good" if overall >= target else "bad",
        ),
        ("Failed", str(t.failed), "latest result fail", "bad" if t.failed else "good"),
        ("Blocked", str(t.blocked), "latest result blocked", "warn" if t.blocked else "good"),
        ("Not run", str(not_run), "no result yet", "warn" if not_run else "good"),
        (
            "Open defects",
            str(sum(open_.values())),
            f"{open_['critical']} critical, {open_['major']} major",
            "bad" if open_["critical"] else "warn" if open_["major"] else "good",
        ),
    ]


def _met(ok: bool) -> str:
    return html.badge("met", "good") if ok else html.badge("not met", "bad")


def _exit(render: Render) -> str:
    t = metrics.testing(render.snap)
    target, plan = _pass_target(render)
    overall = _share(t.passed, t.cases)
    note = (
        f" (plan: {_target(plan)}, raised to the policy minimum)"
        if plan is not None and plan < target
        else ""
    )
    rows = [
        [
            "Test cases passed, of all cases",
            f"at least {_target(target)}{note}",
            percent(overall, 1),
            DASH if overall is None else _met(overall >= target),
        ]
    ]
    for severity in ("critical", "major"):
        allowed = _allowed(render, severity)
        if allowed is not None:
            count = len(_open(render, severity))
            rows.append(
                [
                    f"Open {severity} defects",
                    f"at most {allowed:g}",
                    str(count),
                    _met(count <= allowed),
                ]
            )
    criteria = _uat(render).get("exit_criteria")
    notes = criteria.get("notes") if isinstance(criteria, dict) else None
    table = html.table(["Criterion", "Target", "Now", "Status"], rows, numeric=[2])
    if isinstance(notes, list) and notes:
        return table + "\n\n" + html.bullets(esc(n) for n in notes)
    return table


def _severity_table(render: Render) -> str:
    defects = render.snap.items("uat", "defects")
    if not defects:
        return "<p>No defects logged.</p>"
    seen = [str(d.get("severity")) for d in defects]
    levels = [*SEVERITIES, *sorted({s for s in seen if s not in SEVERITIES})]
    rows, attrs = [], []
    for severity in levels:
        found = [d for d in defects if str(d.get("severity")) == severity]
        open_ = len(_open(render, severity))
        allowed = _allowed(render, severity)
        rows.append(
            [
                state(severity, _SEVERITY_TONE),
                str(open_),
                DASH if allowed is None else f"{allowed:g}",
                str(sum(d.get("status") == "deferred" for d in found)),
                str(sum(d.get("status") == "closed" for d in found)),
                str(len(found)),
            ]
        )
        attrs.append('class="pmgov-row-bad"' if allowed is not None and open_ > allowed else "")
    head = ["Severity", "Open", "Allowed open at exit", "Deferred", "Closed", "Total"]
    return html.table(head, rows, row_attrs=attrs, numeric=[1, 2, 3, 4, 5])


def _cases(render: Render) -> str:
    cases = render.snap.items("uat", "test_cases")
    if not cases:
        return "<p>No test cases yet.</p>"
    rows = [
        [
            esc(c.get("id")),
            esc(c.get("title")),
            requirement_links(render, c.get("requirements")),
            who(render, c.get("tester")),
            state(c.get("result") or "not-run", _RESULT_TONE)
            + hint(day(c.get("executed")) if c.get("executed") else ""),
            _ids_here(render, c.get("defects")),
        ]
        for c in cases
    ]
    return html.table(
        ["ID", "Test case", "Requirements", "Tester", "Result and date", "Defects"],
        rows,
        cls="pmgov-uat-cases",
        row_attrs=[f'id="{anchor(c.get("id"))}"' for c in cases],
    )


def _defects(render: Render) -> str:
    defects = render.snap.items("uat", "defects")
    if not defects:
        return "<p>No defects logged.</p>"
    rows = [
        [
            esc(d.get("id")),
            esc(d.get("title")),
            state(d.get("severity"), _SEVERITY_TONE),
            state(d.get("status"), _DEFECT_TONE),
            _ids_here(render, d.get("test_case")) + hint("raised " + day(d.get("raised"))),
            who(render, d.get("owner")),
        ]
        for d in defects
    ]
    return html.table(
        ["ID", "Defect", "Severity", "Status", "Test case", "Owner"],
        rows,
        cls="pmgov-uat-defects",
        row_attrs=[f'id="{anchor(d.get("id"))}"' for d in defects],
    )


def _sign_off(render: Render) -> str:
    sign_off = _uat(render).get("sign_off")
    if not isinstance(sign_off, dict):
        return "<p>UAT has not been signed off yet.</p>"
    facts = [
        ("Decision", state(sign_off.get("decision"), _SIGN_OFF_TONE)),
        ("Signed off by", who(render, sign_off.get("by"))),
        ("Date", day(sign_off.get("date"))),
    ]
    if sign_off.get("conditions"):
        facts.append(("Conditions", esc(sign_off.get("conditions"))))
    return html.facts(facts)


# Lessons learned ------------------------------------------------------------

_LESSON_TONE = {"went-well": "good", "to-improve": "warn"}


def build_lessons(render: Render) -> str:
    """Counts, then one section per phase (in gate order) with its lessons."""
    lessons = render.snap.items("lessons", "lessons")
    if not lessons:
        return "<p>No lessons recorded yet.</p>"
    went_well = sum(lesson.get("type") == "went-well" for lesson in lessons)
    improve = sum(lesson.get("type") == "to-improve" for lesson in lessons)
    advised = sum(bool(lesson.get("recommendation")) for lesson in lessons)
    parts = [
        html.figures(
            [
                ("Lessons", str(len(lessons)), "recorded so far", "neutral"),
                ("Went well", str(went_well), "to repeat", "good"),
                ("To improve", str(improve), "to do differently", "warn" if improve else "good"),
                ("Recommendations", str(advised), "lessons with an action", "info"),
            ]
        )
    ]
    for phase in (*PHASES, None):
        found = [
            lesson
            for lesson in lessons
            if (lesson.get("phase") == phase if phase else lesson.get("phase") not in PHASES)
        ]
        if found:
            parts.append(f"## {phase.capitalize()}" if phase else "## Other phases")
            parts += [_lesson(render, lesson) for lesson in found]
    return "\n\n".join(parts)


def _lesson(render: Render, lesson: dict[str, Any]) -> str:
    category = lesson.get("category")
    hint = esc(lesson.get("id")) + (f" &middot; {esc(category)}" if category else "")
    facts = [
        ("What happened", esc(lesson.get("what_happened")) or DASH),
        ("Impact", esc(lesson.get("impact")) or DASH),
        ("Recommendation", esc(lesson.get("recommendation")) or DASH),
        ("Owner", who(render, lesson.get("owner"))),
        ("Recorded", day(lesson.get("date"))),
    ]
    return (
        f'<div class="pmgov-lesson" id="{anchor(lesson.get("id"))}">'
        f"<p><strong>{esc(lesson.get('title'))}</strong> "
        f"{state(lesson.get('type'), _LESSON_TONE)} "
        f'<span class="pmgov-hint">{hint}</span></p>{html.facts(facts)}</div>'
    )
