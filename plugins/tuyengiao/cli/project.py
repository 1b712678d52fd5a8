"""What every command takes from its arguments: the project folder and its layout."""

from __future__ import annotations

import argparse
from pathlib import Path

from tuyengiao.core.link.corpus import ProjectLayout


def project_dir(args: argparse.Namespace) -> Path:
    return Path(args.project).resolve()


def layout(args: argparse.Namespace) -> ProjectLayout:
    """The project's layout; ``build`` and ``serve`` name their configuration file
    (``--config``), whose Markdown extensions the core reads the bodies with."""
    config = getattr(args, "config", None)
    return ProjectLayout(project_dir(args)) if config is None else ProjectLayout(
        project_dir(args), config=config)
