"""The content-hash cache: nothing re-rendered when nothing changed; an edit re-renders
only the booklets that hold the edited document. Broken input names booklet and item."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from booklet_helpers import booklet_build
from booklet_pdf import BookletPdf, squash

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.link.corpus import ProjectLayout, build_corpus
from tuyengiao.core.link.view import SiteView
from tuyengiao.core.render.booklets import build
from tuyengiao.core.render.booklets.assemble import BookletHtml
from tuyengiao.core.render.booklets.build import BookletBuild, BookletError, InputKeys
from tuyengiao.core.render.booklets.spec import Booklet
from tuyengiao.core.store import store


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def qa(number: str, body: str) -> str:
    return (f"---\ntype: qa\ntitle: Hỏi – đáp về {number}\nresolution: {number}\n"
            f"visibility: public\n---\n\n## Câu hỏi 1: Vì sao?\n\n{body}\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for n in (1, 2):
        write(tmp_path, f"content/van-ban/{n}.md",
              f"---\ntype: resolution\ntitle: Văn bản số {n}\nnumber: {n}-KH/HU\n"
              "issuer: Ban Thường vụ Huyện ủy\ndate: 2023-02-20\nvisibility: public\n---\n\n"
              "Nội dung.\n")
        write(tmp_path, f"content/hoi-dap/{n}.md", qa(f"{n}-KH/HU", "Vì thế."))
    return tmp_path


def rendered(project: Path) -> list[str]:
    files = booklet_build(project, "public", project / "cache").run()
    return [f.booklet.id for f in files if not f.cached]


def test_second_build_renders_nothing_and_an_edit_only_its_booklets(project: Path) -> None:
    assert rendered(project) == ["1-kh-hu", "2-kh-hu"]
    assert rendered(project) == []
    write(project, "content/hoi-dap/2.md", qa("2-KH/HU", "Vì đã sửa."))
    assert rendered(project) == ["2-kh-hu"]
    assert rendered(project) == []


def test_a_table_splits_across_pages_with_its_header_repeated(project: Path) -> None:
    rows = "\n".join(f"| Xã số {n} | {n * 3} hội nghị | Đã hoàn thành |" for n in range(1, 90))
    table = f"| Đơn vị | Kết quả | Ghi chú |\n|---|---|---|\n{rows}"
    write(project, "content/hoi-dap/1.md", qa("1-KH/HU", table))
    build = booklet_build(project, "public", project / "cache")
    (built,) = build.run(build.select(["1-kh-hu"]))
    pdf = BookletPdf(built.pdf)
    with_rows = [t for t in pdf.texts if "Xã số" in t]
    assert len(with_rows) >= 2
    for text in with_rows:
        assert squash("Đơn vị Kết quả Ghi chú") in squash(text)  # the header on each page
    assert sum(t.count("Đã hoàn thành") for t in with_rows) == 89  # no row lost or cut


def test_a_missing_image_names_the_booklet_and_the_item(project: Path) -> None:
    """``check`` reports a missing picture; one removed after the check still fails the
    booklet, naming it and the item."""
    write(project, "content/hoi-dap/1.md", qa("1-KH/HU", "![Ảnh](anh-hoi-nghi.png)"))
    (project / "content/hoi-dap/anh-hoi-nghi.png").write_bytes(b"PNG")
    build = booklet_build(project, "public", project / "cache")
    (project / "content/hoi-dap/anh-hoi-nghi.png").unlink()
    with pytest.raises(BookletError) as error:
        build.run()
    assert str(error.value) == (
        "content/van-ban/1.md: booklet '1-kh-hu': content/hoi-dap/1.md uses "
        "content/hoi-dap/anh-hoi-nghi.png, which does not exist")
    assert not list((project / "cache").glob("*.pdf"))


def test_cache_files_unused_for_a_month_are_removed(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert rendered(project) == ["1-kh-hu", "2-kh-hu"]
    cache = project / "cache"
    stray = cache / "0123456789abcdef.pdf"  # a file the store does not know (left by a crash)
    stray.write_bytes(b"%PDF-")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stray, (two_hours_ago, two_hours_ago))
    (project / "content/hoi-dap/2.md").unlink()  # booklet 2-kh-hu is no longer made
    now = store.today()

    def days_later(days: int) -> None:
        monkeypatch.setattr(store, "today", lambda: now + days)
        monkeypatch.setattr(build, "today", lambda: now + days)

    days_later(10)
    assert rendered(project) == []
    assert not stray.exists()
    assert len(list(cache.glob("*.pdf"))) == 2  # booklet 2's PDF is kept for a month
    days_later(31)
    assert rendered(project) == []
    assert [p.name for p in cache.glob("*.pdf")] == [
        f"{key}.pdf" for key in json_keys(cache)]  # booklet 1's, used ten days ago
    assert len(list(cache.glob("*.pdf"))) == 1


def json_keys(cache: Path) -> list[str]:
    """The PDF keys the booklets' index knows."""
    from tuyengiao.core.store import CacheStore, load_json

    payload = CacheStore(cache).read(build.INDEX, build.INDEX_TAG)
    assert payload is not None
    return list(load_json(payload)["pages"])


