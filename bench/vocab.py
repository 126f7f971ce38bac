"""Word pools for the synthetic portfolio, loaded from words.yaml beside this file.

Templates use ``{key}`` fill-ins that :class:`Fill` resolves at random per lookup;
a capitalised key (``{Obj}``) gives the same kind of word with a capital letter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_W: Any = yaml.safe_load((Path(__file__).parent / "words.yaml").read_text(encoding="utf-8"))


def _rows(key: str) -> tuple[Any, ...]:
    return tuple(tuple(row) for row in _W[key])


def _words(key: str) -> tuple[str, ...]:
    return tuple(_W[key])


@dataclass(frozen=True)
class Theme:
    """The words that make one project type sound like itself."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    platforms: tuple[str, ...]
    legacies: tuple[str, ...]
    objects: tuple[str, ...]
    systems: tuple[str, ...]
    audiences: tuple[tuple[str, str], ...]
    roles: tuple[str, ...]
    trial: str


def _theme(words: dict[str, Any]) -> Theme:
    fields: dict[str, Any] = {
        k: v if isinstance(v, str) else tuple(tuple(x) if isinstance(x, list) else x for x in v)
        for k, v in words.items()
    }
    return Theme(**fields)


THEMES = {kind: _theme(words) for kind, words in _W["themes"].items()}
FIRST, LAST, TEAMS, MONTHS = _words("first"), _words("last"), _words("teams"), _words("months")
REGULATIONS, CURRENCIES, CHANNELS = _words("regulations"), _words("currencies"), _words("channels")
ROLES_IN_TEXT, SPRINT_THEMES, CRITERIA = (
    _words("roles_in_text"),
    _words("sprint_themes"),
    _words("criteria"),
)
MITIGATIONS, CONTINGENCIES, CHANGES = (
    _words("mitigations"),
    _words("contingencies"),
    _words("changes"),
)
ENTRY, IN_SCOPE, OUT_OF_SCOPE = _words("entry"), _words("in_scope"), _words("out_of_scope")
SUCCESS, ASSUMPTIONS, CONSTRAINTS = _words("success"), _words("assumptions"), _words("constraints")
CASE_TITLES, STEPS, EXPECTED = _words("case_titles"), _words("steps"), _words("expected")
EXIT_NOTES, DEFECTS, SESSIONS, DOCS = (
    _words("exit_notes"),
    _words("defects"),
    _words("sessions"),
    _words("docs"),
)
ORGS: tuple[tuple[str, str], ...] = _rows("orgs")
# (title, RACI code, influence, interest, attitude, engagement)
PEOPLE: tuple[tuple[str, str, int, int, str, str], ...] = _rows("people")
ROLE_NAMES: dict[str, str] = dict(_W["role_names"])
# RACI activities: (name, phase, accountable role, responsible roles)
ACTIVITIES: tuple[tuple[str, str, str, str], ...] = _rows("activities")
# Milestones: (name, fraction of the project's duration); tasks leading to each milestone
MILESTONES: tuple[tuple[str, float], ...] = _rows("milestones")
TASKS: tuple[tuple[str, ...], ...] = _rows("tasks")
REQUIREMENTS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _W["requirements"].items()}
# Risks by category: (title, cause, event, effect)
RISKS: dict[str, tuple[str, str, str, str]] = {k: tuple(v) for k, v in _W["risks"].items()}
# Lessons: (title, type, category, what happened, impact, recommendation)
LESSONS: tuple[tuple[str, str, str, str, str, str], ...] = _rows("lessons")
# Objectives: (statement, KPI, baseline, target)
OBJECTIVES: tuple[tuple[str, str, str, str], ...] = _rows("objectives")
# Deliverables: (name, description, index of the milestone it belongs to)
DELIVERABLES: tuple[tuple[str, str, int], ...] = _rows("deliverables")
# Work packages: (name, start fraction, end fraction)
WORK_PACKAGES: tuple[tuple[str, float, float], ...] = _rows("work_packages")
# Communication plan: (purpose, channel, frequency, owner code, audience codes)
COMMS: tuple[tuple[str, str, str, str, str], ...] = _rows("comms")
FORMATS: dict[str, str] = dict(_W["formats"])
PURPOSE: str = _W["purpose"]
BUSINESS_CASE: str = _W["business_case"]


def plural(noun: str) -> str:
    """English plural of a noun phrase's last word: policy -> policies, switch -> switches."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


class Fill(dict[str, str]):
    """A mapping for ``str.format_map`` that picks a word per key, kept until :meth:`fresh`."""

    def __init__(self, rng: random.Random, theme: Theme, fixed: dict[str, str]) -> None:
        super().__init__()
        self.rng, self.theme, self.fixed = rng, theme, fixed
        self.memo: dict[str, str] = {}

    def fresh(self) -> Fill:
        """Forget the words picked so far: the next lookups pick anew."""
        self.memo.clear()
        return self

    def __missing__(self, key: str) -> str:
        low = key.lower()
        if low == "objs":
            word = plural(self["obj"])
        elif low == "a_role":
            word = ("an " if self["role"][0] in "aeiou" else "a ") + self["role"]
        else:
            word = self.memo[low] = self.memo.get(low) or self._word(low)
        return word[0].upper() + word[1:] if key[0].isupper() else word

    def _word(self, key: str) -> str:
        if key in self.fixed:
            return self.fixed[key]
        r, t = self.rng, self.theme
        pools = {
            "obj": t.objects,
            "system": t.systems,
            "team": TEAMS,
            "reg": REGULATIONS,
            "month": MONTHS,
            "channel": CHANNELS,
            "role": ROLES_IN_TEXT,
        }
        if key in pools:
            return r.choice(pools[key])
        numbers = {"n": (2, 9), "nn": (12, 95), "pct": (3, 18), "avail": (98, 99)}
        low, high = numbers[key]
        return str(r.randint(low, high))
