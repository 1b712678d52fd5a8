"""Problems found in editors' files, reported together with their location.

Every check in the core returns :class:`Problem` values instead of raising, so
that ``tuyengiao check`` can print all of them at once in one shape::

    content/van-ban/x.md:7: lỗi: visibility (phạm vi công khai): phải là 'public'
        hoặc 'internal', đang ghi 'publik'

Messages are made in the language of the run (:mod:`tuyengiao.i18n`, Vietnamese by
default); ``error``/``warning`` are printed in it too. A *knock-on* problem (one that
another file's error causes, e.g. a Q&A pointing to a resolution that did not load)
names that file in ``cause`` and is printed after every problem of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from tuyengiao.i18n import _, ngettext


class Severity(StrEnum):
    """How bad a problem is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """``lỗi`` / ``cảnh báo`` (``error`` / ``warning`` in English)."""
        return _("error") if self is Severity.ERROR else _("warning")


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: a file (relative to the project), a line, a message."""

    path: str
    line: int
    severity: Severity
    message: str
    column: int = 0
    #: The file whose own error causes this one (a knock-on problem), or "".
    cause: str = ""

    @property
    def where(self) -> str:
        """``path:line[:column]`` (the path alone when the line is unknown)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}:{self.column}" if self.column else where

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.label}: {self.message}"


class Problems:
    """An ordered collection of problems with helpers to add them."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(items)

    def error(self, path: str, line: int, message: str, column: int = 0,
              cause: str = "") -> None:
        self._items.append(Problem(path, line, Severity.ERROR, message, column, cause))

    def warning(self, path: str, line: int, message: str, column: int = 0,
                cause: str = "") -> None:
        self._items.append(Problem(path, line, Severity.WARNING, message, column, cause))

    def extend(self, other: Iterable[Problem]) -> None:
        self._items.extend(other)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._items if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True when the build must stop: any error, or any warning when strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        """Root causes first: every file's own problems (by file and line), then the
        knock-on problems they cause elsewhere."""
        return sorted(self._items,
                      key=lambda p: (bool(p.cause), p.path, p.line, p.column, p.message))

    def summary(self, files: int) -> str:
        """The one-line count printed after the problems."""
        e, w = len(self.errors), len(self.warnings)
        return _("{errors}, {warnings} in {files}").format(
            errors=ngettext("{count} error", "{count} errors", e).format(count=e),
            warnings=ngettext("{count} warning", "{count} warnings", w).format(count=w),
            files=ngettext("{count} file", "{count} files", files).format(count=files))

