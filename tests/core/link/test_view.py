"""The audience's view is closed: what it hides never reaches a renderer through it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core_project import CoreProject

import tuyengiao.core
from tuyengiao.core.link.corpus import Corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.search.documents import Collector
from tuyengiao.core.render.site.build import SiteBuild

INTERNAL_RESOLUTION = """\
---
type: resolution
title: Kế hoạch nội bộ
number: 7-KH/HU
issuer: Ban Thường vụ Huyện ủy
date: 2019-05-06
visibility: internal
---

Nội dung.
"""

PUBLIC_QA = """\
---
type: qa
title: Hỏi – đáp về kế hoạch
resolution: 7-KH/HU
visibility: public
---

## Câu hỏi 1: Vì sao?

Vì thế.
"""


def _corpus(core_project: CoreProject) -> Corpus:
    core_project.write("content/van-ban/kh.md", INTERNAL_RESOLUTION)
    core_project.write("content/hoi-dap/q.md", PUBLIC_QA)
    corpus = core_project.corpus()
    assert not corpus.problems.errors, [str(p) for p in corpus.problems.sorted()]
    return corpus


def _views(core_project: CoreProject) -> tuple[SiteView, SiteView]:
    corpus = _corpus(core_project)
    return SiteView(corpus, "public"), SiteView(corpus, "internal")


def test_an_internal_parent_s_date_does_not_reach_a_public_qa(
        core_project: CoreProject) -> None:
    public, internal = _views(core_project)
    (qa,) = public.documents
    assert public.parent(qa) is None
    assert public.effective_date(qa) is None
    assert internal.effective_date(qa) == dt.date(2019, 5, 6)


def test_the_public_year_pages_and_search_filters_do_not_show_that_year(
        core_project: CoreProject) -> None:
    corpus = _corpus(core_project)
    public, internal = SiteView(corpus, "public"), SiteView(corpus, "internal")
    (qa,) = public.documents
    assert Collector(public).document(qa).year == 0
    assert Collector(internal).document(qa).year == 2019
    public_urls = {p.url for p in SiteBuild(corpus, "public").generated_pages().values()}
    internal_urls = {p.url for p in SiteBuild(corpus, "internal").generated_pages().values()}
    assert "nam/2019/" in internal_urls
    assert "nam/2019/" not in public_urls


def test_the_view_does_not_expose_the_corpus(core_project: CoreProject) -> None:
    public, _ = _views(core_project)
    assert not hasattr(public, "corpus")
    public_values = [v for k, v in vars(public).items() if not k.startswith("_")]
    assert not any(isinstance(v, Corpus) for v in public_values)


def test_no_renderer_reaches_around_the_view() -> None:
    """Only the view itself reads its corpus; the stages after it get the view."""
    package = Path(tuyengiao.core.__file__).parent
    offenders = [p.relative_to(package).as_posix()
                 for folder in ("render", "incremental") for p in (package / folder).rglob("*.py")
                 if "._corpus" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_a_hidden_number_is_known_only_as_hidden(core_project: CoreProject) -> None:
    public, internal = _views(core_project)
    (qa,) = public.documents
    number = qa.parent_number
    assert number is not None
    assert public.hides_number(number) and public.target(number) is None
    assert [c.target for c in public.citations(qa)] == [None]
    assert not internal.hides_number(number)
    assert public.linked_document("van-ban/kh.md") == (None, True)
    assert public.fingerprint() != internal.fingerprint()
