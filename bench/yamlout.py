"""A small YAML writer that lays files out the way people write them by hand.

Block mappings and lists, flow lists and mappings for short id lists (``Flow``,
``FlowMap``), folded ``>-`` and literal ``|`` blocks for long text (``Folded``,
``Literal``), dates as plain ``YYYY-MM-DD``, and quotes only where YAML needs them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Mapping
from typing import Any


class Flow(list[Any]):
    """A list written in flow style: ``[a, b]``."""


class FlowMap(dict[str, Any]):
    """A mapping written in flow style: ``{a: b}``."""


class Folded(str):
    """Text written as a folded block (``>-``), wrapped at 76 columns."""


class Literal(str):
    """Text written as a literal block (``|``), line breaks kept."""


_SPECIAL_WORDS = frozenset(
    (
        "y",
        "n",
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
        "~",
        ".inf",
        "-.inf",
        "+.inf",
        ".nan",
    )
)
_NUMBERISH = re.compile(r"[-+.0-9_:eExXoObB]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` can be written unquoted and still read back as this text."""
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in "-?:,[]{}#&*!|>'\"%@`" or text.endswith(":"):
        return False
    if ": " in text or " #" in text or text.lower() in _SPECIAL_WORDS:
        return False
    if _NUMBERISH.fullmatch(text) and not _DATE.fullmatch(text):
        return False
    return not (flow and _FLOW_UNSAFE.search(text))


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v, True) for v in value) + "]"


def _block_text(value: str, pad: str) -> list[str]:
    if isinstance(value, Folded):
        return [pad + line for line in textwrap.wrap(value, 76 - len(pad), break_on_hyphens=False)]
    out: list[str] = []
    for line in value.rstrip("\n").split("\n"):
        indent = "  " if line.startswith("- ") else ""
        wrapped = textwrap.wrap(
            line, 76 - len(pad), subsequent_indent=indent, break_on_hyphens=False
        )
        out.extend(pad + part for part in wrapped or [""])
    return [line.rstrip() for line in out]


def _value(key: str, value: Any, pad: str, out: list[str]) -> None:
    """Write `key: value` at indentation `pad`."""
    if isinstance(value, (Flow, FlowMap)) or (isinstance(value, (list, dict)) and not value):
        out.append(f"{pad}{key}: {_flow(value)}")
    elif isinstance(value, (Folded, Literal)):
        out.append(f"{pad}{key}: {'>-' if isinstance(value, Folded) else '|'}")
        out.extend(_block_text(value, pad + "  "))
    elif isinstance(value, Mapping):
        out.append(f"{pad}{key}:")
        _mapping(value, pad + "  ", out)
    elif isinstance(value, list):
        out.append(f"{pad}{key}:")
        _sequence(value, pad + "  ", out)
    else:
        out.append(f"{pad}{key}: {scalar(value)}")


def _mapping(data: Mapping[str, Any], pad: str, out: list[str]) -> None:
    for key, value in data.items():
        _value(key, value, pad, out)


def _sequence(items: list[Any], pad: str, out: list[str]) -> None:
    spaced = any(isinstance(item, Mapping) and len(item) > 4 for item in items)
    for index, item in enumerate(items):
        if spaced and index:
            out.append("")
        if isinstance(item, Mapping) and item:
            start = len(out)
            _mapping(item, pad + "  ", out)
            out[start] = pad + "- " + out[start][len(pad) + 2 :]
        elif isinstance(item, (Folded, Literal)):
            out.append(f"{pad}- {'>-' if isinstance(item, Folded) else '|'}")
            out.extend(_block_text(item, pad + "  "))
        else:
            out.append(f"{pad}- {scalar(item)}")


def dump(data: Mapping[str, Any], header: str = "") -> str:
    """A whole YAML document: an optional comment header, then the mapping."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    if out:
        out.append("")
    last = list(data)[-1] if data else None
    for key, value in data.items():
        before = len(out)
        _value(key, value, "", out)
        if len(out) - before > 1 and key != last:
            out.append("")
    return "\n".join(out) + "\n"
