"""MkDocs hooks: the reference pages of pmgov's user guide, generated from pmgov itself.

At every build, ``on_files`` adds these pages; none of them is ever committed:

- ``reference/artifacts/<kind>.md``: one page per artifact of the default policy,
  from its JSON Schema (fields, types, allowed values), the default policy (file,
  gates, rules) and the bundled example project (a short YAML example);
- ``reference/gates-and-rules.md``: every gate, rule and threshold of the default policy;
- ``reference/cli.md``: every command and option of pmgov's command line, walked
  from its click command tree, so a new command appears without editing the guide.

Every text that comes from a schema, a policy or a docstring goes through
:func:`escape` (or :func:`inline`), so a ``|``, ``<``, ``&``, ``*`` or a line break
in it cannot break a table or inject markup.
"""

from __future__ import annotations

import html
import inspect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import click
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import pmgov
from pmgov import loader
from pmgov.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, cli
from pmgov.errors import PmgovError
from pmgov.policy import Gate, Policy, load_policy
from pmgov.rules import RULES, Rule
from pmgov.schemas import BASE_URI, bundled_schema_files

ARTIFACT_DIR = "reference/artifacts"
GATES_PAGE = "reference/gates-and-rules.md"
CLI_PAGE = "reference/cli.md"
EXAMPLE = "crm-cloud-migration"
GATES_FROM_ARTIFACT = "../gates-and-rules.md"

GENERATED_NOTE = (
    "<!-- Generated at build time by docs/hooks/reference.py; do not edit, "
    "and do not commit a file at this path. -->\n\n"
)

Schemas = dict[str, dict[str, Any]]


# ---------------------------------------------------------------------------- hooks


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated reference pages to the site."""
    policy = load_policy("default", Path.cwd())
    schemas = bundled_schemas()
    pages = {
        f"{ARTIFACT_DIR}/{kind}.md": artifact_page(kind, policy, schemas)
        for kind in policy.artifacts
    }
    pages[GATES_PAGE] = gates_page(policy, schemas)
    pages[CLI_PAGE] = cli_page()
    for src_uri, content in pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} exists, but it is generated at build time: delete the file"
            )
        files.append(File.generated(config, src_uri, content=GENERATED_NOTE + content))
    return files


# ------------------------------------------------------------------------ escaping

_MARKDOWN = {
    "|": "&#124;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "#": "&#35;",
    "!": "&#33;",
    "~": "&#126;",
    "^": "&#94;",
    "{": "&#123;",
    "}": "&#125;",
}
_MARKDOWN_RE = re.compile("[" + re.escape("".join(_MARKDOWN)) + "]")


def escape(text: object) -> str:
    """Text as literal Markdown: safe in a table cell, a heading or a paragraph.

    HTML's ``&``, ``<`` and ``>`` become entities, Markdown's own characters
    (``|``, ``*``, ``_``, backticks, brackets, ...) become numeric entities, and
    line breaks become spaces, so the text renders exactly as written.
    """
    return _escape(str(text).strip())


def _escape(text: str) -> str:
    escaped = html.escape(re.sub(r"\s+", " ", text), quote=False)
    return _MARKDOWN_RE.sub(lambda m: _MARKDOWN[m.group(0)], escaped)


def code(text: object) -> str:
    """Text as inline code (safe in a table cell)."""
    return f"<code>{escape(text)}</code>"


def inline(text: object) -> str:
    """Like :func:`escape`, but a span in backticks becomes inline code."""
    parts = re.split(r"`([^`]+)`", re.sub(r"\s+", " ", str(text).strip()))
    return "".join(code(part) if index % 2 else _escape(part) for index, part in enumerate(parts))


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, a full stop at the end."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rule_anchor(rule_id: str) -> str:
    return "rule-" + slug(rule_id)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# ------------------------------------------------------------------------- schemas


def bundled_schemas() -> Schemas:
    """pmgov's bundled schemas by URI, as its default policy registers them."""
    found: Schemas = {}
    for name, text in bundled_schema_files().items():
        schema = json.loads(text)
        found[str(schema.get("$id") or BASE_URI + name)] = schema
    return found


@dataclass(frozen=True)
class Node:
    """A schema node with its ``$ref`` resolved: the referenced definition, with the
    referring node's own keywords (title, description, examples) on top."""

    schema: dict[str, Any]
    base: str
    definition: str | None  # the title of the shared definition it refers to

    def get(self, key: str, default: Any = None) -> Any:
        return self.schema.get(key, default)

    def has(self, key: str) -> bool:
        return key in self.schema


