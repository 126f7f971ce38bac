"""Risk log: stated scores add up, high risks are owned and mitigated, reviews are kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pmgov.rules import Context, Hit, as_date, label, rule

ACTIVE = frozenset({"open", "monitoring"})


def score(risk: dict[str, object]) -> int | None:
    """Probability x impact, when both are whole numbers."""
    probability, impact = risk.get("probability"), risk.get("impact")
    if isinstance(probability, int) and isinstance(impact, int):
        return probability * impact
    return None


@rule(
    "risks.score",
    "A risk's stated score equals probability x impact",
    "A score typed by hand drifts when probability or impact is re-assessed; a wrong "
    "score hides a risk from the people who review the top of the log.",
)
def stated_score(ctx: Context) -> Iterator[Hit]:
    for pointer, risk in ctx.items("risks", "risks"):
        computed, stated = score(risk), risk.get("score")
        if computed is not None and isinstance(stated, int) and stated != computed:
            yield Hit(
                "risks",
                f"{pointer}/score",
                f"{label(risk, 'risk')} states score {stated}, but probability "
                f"{risk['probability']} x impact {risk['impact']} = {computed}",
                f"set score to {computed}, or remove it and let pmgov compute it",
            )


@rule(
    "risks.high-owned",
    "Open risks at or above the high-risk threshold have an owner, a response and a mitigation",
    "The risks that can sink the project must have someone acting on them; accepting "
    "a high risk is a decision that needs a recorded reason.",
)
def high_owned(ctx: Context) -> Iterator[Hit]:
    threshold = ctx.thresholds.get("high_risk_score", 12)
    for pointer, risk in ctx.items("risks", "risks"):
        value = score(risk)
        if value is None or value < threshold or risk.get("status") not in ACTIVE:
            continue
        who = f"{label(risk, 'risk')} scores {value}"
        for field, hint in (
            ("owner", "name an owner from the stakeholder register"),
            ("response", "choose avoid, mitigate, transfer, accept or escalate"),
            ("mitigation", "describe the actions that reduce probability or impact"),
        ):
            if not risk.get(field):
                yield Hit("risks", pointer, f"{who} but has no {field}", hint)
        if risk.get("response") == "accept" and not risk.get("rationale"):
            yield Hit(
                "risks",
                f"{pointer}/response",
                f"{who} and is accepted without a rationale",
                "record why accepting this risk is the right decision, and who took it",
            )


@rule(
    "risks.review-overdue",
    "Open risks are reviewed by their review date",
    "A risk log that is not reviewed describes the project as it was, not as it is.",
)
def review_overdue(ctx: Context) -> Iterator[Hit]:
    grace = dt.timedelta(days=ctx.thresholds.get("risk_review_grace_days", 0))
    for pointer, risk in ctx.items("risks", "risks"):
        review = as_date(risk.get("review"))
        if risk.get("status") in ACTIVE and review and review + grace < ctx.as_of:
            yield Hit(
                "risks",
                f"{pointer}/review",
                f"{label(risk, 'risk')} was due for review on {review} and is still "
                f"{risk.get('status')}",
                "review the risk, update its assessment and set the next review date",
            )
