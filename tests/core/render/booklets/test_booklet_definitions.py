"""``data/booklets.yml``: each mistake is a located problem, as ``tuyengiao check`` prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from booklet_helpers import CoreProject

QA = """\
---
type: qa
title: Hỏi – đáp về Kế hoạch 1-KH/HU
resolution: 1-KH/HU
visibility: public
---

## Câu hỏi 1: Vì sao?

Vì thế.
"""


@pytest.fixture
def project(core_project: CoreProject) -> CoreProject:
    core_project.resolution("content/van-ban/1.md", "1-KH/HU")
    core_project.resolution("content/van-ban/2.md", "2-KH/HU")
    core_project.write("content/hoi-dap/qa.md", QA)
    return core_project


def booklets(project: CoreProject, text: str) -> list[str]:
    project.write("data/booklets.yml", text)
    return project.problems()


def test_a_valid_definition_resolves_numbers_and_paths(project: CoreProject) -> None:
    project.write("data/booklets.yml", """\
- id: so-tay
  title: Sổ tay
  subtitle: Cho báo cáo viên
  items: [2-KH/HU, content/hoi-dap/qa.md, " 1 - KH/HU "]
  lang: vi
""")
    corpus = project.corpus()
    assert [str(p) for p in corpus.problems] == []
    (definition,) = corpus.booklets
    assert (definition.id, definition.title, definition.subtitle, definition.lang,
            definition.line) == ("so-tay", "Sổ tay", "Cho báo cáo viên", "vi", 1)
    assert [d.path for d in definition.items] == [
        "content/van-ban/2.md", "content/hoi-dap/qa.md", "content/van-ban/1.md"]


def test_no_file_means_no_defined_booklets(project: CoreProject) -> None:
    assert project.corpus().booklets == []


def test_unknown_number_and_paths_outside_content(project: CoreProject) -> None:
    assert booklets(project, """\
- id: a
  title: A
  items:
    - 9-KH/HU
    - hoi-dap/qa.md
    - content/hoi-dap/khong-co.md
    - not a number
""") == [
        "data/booklets.yml:4: error: items: '9-KH/HU' is not a document in content/",
        "data/booklets.yml:5: error: items: 'hoi-dap/qa.md' is not a path in content/; "
        "write it from the project folder, e.g. 'content/…/x.md'",
        "data/booklets.yml:6: error: items: 'content/hoi-dap/khong-co.md' is not a document "
        "in content/ (no such file)",
        "data/booklets.yml:7: error: items: expected a document number like '271-KH/HU' or "
        "'289/KH-UBND', got 'not a number'",
    ]


def test_empty_and_missing_items(project: CoreProject) -> None:
    assert booklets(project, """\
- id: a
  title: A
  items: []
- id: b
  title: B
""") == [
        "data/booklets.yml:3: error: items: the booklet is empty; list document numbers or "
        "paths under content/",
        "data/booklets.yml:4: error: items: required but missing",
    ]


def test_duplicate_ids_bad_ids_and_automatic_ids(project: CoreProject) -> None:
    assert booklets(project, """\
- id: a
  title: A
  items: [1-KH/HU]
- id: a
  title: A again
  items: [2-KH/HU]
- id: Sổ tay
  title: C
  items: [2-KH/HU]
- id: 1-kh-hu
  title: D
  items: [2-KH/HU]
""") == [
        "data/booklets.yml:4: error: id: 'a' is already used on line 1",
        "data/booklets.yml:7: error: id: expected lower-case letters, digits and '-' (it "
        "names the file tai-lieu/<id>.pdf), got 'Sổ tay'",
        "data/booklets.yml:10: error: id: '1-kh-hu' is the automatic booklet of "
        "content/van-ban/1.md; choose another id",
    ]


def test_bad_lang_title_item_twice_unknown_key_and_missing_image(project: CoreProject) -> None:
    assert booklets(project, """\
- id: a
  title: ""
  lang: en
  items: [1-KH/HU, content/van-ban/1.md]
  image: data/bia.png
  colour: red
""") == [
        "data/booklets.yml:2: error: title: required but missing",
        "data/booklets.yml:3: error: lang: expected 'vi' or 'hmn', got 'en'",
        "data/booklets.yml:4: error: items: 'content/van-ban/1.md' is listed twice in this "
        "booklet",
        "data/booklets.yml:5: error: image: data/bia.png does not exist",
        "data/booklets.yml:6: warning: 'colour' is not a known key (ignored); known keys: id, "
        "image, "
        "items, lang, subtitle, title",
    ]


def test_not_a_list_and_invalid_yaml(project: CoreProject) -> None:
    assert booklets(project, "id: a\ntitle: A\n") == [
        "data/booklets.yml:1: error: expected a list of booklets, each with id, title and items"]
    assert booklets(project, "- id: a\n  items: [1-KH/HU\n") == [
        "data/booklets.yml:3: error: the bracket opened on line 2 is not closed; end it with "
        "']', or write a list one item a line, each starting with '- '"]
