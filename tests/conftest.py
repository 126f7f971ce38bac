"""Hermetic tests: no network, a private home and cache, a fixed 'today'."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "crm-cloud-migration"
SHARED = ROOT.parent / "shared" / "reference-schemas"
AS_OF = "2026-11-22"


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PMGOV_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("PMGOV_AS_OF", AS_OF)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("tests must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def example(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the example project."""
    target = tmp_path / "crm"
    shutil.copytree(EXAMPLE, target)
    yield target
