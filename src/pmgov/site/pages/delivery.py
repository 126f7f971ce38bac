"""Delivery pages: the change log and the training plan.

The UAT and lessons-learned pages live in `quality`; they are re-exported here
for the page registry.
"""

from __future__ import annotations

from typing import Any

from pmgov.site import html
from pmgov.site.pages import Render
from pmgov.site.pages.people import DASH, hint, state, who
from pmgov.site.pages.quality import build_lessons, build_uat, requirement_links
from pmgov.site.text import anchor, day, esc, money, parse_day, rich

__all__ = ["build_changes", "build_lessons", "build_training", "build_uat"]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _ids(render: Render, refs: Any, names: dict[str, str]) -> str:
    """Ids as names linked to their rows on this page (unknown ids as written)."""
    found = [
        html.link(render.href(render.slug, anchor(r)), esc(names[r])) if r in names else esc(r)
        for r in (refs if isinstance(refs, list) else [])
    ]
    return ", ".join(found) or DASH


# Change log -----------------------------------------------------------------

_CHANGE_TONE = {
    "submitted": "warn",
    "under-review": "warn",
    "approved": "good",
    "implemented": "good",
    "rejected": "neutral",
    "deferred": "info",
}
APPROVED = frozenset({"approved", "implemented"})
PENDING = frozenset({"submitted", "under-review"})


def build_changes(render: Render) -> str:
    """Key figures, the change log table, and each request's description and risk."""
    changes = render.snap.items("changes", "changes")
    if not changes:
        return "<p>No change requests have been raised.</p>"
    details = [_change_detail(render, c) for c in changes]
    return "\n\n".join(
        [
            html.figures(_change_figures(render, changes)),
            "## Change requests",
            _change_table(render, changes),
            "## Descriptions",
            *details,
        ]
    )


def _impact(change: dict[str, Any]) -> dict[str, Any]:
    impact = change.get("impact")
    return impact if isinstance(impact, dict) else {}


def _change_figures(
    render: Render, changes: list[dict[str, Any]]
) -> list[tuple[str, str, str, str]]:
    currency = render.snap.currency

    def count(statuses: frozenset[str]) -> list[dict[str, Any]]:
        return [c for c in changes if c.get("status") in statuses]

    def cost(found: list[dict[str, Any]]) -> str:
        total = sum(_number(_impact(c).get("cost")) or 0.0 for c in found)
        return money(total, currency)

    approved, pending = count(APPROVED), count(PENDING)
    rejected, deferred = count(frozenset({"rejected"})), count(frozenset({"deferred"}))
    days = sum(_number(_impact(c).get("schedule_days")) or 0.0 for c in approved)
    implemented = sum(c.get("status") == "implemented" for c in approved)
    return [
        ("Change requests", str(len(changes)), "raised in total", "neutral"),
        (
            "Approved",
            str(len(approved)),
            f"{implemented} implemented; cost {cost(approved)}, schedule {days:+g} days",
            "good" if approved else "neutral",
        ),
        ("Rejected", str(len(rejected)), f"{cost(rejected)} avoided", "neutral"),
        ("Deferred", str(len(deferred)), "to a later release", "neutral"),
        (
            "Pending decision",
            str(len(pending)),
            f"{cost(pending)} requested",
            "warn" if pending else "good",
        ),
    ]


def _days(value: Any) -> str:
    days = _number(value)
    if days is None:
        return DASH
    if days == 0:
        return "no delay"
    return f"{days:+g} day{'' if abs(days) == 1 else 's'}"


def _impact_cell(render: Render, change: dict[str, Any]) -> str:
    """Cost and schedule on one line, the scope change below."""
    impact = _impact(change)
    if not impact:
        return DASH
    figures = f"{money(impact.get('cost'), render.snap.currency)} &middot; "
    figures += _days(impact.get("schedule_days"))
    scope = esc(impact.get("scope"))
    return figures + (f"<br>{scope}" if scope else "")


def _decision(render: Render, change: dict[str, Any]) -> str:
    by, when = change.get("decided_by"), change.get("decided")
    who_when = (["by " + who(render, by)] if by else []) + ([day(when)] if when else [])
    decision = esc(change.get("decision"))
    if not decision:
        return "Decided " + ", ".join(who_when) if who_when else DASH
    return decision + hint(", ".join(who_when))


def _change_table(render: Render, changes: list[dict[str, Any]]) -> str:
    """One row per request; the columns are few so long text gets room on narrow pages."""
    rows = [
        [
            esc(change.get("id")),
            html.link(
                render.href(render.slug, f"{anchor(change.get('id'))}-detail"),
                esc(change.get("title")),
            ),
            who(render, change.get("requester")) + hint(day(change.get("raised"))),
            state(change.get("status"), _CHANGE_TONE),
            _impact_cell(render, change),
            _decision(render, change),
        ]
        for change in changes
    ]
    return html.table(
        ["ID", "Title", "Requested", "Status", "Impact", "Decision"],
        rows,
        cls="pmgov-changes",
        row_attrs=[f'id="{anchor(c.get("id"))}"' for c in changes],
    )


