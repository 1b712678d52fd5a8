"""The words of Python's ``argparse`` (usage, errors, help headings) in the run's language,
the level names of log lines (``WARNING:`` → ``cảnh báo:``) and the lines the engine's
preview server logs (``Serving on …``).

``argparse`` looks its messages up with the module-level ``_`` and ``ngettext`` it
imported from :mod:`gettext`; :func:`install` points them at our catalog. The strings
are listed here with ``N_`` so that extraction puts them in the catalog.
"""

from __future__ import annotations

import argparse
import logging
import re

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


#: Lines MkDocs (or ProperDocs) logs while serving, already formatted: the pattern, and
#: the message that says it with the same named parts.
ENGINE_LINES = (
    (re.compile(r"\bServing on (?P<url>\S+)$"), N_("Serving on {url}")),
    (re.compile(r"Watching paths for changes: (?P<paths>.*)$"),
     N_("Watching for changes: {paths}")),
    (re.compile(r"Detected file changes$"), N_("A file changed")),
    (re.compile(r"Reloading browsers$"), N_("Reloading the browser")),
    (re.compile(r"Browser connected: (?P<url>.*)$"), N_("Browser connected: {url}")),
    (re.compile(r"Building documentation\.\.\.$"), N_("Building the site…")),
    (re.compile(r"Shutting down\.\.\.$"), N_("Stopping…")),
    (re.compile(r"Documentation built in (?P<seconds>[0-9.]+) seconds$"),
     N_("Site built in {seconds} s")),
)


def engine_line(text: str) -> str:
    """A line the engine logged, in the run's language (unchanged when unknown)."""
    for pattern, message in ENGINE_LINES:
        found = pattern.search(text)  # after the time MkDocs' serve puts first
        if found is not None:
            return text[:found.start()] + _(message).format(**found.groupdict())
    return text


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
        if record.name.startswith(("mkdocs", "properdocs")):
            text = engine_line(text)
        label = LEVELS.get(record.levelname, record.levelname.lower())
        return f"{_(label)}: {text}" if label else text
