"""Site benchmark: the pmgov MkDocs plugin against plain MkDocs, and a stress project.

1. The example project's ``mkdocs build`` (with the pmgov plugin) against a plain
   ``mkdocs build`` of the same pages exported beforehand with ``pmgov site export``:
   the plugin's cost is loading, checking and laying out the project (target <= 1.3x).
2. A stress project (the example grown to 500 risks, 300 requirements, 1,000 UAT
   cases and 400 schedule tasks) against the example (target < 3x), with the size of
   its biggest pages.

Whole processes, median of several runs. A benchmark, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "crm-cloud-migration"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-22"


def timed(command: list[str], runs: int, cwd: Path) -> float:
    times = []
    env = {**os.environ, "PMGOV_AS_OF": AS_OF}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def mkdocs_build(project: Path, runs: int) -> float:
    site = project / "site"
    return timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], runs, project)


def plain_copy(project: Path, target: Path) -> Path:
    """The project's docs plus its exported pages, with an mkdocs.yml without the plugin."""
    shutil.copytree(project / "docs", target / "docs")
    subprocess.run(
        [str(BIN / "pmgov"), "site", "export", str(target / "docs"), str(project),
         "--as-of", AS_OF],
        check=True,
        capture_output=True,
    )  # fmt: skip
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["extra_css"] = ["governance/pmgov.css"]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _grow(items: list[dict[str, Any]], count: int, make_id: Any) -> list[dict[str, Any]]:
    grown = []
    for n in range(count):
        item = copy.deepcopy(items[n % len(items)])
        item["id"] = make_id(n)
        grown.append(item)
    return grown


def stress_project(target: Path) -> Path:
    """The example grown to portfolio size; schema-valid, rules may complain."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("site"))
    gov = target / "governance"
    risks = _load(gov / "risks.yaml")
    risks["risks"] = _grow(risks["risks"], 500, lambda n: f"R-{n + 1:03d}")
    _dump(gov / "risks.yaml", risks)
    scope = _load(gov / "scope.yaml")
    scope["requirements"] = _grow(scope["requirements"], 300, lambda n: f"REQ-{n + 1:03d}")
    _dump(gov / "scope.yaml", scope)
    uat = _load(gov / "uat.yaml")
    cases = _grow(uat["test_cases"], 1000, lambda n: f"UAT-{n:03d}")
    for n, case in enumerate(cases):
        case["requirements"] = [f"REQ-{n % 300 + 1:03d}"]
        case.pop("defects", None)
    uat["test_cases"] = cases
    for defect in uat.get("defects") or []:
        defect.pop("test_case", None)
    _dump(gov / "uat.yaml", uat)
    schedule = _load(gov / "schedule.yaml")
    start = dt.date(2026, 3, 2)
    tasks = []
    for n in range(400):
        begin = start + dt.timedelta(days=(n * 730) // 400)
        task: dict[str, Any] = {"id": f"T-{n + 1:03d}", "name": f"Work package task {n + 1}",
                "start": begin.isoformat(),
                "finish": (begin + dt.timedelta(days=5 + n % 20)).isoformat(),
                "status": "done" if begin < dt.date(2026, 11, 1) else "not-started"}  # fmt: skip
        if n % 4:
            task["depends_on"] = [f"T-{n:03d}"]
        tasks.append(task)
    schedule["tasks"] = tasks
    for milestone in schedule["milestones"]:
        milestone.pop("depends_on", None)
    _dump(gov / "schedule.yaml", schedule)
    return target


def page_size(site: Path, slug: str) -> str:
    return f"{(site / 'governance' / slug / 'index.html').stat().st_size / 1024:,.0f} kB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per build (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        example = work / "example"
        shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("site"))
        plugin = mkdocs_build(example, args.runs)
        plain = mkdocs_build(plain_copy(example, work / "plain"), args.runs)
        stress = stress_project(work / "stress")
        heavy = mkdocs_build(stress, args.runs)
        sizes = ", ".join(
            f"{slug} {page_size(stress / 'site', slug)}"
            for slug in ("risks", "scope", "uat", "schedule")
        )
    ratio, stress_ratio = plugin / plain, heavy / plugin
    print(f"median of {args.runs} runs each, Python {sys.version.split()[0]}\n")
    print("| measurement | time (s) | ratio | target | result |")
    print("|---|---:|---|---|---|")
    print(f"| plain mkdocs build, pages pre-exported | {plain:.2f} |  |  |  |")
    print(
        f"| mkdocs build with the pmgov plugin (example) | {plugin:.2f} | "
        f"{ratio:.2f}x plain | <= 1.3x | {'met' if ratio <= 1.3 else '**MISSED**'} |"
    )
    print(
        f"| stress project (500 risks, 300 requirements, 1,000 UAT cases, 400 tasks) | "
        f"{heavy:.2f} | {stress_ratio:.2f}x example | < 3x | "
        f"{'met' if stress_ratio < 3 else '**MISSED**'} |"
    )
    print(f"\nstress page sizes: {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
