"""Fixtures of the core tests (the project helper is in ``core_project.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_project import CoreProject


@pytest.fixture
def core_project(tmp_path: Path) -> CoreProject:
    return CoreProject(tmp_path)
