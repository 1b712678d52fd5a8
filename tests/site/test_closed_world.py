"""A closed world of files: a build reads only regular files inside content/, data/ and the
theme (after resolving symbolic links), and reaches no network.

The attacks of the safety issue, each against the fixture project: ``file://`` links
and images (an attachment of ``/etc/passwd``, an image, ``<img>``, ``<object>``), a
``../`` image outside the project, a booklet ``image: data/../..``, a symbolic link to
a file and to a folder outside, an SVG cover reading a file or a URL, and a local HTTP
server that records every request while whole builds run.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pikepdf
import pytest
from built_site import build

from tuyengiao.cli import main

RESOLUTION = "content/dang-bo/nghi-quyet/nq-so-hoa-tuyen-truyen.md"
BOOKLET = "5-nq-hu"  # the fixture's automatic booklet of that resolution
SECRET = "BI-MAT-NGOAI-DU-AN-4471"


def _png_7x13() -> bytes:
    """A 7 × 13 pixel PNG: no picture of the fixture has that size."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (7, 13), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


PNG_7X13 = _png_7x13()


@pytest.fixture
def outside(project_copy: Path) -> Path:
    """A folder beside the project with a secret text and a picture."""
    folder = project_copy.parent / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "x.png").write_bytes(PNG_7X13)
    return folder


def _append(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def _check(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(project), "check", *extra])
    return code, capsys.readouterr().out


def _booklet(project: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(project), "booklet", BOOKLET, "--out", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _image_sizes(pdf: Path) -> set[tuple[int, int]]:
    sizes = set()
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for image in page.get_images().values():
                sizes.add((int(image.Width), int(image.Height)))
    return sizes


def test_file_urls_in_a_body_are_removed_not_embedded(
        project_copy: Path, outside: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    secret, picture = (outside / "secret.txt").as_uri(), (outside / "x.png").as_uri()
    _append(project_copy, RESOLUTION, "\n\n".join([
        f'[Phụ lục]({secret}){{: rel="attachment"}}',
        f"![ảnh]({picture})",
        f'<img src="{picture}" alt="">',
        f'<object data="{secret}"></object>',
        '<a href="file:///etc/passwd" rel="attachment">passwd</a>',
    ]))
    code, out = _check(project_copy, capsys, "--strict")
    assert code == 1
    removed = [line for line in out.splitlines() if "was removed" in line]
    assert len(removed) >= 5, out
    assert all(line.startswith(f"{RESOLUTION}:") for line in removed), out
    code, out = _booklet(project_copy, tmp_path / "out", capsys)
    assert code == 0, out
    pdf = tmp_path / "out" / f"{BOOKLET}.pdf"
    with pikepdf.open(pdf) as document:
        assert not document.attachments, "a file was attached to the booklet"
        assert SECRET.encode() not in pdf.read_bytes()
    assert (7, 13) not in _image_sizes(pdf), "a picture from outside the project was embedded"


def test_image_outside_the_content_folder_is_an_error(
        project_copy: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _append(project_copy, RESOLUTION, "![ảnh](../../../../outside/x.png)")
    code, out = _check(project_copy, capsys)
    assert code == 1
    line = len((project_copy / RESOLUTION).read_text(encoding="utf-8").splitlines())
    assert (f"{RESOLUTION}:{line}: error: link to '../../../../outside/x.png', which is "
            "outside content/") in out


def test_booklet_image_outside_data_is_an_error(
        project_copy: Path, outside: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "data/booklets.yml").write_text(
        "- id: bia-ngoai\n  title: Bìa\n  items: [5-NQ/HU]\n"
        "  image: data/../../outside/x.png\n", encoding="utf-8")
    code, out = _check(project_copy, capsys)
    assert code == 1
    assert ("data/booklets.yml:4: error: image: data/../../outside/x.png is outside the "
            "folders a build reads") in out


def test_symlinks_out_of_the_project_are_refused(
        project_copy: Path, outside: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    content = project_copy / "content"
    (content / "tai-lieu/mong/loa.mp3").symlink_to(outside / "secret.txt")
    (outside / "docs").mkdir()
    (outside / "docs/ngoai.md").write_text(
        f"---\ntype: resolution\ntitle: {SECRET}\nnumber: 88-KH/HU\nissuer: X\n"
        "date: 2024-01-01\nvisibility: public\n---\n\nNgoài dự án.\n", encoding="utf-8")
    (content / "ngoai").symlink_to(outside / "docs")
    summary = content / "tai-lieu/mong/nghi-quyet-5-hmn.md"
    summary.write_text(summary.read_text(encoding="utf-8").replace(
        "visibility: public", "visibility: public\naudio: tai-lieu/mong/loa.mp3"), "utf-8")
    code, out = _check(project_copy, capsys)
    assert code == 1
    assert ("content/tai-lieu/mong/loa.mp3: error: this file is a link to "
            f"{outside.resolve() / 'secret.txt'}, which is outside the folders a build "
            "reads") in out
    assert "content/ngoai: error: this file is a link to" in out
    assert "content/tai-lieu/mong/nghi-quyet-5-hmn.md:" in out  # the audio key, located
    site = tmp_path / "site"
    assert build(project_copy, "public", site) == 1
    assert not site.exists()


SVG_READING = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="100" viewBox="0 0 100 100">
  <style>@import url("{url}/a.css");</style>
  <image xlink:href="{url}/x.png" width="50" height="50"/>
  <image href="{file}" x="50" width="50" height="50"/>
</svg>
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG_7X13)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server on a free port; yields its URL and the paths requested."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_svg_cover_cannot_read_files_or_the_network(
        project_copy: Path, outside: Path, tmp_path: Path,
        recorder: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    url, requests = recorder
    (project_copy / "data/booklet-cover.svg").write_text(
        SVG_READING.format(url=url, file=(outside / "x.png").as_uri()), encoding="utf-8")
    code, out = _check(project_copy, capsys)
    assert code == 1
    assert f"data/booklet-cover.svg:3: error: the picture reads '{url}/a.css'" in out
    assert f"data/booklet-cover.svg:4: error: the picture reads '{url}/x.png'" in out
    assert "data/booklet-cover.svg:5: error: the picture reads 'file://" in out
    code, out = _booklet(project_copy, tmp_path / "out", capsys)
    assert code == 1
    assert f"{url}/x.png" in out and "reads only files" in out, out
    assert requests == []


def test_a_build_makes_no_request(
        project_copy: Path, tmp_path: Path, recorder: tuple[str, list[str]],
        capsys: pytest.CaptureFixture[str]) -> None:
    url, requests = recorder
    _append(project_copy, RESOLUTION, "\n\n".join([
        f"![ảnh]({url}/anh.png)",
        f'<img src="{url}/img.png" alt="">',
        f'<style>@import url("{url}/site.css");</style>',
        f'<p style="background: url({url}/bg.png)">Nền.</p>',
        f'<link rel="stylesheet" href="{url}/link.css">',
        f'<video poster="{url}/poster.png"></video>',
    ]))
    for audience in ("public", "internal"):
        site = tmp_path / f"site-{audience}"
        assert build(project_copy, audience, site) == 0
        assert requests == [], f"the {audience} build requested {requests}"
        for page in site.rglob("*.html"):  # nor will a reader's browser
            assert url not in page.read_text(encoding="utf-8"), page
