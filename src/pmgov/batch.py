"""Checking many projects: cache look-ups first, then the misses on every core."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from pmgov import cache as cache_mod
from pmgov.engine import Options, check_project, read_manifest, resolve_policy
from pmgov.result import ProjectResult

# Below this many projects, starting worker processes costs more than it saves.
PARALLEL_MIN = 8


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def cache_key(root: Path, options: Options, version: str) -> str:
    """Everything a project's result depends on, hashed."""
    raw, manifest, _ = read_manifest(root)
    policy = resolve_policy(root, manifest, options)
    parts = [
        version.encode(),
        policy.fingerprint.encode(),
        repr(options).encode(),  # every option: as-of date, policy, gate limit
        raw,
    ]
    for artifact in policy.artifacts.values():
        path = root / artifact.file
        parts.append(artifact.file.encode())
        try:
            parts.append(path.read_bytes())
        except FileNotFoundError:
            parts.append(b"\0absent")
    return cache_mod.key(parts)


def _check(job: tuple[Path, str, Options]) -> ProjectResult:
    return check_project(*job)


def check_many(
    projects: Sequence[tuple[Path, str]],
    options: Options,
    *,
    cache: cache_mod.Cache | None = None,
    jobs: int | None = None,
    version: str = "",
) -> list[ProjectResult]:
    """Check every (folder, label) in order; cached results are reused, misses computed."""
    results: list[ProjectResult | None] = [None] * len(projects)
    keys: list[str | None] = [None] * len(projects)
    todo: list[int] = []
    for index, (root, label) in enumerate(projects):
        if cache is not None:
            keys[index] = cache_key(root, options, version)
            hit = cache.get(keys[index] or "")
            if hit is not None:
                results[index] = ProjectResult.from_dict(label, hit)
                continue
        todo.append(index)
    workers = min(jobs or available_cores(), len(todo))
    work = [(projects[i][0], projects[i][1], options) for i in todo]
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            computed = list(pool.map(_check, work, chunksize=max(1, len(work) // (workers * 8))))
    else:
        computed = [_check(job) for job in work]
    for index, result in zip(todo, computed, strict=True):
        results[index] = result
        entry = keys[index]
        if cache is not None and entry is not None:
            cache.put(entry, result.to_dict())
    return [r for r in results if r is not None]
