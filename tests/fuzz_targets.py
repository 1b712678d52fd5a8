"""Property targets for Hypothesis: each loader of editors' input, fed generated input,
raises nothing and reports only located problems with short messages.

Shared by the normal suite (``tests/core/load/test_fuzz.py``, a few examples each) and
``scripts/bench_fuzz`` (at least 10,000 examples each, timed one by one).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tuyengiao.core.load.booklets import DocumentLookup, load_definitions
from tuyengiao.core.load.external import load_external
from tuyengiao.core.load.files import parse_source
from tuyengiao.core.load.portal import load_portal
from tuyengiao.core.load.study import load_study
from tuyengiao.core.load.validate import validate_source
from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.model.problems import Problem, Problems

#: What a located message may be at most: messages quote excerpts, never the input.
MESSAGE_LIMIT = 500

# --- input ------------------------------------------------------------------------------

_VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ"
_words = st.text(alphabet=_VI + " -/.,:0123456789", max_size=40)
_scalars = st.one_of(
    _words, st.text(max_size=30), st.integers(), st.integers(min_value=10**20, max_value=10**60),
    st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["2023-02-20", "2023-02-30", "271-KH/HU", "289/KH-UBND", "public",
                     "internal", "resolution", "qa", "guidance", "summary", "hmn", "vi",
                     "draft", "content/van-ban/a.md", "https://a.example.vn/"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5),
    st.dictionaries(st.one_of(_words, st.sampled_from(
        ["type", "title", "number", "issuer", "date", "visibility", "tags", "key_points",
         "audiences", "resolution", "source", "lang", "id", "name", "kind", "url",
         "items", "image", "target", "first_year", "last_year"])), inner, max_size=6)),
    max_leaves=20)
#: Pieces of YAML an editor (or an attacker) might type, spliced into dumped YAML.
_SPLICES = st.sampled_from([
    "&a ", "*a", "!foo ", "!!binary ", "!!python/object:os.system ", "? [a, b]\n: 1\n",
    "[[[[[[[[", "{", "}", "]", '"\\ud800"', "\t", "---\n", "...\n", "9" * 5000, "- - - - ",
    "key: value\n", ": ", "#", "'", '"', "\n", "  ", "%YAML 1.1\n", "<<: *a\n", "\x00",
    "\ufeff", "\u0301", "\r\n"])


@st.composite
def yaml_texts(draw: Any) -> str:
    """YAML as an editor might write it, then spliced with odd pieces."""
    text = yaml.safe_dump(draw(_values), allow_unicode=True, default_flow_style=draw(
        st.sampled_from([False, True, None])), sort_keys=False)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_SPLICES) + text[at:]
    return text


def any_text() -> st.SearchStrategy[str]:
    return st.one_of(yaml_texts(), st.text(max_size=300))


@st.composite
def documents(draw: Any) -> str:
    """A file of content/: frontmatter (often a real document's) and a body."""
    kind = draw(st.sampled_from(["resolution", "qa", "guidance", "summary"]))
    base = {"type": kind, "title": draw(_words), "number": draw(st.sampled_from(
        ["271-KH/HU", "1327-QĐ/TU", "/KH-UBND", "x"])), "issuer": "Ban Thường vụ",
        "date": "2023-02-20", "resolution": "271-KH/HU", "source": "271-KH/HU",
        "lang": "hmn" if kind == "summary" else "vi"}
    front = yaml.safe_dump(base, allow_unicode=True, sort_keys=False) + draw(yaml_texts())
    body = draw(st.one_of(st.text(max_size=200), st.sampled_from([
        "## Câu hỏi 1: Vì sao?\n\nVì thế.\n", "    - a\n" * 3, "> " * 40 + "x\n",
        "![ảnh](khong-co.png)\n", "[[[[[[x]]]]]]\n", "```\n" + "    " * 40 + "- a\n```\n",
        "Theo Kế hoạch số 271-KH/HU.\n"])))
    return draw(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", ""])) + front + \
        draw(st.sampled_from(["---\n", "...\n", ""])) + body


def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.from_regex(r"\A0*\d{1,6} ?[-/] ?[A-Za-zĐđ]{1,5}(/\d{4})?[-/ ][A-ZĐa-z]{1,8}"
                      r"([-/][A-Z]{1,4})?\Z"),
        st.from_regex(r"\A/[A-Za-zĐ]{1,4}-[A-Z]{1,5}\Z"))


@st.composite
def study_csvs(draw: Any) -> str:
    """Phụ lục 1 as a unit might send it: the header (mostly right) and rows of cells."""
    header = "year,unit,resolution,conferences,members_studied,members_total,staff_studied," \
        "staff_total,documents"
    cells = st.one_of(st.integers(-5, 10**7).map(str), st.sampled_from(
        ["2023", "u1", "u9", "", "271-KH/HU", "1.200", "１２", "9" * 5000, '"', "\x00", "x"]),
        st.text(max_size=8))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=11).map(
        lambda r: ",".join(r)), max_size=20))
    return draw(st.sampled_from([header, header.upper(), "", "year,unit"])) + "\n" + \
        "\n".join(rows) + draw(st.sampled_from(["\n", "", "\r\n"]))


# --- checks -----------------------------------------------------------------------------

def _located(problems: Problems, path: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path.startswith(path), problem
        assert problem.line >= 0, problem
        assert len(problem.message) <= MESSAGE_LIMIT, problem.message[:200]


def check_document(text: str) -> None:
    problems = Problems()
    source = parse_source("content/x.md", text, problems)
    if source is not None:
        validate_source(source, "x.md", frozenset({"x.md", "a.md"}), problems)
    _located(problems, "content/x.md")


def check_number(text: str) -> None:
    try:
        number = DocumentNumber.parse(text, allow_draft=True)
    except ValueError as error:
        assert len(str(error)) <= MESSAGE_LIMIT
        return
    assert DocumentNumber.parse(str(number), allow_draft=True).key == number.key
    assert number.slug.isascii()


class DataProject:
    """A project folder reused by every example (a file rewritten each time)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tuyengiao-fuzz-"))
        (self.root / "data").mkdir()
        (self.root / "data/units.yml").write_text(
            "- id: u1\n  name: Xã Một\n  kind: dang_bo_co_so\n", encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.root / "data" / name).write_bytes(text.encode("utf-8", "surrogatepass"))


def check_data_file(project: DataProject, name: str, text: str) -> None:
    project.write(name, text)
    problems = Problems()
    if name == "external.yml":
        load_external(project.root, "data/external.yml", problems)
    elif name == "portal.yml":
        load_portal(project.root, "data", problems)
    elif name == "booklets.yml":
        load_definitions(project.root, "data/booklets.yml", DocumentLookup({}, {}), {}, problems)
    else:  # units.yml, study.yml, study.csv: the study loader reads them together
        load_study(project.root, "data", problems)
    _located(problems, "data/")
    if name != "units.yml":
        project.write(name, "")


def timed(check: Callable[[str], None], times: list[float],
          slowest: list[tuple[float, str]] | None = None) -> Callable[[str], None]:
    """``check`` recording how long each example took (and in ``slowest`` the slowest
    example, once it is known: its time and its text)."""
    def run(text: str) -> None:
        started = time.perf_counter()
        try:
            check(text)
        finally:
            took = time.perf_counter() - started
            times.append(took)
            if slowest is not None and (not slowest or took > slowest[0][0]):
                slowest[:] = [(took, text)]
    return run
