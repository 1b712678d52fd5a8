"""Search indexes every text a page shows: a guidance's key points and audiences, a
Q&A's audience, the signature and recipients of a resolution, the description and tags,
and the whole body (not only the part a result's excerpt shows)."""

from __future__ import annotations

import json
from pathlib import Path

from core_project import CoreProject

from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.search import build_search_index
from tuyengiao.core.render.search.documents import TEXT_LIMIT
from tuyengiao.core.render.search.rules import fold

GUIDANCE = """---
type: guidance
title: Định hướng cho báo cáo viên
resolution: 1-NQ/HU
visibility: public
audiences:
  - Cựu chiến binh bản xa
key_points:
  - Không khoán trắng việc học tập nghị quyết cho chi bộ cơ sở.
description: Gợi ý cách nói chuyện.
---

## Cựu chiến binh bản xa

Nói chuyện ngắn gọn.
"""

QA = """---
type: qa
title: Hỏi đáp về nghị quyết
resolution: 1-NQ/HU
visibility: public
audience: Thanh niên xung kích
tags: [lúa nương]
---

## Câu hỏi 1: Vì sao?

{long}

Đoạn cuối nói về chè san tuyết.
"""


def _ids_for(site: Path, query: str) -> set[str]:
    """The addresses of the documents that have every word of ``query`` (as the browser
    folds what a visitor types), read from the built term shards and cards."""
    terms: dict[str, list[list[int]]] = {}
    for shard in (site / "t").glob("*.json"):
        terms.update(json.loads(shard.read_text("utf-8")))
    found: set[int] | None = None
    for word in fold(query).split():
        ids: set[int] = set()
        for row in terms.get(word, []):
            current = 0
            for delta in row[1::2]:
                current += delta
                ids.add(current)
        found = ids if found is None else found & ids
    cards = {int(p.stem): json.loads(p.read_text("utf-8"))["u"]
             for p in (site / "d").glob("*.json")}
    return {cards[i] for i in found or set()}


def _index(core_project: CoreProject, tmp_path: Path) -> Path:
    core_project.resolution("content/nq.md", "1-NQ/HU").write_text(
        core_project.root.joinpath("content/nq.md").read_text("utf-8").replace(
            "date: 2023-02-20\n", "date: 2023-02-20\nvisibility: public\n"
            "signer: Lò Văn Páo\nrecipients: [Ban Dân vận Huyện ủy]\n"), "utf-8")
    core_project.write("content/hd.md", GUIDANCE)
    core_project.write("content/hoi-dap.md", QA.format(long="Câu trả lời dài. " * 400))
    corpus = core_project.corpus()
    assert not corpus.problems.errors, [str(p) for p in corpus.problems]
    out = tmp_path / "search"
    build_search_index(SiteView(corpus, "public"), out)
    return out


def test_typing_a_key_points_words_finds_the_guidance(core_project: CoreProject,
                                                       tmp_path: Path) -> None:
    site = _index(core_project, tmp_path)
    assert _ids_for(site, "khoan trang") == {"huong-dan/hd/"}
    assert _ids_for(site, "cựu chiến binh") == {"huong-dan/hd/"}  # audiences


def test_qa_audience_tags_signer_recipients_and_the_end_of_a_long_body_are_found(
        core_project: CoreProject, tmp_path: Path) -> None:
    site = _index(core_project, tmp_path)
    assert _ids_for(site, "thanh nien xung kich") == {"hoi-dap/hoi-dap/"}
    assert _ids_for(site, "lua nuong") == {"hoi-dap/hoi-dap/"}
    assert _ids_for(site, "che san tuyet") == {"hoi-dap/hoi-dap/"}  # past the excerpt
    assert _ids_for(site, "lo van pao") == {"van-ban/1-nq-hu/"}
    assert _ids_for(site, "ban dan van") == {"van-ban/1-nq-hu/"}
    card = json.loads(next(p for p in (site / "d").glob("*.json")
                           if "hoi-dap/" in p.read_text("utf-8")).read_text("utf-8"))
    assert len(card["x"]) <= TEXT_LIMIT  # a result's card stays small
