"""A content-addressed cache of check results, safe to share between CI runs.

The key is a hash of everything a result depends on: pmgov's version, the
policy (with its schemas and the project's overrides), the as-of date and the
bytes of every artifact file (or their absence), and a hash of pmgov's own code.
A changed input is a new key, so an entry is never stale; entries are JSON,
never code. The cache is not a trust boundary: whoever can write to it can
plant a result, so share it only between runs that trust each other.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_VERSION = "1"


def default_dir() -> Path:
    """``$PMGOV_CACHE_DIR``, else ``$XDG_CACHE_HOME/pmgov``, else ``~/.cache/pmgov``."""
    explicit = os.environ.get("PMGOV_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "pmgov"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """A hash of pmgov's own code and data, so an edited rule never meets old results."""
    digest = hashlib.blake2b(digest_size=20)
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".yaml", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


def key(parts: list[bytes]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


class Cache:
    """Results stored as ``<dir>/<key[:2]>/<key>.json``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, entry: str) -> Path:
        return self.directory / entry[:2] / f"{entry}.json"

    def get(self, entry: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(entry).read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("cache") != CACHE_VERSION:
            return None
        result = data.get("result")
        return result if isinstance(result, dict) else None

    def put(self, entry: str, result: dict[str, Any]) -> None:
        """Write atomically; a cache that cannot be written is skipped, not fatal."""
        path = self._path(entry)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"cache": CACHE_VERSION, "result": result}, stream)
            Path(temporary).replace(path)
        except OSError:
            return
