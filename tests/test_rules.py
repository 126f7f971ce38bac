"""Every rule, both ways: data folders tests/rules/<rule>/{positive,negative}.yaml.

Each case edits a copy of the example project; the negative case must raise the
rule with the expected message, the positive case must not raise it at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pmgov.rules import RULES

from conftest import ROOT
from helpers import check, edit, read

CASES = ROOT / "tests" / "rules"


def _apply(project: Path, case: dict[str, Any]) -> None:
    for change in case["edits"]:
        edit(
            project,
            change["file"],
            set_=change.get("set"),
            remove=change.get("remove"),
            append=change.get("append"),
        )


def test_every_rule_has_both_cases() -> None:
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert folders == set(RULES)
    for folder in folders:
        assert (CASES / folder / "positive.yaml").is_file()
        assert (CASES / folder / "negative.yaml").is_file()


@pytest.mark.parametrize("rule", sorted(RULES))
def test_negative_case_raises_the_rule(rule: str, example: Path) -> None:
    case = read(CASES / rule / "negative.yaml")
    _apply(example, case)
    found = [f for f in check(example).findings if f.rule == rule]
    assert found, f"{rule} did not fire"
    assert any(case["expect"] in f.message for f in found), [f.message for f in found]
    assert all(f.line is not None and f.hint for f in found)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_positive_case_does_not_raise_the_rule(rule: str, example: Path) -> None:
    _apply(example, read(CASES / rule / "positive.yaml"))
    result = check(example)
    assert not [f for f in result.findings if f.rule == rule]
    assert not [f for f in result.findings if f.rule.startswith(("yaml.", "schema."))]


def test_exit_criteria_count_open_major_defects(example: Path) -> None:
    defects = read(example / "governance" / "uat.yaml")["defects"]
    closed_major = next(
        i for i, d in enumerate(defects) if d["severity"] == "major" and d["status"] == "closed"
    )
    edit(example, "governance/uat.yaml", set_={f"/defects/{closed_major}/status": "open"})
    found = [f.message for f in check(example).findings if f.rule == "uat.exit-criteria"]
    assert found == [found[0]] and "major defect(s) are still open" in found[0]