def with_inputs(project: Path) -> tuple[list[str], list[str]]:
    """A site build's booklets (keyed by their inputs): (assembled, rendered) ids."""
    layout = ProjectLayout(project)
    cache = BuildCache(project, "code-key")
    corpus = build_corpus(layout, cache.memo)
    build = BookletBuild(SiteView(corpus, "public"), layout, cache_dir=project / "cache",
                         inputs=InputKeys.of(cache))
    assembled: list[str] = []
    assemble = build.assemble

    def counting(booklet: Booklet) -> BookletHtml:
        assembled.append(booklet.id)
        return assemble(booklet)

    build.assemble = counting  # type: ignore[method-assign]
    files = build.run()
    return assembled, [f.booklet.id for f in files if not f.cached]


def test_known_inputs_need_no_assembling_and_an_edit_assembles_its_booklets(
        project: Path) -> None:
    write(project, "content/hoi-dap/1.md", qa("1-KH/HU", "Theo Kế hoạch số 2-KH/HU."))
    assert with_inputs(project) == (["1-kh-hu", "2-kh-hu"], ["1-kh-hu", "2-kh-hu"])
    assert with_inputs(project) == ([], [])
    write(project, "content/hoi-dap/2.md", qa("2-KH/HU", "Vì đã sửa."))
    assert with_inputs(project) == (["2-kh-hu"], ["2-kh-hu"])
    # A cited document's new title: booklet 1 is assembled again to know; the
    # number is plain text there (2-KH/HU is not in it), so its PDF is the same.
    text = (project / "content/van-ban/2.md").read_text(encoding="utf-8")
    write(project, "content/van-ban/2.md", text.replace("Văn bản số 2", "Văn bản đã đổi"))
    assert with_inputs(project) == (["1-kh-hu", "2-kh-hu"], ["2-kh-hu"])
    assert with_inputs(project) == ([], [])


def test_a_changed_image_is_seen_without_a_changed_document(project: Path) -> None:
    image = project / "content/hoi-dap/anh.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    write(project, "content/hoi-dap/1.md", qa("1-KH/HU", "![Ảnh](anh.svg)"))
    assert with_inputs(project)[1] == ["1-kh-hu", "2-kh-hu"]
    assert with_inputs(project) == ([], [])
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>')
    assert with_inputs(project) == (["1-kh-hu"], ["1-kh-hu"])
    assert with_inputs(project) == ([], [])


def _pdfs(project: Path, imposed: bool = False) -> dict[str, bytes]:
    """Each booklet's PDF bytes as a site would get them (the cache's files)."""
    files = booklet_build(project, "public", project / "cache").run(imposed=imposed)
    found = {f.booklet.id: f.pdf.read_bytes() for f in files}
    found |= {f"{f.booklet.id}-in": f.imposed.read_bytes() for f in files if f.imposed}
    return found


