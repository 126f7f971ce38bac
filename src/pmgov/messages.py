"""Schema errors in a project manager's words.

A python-jsonschema error knows the path into the document, the failing keyword
and the schema fragment. From these this module writes a sentence that names the
item ("risk R-007"), the field and the value, and a hint: the schema author's
own ``x-message`` for that keyword when there is one, or pmgov's default.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

NOUNS = {
    "activities": "activity",
    "approvals": "approval",
    "audiences": "audience",
    "changes": "change request",
    "communication_plan": "communication",
    "defects": "defect",
    "deliverables": "deliverable",
    "documentation": "document",
    "history": "earned-value snapshot",
    "lessons": "lesson",
    "milestones": "milestone",
    "objectives": "objective",
    "requirements": "requirement",
    "risks": "risk",
    "roles": "role",
    "sessions": "training session",
    "sprints": "sprint",
    "stakeholders": "stakeholder",
    "tasks": "task",
    "test_cases": "test case",
    "work_packages": "work package",
}

ARTIFACT_NAMES = {
    "manifest": "the project manifest",
    "charter": "the charter",
    "scope": "the scope",
    "stakeholders": "the stakeholder register",
    "raci": "the RACI matrix",
    "risks": "the risk log",
    "schedule": "the schedule",
    "budget": "the budget",
    "changes": "the change log",
    "uat": "the UAT plan",
    "training": "the training plan",
    "lessons": "the lessons log",
}

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a set of fields",
    "boolean": "true or false",
    "null": "empty",
}


@dataclass(frozen=True)
class Explained:
    """A schema error rewritten for people."""

    pointer: str
    message: str
    hint: str
    at_key: bool = False


def pointer_of(path: list[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def subject(kind: str, data: Any, path: list[Any]) -> tuple[str, list[Any]]:
    """Who the error is about ("risk R-007") and the remaining path to the field."""
    label = ARTIFACT_NAMES.get(kind, f"the {kind} artifact")
    rest: list[Any] = list(path)
    node = data
    for index, step in enumerate(path):
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            item = node[step]
            parent = path[index - 1] if index else kind
            noun = NOUNS.get(str(parent), str(parent).replace("_", " ").rstrip("s"))
            ident = item.get("id") if isinstance(item, dict) else None
            label = (
                f"{noun} {ident}" if isinstance(ident, str) and ident else (f"{noun} #{step + 1}")
            )
            rest = list(path[index + 1 :])
            node = item
        elif isinstance(node, dict) and step in node:
            node = node[step]
        else:
            break
    return label, rest


def field_words(rest: list[Any]) -> str:
    words = [str(p).replace("_", " ") if isinstance(p, str) else f"item {p + 1}" for p in rest]
    return " ".join(words)


def shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a set of fields"
    return str(value)


def custom_message(schema: Any, keyword: str) -> str | None:
    """The schema author's ``x-message`` for `keyword`, if any."""
    if not isinstance(schema, dict):
        return None
    custom = schema.get("x-message")
    if isinstance(custom, str):
        return custom
    if isinstance(custom, dict):
        text = custom.get(keyword) or custom.get("default")
        if isinstance(text, str):
            return text
    return None


def explain(error: Any, kind: str, data: Any, path_offset: int = 0) -> list[Explained]:
    """Rewrite one python-jsonschema error; `path_offset` skips leading path steps."""
    if error.validator in {"anyOf", "oneOf"} and error.context:
        from jsonschema.exceptions import best_match

        inner = best_match(error.context)
        if custom_message(error.schema, error.validator) is None:
            return explain(inner, kind, data, path_offset)
    path = list(error.absolute_path)[path_offset:]
    who, rest = subject(kind, data, path)
    where = field_words(rest)
    keyword = str(error.validator)
    hint = custom_message(error.schema, keyword)
    pointer = pointer_of(path)
    if keyword == "additionalProperties":
        return _unknown_fields(error, who, pointer, hint)
    message, default_hint = _describe(error, keyword, who, where)
    return [Explained(pointer, message, _fill(hint, who, where, error.instance) or default_hint)]


def _fill(hint: str | None, who: str, where: str, value: Any) -> str | None:
    if hint is None:
        return None
    return hint.replace("{subject}", who).replace("{field}", where).replace("{value}", shown(value))


def _describe(error: Any, keyword: str, who: str, where: str) -> tuple[str, str]:
    spec = error.validator_value
    has = (
        f"{who} has {where} {shown(error.instance)}"
        if where
        else f"{who} is {shown(error.instance)}"
    )
    if keyword == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        missing = match.group(1) if match else "a required field"
        inside = f"{who}'s {where}" if where else who
        return (f"{inside} has no {missing.replace('_', ' ')}", f"add '{missing}:' with a value")
    if keyword == "type":
        wanted = spec if isinstance(spec, list) else [spec]
        words = " or ".join(_TYPE_WORDS.get(str(w), str(w)) for w in wanted)
        return f"{has}, which is not {words}", f"write {words}"
    if keyword in {"minItems", "minLength", "minProperties"}:
        return f"{who}: {where or 'it'} is empty or too short", f"give at least {spec}"
    if keyword == "maxItems":
        return f"{who}: {where or 'the list'} has too many entries", f"keep at most {spec}"
    if keyword == "uniqueItems":
        return f"{who}: {where or 'the list'} repeats an entry", "list each entry once"
    return _describe_value(keyword, spec, has) or (
        f"{who}: {where + ': ' if where else ''}{error.message}",
        "",
    )


def _describe_value(keyword: str, spec: Any, has: str) -> tuple[str, str] | None:
    """Messages for keywords that judge a single value."""
    if keyword == "not":
        return has, ""
    if keyword in {"enum", "const"}:
        allowed = spec if isinstance(spec, list) else [spec]
        return has, "use one of: " + ", ".join(shown(a).strip("'") for a in allowed)
    bounds = {
        "minimum": "of at least",
        "exclusiveMinimum": "above",
        "maximum": "of at most",
        "exclusiveMaximum": "below",
    }
    if keyword in bounds:
        return has, f"use a value {bounds[keyword]} {spec}"
    if keyword == "pattern":
        return f"{has}, which is not in the expected form", f"write it to match {spec}"
    if keyword == "format" and spec == "date":
        return f"{has}, which is not a valid date", "write the date as YYYY-MM-DD"
    if keyword == "format":
        return f"{has}, which is not a valid {spec}", f"write a valid {spec}"
    return None


def _unknown_fields(error: Any, who: str, pointer: str, hint: str | None) -> list[Explained]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    known = list((error.schema.get("properties") or {}).keys())
    patterns = list((error.schema.get("patternProperties") or {}).keys())
    extra = [
        key for key in instance if key not in known and not any(re.search(p, key) for p in patterns)
    ]
    found: list[Explained] = []
    for key in extra:
        close = difflib.get_close_matches(key, known, n=1)
        if close:
            advice = f"did you mean '{close[0]}'?"
        else:
            advice = hint or "remove it or check its spelling; known fields: " + ", ".join(known)
        found.append(
            Explained(
                f"{pointer}/{key}", f"{who} has an unknown field '{key}'", advice, at_key=True
            )
        )
    return found
