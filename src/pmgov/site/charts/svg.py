"""Small SVG building blocks shared by the charts.

Every function escapes the text it is given with `pmgov.site.text.attr` (which
also encodes line breaks), so a chart never holds raw artifact text. Output has
no line breaks at all, so it stays one raw HTML block inside Markdown.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import re

from pmgov.site.text import attr

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
DARK_TEXT = "#1b1b1b"
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def num(value: float) -> str:
    """A coordinate with at most one decimal: ``12``, ``12.5``."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def xml_text(safe_html: str) -> str:
    """Already-escaped HTML text with named entities (``&mdash;``) made numeric, as XML needs."""

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES or name not in html.entities.name2codepoint:
            return match.group(0)
        return f"&#{html.entities.name2codepoint[name]};"

    return _ENTITY.sub(numeric, safe_html)


def open_svg(width: float, height: float, label: str, cls: str, *, style: str = "") -> str:
    """The opening ``<svg>`` tag and its ``<title>``; `label` and `style` are escaped here."""
    safe = attr(label)
    css = f' style="{attr(style)}"' if style else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pmgov-chart {cls}"{css} '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'role="img" aria-label="{safe}" font-family="{FONT}" font-size="12">'
        f"<title>{safe}</title>"
    )


def title(text: str) -> str:
    """A ``<title>`` tooltip; `text` is escaped here."""
    return f"<title>{attr(text)}</title>"


def text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    extra: str = "",
    raw: bool = False,
) -> str:
    """A ``<text>`` element in currentColor; `content` is escaped unless `raw` (already safe)."""
    body = content if raw else attr(content)
    more = f" {extra}" if extra else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" fill="currentColor"{more}>'
        f"{body}</text>"
    )


def link(href: str, inner: str) -> str:
    """`inner` wrapped in a link to `href`, or `inner` alone when there is no address."""
    return f'<a href="{attr(href)}">{inner}</a>' if href else inner


def short(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis (not escaped)."""
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: max(1, limit - 1)].rstrip() + "\u2026"


def date_label(value: dt.date) -> str:
    """A date as a sponsor reads it: ``27 Mar 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_label(value: dt.date) -> str:
    """A month tick: ``Jan 2026``."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s month up to `last` (inclusive)."""
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def next_month(value: dt.date) -> dt.date:
    """The first day of the month after `value`."""
    return dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)


def message(text_: str, label: str, cls: str, width: float = 480) -> str:
    """A small chart that only says `text_` (no data to draw)."""
    return (
        open_svg(width, 40, label, cls)
        + text(8, 24, text_, extra='font-style="italic" class="pmgov-chart-empty"')
        + "</svg>"
    )