def resolve(node: dict[str, Any], base: str, schemas: Schemas) -> Node:
    merged, definition = dict(node), None
    for _ in range(10):
        ref = merged.pop("$ref", None)
        if not isinstance(ref, str):
            break
        target_uri, fragment = urldefrag(urljoin(base, ref))
        target: Any = schemas.get(target_uri)
        if target is None:
            raise PluginError(f"schema reference {ref!r} from {base} is not bundled")
        for part in [p for p in fragment.split("/") if p]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        base = target_uri
        definition = definition or target.get("title")
        merged = {**target, **merged}
    return Node(merged, base, definition)


def _child(node: Node, keyword: str, schemas: Schemas) -> Node | None:
    """The resolved subschema under `keyword` (items, additionalProperties, ...)."""
    value = node.get(keyword)
    return resolve(value, node.base, schemas) if isinstance(value, dict) else None


def _is_group(node: Node) -> bool:
    return node.get("type") == "object" and isinstance(node.get("properties"), dict)


# ------------------------------------------------------------- types, in plain words


def _plural(words: str) -> str:
    last = words.rsplit(" ", 1)[-1]
    if last in {"text", "number", "false"} or words.endswith(")"):
        return f"{words} entries"
    if last == "person":
        return words[: -len(last)] + "people"
    return words + "s"


def _lower(title: str) -> str:
    """'Risk id' -> 'risk id', but 'UAT test case id' stays."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


_CONST_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}
_SCALAR_WORDS = {"integer": "whole number", "number": "number", "boolean": "true or false"}
_FORMAT_WORDS = {"date": "date", "email": "e-mail address"}


def type_words(node: Node, link: str | None, schemas: Schemas) -> str:
    """The type of a field in plain words (already escaped); `link` leads to the
    section describing its fields, if it has some."""
    kind = node.get("type")
    if node.has("const"):
        kind = _CONST_TYPES.get(type(node.get("const")), kind)
    if kind == "array":
        return _list_words(node, link, schemas)
    if kind == "object":
        return _mapping_words(node, link, schemas)
    if kind == "string":
        return _text_words(node)
    if isinstance(kind, list):
        return " or ".join(escape(k) for k in kind)
    if kind in {"integer", "number"} and node.definition:
        return escape(_lower(node.definition))  # e.g. percentage, amount
    return _SCALAR_WORDS.get(str(kind), "any")


def _list_words(node: Node, link: str | None, schemas: Schemas) -> str:
    item = _child(node, "items", schemas)
    if item is None:
        return "list"
    if _is_group(item) and link:
        return f"list of [{escape(_lower(item.get('title', 'entries')))} entries]({link})"
    return "list of " + _plural(type_words(item, None, schemas))


def _mapping_words(node: Node, link: str | None, schemas: Schemas) -> str:
    if _is_group(node) and link:
        return f"[group of fields]({link})"
    values = _child(node, "additionalProperties", schemas)
    if values is None:
        return "mapping"
    keys = _child(node, "propertyNames", schemas)
    known = keys is not None and (keys.has("type") or keys.definition)
    key_words = type_words(keys, None, schemas) if keys is not None and known else "name"
    return f"mapping of {key_words} to {type_words(values, None, schemas)}"


def _text_words(node: Node) -> str:
    if node.get("format") in _FORMAT_WORDS:
        return _FORMAT_WORDS[node.get("format")]
    if node.has("enum"):
        return "choice"
    if node.has("pattern") and node.definition and "text" not in node.definition.lower():
        return escape(_lower(node.definition))
    return "text"


# ------------------------------------------------------------ allowed values, in words


def _hint(node: Node, keyword: str) -> str | None:
    """The schema's own hint (x-message) for `keyword`: how a person should write it."""
    message = node.get("x-message")
    if isinstance(message, dict):
        text = message.get(keyword)
        return text if isinstance(text, str) else None
    return message if isinstance(message, str) else None


def allowed_values(node: Node, schemas: Schemas) -> str:
    """What values a field accepts, in words (already escaped)."""
    parts = _value_limits(node) + _text_limits(node) + _container_limits(node, schemas)
    examples = node.get("examples")
    if isinstance(examples, list) and examples and "e.g." not in " ".join(parts):
        shown = [e for e in examples if not isinstance(e, (dict, list))][:2]
        if shown:
            parts.append("e.g. " + ", ".join(code(_number(e)) for e in shown))
        elif isinstance(examples[0], dict):
            flow = ", ".join(f"{k}: {_number(v)}" for k, v in examples[0].items())
            parts.append("e.g. " + code("{" + flow + "}"))
    return "; ".join(parts)


