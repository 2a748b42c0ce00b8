"""Shared fixtures: expensive objects (a built graph) are built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def bundled_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built once into a temporary output folder (no HTML, one worker)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("bundled") / "output"
    build([], str(out), workers=1, html=False)
    return out
