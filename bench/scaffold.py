"""Scaffold benchmark: ``pmgov new --no-input`` against plain ``cookiecutter --no-input``.

Both render the bundled template (templates/project) as whole processes; the
table gives the median of several runs and the ratio against the target
(pmgov new <= 1.5x cookiecutter). A benchmark, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET = 1.5


def timed(command: list[str], runs: int) -> float:
    """Median wall time of `command`, each run in a fresh output folder."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([*command, "-o", out], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median)")
    args = parser.parse_args()
    values = ["methodology=hybrid", "project_type=erp-crm"]
    template = str(ROOT / "templates" / "project")
    cookiecutter = timed([str(BIN / "cookiecutter"), "--no-input", template, *values], args.runs)
    pmgov = timed([str(BIN / "pmgov"), "new", "--no-input", *values], args.runs)
    ratio = pmgov / cookiecutter
    verdict = "met" if ratio <= TARGET else "**MISSED**"
    print(f"median of {args.runs} runs each, Python {sys.version.split()[0]}\n")
    print("| measurement | time (s) | ratio | target | result |")
    print("|---|---:|---|---|---|")
    print(f"| cookiecutter --no-input templates/project | {cookiecutter:.3f} |  |  |  |")
    print(
        f"| pmgov new --no-input | {pmgov:.3f} | {ratio:.2f}x cookiecutter | "
        f"<= {TARGET}x | {verdict} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
