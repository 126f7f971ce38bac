"""Checking many projects on every core; unchanged projects come from the cache."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pmgov import cache as cache_mod
from pmgov.engine import Inputs, Options, check_project, read_inputs, require_project
from pmgov.result import ProjectResult

# Below this many projects, starting worker processes costs more than it saves.
PARALLEL_MIN = 8


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def cache_key(inputs: Inputs, options: Options, version: str) -> str:
    """Everything a project's result depends on, hashed."""
    parts = [
        version.encode(),
        cache_mod.code_fingerprint(),
        inputs.policy.fingerprint.encode(),
        repr(options).encode(),  # every option: as-of date, policy, gate limit
        inputs.manifest_raw,
    ]
    for kind, artifact in inputs.policy.artifacts.items():
        content = inputs.files[kind]
        parts += [artifact.file.encode(), b"\0absent" if content is None else content]
    return cache_mod.key(parts)


@dataclass(frozen=True)
class _Job:
    root: Path
    label: str
    options: Options
    cache: cache_mod.Cache | None
    version: str


def _get_or_check(job: _Job) -> ProjectResult:
    """A cached result when the inputs are unchanged; otherwise check and remember."""
    key = None
    inputs = read_inputs(job.root, job.options)
    if job.cache is not None:
        key = cache_key(inputs, job.options, job.version)
        hit = job.cache.get(key)
        if hit is not None:
            try:
                return ProjectResult.from_dict(job.label, hit)
            except (KeyError, TypeError, ValueError, IndexError):
                pass  # an entry of the wrong shape is a miss
    result = check_project(job.root, job.label, job.options, inputs)
    if job.cache is not None and key is not None:
        job.cache.put(key, result.to_dict())
    return result


def check_many(
    projects: Sequence[tuple[Path, str]],
    options: Options,
    *,
    cache: cache_mod.Cache | None = None,
    jobs: int | None = None,
    version: str = "",
) -> list[ProjectResult]:
    """Check every (folder, label) in order, on every core; unchanged projects come
    from the cache."""
    for root, _ in projects:  # a stray path fails at once, before any work is done
        require_project(root)
    work = [_Job(root, label, options, cache, version) for root, label in projects]
    workers = min(jobs or available_cores(), len(work))
    if workers > 1 and len(work) >= PARALLEL_MIN:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            chunk = max(1, len(work) // (workers * 8))
            return list(pool.map(_get_or_check, work, chunksize=chunk))
    return [_get_or_check(job) for job in work]
