"""core.model.codec: every document encodes to JSON and decodes to an equal document;
anything else is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.model.codec import (
    CodecError,
    decode_document,
    decode_problem,
    document_numbers,
    encode_document,
    encode_problem,
)
from tuyengiao.core.model.document import Document

REPO = Path(__file__).resolve().parents[3]
PROJECTS = [REPO, REPO / "tests" / "fixtures" / "project"]


def _documents(project: Path) -> list[Document]:
    return build_corpus(ProjectLayout(project)).documents


@pytest.mark.parametrize("project", PROJECTS, ids=["content", "fixture"])
def test_every_document_round_trips_through_json(project: Path) -> None:
    documents = _documents(project)
    assert len(documents) >= 5
    numbers = document_numbers()
    for doc in documents:
        value, texts = encode_document(doc)
        assert all(isinstance(t, str) for t in texts)
        again = decode_document(json.loads(json.dumps(value, ensure_ascii=False)), texts,
                                numbers)
        assert again == doc, doc.path
        assert again.structure == doc.structure
        assert (again.number.key if again.number else None) == (
            doc.number.key if doc.number else None)


def test_the_round_trip_sees_every_kind_of_value() -> None:
    documents = [d for project in PROJECTS for d in _documents(project)]
    kinds = {type(v).__name__ for d in documents for v in d.fields.values()}
    assert {"str", "date", "DocumentNumber", "list"} <= kinds
    assert any(isinstance(v, list) and v and not isinstance(v[0], str)
               for d in documents for v in d.fields.values())  # a list of numbers
    assert any(d.structure.mentions for d in documents)
    assert any(d.structure.questions for d in documents)
    assert any(d.structure.sections for d in documents)
    assert any(d.item_lines for d in documents)
    assert any(d.is_draft for d in documents)


def test_problems_round_trip() -> None:
    problems = list(build_corpus(ProjectLayout(REPO)).problems) or []
    from tuyengiao.core.model.problems import Problems

    extra = Problems()
    extra.error("content/x.md", 4, "visibility: expected 'public'", 7)
    extra.warning("content/y.md", 0, "Tiêu đề")
    for problem in [*problems, *extra]:
        assert decode_problem(json.loads(json.dumps(encode_problem(problem)))) == problem


def _encoded() -> tuple[list[Any], list[str]]:
    doc = next(d for d in _documents(REPO / "tests" / "fixtures" / "project")
               if d.type == "resolution" and d.structure.mentions and d.fields.get("implements")
               and d.structure.sections)
    return encode_document(doc)


def _set(path: tuple[Any, ...], value: Any) -> Any:
    encoded = copy.deepcopy(_encoded()[0])
    target = encoded
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return encoded


@pytest.mark.parametrize("value", [
    "a document", None, [], {},
    _set((2,), "memo"),  # a type the schema does not know
    _set((3,), 7),  # a title that is not text
    _set((6, "number"), "271-KH/HU"),  # a number not encoded as one
    _set((6, "number"), ["1", "KH", "HU", "other style", ""]),
    _set((6, "date"), "2023-02-30"),
    _set((6, "date"), 20230220),
    _set((6, "implements"), [["1", "KH", "HU", "party"]]),
    _set((6, "unknown_key"), "x"),  # a field its type does not have
    _set((6, "tags"), [1, 2]),
    _set((7, "title"), -1),  # a line below 0
    _set((7, "title"), 2**70),  # overflowing
    _set((7, "title"), True),
    _set((8,), 1.5),  # the body's line
    _set((9, 0, 0), 40),  # more sections than texts
    _set((9, 0, 3), -2),  # a section's line below 0
    _set((9, 0), [1, 0, 0]),  # counts that do not add up
    _set((9, 1), []),  # a mention without its number
    _set((11, "implements"), ["1"]),
])
def test_what_is_not_an_encoded_document_is_refused(value: Any) -> None:
    texts = _encoded()[1]
    with pytest.raises((CodecError, ValueError, TypeError, KeyError)):
        decode_document(value, list(texts))


def test_texts_of_another_count_are_refused() -> None:
    value, texts = _encoded()
    with pytest.raises(CodecError):
        decode_document(copy.deepcopy(value), texts[:-1])
    with pytest.raises(CodecError):
        decode_document(copy.deepcopy(value), [])


def test_links_audio_and_explicit_anchors_round_trip(core_project) -> None:  # type: ignore[no-untyped-def]
    core_project.resolution("content/van-ban/a.md", "271-KH/HU",
                            "## Mục một {#muc-1}\n\nXem [kế hoạch](b.md#phan-2) và "
                            "![ảnh](anh.png), số 30/2020/NĐ-CP.\n")
    core_project.write_bytes("content/van-ban/anh.png", b"\x89PNG")
    core_project.write_bytes("content/tieng-mong/doc.mp3", b"ID3")
    core_project.write("content/tieng-mong/b.md",
                       "---\ntype: summary\ntitle: Tsab ntawv\nsource: 271-KH/HU\nlang: hmn\n"
                       "audio: tieng-mong/doc.mp3\ntags:\n  - a\n  - b\n---\n\nNtawv.\n")
    documents = core_project.corpus().documents
    assert any(d.structure.local_links for d in documents)
    assert any(d.fields.get("audio") for d in documents)
    assert any(s.explicit_id for d in documents for s in d.structure.sections)
    for doc in documents:
        value, texts = encode_document(doc)
        assert decode_document(json.loads(json.dumps(value)), texts) == doc
