"""UAT: must-haves are tested, tests trace to requirements, results meet the exit criteria."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pmgov.rules import Context, Hit, label, rule

OPEN_DEFECT = frozenset({"open", "fixed", "retest"})


def _covered(ctx: Context) -> dict[str, list[dict[str, Any]]]:
    covering: dict[str, list[dict[str, Any]]] = {}
    for _, case in ctx.items("uat", "test_cases"):
        refs = case.get("requirements")
        for ref in refs if isinstance(refs, list) else []:
            covering.setdefault(str(ref), []).append(case)
    return covering


@rule(
    "uat.coverage",
    "Every must-have requirement is covered by at least one UAT test case",
    "A must-have nobody tests is a must-have nobody has accepted.",
)
def coverage(ctx: Context) -> Iterator[Hit]:
    if not ctx.has("scope", "uat"):
        return
    covering = _covered(ctx)
    for pointer, requirement in ctx.items("scope", "requirements"):
        if requirement.get("priority") == "must" and requirement.get("id") not in covering:
            yield Hit(
                "scope",
                pointer,
                f"must-have {label(requirement, 'requirement')} is not covered by any UAT "
                "test case",
                f"add a test case in {ctx.file('uat')} that lists {requirement.get('id')} "
                "under 'requirements'",
            )


@rule(
    "uat.references",
    "UAT test cases and defects refer to existing requirements and test cases",
    "Traceability only works when every link leads somewhere.",
)
def references(ctx: Context) -> Iterator[Hit]:
    if not ctx.has("scope", "uat"):
        return
    requirements = ctx.ids("scope", "requirements")
    cases = ctx.ids("uat", "test_cases")
    defects = ctx.ids("uat", "defects")
    for pointer, case in ctx.items("uat", "test_cases"):
        for index, ref in enumerate(case.get("requirements") or []):
            if ref not in requirements:
                yield Hit(
                    "uat",
                    f"{pointer}/requirements/{index}",
                    f"{label(case, 'test case')} tests {ref}, which is not in the scope",
                    f"fix the requirement id or add the requirement to {ctx.file('scope')}",
                )
        for index, ref in enumerate(case.get("defects") or []):
            if ref not in defects:
                yield Hit(
                    "uat",
                    f"{pointer}/defects/{index}",
                    f"{label(case, 'test case')} lists defect {ref}, which is not logged",
                    "log the defect under 'defects' or fix the id",
                )
    for pointer, defect in ctx.items("uat", "defects"):
        ref = defect.get("test_case")
        if ref is not None and ref not in cases:
            yield Hit(
                "uat",
                f"{pointer}/test_case",
                f"{label(defect, 'defect')} refers to test case {ref}, which does not exist",
                "fix the test case id",
            )


@rule(
    "uat.results",
    "Every UAT test case has a result",
    "Acceptance means every planned test was run; 'not run' is not a pass.",
)
def results(ctx: Context) -> Iterator[Hit]:
    for pointer, case in ctx.items("uat", "test_cases"):
        if case.get("result") in (None, "not-run"):
            yield Hit(
                "uat",
                pointer,
                f"{label(case, 'test case')} has not been run",
                "run the test and record result pass, fail or blocked, with the date",
            )


@rule(
    "uat.exit-criteria",
    "UAT meets its exit criteria: pass rate, open critical and open major defects",
    "Go-live on a UAT that missed its own exit criteria is a decision the sponsor "
    "must take explicitly, not by default.",
)
def exit_criteria(ctx: Context) -> Iterator[Hit]:
    uat = ctx.project.data("uat")
    if not isinstance(uat, dict) or not isinstance(uat.get("exit_criteria"), dict):
        return
    criteria = uat["exit_criteria"]
    floor = ctx.thresholds.get("uat_min_pass_rate", 95)
    wanted = float(criteria.get("min_pass_rate", floor))
    if wanted < floor:
        yield Hit(
            "uat",
            "/exit_criteria/min_pass_rate",
            f"the UAT plan accepts a pass rate of {wanted:g}%, below the policy's "
            f"minimum of {floor:g}%",
            f"raise min_pass_rate to at least {floor:g}",
        )
    cases = [case for _, case in ctx.items("uat", "test_cases")]
    if cases:
        passed = sum(1 for case in cases if case.get("result") == "pass")
        rate = 100 * passed / len(cases)
        if rate < max(wanted, floor):
            yield Hit(
                "uat",
                "/test_cases",
                f"UAT pass rate is {rate:.1f}% ({passed} of {len(cases)} test cases), "
                f"below the exit criterion of {max(wanted, floor):g}%",
                "fix and retest the failing cases, or ask the sponsor for a recorded exception",
            )
    for severity, key, threshold in (
        ("critical", "max_open_critical", "uat_max_open_critical"),
        ("major", "max_open_major", None),
    ):
        if key not in criteria and threshold is None:
            continue
        allowed = float(criteria.get(key, 0))
        if threshold is not None:
            allowed = min(allowed, ctx.thresholds.get(threshold, 0))
        open_ = [
            d
            for _, d in ctx.items("uat", "defects")
            if d.get("severity") == severity and d.get("status") in OPEN_DEFECT
        ]
        if len(open_) > allowed:
            names = ", ".join(str(d.get("id")) for d in open_)
            yield Hit(
                "uat",
                "/defects",
                f"{len(open_)} {severity} defect(s) are still open ({names}); the exit "
                f"criteria allow {allowed:g}",
                f"fix and retest the {severity} defects before go-live",
            )