def _value_limits(node: Node) -> list[str]:
    parts = []
    if node.has("const"):
        parts.append("always " + code(node.get("const")))
    if isinstance(node.get("enum"), list):
        parts.append(", ".join(code(v) for v in node.get("enum")))
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{_number(low)} to {_number(high)}")
    elif low is not None:
        parts.append(f"{_number(low)} or more")
    elif high is not None:
        parts.append(f"at most {_number(high)}")
    if node.get("exclusiveMinimum") is not None:
        parts.append(f"more than {_number(node.get('exclusiveMinimum'))}")
    return parts


def _text_limits(node: Node) -> list[str]:
    parts = []
    if node.get("format") == "date":
        parts.append("written YYYY-MM-DD")
    if node.has("pattern") and "text" in (node.definition or "").lower():
        parts.append("not blank")
    elif node.has("pattern"):
        hint = _hint(node, "pattern")
        parts.append(escape(hint) if hint else "matching " + code(node.get("pattern")))
    elif node.get("minLength"):
        parts.append("not empty")
    return parts


def _container_limits(node: Node, schemas: Schemas) -> list[str]:
    parts = []
    count = node.get("minItems")
    if count:
        parts.append(f"at least {count} {'entry' if count == 1 else 'entries'}")
    item = _child(node, "items", schemas)
    if item is not None and not _is_group(item) and allowed_values(item, schemas):
        parts.append("each: " + allowed_values(item, schemas))
    values = _child(node, "additionalProperties", schemas)
    keys = _child(node, "propertyNames", schemas)
    if values is not None and keys is not None and allowed_values(keys, schemas):
        parts.append("names: " + allowed_values(keys, schemas))
    if values is not None and allowed_values(values, schemas):
        parts.append("values: " + allowed_values(values, schemas))
    return parts


# ------------------------------------------------------------------- field tables


@dataclass(frozen=True)
class Section:
    """A group of fields: the artifact itself, or an object nested in it."""

    path: str  # e.g. "risks[]" or "budget_estimate"
    anchor: str
    node: Node


def sections(root: Node, schemas: Schemas) -> list[Section]:
    """The artifact's field groups in document order: itself first, then nested ones."""
    found = [Section("", "fields", root)]

    def visit(node: Node, path: str) -> None:
        for name, raw in (node.get("properties") or {}).items():
            child = resolve(raw, node.base, schemas)
            child_path = f"{path}.{name}" if path else name
            if _is_group(child):
                found.append(Section(child_path, "fields-" + slug(child_path), child))
                visit(child, child_path)
            item = _child(child, "items", schemas) if child.get("type") == "array" else None
            if item is not None and _is_group(item):
                found.append(Section(child_path + "[]", "fields-" + slug(child_path), item))
                visit(item, child_path + "[]")

    visit(root, "")
    return found


def field_rows(section: Section, by_path: dict[str, Section], schemas: Schemas) -> list[list[str]]:
    """One table row per field of a section: name, type, required, allowed, description."""
    required = set(section.node.get("required") or [])
    rows = []
    for name, raw in (section.node.get("properties") or {}).items():
        child = resolve(raw, section.node.base, schemas)
        path = f"{section.path}.{name}" if section.path else name
        target = by_path.get(path) or by_path.get(path + "[]")
        link = f"#{target.anchor}" if target else None
        rows.append(
            [
                code(name),
                type_words(child, link, schemas),
                "**yes**" if name in required else "no",
                allowed_values(child, schemas),
                escape(child.get("description") or child.get("title") or ""),
            ]
        )
    return rows


# ----------------------------------------------------------------- example project


