"""``tuyengiao serve`` in Debian's Chromium: a save that breaks the build shows an
overlay naming the file, the line and the message on the page being previewed; the
fix makes it go and the page shows the fixed text; the page reloads by itself.

Every HTML response gets ``Content-Security-Policy: script-src 'self'`` here, as the
site will: the preview's reload and overlay must work without inline script.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import skip_without_chromium
from preview_server import COMMANDS, DATE_LINE, RESOLUTION, RESOLUTION_URL, running_preview

skip_without_chromium()

from playwright.sync_api import Browser, Route  # noqa: E402

CSP = "script-src 'self'"


def _with_csp(route: Route) -> None:
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch()
    route.fulfill(response=response,
                  headers={**response.headers, "content-security-policy": CSP})


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_broken_save_shows_an_overlay_until_it_is_fixed(
        project_copy: Path, browser: Browser, tmp_path: Path, engine: str) -> None:
    if not COMMANDS[engine].exists():
        pytest.skip(f"no {COMMANDS[engine]} (scripts/setup --dev makes it)")
    source = project_copy / RESOLUTION
    good = source.read_text("utf-8")
    lines = good.splitlines()
    assert lines[DATE_LINE - 1].startswith("date: ")
    with running_preview(project_copy, engine=engine) as preview:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        blocked: list[str] = []
        context.route("**/*", _with_csp)
        page = context.new_page()
        page.on("console", lambda m: blocked.append(m.text)
                if "Content Security Policy" in m.text and "tuyengiao" in m.text else None)
        page.goto(preview.url + RESOLUTION_URL)
        page.wait_for_load_state("load")
        overlay = page.locator("#tuyengiao-preview-error")
        assert overlay.count() == 0

        broken = lines.copy()
        broken[DATE_LINE - 1] = "date: 2023-02-31"
        source.write_text("\n".join(broken) + "\n", "utf-8")
        overlay.wait_for(state="visible", timeout=60_000)
        text = overlay.inner_text()
        assert "Lỗi khi dựng trang" in text
        assert RESOLUTION in text and f"dòng {DATE_LINE}" in text
        assert "2023-02-31" in text
        assert overlay.get_attribute("lang") == "vi" and overlay.get_attribute("role") == "alert"
        page.screenshot(path=str(tmp_path / "overlay.png"))

        fixed = good + "\nĐoạn sửa xong khi xem trước.\n"
        source.write_text(fixed, "utf-8")
        page.get_by_text("Đoạn sửa xong khi xem trước.").wait_for(timeout=60_000)
        # gone once the fixed build is shown (on a busy machine the page may reload once
        # more, after the rest of the site, before the status says ok)
        overlay.wait_for(state="detached", timeout=60_000)
        assert blocked == []
        context.close()
