"""``tuyengiao serve``: an internal preview stays on this computer unless the user says
otherwise; the preview server injects no inline script and serves nothing that resolves
outside its folder."""

from __future__ import annotations

import argparse
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tuyengiao.cli import main
from tuyengiao.cli.serve import check_address, is_loopback
from tuyengiao.mkdocs.serve import PREFIX, PreviewServer


def test_internal_serve_on_the_network_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--project", str(tmp_path), "serve", "--audience", "internal",
                 "--dev-addr", "0.0.0.0:8000"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "tuyengiao serve: error: --dev-addr 0.0.0.0:8000 lets other computers read the "
        "internal documents; use 127.0.0.1, or add --expose-internal if everyone on that "
        "network may read them")


def test_expose_internal_warns(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(audience="internal", dev_addr="192.168.1.5:8000",
                              expose_internal=True)
    assert check_address(args) is None
    assert "warning: the internal site is served on 192.168.1.5:8000" in capsys.readouterr().err
    public = argparse.Namespace(audience="public", dev_addr="0.0.0.0:8000",
                                expose_internal=False)
    assert check_address(public) is None


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("tuyengiao.local", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text("<html><body><p>Trang</p></body></html>", "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("BI-MAT", encoding="utf-8")
    (root / "loa.mp3").symlink_to(secret)
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root),
                           status=lambda: {"ok": True})
    server.watch(str(root))  # a watched server injects its reload script into pages
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    for _ in range(500):  # the port is bound (port 0: a free one) when serving starts
        if getattr(server, "server_port", 0):
            break
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_preview_script_is_a_file_and_links_out_are_not_served(preview: str) -> None:
    status, page = _get(preview + "/")
    assert status == 200
    assert "<script>" not in page and f'<script src="{PREFIX}preview.js"' in page
    status, body = _get(preview + "/loa.mp3")
    assert status == 404 and "BI-MAT" not in body
