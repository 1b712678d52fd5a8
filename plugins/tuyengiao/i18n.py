"""The language of every message the tool prints: Vietnamese by default, English on request.

Messages are written in English in the code and marked for translation::

    problems.error(path, line, _("{key}: required but missing").format(key=spec.key))

Placeholders are named (``{key}``), so a translator sees what goes where; the
Vietnamese catalog is ``locale/vi/LC_MESSAGES/tuyengiao.po``, compiled to the
``.mo`` beside it by ``scripts/messages`` (Babel extracts and compiles;
``tests/test_messages.py`` checks that the ``.mo`` is up to date, that every marked
message is translated with the same placeholders, and that no user-facing message
is left unmarked).

The language is chosen once per process: :func:`set_language` (the command's
``--lang``), else the environment variable ``TUYENGIAO_LANG``, else ``vi``.
Messages are translated when they are made, so a problem carries its text in the
language of the build that found it (the load memo is keyed by the language).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tuyengiao"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"
ENV = "TUYENGIAO_LANG"

_current: gettext.NullTranslations | None = None
_language = ""


def _normalise(value: str | None) -> str:
    """``vi``, ``vi_VN.UTF-8``, ``EN`` → ``vi`` / ``en``; anything else → the default."""
    code = (value or "").strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else DEFAULT


def set_language(value: str | None = None) -> str:
    """Use ``value`` (or ``TUYENGIAO_LANG``, or Vietnamese) from now on; returns the code."""
    global _current, _language
    _language = _normalise(value if value else os.environ.get(ENV))
    if _language == "en":
        _current = gettext.NullTranslations()
    else:
        with (LOCALE_DIR / _language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
            _current = gettext.GNUTranslations(file)
    return _language


def _translations() -> gettext.NullTranslations:
    if _current is None:
        set_language()
    assert _current is not None
    return _current


def language() -> str:
    """The code of the language messages are in (``vi`` or ``en``)."""
    _translations()
    return _language


def _(message: str) -> str:
    """``message`` (English, marked for extraction) in the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the current language."""
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (it is translated
    where it is used, with :func:`_`)."""
    return message