class _ExampleDumper(yaml.SafeDumper):
    """YAML as a person writes it for pmgov: dates unquoted, lists indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# pmgov reads 2026-03-31 as text, so the dumper need not quote date-like text
_ExampleDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flat = all(not isinstance(v, (dict, list)) for v in data)
    short = sum(len(str(v)) + 2 for v in data) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat and short)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = ">" if len(data) > 75 and "\n" not in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_ExampleDumper.add_representer(list, _represent_list)
_ExampleDumper.add_representer(str, _represent_str)


def to_yaml(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )


def _shorten(value: Any, keep: int) -> Any:
    if isinstance(value, list):
        return [_shorten(v, 3) for v in value[:keep]]
    if isinstance(value, dict):
        return {k: _shorten(v, 3) for k, v in value.items()}
    return value


def example_yaml(kind: str, policy: Policy, schema: dict[str, Any]) -> tuple[str, str] | None:
    """(YAML, where it comes from): the schema's own example, else the example project's
    file with each list cut to its first entry."""
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return to_yaml(examples[0]), "the schema's own example"
    relative = policy.artifacts[kind].file
    source = package_files("pmgov._examples").joinpath(EXAMPLE)
    for part in relative.split("/"):
        source = source.joinpath(part)
    if not source.is_file():
        return None
    data, _ = loader.load(source.read_bytes())
    if not isinstance(data, dict):
        return None
    text, block = "", False
    for key, value in data.items():
        chunk = to_yaml({key: _shorten(value, 1)})
        if isinstance(value, list) and len(value) > 1:
            more = len(value) - 1
            chunk += f"  # ... and {more} more {'entry' if more == 1 else 'entries'}\n"
        # a blank line around each list or mapping, none between plain values
        multi_line = chunk.count("\n") > 1
        if text and (multi_line or block):
            text += "\n"
        text, block = text + chunk, multi_line
    return text, f"examples/{EXAMPLE}/{relative}"


# -------------------------------------------------------------- gates and rules


def _messages(node: Any) -> Iterator[str]:
    """Every x-message in a (gate) schema, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-message" and isinstance(value, str):
                yield value
            elif key == "x-message" and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            else:
                yield from _messages(value)
    elif isinstance(node, list):
        for value in node:
            yield from _messages(value)


def gate_schema_demands(
    policy: Policy, schemas: Schemas, gate: Gate, kind: str | None = None
) -> list[str]:
    """What a gate's schemas demand (of one artifact kind), in the words pmgov uses
    for the finding when the demand is not met."""
    texts: list[str] = []
    for uri in gate.schemas:
        schema: Any = schemas.get(uri) or policy.schemas.get(uri)
        if kind is not None:
            schema = (schema.get("properties") or {}).get(kind)
        texts += _messages(schema)
    return list(dict.fromkeys(" ".join(t.split()) for t in texts))


def rule_kind(rule_id: str, policy: Policy) -> str | None:
    """The artifact a rule is about (its id's prefix), or None for rules on every artifact."""
    prefix = rule_id.split(".", 1)[0]
    return prefix if prefix in policy.artifacts else None


def rule_thresholds(rule: Rule, policy: Policy) -> list[str]:
    """The thresholds a rule's code reads."""
    try:
        source = inspect.getsource(rule.check)
    except (OSError, TypeError):
        return []
    return [name for name in policy.thresholds if f'"{name}"' in source]


def _running(policy: Policy) -> dict[str, tuple[str, str]]:
    """Rule id -> (first gate, severity) for the rules the policy runs."""
    return {r: s for r, s in policy.rule_settings().items() if s[1] != "off"}


def _gate_link(gate_id: str, page: str = "") -> str:
    """A link to a gate's section of the gates page (`page`: its relative path)."""
    return f"[{escape(gate_id)}]({page}#gate-{gate_id})"


def _rule_link(rule_id: str, page: str = "") -> str:
    """A link to a rule's section of the gates page (`page`: its relative path)."""
    return f"[{code(rule_id)}]({page}#{rule_anchor(rule_id)})"


def _artifact_link(kind: str) -> str:
    """A link from the gates page to an artifact's page."""
    return f"[{escape(kind)}](artifacts/{kind}.md)"


# ----------------------------------------------------------------- artifact pages