def _index(project: Path) -> Path:
    return project / "cache" / build.INDEX


def _edit_index(project: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Change the index's JSON, with a valid checksum: only its shape is wrong."""
    from tuyengiao.core.store import dump_json, load_json, pack, unpack

    value = load_json(unpack(_index(project).read_bytes(), build.INDEX_TAG))
    edit(value)
    _index(project).write_bytes(pack(build.INDEX_TAG, dump_json(value)))


def _first_key(value: dict) -> str:  # type: ignore[type-arg]
    return sorted(value["pages"])[0]


INDEX_DAMAGE = {
    "truncated": lambda p: _index(p).write_bytes(_index(p).read_bytes()[:30]),
    "garbage": lambda p: _index(p).write_bytes(os.urandom(300)),
    "pages overflowing": lambda p: _edit_index(
        p, lambda v: v["pages"].__setitem__(_first_key(v), 2**70)),
    "pages of another shape": lambda p: _edit_index(p, lambda v: v.__setitem__("pages", [])),
    "a key outside": lambda p: _edit_index(p, lambda v: v["pages"].__setitem__("../x", 3)),
    "files index": lambda p: (p / "cache" / "index.entry").write_bytes(b"TGSTORE\n\x01\x00"),
}


@pytest.mark.parametrize("damage", list(INDEX_DAMAGE), ids=list(INDEX_DAMAGE))
def test_a_damaged_index_renders_again_and_gives_the_same_pdfs(project: Path,
                                                             damage: str) -> None:
    first = _pdfs(project)
    INDEX_DAMAGE[damage](project)
    assert _pdfs(project) == first
    assert rendered(project) == []  # the index is whole again


@pytest.mark.parametrize("damage", ["truncated", "garbage", "same size", "gone"])
@pytest.mark.parametrize("imposed", [False, True], ids=["pdf", "imposed"])
def test_a_damaged_pdf_is_rendered_again_never_handed_out(project: Path, damage: str,
                                                         imposed: bool) -> None:
    first = _pdfs(project, imposed=True)
    [damaged] = [f for f in (project / "cache").glob("*-in.pdf" if imposed else "*.pdf")
                 if imposed or not f.name.endswith("-in.pdf")][:1]
    time.sleep(0.02)  # a later change, as a hard link edited in a published site would be
    if damage == "truncated":
        damaged.write_bytes(damaged.read_bytes()[:100])
    elif damage == "garbage":
        damaged.write_bytes(os.urandom(5000))
    elif damage == "same size":
        size = damaged.stat().st_size
        with open(damaged, "r+b") as stream:
            stream.write(b"\0" * size)
    else:
        damaged.unlink()
    assert _pdfs(project, imposed=True) == first
    assert rendered(project) == []


def test_two_builds_racing_on_an_empty_cache_do_not_trip(project: Path) -> None:
    """Two processes build the same booklets into one empty cache at once: each
    writes under its own temporary names, and both end with good PDFs."""
    import subprocess
    import sys

    script = ("import sys; sys.path[:0] = sys.argv[2:]; "
              "from pathlib import Path; from booklet_helpers import booklet_build; "
              "p = Path(sys.argv[1]); "
              "files = booklet_build(p, 'public', p / 'cache').run(imposed=True); "
              "print(sorted((f.booklet.id, f.pages) for f in files))")
    here = str(Path(__file__).parent)
    runs = [subprocess.Popen([sys.executable, "-c", script, str(project), here,
                              str(Path(__file__).parents[1])],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0]
    cache = project / "cache"
    assert not list(cache.glob(".*.tmp"))  # no temporary file left behind
    expected = _pdfs(project, imposed=True)  # from the cache the race left
    shutil_cache = project / "fresh"
    fresh = booklet_build(project, "public", shutil_cache).run(imposed=True)
    assert {f.booklet.id: f.pdf.read_bytes() for f in fresh} == {
        k: v for k, v in expected.items() if not k.endswith("-in")}
    assert rendered(project) == []
