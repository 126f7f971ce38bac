"""Small HTML building blocks shared by the page builders.

Every function takes HTML that is already safe (built with `text.esc` and
friends) and returns one raw HTML block with no blank line, so Markdown leaves
it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmgov.model import Finding, Severity
from pmgov.site.text import attr, esc


def index_tone(value: float | None) -> str:
    """The tone of a performance index such as CPI or SPI: 0.98 and up is on track."""
    if value is None:
        return "neutral"
    return "good" if value >= 0.98 else "warn" if value >= 0.9 else "bad"


def badge(label: str, tone: str = "neutral") -> str:
    """A coloured status label; `label` is escaped here."""
    return f'<span class="pmgov-badge pmgov-{tone}">{esc(label)}</span>'


def link(href: str, label_html: str) -> str:
    return f'<a href="{attr(href)}">{label_html}</a>'


def table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    cls: str = "",
    row_attrs: Sequence[str] | None = None,
    numeric: Iterable[int] = (),
) -> str:
    """A table from header labels (plain text, escaped here) and rows of HTML cells.

    `row_attrs` holds extra attributes per row (already safe), e.g. ``id="R-001"``;
    `numeric` lists the columns to right-align.
    """
    right = set(numeric)
    header = "".join(
        f'<th class="pmgov-num">{esc(h)}</th>' if i in right else f"<th>{esc(h)}</th>"
        for i, h in enumerate(head)
    )
    body = []
    for index, row in enumerate(rows):
        extra = f" {row_attrs[index]}" if row_attrs and row_attrs[index] else ""
        cells = "".join(
            f'<td class="pmgov-num">{c}</td>' if i in right else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr{extra}>{cells}</tr>")
    classes = f"pmgov-table {cls}".strip()
    return (
        f'<div class="{classes}"><table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )


def note(kind: str, title: str, body_html: str) -> str:
    """A Material-style admonition (kind: note, info, warning, danger, success)."""
    return (
        f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>'
        f"<p>{body_html}</p></div>"
    )


def figures(items: Iterable[tuple[str, str, str, str]]) -> str:
    """Key figure tiles: (label, value HTML, detail HTML, tone)."""
    tiles = [
        f'<div class="pmgov-figure pmgov-{tone}"><div class="pmgov-figure-label">{esc(label)}'
        f'</div><div class="pmgov-figure-value">{value}</div>'
        f'<div class="pmgov-figure-detail">{detail}</div></div>'
        for label, value, detail, tone in items
    ]
    return '<div class="pmgov-figures">' + "".join(tiles) + "</div>"


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column list of labelled facts: (label, value HTML)."""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in pairs)
    return f'<dl class="pmgov-facts">{rows}</dl>'


def bullets(items: Iterable[str]) -> str:
    """A plain list of HTML items."""
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


_SEVERITY_TONE = {Severity.ERROR: "bad", Severity.WARNING: "warn", Severity.INFO: "info"}


def findings_table(findings: Sequence[Finding], *, gate_labels: dict[str, str]) -> str:
    """Findings as `pmgov check` reports them: severity, where, what, what to do."""
    rows = []
    for f in findings:
        where = esc(f.file) + (f":{f.line}" if f.line else "")
        what = esc(f.message) + (
            f'<br><span class="pmgov-hint">{esc(f.hint)}</span>' if f.hint else ""
        )
        rows.append(
            [
                badge(f.severity.value, _SEVERITY_TONE[f.severity]),
                esc(gate_labels.get(f.gate, f.gate)),
                f"<code>{where}</code>",
                what,
                f"<code>{esc(f.rule)}</code>",
            ]
        )
    return table(["Severity", "Gate", "Where", "Finding", "Check"], rows, cls="pmgov-findings")
