"""The words of Python's ``argparse`` (usage, errors, help headings) in the run's language,
and the level names of log lines (``WARNING:`` → ``cảnh báo:``).

``argparse`` looks its messages up with the module-level ``_`` and ``ngettext`` it
imported from :mod:`gettext`; :func:`install` points them at our catalog. The strings
are listed here with ``N_`` so that extraction puts them in the catalog.
"""

from __future__ import annotations

import argparse
import logging

from tuyengiao.i18n import N_, _, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("%(prog)s: error: %(message)s\n"),
)
LEVELS = {
    "DEBUG": N_("debug"),
    "INFO": "",
    "WARNING": N_("warning"),
    "ERROR": N_("error"),
    "CRITICAL": N_("error"),
}


def _gettext(message: str | None) -> str | None:
    return None if message is None else _(message)


def install() -> None:
    """Make ``argparse`` speak the run's language."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class LevelFormatter(logging.Formatter):
    """``cảnh báo: message`` (``warning: message``); info lines without a level."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        label = LEVELS.get(record.levelname, record.levelname.lower())
        return f"{_(label)}: {text}" if label else text
