"""The engine under the adapter: MkDocs 1.6, or ProperDocs, its maintained drop-in fork.

ProperDocs installs a ``properdocs`` package and no ``mkdocs`` one. Its module
``properdocs.replacement`` makes every ``mkdocs.*`` import give the same
``properdocs.*`` module (its own command imports it before loading plugins), and it
finds plugins and themes by the ``mkdocs.plugins`` / ``mkdocs.themes`` entry points as
well as its own ``properdocs.*`` ones. So the adapter stays written against
``mkdocs.*``: ``tuyengiao.mkdocs`` imports this module first, which picks the engine.

Which one: the engine already running (the ``mkdocs`` or ``properdocs`` command loaded
the plugin); else ``TUYENGIAO_ENGINE`` (``mkdocs`` or ``properdocs``); else MkDocs when
it is installed, ProperDocs otherwise. The command ``tuyengiao`` takes from here what
it calls of the engine.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys

from tuyengiao.i18n import _

__all__ = ["NAME", "VERSION", "ConfigurationError", "MkDocsException", "build", "load_config"]


def _select() -> str:
    running = sys.modules.get("mkdocs")
    if running is not None:
        return running.__name__  # "properdocs" when ProperDocs' alias is in place
    wanted = os.environ.get("TUYENGIAO_ENGINE") or (
        "mkdocs" if importlib.util.find_spec("mkdocs") is not None else "properdocs")
    if wanted == "properdocs":
        if importlib.util.find_spec("properdocs") is None:
            raise ImportError(_("ProperDocs is not installed here (scripts/setup --properdocs "
                                "makes .venv-properdocs)"))
        importlib.import_module("properdocs.replacement")
        # As the ``properdocs`` command does: what is logged under ``mkdocs.`` (this
        # plugin, Material) goes through ProperDocs' loggers and counts for --strict.
        logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    elif wanted != "mkdocs":
        raise ImportError(_("TUYENGIAO_ENGINE={value!r}: expected 'mkdocs' or 'properdocs'")
                          .format(value=wanted))
    return wanted


#: ``mkdocs`` or ``properdocs``: the engine's package, and the root of its loggers.
NAME = _select()

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import ConfigurationError, MkDocsException  # noqa: E402

from mkdocs import __version__ as VERSION  # noqa: E402 - the engine is chosen first
