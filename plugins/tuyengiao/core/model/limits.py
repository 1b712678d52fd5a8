"""The limits of what the product reads, in one place (the README's "Limits" table).

Editors never come near them; they exist so that an odd or hostile file is a located
error found by ``tuyengiao check`` instead of a traceback, a build that runs for minutes
or one that eats the machine's memory. Each limit is checked where the input is read.
"""

from __future__ import annotations

#: A Markdown file of ``content/`` (the longest sample Q&A is 12 KB).
MAX_CONTENT_BYTES = 2 * 1024 * 1024
#: A YAML file of ``data/`` (``units.yml`` may list thousands of units).
MAX_DATA_YAML_BYTES = 8 * 1024 * 1024
#: A CSV file of the study tables (220,000 rows of Phụ lục 1 are 10 MB).
MAX_CSV_BYTES = 64 * 1024 * 1024
#: Lists and mappings inside lists and mappings, in frontmatter and ``data/*.yml``.
MAX_YAML_DEPTH = 16
#: Digits of an integer written in YAML (a year has 4, a count of people 7).
MAX_INT_DIGITS = 18
#: Nesting of lists and quotes in a Markdown body (a line indented this many levels).
MAX_MARKDOWN_DEPTH = 16
#: Characters of a title and of an issuer (the keys of :data:`SHORT_TEXT_KEYS`).
MAX_TITLE_CHARS = 500
SHORT_TEXT_KEYS = frozenset({"title", "issuer", "subtitle"})
#: Characters of a document number as printed.
MAX_NUMBER_CHARS = 60
#: Characters of the slug of a generated address (``/co-quan/<slug>/``); a longer one
#: is cut and ends with a hash of the whole, so two long names never share a page.
MAX_SLUG_CHARS = 80
#: An imported spreadsheet (``stats import``): its size, what its parts unpack to,
#: its rows and the characters of one cell.
MAX_XLSX_BYTES = 32 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_SHEET_ROWS = 10_000
MAX_CELL_CHARS = 1_000
#: Characters of an editor's input quoted in a message.
EXCERPT_CHARS = 60


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters (a message quotes input, never a
    whole page of it)."""
    text = value if isinstance(value, str) else None
    if text is not None and len(text) > limit:
        return repr(text[:limit]) + f"… ({len(text):,} characters)"
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def quoted(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``'text'`` as messages quote a short value; a longer one as :func:`excerpt`."""
    return f"'{text}'" if len(text) <= limit else excerpt(text, limit)


def cut(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` as it is when short, else its first ``limit`` characters and ``…``."""
    return text if len(text) <= limit else text[:limit] + "…"
