r"""Turning artifact values into safe page text: escaping, sanitised Markdown, readable
dates, amounts and percentages.

Every artifact value reaches a page through one of these functions. Pages are
Markdown made of raw HTML blocks, so escaping covers both languages: HTML's
``& < > " '``, and the characters that make Markdown links, emphasis, code,
attribute lists and table cells (``[ ] * _ ` \ { } |``), in case a generator
reads Markdown inside HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

import markdown as _markdown
import nh3

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "|": "&#124;",
    "[": "&#91;",
    "]": "&#93;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
}
_ESCAPE = str.maketrans(_ENTITIES)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def attr(value: Any) -> str:
    """`value` as text safe inside a quoted HTML attribute (or any HTML text)."""
    text = "" if value is None else str(value)
    return _CONTROL.sub("", text).translate(_ESCAPE).replace("\r\n", "\n").replace("\n", "&#10;")


def esc(value: Any) -> str:
    """`value` as HTML text: escaped, line breaks kept as ``<br>``, never Markdown."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").strip("\n")
    return "<br>".join(line.translate(_ESCAPE) for line in text.split("\n"))


# What a field documented as Markdown may become: text formatting, lists, tables,
# quotes, code and links. No images (a page must not fetch anything), no raw HTML
# attributes but a link's address and title.
_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
    "tr", "th", "td", "dl", "dt", "dd", "del", "sub", "sup",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


@functools.cache
def _renderer() -> _markdown.Markdown:
    """Python-Markdown with raw HTML read as text: ``<img ...>`` in a field shows as written."""
    md = _markdown.Markdown(extensions=["tables", "sane_lists", "fenced_code"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def rich(value: Any) -> str:
    """A field documented as Markdown, rendered and then sanitised to a safe subset.

    Headings are demoted (a field never outranks the page's own sections), links
    keep only http, https and mailto addresses, and the result holds no blank line,
    so it stays one raw HTML block inside the page's Markdown.
    """
    text = "" if value is None else _CONTROL.sub("", str(value))
    html = _renderer().reset().convert(text)
    html = re.sub(r"<(/?)h[12]\b", r"<\1h3", html)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # keep a code block's blank lines as character references, drop the others
    clean = _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), clean)
    lines = [line for line in clean.splitlines() if line.strip()]
    return '<div class="pmgov-md">' + "\n".join(lines) + "</div>"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_day(value: Any) -> dt.date | None:
    """An ISO date string (as the artifacts hold dates) as a date, or None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def day(value: Any) -> str:
    """A date as a sponsor reads it: ``27 Mar 2026``; anything else escaped as is."""
    parsed = parse_day(value) if value not in (None, "") else None
    if parsed is None:
        return esc(value) if value not in (None, "") else "&mdash;"
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹"}


def money(amount: Any, currency: str = "") -> str:
    """An amount with the project's currency: ``£1,250,000``, ``CHF 80,000``, ``-£5,000``."""
    if not _finite(amount):
        return "&mdash;"
    sign = "-" if amount < 0 else ""
    whole = abs(amount) >= 1000 or float(amount).is_integer()
    figure = f"{abs(amount):,.0f}" if whole else f"{abs(amount):,.2f}"
    code = str(currency or "").upper()
    if code in _SYMBOLS:
        return f"{sign}{_SYMBOLS[code]}{figure}"
    return f"{sign}{esc(code)} {figure}".strip() if code else f"{sign}{figure}"


def percent(value: Any, digits: int = 0) -> str:
    """A percentage figure (0-100 scale): ``96%``; missing values as a dash."""
    if not _finite(value):
        return "&mdash;"
    return f"{value:.{digits}f}%"


def ratio(value: float | None) -> str:
    """An index such as CPI or SPI: ``0.94``; missing as a dash."""
    return "&mdash;" if value is None or not math.isfinite(value) else f"{value:.2f}"


def anchor(value: Any) -> str:
    """An id usable as an HTML anchor: artifact ids keep their letters, digits and dashes."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", str(value)) or "item"
