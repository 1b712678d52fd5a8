"""The audience's view is closed: what it hides never reaches a renderer through it."""

from __future__ import annotations

import datetime as dt

from core_project import CoreProject

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


def _views(core_project: CoreProject) -> tuple[SiteView, SiteView]:
    core_project.write("content/van-ban/kh.md", INTERNAL_RESOLUTION)
    core_project.write("content/hoi-dap/q.md", PUBLIC_QA)
    corpus = core_project.corpus()
    assert not corpus.problems.errors, [str(p) for p in corpus.problems.sorted()]
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
    public, internal = _views(core_project)
    (qa,) = public.documents
    assert Collector(public).document(qa).year == 0
    assert Collector(internal).document(qa).year == 2019
    public_urls = {p.url for p in SiteBuild(public.corpus, "public").generated_pages().values()}
    internal_urls = {p.url for p in SiteBuild(internal.corpus, "internal")
                     .generated_pages().values()}
    assert "nam/2019/" in internal_urls
    assert "nam/2019/" not in public_urls
