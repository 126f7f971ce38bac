"""Safe YAML loading: positions, limits, and no surprises.

Every artifact is parsed by libyaml (PyYAML's C parser) into a node tree, then
turned into plain data by pmgov itself, so that:

- duplicate keys, anchors, aliases and explicit tags are refused, not resolved;
- scalars follow a small JSON-compatible schema: ``true``/``false``, ``null``,
  plain decimal numbers; everything else (``yes``, ``NO``, ``on``, ``010``,
  ``1e3``, ``2024-03-01``, ``.inf``) stays the text that was written;
- mapping keys are always the text written, so ``1`` and ``true`` never collide;
- size and nesting are capped before libyaml's recursive composer can be hurt.

A problem is raised as :class:`LoadError` carrying a rule id, a message, a hint
and the line and column; the caller turns it into a finding.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
# Nesting depth can never exceed the number of indicator characters in the
# text; below this bound libyaml's recursive composer is safe to call.
_COMPOSE_SAFE_INDICATORS = 10_000

# Plain decimals only: exponents (1e3) stay text, as PyYAML writes such strings unquoted.
_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(\.[0-9]+)?")
_MAX_NUMBER_CHARS = 16
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# Anchors (&), aliases (*) and tags (!) may only start a node: after the start
# of a line, white space or a flow or block indicator. Text that never matches
# holds none of them; a match is confirmed by a precise scan of parse events.
_MAYBE_NODE_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:?-])[&*!]", re.MULTILINE)

_PLAIN = "pmgov:plain"
_QUOTED = "pmgov:text"
_SEQ = "pmgov:seq"
_MAP = "pmgov:map"

_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "text that contains ': ' needs quotes, e.g. title: \"Phase 2: rollout\"",
    ),
    (
        "could not find expected ':'",
        "a key is missing its colon, or text runs over several lines without quotes",
    ),
    (
        "did not find expected key",
        "check the indentation: entries of one list or mapping must start in the same column",
    ),
    (
        "did not find expected '-'",
        "check the indentation: items of one list must start in the same column",
    ),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape; use single quotes or write \\\\",
    ),
)


class LoadError(Exception):
    """A file could not be loaded safely; becomes one finding."""

    def __init__(
        self,
        rule: str,
        message: str,
        hint: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column


class _Composer(CParser):
    """libyaml's parser and composer with a resolver that only records style."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """Path-based resolution is not used."""

    def ascend_resolver(self) -> None:
        """Path-based resolution is not used."""


