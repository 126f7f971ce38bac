"""Many projects: the cache is reused and never stale; parallel equals sequential."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pmgov import batch
from pmgov.cache import Cache
from pmgov.engine import Options

from conftest import EXAMPLE
from helpers import edit

OPTIONS = Options(dt.date(2026, 11, 22))


def copies(tmp_path: Path, count: int) -> list[tuple[Path, str]]:
    found = []
    for index in range(count):
        target = tmp_path / f"p{index}"
        shutil.copytree(EXAMPLE, target)
        found.append((target, target.name))
    return found


def test_second_run_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    projects = copies(tmp_path, 2)
    cache = Cache(tmp_path / "cache")
    first = batch.check_many(projects, OPTIONS, cache=cache, version="t")
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1  # identical content, one entry

    def fail(*args: object) -> None:
        raise AssertionError("should have come from the cache")

    monkeypatch.setattr(batch, "check_project", fail)
    second = batch.check_many(projects, OPTIONS, cache=cache, version="t")
    assert [r.to_dict() for r in second] == [r.to_dict() for r in first]
    assert [r.label for r in second] == ["p0", "p1"]


def test_a_changed_file_is_never_served_stale(tmp_path: Path) -> None:
    projects = copies(tmp_path, 1)
    cache = Cache(tmp_path / "cache")
    assert batch.check_many(projects, OPTIONS, cache=cache)[0].passes("execution")
    edit(projects[0][0], "governance/risks.yaml", set_={"/risks/0/score": 3})
    assert not batch.check_many(projects, OPTIONS, cache=cache)[0].passes("execution")


def test_a_new_day_is_a_new_key(tmp_path: Path) -> None:
    projects = copies(tmp_path, 1)
    cache = Cache(tmp_path / "cache")
    batch.check_many(projects, OPTIONS, cache=cache)
    later = Options(dt.date(2027, 2, 1))
    result = batch.check_many(projects, later, cache=cache)[0]
    assert any(f.rule == "risks.review-overdue" for f in result.findings)


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path) -> None:
    projects = copies(tmp_path, 1)
    cache = Cache(tmp_path / "cache")
    batch.check_many(projects, OPTIONS, cache=cache)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{broken")
    assert batch.check_many(projects, OPTIONS, cache=cache)[0].passes("execution")


def test_parallel_results_equal_sequential(tmp_path: Path) -> None:
    projects = copies(tmp_path, batch.PARALLEL_MIN)
    edit(projects[3][0], "governance/risks.yaml", set_={"/risks/0/score": 3})
    parallel = batch.check_many(projects, OPTIONS, jobs=2)
    sequential = batch.check_many(projects, OPTIONS, jobs=1)
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in sequential]
    assert [r.passes("execution") for r in parallel].count(False) == 1


def test_every_option_is_part_of_the_key(tmp_path: Path) -> None:
    projects = copies(tmp_path, 1)
    cache = Cache(tmp_path / "cache")
    upto_phase = Options(OPTIONS.as_of, gate="phase")
    upto_closure = Options(OPTIONS.as_of, gate="closure")
    assert batch.check_many(projects, upto_phase, cache=cache)[0].passes("execution")
    result = batch.check_many(projects, upto_closure, cache=cache)[0]
    assert result.evaluated == "closure" and not result.passes("closure")
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2


def test_a_stray_path_fails_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmgov.errors import ProjectError

    projects = copies(tmp_path, 2)
    stray = tmp_path / "portfolio.json"
    stray.write_text("{}")

    def fail(*args: object) -> None:
        raise AssertionError("no project should be checked")

    monkeypatch.setattr(batch, "check_project", fail)
    with pytest.raises(ProjectError, match=r"portfolio\.json: no such folder"):
        batch.check_many([*projects, (stray, "portfolio.json")], OPTIONS)
