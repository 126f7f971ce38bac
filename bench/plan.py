"""The shared model of a generated project: its timeline, its people and its documents."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import vocab as vc

AS_OF = dt.date(2026, 11, 22)
PHASES = ("initiation", "planning", "execution", "monitoring", "closure")
PHASE_WEIGHTS = (8, 17, 40, 20, 15)
AS_OF_AT = {
    "initiation": (0.02, 0.05),
    "planning": (0.17, 0.21),
    "execution": (0.75, 0.79),
    "monitoring": (0.92, 0.95),
    "closure": (1.01, 1.08),
}
GATE_MILESTONE = {"initiation": 0, "planning": 2, "execution": 6, "monitoring": 9}
KINDS = (
    "charter",
    "scope",
    "stakeholders",
    "raci",
    "risks",
    "schedule",
    "budget",
    "changes",
    "uat",
    "training",
    "lessons",
)
Doc = dict[str, Any]


@dataclass
class Project:
    """One generated project: its plan facts and the documents, by artifact kind."""

    rng: random.Random
    kind: str
    phase: str
    start: dt.date
    days: int
    fill: vc.Fill
    docs: dict[str, Doc] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # RACI code -> stakeholder id
    users: list[str] = field(default_factory=list)  # business people: testers, sources
    due: list[dt.date] = field(default_factory=list)  # milestone due dates
    problems: list[str] = field(default_factory=list)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days)

    @property
    def stage(self) -> int:
        return PHASES.index(self.phase)

    def at(self, fraction: float) -> dt.date:
        return self.start + dt.timedelta(days=round(fraction * self.days))

    def text(self, template: str) -> str:
        """`template` with fresh words for its fill-ins."""
        return template.format_map(self.fill.fresh())

    def texts(self, *templates: str) -> list[str]:
        """`templates` filled in alike: one {obj} is the same object in all of them."""
        fill = self.fill.fresh()
        return [t.format_map(fill) for t in templates]

    def who(self, *codes: str) -> str:
        """The stakeholder holding the first of `codes` that is staffed, else the PM."""
        return next((self.people[c] for c in codes if c in self.people), self.people["PM"])

    def anyone(self) -> str:
        return self.rng.choice(sorted(set(self.people.values())))

    def between(self, low: dt.date, high: dt.date) -> dt.date:
        return low + dt.timedelta(days=self.rng.randint(0, max(0, (high - low).days)))


def new_project(seed: int, index: int) -> Project:
    """Pick the type, phase and timeline of project `index`."""
    rng = random.Random(f"{seed}:{index}")
    kind = rng.choice(sorted(vc.THEMES))
    phase = rng.choices(PHASES, PHASE_WEIGHTS)[0]
    days = rng.randint(300, 560)
    start = AS_OF - dt.timedelta(days=round(rng.uniform(*AS_OF_AT[phase]) * days))
    theme = vc.THEMES[kind]
    org = rng.choice(vc.ORGS)
    fixed = {
        "platform": rng.choice(theme.platforms),
        "legacy": rng.choice(theme.legacies),
        "vendor": rng.choice(("Platform", "Partner", "Vendor", "Integrator")),
        "org": org[0],
    }
    fixed["trial"] = theme.trial
    return Project(rng, kind, phase, start, days, vc.Fill(rng, theme, fixed))


def progress(begin: dt.date, finish: dt.date) -> Doc:
    if finish < AS_OF:
        return {"status": "done", "percent_complete": 100}
    if begin <= AS_OF:
        done = 100 * (AS_OF - begin).days // max(1, (finish - begin).days)
        return {"status": "in-progress", "percent_complete": min(95, max(5, done))}
    return {"status": "not-started", "percent_complete": 0}