def decode(raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes to text: UTF-8 (a BOM is fine), within the size cap."""
    if len(raw) > max_bytes:
        raise LoadError(
            "yaml.too-large",
            f"the file is {len(raw):,} bytes, more than the {max_bytes:,} pmgov reads",
            "split the artifact or remove pasted binary content",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            "yaml.encoding",
            "the file is saved as UTF-16",
            "save it as UTF-8 (your editor's 'Save with encoding' option)",
            1,
            1,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "yaml.encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8; text pasted from a spreadsheet or an old "
            "editor is often Windows-1252",
            line,
            column,
        ) from None


def load(raw: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> tuple[Any, Any]:
    """Parse one YAML document; return its data and its root node (None if empty)."""
    text = decode(raw, max_bytes)
    if ("&" in text or "*" in text or "!" in text) and _MAYBE_NODE_PROPERTY.search(text):
        _refuse_node_properties(text)
    indicators = sum(text.count(c) for c in "[{-?:")
    if indicators > _COMPOSE_SAFE_INDICATORS:
        _check_depth_by_events(text, max_depth)
    # Node trees and the data built from them hold no reference cycles, yet their
    # many allocations keep triggering the cyclic collector: pause it meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = _compose(text)
        data = None if node is None else _Builder(max_depth).build(node, 0)
    finally:
        if collecting:
            gc.enable()
    return data, node


def _compose(text: str) -> Node | None:
    parser = _Composer(text)
    try:
        node: Node | None = parser.get_single_node()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text) from None
    finally:
        parser.dispose()
    return node


def _syntax_error(exc: yaml.YAMLError, text: str) -> LoadError:
    if isinstance(exc, yaml.reader.ReaderError):
        return LoadError(
            "yaml.syntax",
            f"the file contains a control character YAML does not allow (code {exc.character})",
            "remove the character; it was probably pasted from another program",
            *_line_column(text, exc.position),
        )
    mark = getattr(exc, "problem_mark", None)
    line: int | None = None
    column: int | None = None
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    if "expected a single document" in str(exc):
        return LoadError(
            "yaml.multi-document",
            "the file holds more than one YAML document ('---' separator)",
            "keep one document per artifact file; remove the second '---'",
            line,
            column,
        )
    problem = str(getattr(exc, "problem", None) or exc)
    hint = next(
        (h for key, h in _SYNTAX_HINTS if key in problem), "fix the YAML syntax at this position"
    )
    lines = text.splitlines()
    if line is not None and line <= len(lines) and "\t" in lines[line - 1][: column or None]:
        hint = "indent with spaces, not tabs"
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return LoadError("yaml.syntax", message, hint, line, column)


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _refuse_node_properties(text: str) -> None:
    """Scan parse events; refuse the first anchor, alias or explicit tag."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark: Any = event.start_mark
            where = (mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                raise LoadError(
                    "yaml.alias",
                    f"alias '*{event.anchor}' repeats content defined elsewhere",
                    "write the content out in full; pmgov does not expand aliases "
                    "(a few bytes of aliases can expand to gigabytes)",
                    *where,
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise LoadError(
                    "yaml.anchor",
                    f"anchor '&{anchor}' is not allowed in a pmgov artifact",
                    "remove the anchor and write repeated content out in full",
                    *where,
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                raise LoadError(
                    "yaml.tag",
                    f"explicit tag '{tag}' is not allowed in a pmgov artifact",
                    "remove the tag; quote the value if it must stay text",
                    *where,
                )
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text) from None


def _check_depth_by_events(text: str, max_depth: int) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    mark: Any = event.start_mark
                    raise _too_deep(max_depth, mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text) from None


def _too_deep(max_depth: int, line: int, column: int) -> LoadError:
    return LoadError(
        "yaml.too-deep",
        f"lists and mappings are nested more than {max_depth} levels deep",
        "flatten the structure; no pmgov artifact needs this much nesting",
        line,
        column,
    )


class _Builder:
    """Turns a composed node tree into plain data, refusing what YAML hides."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth

    def build(self, node: Node, depth: int) -> Any:
        if depth > self.max_depth:
            mark = node.start_mark
            raise _too_deep(self.max_depth, mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, _SEQ)
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            self._check_tag(node, _MAP)
            return self._mapping(node, depth)
        raise _node_error(node, "yaml.syntax", "unexpected YAML node", "")  # pragma: no cover

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _node_error(
                    key_node,
                    "yaml.key",
                    "a mapping key is a list or a mapping",
                    "use plain text keys such as 'owner:'",
                )
            self._check_tag(key_node, _PLAIN, _QUOTED)
            result[key_node.value] = self.build(value_node, depth + 1)
        if len(result) != len(node.value):
            _raise_duplicate(node)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        self._check_tag(node, _PLAIN, _QUOTED)
        value: str = node.value
        if node.tag == _QUOTED:
            return value
        return resolve_plain(value)

    @staticmethod
    def _check_tag(node: Node, *allowed: str) -> None:
        if node.tag not in allowed:
            raise _node_error(
                node,
                "yaml.tag",
                f"explicit tag '{node.tag}' is not allowed in a pmgov artifact",
                "remove the tag; quote the value if it must stay text",
            )


def resolve_plain(value: str) -> Any:
    """The value of an unquoted scalar: null, true/false, a decimal number, or text."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value and (value[0].isdigit() or value[0] in "-+"):
        match = _NUMBER.fullmatch(value)
        # more digits than a float holds exactly is a code or an accident, not a number
        if match and len(value) <= _MAX_NUMBER_CHARS:
            if match.group(1) is None:
                return int(value)
            return float(value)
    return value


def _raise_duplicate(node: MappingNode) -> None:
    first: dict[str, int] = {}
    for key_node, _ in node.value:
        line = key_node.start_mark.line + 1
        if key_node.value in first:
            raise _node_error(
                key_node,
                "yaml.duplicate-key",
                f"key '{key_node.value}' appears twice, on lines {first[key_node.value]} "
                f"and {line}; YAML would silently keep only the last one",
                "merge the two entries or rename one of them",
            )
        first[key_node.value] = line


def _node_error(node: Node, rule: str, message: str, hint: str) -> LoadError:
    mark = node.start_mark
    return LoadError(rule, message, hint, mark.line + 1, mark.column + 1)