def artifact_page(kind: str, policy: Policy, schemas: Schemas) -> str:
    artifact = policy.artifacts[kind]
    schema = schemas.get(artifact.schema) or policy.schemas.get(artifact.schema)
    title = re.sub(r"\s*\([^)]*\)\s*$", "", str(schema.get("title") or kind))
    required_at = next((g.id for g in policy.gates if kind in g.requires), None)
    when = (
        f"from the {_gate_link(required_at, GATES_FROM_ARTIFACT)} gate on"
        if required_at
        else "by no gate of the default policy"
    )
    out = [
        f"# {escape(title)}\n",
        f"{escape(schema.get('description', ''))}\n",
        f"- **File:** {code(artifact.file)}\n"
        f"- **Required:** {when}\n"
        f"- **Schema:** {code(artifact.schema.removeprefix(BASE_URI))}; "
        f"{code('pmgov schema ' + kind)} prints it\n",
    ]
    example = example_yaml(kind, policy, schema)
    if example:
        out += ["## Example\n", f"From {code(example[1])}:\n", f"```yaml\n{example[0]}```\n"]
    out += _demands_section(kind, required_at, policy, schemas)
    out += _fields_section(resolve(schema, artifact.schema, schemas), schemas)
    return "\n".join(out)


def _demands_section(
    kind: str, required_at: str | None, policy: Policy, schemas: Schemas
) -> list[str]:
    running = _running(policy)
    rows = []
    for gate in policy.gates:
        link = _gate_link(gate.id, GATES_FROM_ARTIFACT)
        if gate.id == required_at:
            rows.append([link, "The file exists.", code("artifact.missing")])
        for demand in gate_schema_demands(policy, schemas, gate, kind):
            rows.append([link, escape(sentence(demand)), code(f"gate.{gate.id}")])
        for rule_id in sorted(RULES):
            first, severity = running.get(rule_id, ("", ""))
            if first == gate.id and rule_kind(rule_id, policy) == kind:
                note = "" if severity == "error" else f" ({escape(severity)})"
                summary = escape(sentence(RULES[rule_id].summary)) + note
                rows.append([link, summary, _rule_link(rule_id, GATES_FROM_ARTIFACT)])
    out = [
        "## What the gates demand\n",
        "Gates are cumulative: what a gate demands still holds at every later gate. "
        f"The [gate and rule reference]({GATES_FROM_ARTIFACT}) has the whole policy.\n",
    ]
    if rows:
        out.append(table(["gate", "demand", "checked by"], rows))
    every = [r for r in sorted(running) if rule_kind(r, policy) is None]
    if every:
        links = ", ".join(_rule_link(r, GATES_FROM_ARTIFACT) for r in every)
        out.append(f"Like every artifact, it is also checked by {links}.\n")
    return out


def _fields_section(root: Node, schemas: Schemas) -> list[str]:
    groups = sections(root, schemas)
    by_path = {group.path: group for group in groups}
    out = ["## Fields { #fields }\n"]
    if root.get("additionalProperties") is False:
        out.append("A field not listed here is an error; a misspelt one gets “did you mean?”.\n")
    for group in groups:
        if group.path:
            title = group.node.get("title") or group.path
            out.append(f"### {escape(title)}: {code(group.path)} {{ #{group.anchor} }}\n")
            if group.node.get("description"):
                out.append(f"{escape(group.node.get('description'))}\n")
        rows = field_rows(group, by_path, schemas)
        if rows:
            out.append(table(["field", "type", "required", "allowed values", "description"], rows))
    return out


# --------------------------------------------------------------------- gates page


def _policy_text() -> tuple[str, dict[str, str]]:
    """The default policy's description, and the comment after each threshold."""
    raw = package_files("pmgov.policies").joinpath("default.yaml").read_bytes()
    data, _ = loader.load(raw)
    description = str(data.get("description", "")) if isinstance(data, dict) else ""
    comments: dict[str, str] = {}
    for line in raw.decode("utf-8").splitlines():
        match = re.match(r"^\s+([a-z_]+):\s*[-0-9.]+\s*#\s*(.+)$", line)
        if match:
            comments[match.group(1)] = match.group(2).strip()
    return description, comments


def gates_page(policy: Policy, schemas: Schemas) -> str:
    description, comments = _policy_text()
    running = _running(policy)
    out = [
        "# Gate and rule reference\n",
        f"What each gate of the **{escape(policy.name)}** policy demands. {escape(description)}\n",
        "This page is generated from the policy itself; `pmgov rules` prints the same "
        "rules for any policy. A PMO changes all of it without touching pmgov: see "
        "[Writing a PMO policy](../policy.md).\n",
        "## The gates at a glance\n",
    ]
    rows = [
        [
            f"[{escape(gate.id)}](#gate-{gate.id})",
            escape(gate.title),
            ", ".join(_artifact_link(k) for k in gate.requires) or "-",
            str(sum(1 for first, _ in running.values() if first == gate.id)),
        ]
        for gate in policy.gates
    ]
    out.append(table(["gate", "title", "first requires", "rules starting here"], rows))
    for gate in policy.gates:
        out += _gate_section(gate, policy, schemas)
    out.append("## Rules\n")
    out.append(
        "Every rule pmgov has, A to Z. A rule runs from the first gate that names it and at "
        "every later gate; a finding counts towards the later of that gate and the gate that "
        "first requires the artifact it is in.\n"
    )
    for rule_id in sorted(RULES):
        out += _rule_section(RULES[rule_id], policy)
    out += _thresholds_section(policy, comments)
    return "\n".join(out)


