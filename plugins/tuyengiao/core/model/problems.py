"""Problems found in editors' files, reported together with their location.

Every check in the core returns :class:`Problem` values instead of raising, so
that ``tuyengiao check`` can print all of them at once in one shape::

    content/van-ban/x.md:7: error: visibility: expected 'public' or 'internal', got 'publik'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is; warnings become errors under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: a file (relative to the project), a line, a message."""

    path: str
    line: int
    severity: Severity
    message: str
    column: int = 0

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"


class Problems:
    """An ordered collection of problems with helpers to add them."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(items)

    def error(self, path: str, line: int, message: str, column: int = 0) -> None:
        self._items.append(Problem(path, line, Severity.ERROR, message, column))

    def warning(self, path: str, line: int, message: str, column: int = 0) -> None:
        self._items.append(Problem(path, line, Severity.WARNING, message, column))

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
        return sorted(self._items, key=lambda p: (p.path, p.line, p.column, p.message))

    def summary(self, files: int) -> str:
        """The one-line count printed after the problems."""
        e, w = len(self.errors), len(self.warnings)
        return (
            f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''} "
            f"in {files} file{'s' if files != 1 else ''}"
        )