def _change_detail(render: Render, change: dict[str, Any]) -> str:
    description = change.get("description")
    body = rich(description) if description else '<p class="pmgov-hint">No description.</p>'
    facts = [
        ("Risk impact", esc(_impact(change).get("risk")) or DASH),
        ("Requirements", requirement_links(render, change.get("related_requirements"))),
    ]
    return (
        f'<details class="pmgov-change" id="{anchor(change.get("id"))}-detail">'
        f"<summary>{esc(change.get('id'))}: {esc(change.get('title'))}</summary>\n"
        f"{body}\n{html.facts(facts)}</details>"
    )


# Training -------------------------------------------------------------------

_SESSION_TONE = {
    "planned": "neutral",
    "scheduled": "info",
    "delivered": "good",
    "cancelled": "neutral",
}
_DOCUMENT_TONE = {
    "not-started": "neutral",
    "draft": "warn",
    "in-review": "info",
    "published": "good",
}


def build_training(render: Render) -> str:
    """Delivery figures, then the audiences, sessions and documentation tables."""
    snap = render.snap
    audiences = snap.items("training", "audiences")
    names = {str(a.get("id")): str(a.get("name", a.get("id"))) for a in audiences}
    documents = snap.items("training", "documentation")
    return "\n\n".join(
        [
            html.figures(_training_figures(render)),
            "## Audiences",
            _audiences(audiences) if audiences else "<p>No audiences listed.</p>",
            "## Sessions",
            _sessions(render, names),
            "## Documentation",
            _documents(render, documents, names) if documents else "<p>No documents listed.</p>",
        ]
    )


def _training_figures(render: Render) -> list[tuple[str, str, str, str]]:
    snap = render.snap
    sessions = [s for s in snap.items("training", "sessions") if s.get("status") != "cancelled"]
    cancelled = len(snap.items("training", "sessions")) - len(sessions)
    delivered = [s for s in sessions if s.get("status") == "delivered"]
    people = sum(_number(a.get("size")) or 0 for a in snap.items("training", "audiences"))
    attended = sum(_number(s.get("attendance")) or 0 for s in delivered)
    documents = snap.items("training", "documentation")
    published = sum(d.get("status") == "published" for d in documents)
    late = sum(_overdue(render, d.get("due"), d.get("status") != "published") for d in documents)
    done = len(delivered) == len(sessions)
    return [
        (
            "Sessions delivered",
            f"{len(delivered)} of {len(sessions)}",
            f"{cancelled} cancelled, not counted" if cancelled else "planned sessions",
            "good" if done else "info",
        ),
        ("People to train", f"{people:g}", "across all audiences", "neutral"),
        ("Attendance", f"{attended:g}", "at the sessions delivered", "neutral"),
        (
            "Documents published",
            f"{published} of {len(documents)}",
            f"{late} overdue" if late else "none overdue",
            "bad" if late else "good" if published == len(documents) else "info",
        ),
    ]


def _overdue(render: Render, due: Any, pending: bool) -> bool:
    date = parse_day(due)
    return pending and date is not None and date < render.snap.as_of


def _audiences(audiences: list[dict[str, Any]]) -> str:
    rows = [
        [
            esc(a.get("id")),
            esc(a.get("name")),
            esc(a.get("size")) or DASH,
            esc(a.get("needs")) or DASH,
        ]
        for a in audiences
    ]
    return html.table(
        ["ID", "Audience", "People", "Needs"],
        rows,
        row_attrs=[f'id="{anchor(a.get("id"))}"' for a in audiences],
        numeric=[2],
    )


def _session_row(render: Render, s: dict[str, Any], names: dict[str, str]) -> list[str]:
    hours = _number(s.get("duration_hours"))
    status = state(s.get("status"), _SESSION_TONE)
    if _overdue(render, s.get("date"), s.get("status") in ("planned", "scheduled")):
        status += " " + html.badge("date passed", "warn")
    attended = s.get("attendance")
    return [
        esc(s.get("id")),
        esc(s.get("title")) + hint(esc(s.get("format"))),
        _ids(render, s.get("audiences"), names),
        who(render, s.get("trainer")),
        day(s.get("date")) + hint("" if hours is None else f"{hours:g} h"),
        status + hint("" if attended is None else f"{esc(attended)} attended"),
    ]


def _sessions(render: Render, names: dict[str, str]) -> str:
    """Sessions by date; format, hours and attendance sit under title, date and status."""
    sessions = sorted(
        render.snap.items("training", "sessions"), key=lambda s: str(s.get("date") or "9999")
    )
    if not sessions:
        return "<p>No sessions planned yet.</p>"
    return html.table(
        ["ID", "Session and format", "Audiences", "Trainer", "Date and hours", "Status"],
        [_session_row(render, s, names) for s in sessions],
        row_attrs=[f'id="{anchor(s.get("id"))}"' for s in sessions],
    )


def _documents(render: Render, documents: list[dict[str, Any]], names: dict[str, str]) -> str:
    rows = []
    for d in documents:
        status = state(d.get("status"), _DOCUMENT_TONE)
        if _overdue(render, d.get("due"), d.get("status") != "published"):
            status += " " + html.badge("overdue", "bad")
        rows.append(
            [
                esc(d.get("id")),
                esc(d.get("title")),
                _ids(render, d.get("audiences"), names),
                who(render, d.get("owner")),
                day(d.get("due")),
                status,
            ]
        )
    return html.table(
        ["ID", "Document", "Audiences", "Owner", "Due", "Status"],
        rows,
        row_attrs=[f'id="{anchor(d.get("id"))}"' for d in documents],
    )
