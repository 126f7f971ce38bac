"""The user guide stays current with the code it describes."""

from __future__ import annotations

from pmgov.rules import RULES

from conftest import ROOT


def test_every_rule_is_in_the_rules_reference() -> None:
    reference = (ROOT / "docs" / "rules.md").read_text()
    missing = [rule for rule in RULES if f"`{rule}`" not in reference]
    assert not missing


def test_readme_links_resolve() -> None:
    import re

    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)#]+)\)", readme)
    assert targets
    assert [t for t in targets if not t.startswith("http") and not (ROOT / t).exists()] == []