def _gate_section(gate: Gate, policy: Policy, schemas: Schemas) -> list[str]:
    out = [f"## {escape(gate.title)} {{ #gate-{gate.id} }}\n"]
    if gate.requires:
        listed = ", ".join(_artifact_link(k) for k in gate.requires)
        out.append(f"**Requires:** {listed} (finding {code('artifact.missing')}).\n")
    else:
        out.append("**Requires:** no artifact beyond those of the earlier gates.\n")
    for uri in gate.schemas:
        schema = schemas.get(uri) or policy.schemas.get(uri)
        out.append(
            f"**Gate schema** {code(uri.removeprefix(BASE_URI))} "
            f"(finding {code('gate.' + gate.id)}): {escape(schema.get('description', ''))}\n"
        )
    demands = gate_schema_demands(policy, schemas, gate)
    if demands:
        out.append("\n".join(f"- {escape(sentence(d))}" for d in demands) + "\n")
    if not gate.rules:
        out.append(f"The {escape(gate.id)} gate names no rules of its own.\n")
        return out
    settings = policy.rule_settings()
    rows = []
    for rule_id, severity in gate.rules.items():
        first = settings[rule_id][0]
        note = "" if first == gate.id else f" (runs from {escape(first)})"
        rows.append([_rule_link(rule_id), escape(severity) + note, escape(RULES[rule_id].summary)])
    out.append(f"**Rules** the {escape(gate.id)} gate names:\n")
    out.append(table(["rule", "severity", "what it checks"], rows))
    return out


def _rule_section(rule: Rule, policy: Policy) -> list[str]:
    first, severity = policy.rule_settings().get(rule.id, ("", "off"))
    kind = rule_kind(rule.id, policy)
    if severity == "off":
        runs = f"severity {code('off')}: the default policy does not run it"
    else:
        runs = f"severity {code(severity)}, from the {_gate_link(first)} gate"
    facts = [
        runs,
        "looks at " + (f"the {_artifact_link(kind)} artifact" if kind else "every artifact"),
    ]
    used = rule_thresholds(rule, policy)
    if used:
        facts.append("thresholds " + ", ".join(f"[{code(t)}](#thresholds)" for t in used))
    out = [
        f"### {code(rule.id)} {{ #{rule_anchor(rule.id)} }}\n",
        f"**{escape(sentence(rule.summary))}** {escape(rule.rationale)}\n",
        "".join(f"- {fact}\n" for fact in facts),
    ]
    doc = inspect.getdoc(rule.check)
    if doc:
        out.append(inline(doc) + "\n")
    return out


def _thresholds_section(policy: Policy, comments: dict[str, str]) -> list[str]:
    rows = []
    for name, value in policy.thresholds.items():
        users = [r for r in sorted(RULES) if name in rule_thresholds(RULES[r], policy)]
        rows.append(
            [
                code(name),
                escape(_number(value)),
                ", ".join(_rule_link(r) for r in users) or "-",
                escape(comments.get(name, "")),
            ]
        )
    return [
        "## Thresholds { #thresholds }\n",
        "Numbers the rules use. A PMO policy sets them under `thresholds:`, a project under "
        "`overrides: thresholds:` in `pmgov.yaml`.\n",
        table(["threshold", "default", "used by", "meaning"], rows),
    ]


# ----------------------------------------------------------------------- CLI page


def _commands(
    command: click.Command, ctx: click.Context
) -> Iterator[tuple[click.Command, click.Context]]:
    """Every visible command of the tree, each with its context, depth first."""
    yield command, ctx
    for name, sub in _subcommands(command, ctx):
        yield from _commands(
            sub, click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
        )


def _subcommands(command: click.Command, ctx: click.Context) -> list[tuple[str, click.Command]]:
    if not isinstance(command, click.Group):
        return []
    found = []
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            found.append((name, sub))
    return found


