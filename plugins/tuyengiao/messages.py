"""The message catalog: extract the marked messages, update the Vietnamese ``.po``,
compile it to the ``.mo`` the tool reads, and check that nothing is missing.

Babel does the work (``babel.messages``: the Python extractor, the ``.po`` reader and
writer, the ``.mo`` compiler). ``scripts/messages`` runs :func:`update` (then a
translator fills in the empty ``msgstr`` of the ``.po`` and runs it again to compile);
``tests/test_messages.py`` runs :func:`problems`. Not imported by the tool itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from tuyengiao.i18n import DOMAIN, LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LOCALES = ("vi",)
#: The catalog's dates are fixed: the same messages give the same .po and .mo bytes.
_DATE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0+]*\d*(?:\.\d+)?[sdrifx%]")


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(locale: str) -> Path:
    return po_path(locale).with_suffix(".mo")


def extract() -> Catalog:
    """Every marked message of the package, with where it is used."""
    template = Catalog(domain=DOMAIN, project="tuyengiao", version="0.1",
                       msgid_bugs_address="", copyright_holder="tuyengiao",
                       charset="utf-8", creation_date=_DATE, revision_date=_DATE)
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE_DIR, keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True,
            directory_filter=lambda d: "__pycache__" not in d):
        template.add(message, None, [(f"tuyengiao/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


def read(locale: str) -> Catalog:
    with po_path(locale).open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # No locations and sorted: the .po changes only when messages do (fewer conflicts).
    write_po(out, catalog, width=100, omit_header=False, ignore_obsolete=True,
             include_previous=False, sort_output=True, no_location=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update(locales: Iterable[str] = LOCALES) -> None:
    """Add new messages to each ``.po`` (empty), drop unused ones, compile the ``.mo``."""
    template = extract()
    for locale in locales:
        path = po_path(locale)
        if path.is_file():
            catalog = read(locale)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=locale, domain=DOMAIN, project="tuyengiao",
                              version="0.1", copyright_holder="tuyengiao",
                              last_translator="tuyengiao", language_team="tuyengiao",
                              fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.creation_date = catalog.revision_date = _DATE
        catalog.fuzzy = False
        path.write_bytes(po_bytes(catalog))
        mo_path(locale).write_bytes(mo_bytes(read(locale)))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields and ``%(name)s`` / ``%s`` conversions of a message."""
    found: set[str] = set()
    try:
        found |= {f"{{{name}}}" for _, name, _, _ in string.Formatter().parse(text)
                  if name is not None}
    except ValueError:
        found.add("{?")
    found |= {m.group(0) if not m.group(1) else f"%({m.group(1)})"
              for m in _PERCENT.finditer(text) if m.group(0) != "%%"}
    return found


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return [""]
    return [value] if isinstance(value, str) else list(value)


def problems(locale: str = "vi") -> list[str]:
    """What is wrong with the catalog of ``locale``: a marked message missing from the
    ``.po`` or not translated, a translation whose placeholders differ from the
    message's, a ``.mo`` that is not the ``.po`` compiled."""
    found: list[str] = []
    catalog = read(locale)
    for message in extract():
        if not message.id:
            continue
        translated: Message | None = catalog.get(message.id, context=message.context)
        where = ", ".join(f"{f}:{n}" for f, n in message.locations)
        shown = _strings(message.id)[0]
        if translated is None:
            found.append(f"{where}: {shown!r} is not in {po_path(locale).name}")
            continue
        strings = _strings(translated.string)
        if translated.fuzzy or not all(strings):
            found.append(f"{where}: {shown!r} has no {locale} translation")
            continue
        wanted = set().union(*(placeholders(s) for s in _strings(message.id)))
        for text in strings:
            if placeholders(text) != wanted:
                found.append(f"{where}: {shown!r}: the translation {text!r} has the "
                             f"placeholders {sorted(placeholders(text))}, expected "
                             f"{sorted(wanted)}")
    if mo_bytes(catalog) != mo_path(locale).read_bytes():
        found.append(f"{mo_path(locale)} is not {po_path(locale).name} compiled; run "
                     "scripts/messages")
    return found