def _help_paragraphs(text: str) -> list[str]:
    """A click help text as Markdown paragraphs (click's \\b keeps a block's lines)."""
    text = inspect.cleandoc(text).split("\f", 1)[0]
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        if block.startswith("\b"):
            lines = block[1:].strip("\n").splitlines()
            paragraphs.append("<br>\n".join(inline(line) for line in lines))
        else:
            paragraphs.append(inline(block))
    return paragraphs


_UNSET = getattr(click.core, "UNSET", None)  # click >= 8.3 marks "no default" so


def _default(param: click.Parameter, ctx: click.Context) -> str:
    value = param.get_default(ctx, call=False)
    if value is None or value is _UNSET or value is False or value == () or callable(value):
        return ""
    if isinstance(param, click.Option) and param.is_flag:
        return ""
    return code(value)


def _value(option: click.Option, ctx: click.Context) -> str:
    """The option's value as --help shows it, with its range if it has one."""
    if option.is_flag:
        return ""
    if isinstance(option.type, click.Choice):
        return "one of " + ", ".join(code(choice) for choice in option.type.choices)
    extra = getattr(option, "get_help_extra", None)  # click >= 8.2
    bounds = extra(ctx).get("range") if extra is not None else None
    return code(option.make_metavar(ctx)) + (f" ({escape(bounds)})" if bounds else "")


def command_section(command: click.Command, ctx: click.Context) -> str:
    path = ctx.command_path
    heading = "#" * min(2 + max(path.count(" ") - 1, 0), 4)
    out = [f"{heading} {code(path)} {{ #{slug(path)} }}\n"]
    if command.deprecated:
        out.append("**Deprecated.**\n")
    out += [p + "\n" for p in _help_paragraphs(command.help or "")]
    usage = command.get_usage(ctx).removeprefix("Usage:").strip()
    out.append(f"```text\n{usage}\n```\n")
    params = command.get_params(ctx)
    arguments = [p for p in params if isinstance(p, click.Argument)]
    if arguments:
        rows = []
        for arg in arguments:
            many = arg.nargs == -1 or arg.nargs > 1
            rows.append(
                [
                    code(arg.make_metavar(ctx)),
                    "yes" if arg.required else "no",
                    "any number" if arg.nargs == -1 else str(arg.nargs),
                    "" if many else _default(arg, ctx),
                ]
            )
        out.append(table(["argument", "required", "how many", "default"], rows))
    options = [p for p in params if isinstance(p, click.Option) and not p.hidden]
    if options:
        rows = [
            [
                ", ".join(code(n) for n in [*option.opts, *option.secondary_opts]),
                _value(option, ctx),
                _default(option, ctx),
                inline(option.help or ""),
            ]
            for option in options
        ]
        out.append(table(["option", "value", "default", "what it does"], rows))
    subs = _subcommands(command, ctx)
    if subs:
        rows = [
            [
                f"[{code(f'{path} {name}')}](#{slug(f'{path} {name}')})",
                inline(sub.get_short_help_str(limit=200)),
            ]
            for name, sub in subs
        ]
        out.append(table(["command", "what it does"], rows))
    return "\n".join(out)


def cli_page() -> str:
    root_ctx = click.Context(cli, info_name="pmgov", **cli.context_settings)
    out = [
        "# Command reference\n",
        f"Every command and option of pmgov {escape(pmgov.__version__)}, generated from the "
        "command line itself: it is what `pmgov COMMAND --help` prints. "
        "[The command line](../cli.md) explains the commands with examples, the "
        "environment variables and the report formats.\n",
    ]
    out += [command_section(command, ctx) for command, ctx in _commands(cli, root_ctx)]
    codes = [
        ["0", "the command did its job; for `check` and `lint`: nothing blocks"],
        ["1", "`check`: the gate does not pass; `lint`: a file does not load or fit its schema"],
        [
            str(PmgovError.exit_code),
            "pmgov could not run: a bad argument or option, a folder without `pmgov.yaml`, "
            "a broken policy or schema, a file it cannot write",
        ],
        [
            str(EXIT_INTERNAL),
            "internal error, a bug in pmgov: run again with `PMGOV_DEBUG=1` and report the output",
        ],
        [str(EXIT_INTERRUPTED), "interrupted (Ctrl-C)"],
    ]
    out += ["## Exit codes { #exit-codes }\n", table(["code", "meaning"], codes)]
    return "\n".join(out)
