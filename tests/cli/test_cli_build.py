"""``tuyengiao build``'s options reach the build through its session, never by writing
into the plugin; a disabled plugin is refused; the command is one module per command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from built_site import INTERNAL_URLS, MARKER, build

import tuyengiao.cli
from tuyengiao.core.incremental.session import BuildOptions, BuildSession, active_session


def _plugin_options(config: Any) -> dict[str, Any]:
    return dict(config.plugins["tuyengiao"].config)


def test_the_command_line_options_reach_the_build_and_leave_the_plugin_as_configured(
        project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.build
    from mkdocs.config import load_config

    as_configured = _plugin_options(load_config(str(project_copy / "mkdocs.yml")))
    assert as_configured["audience"] == "public" and as_configured["strict"] is False
    seen: list[tuple[dict[str, Any], BuildSession | None]] = []
    mkdocs_build = mkdocs.commands.build.build

    def watched(config: Any, **kwargs: Any) -> None:
        mkdocs_build(config, **kwargs)
        seen.append((_plugin_options(config), active_session(config.config_file_path)))

    monkeypatch.setattr(mkdocs.commands.build, "build", watched)
    out = tmp_path / "noi-bo"
    assert build(project_copy, "internal", out, "--strict") == 0
    [(after, session)] = seen
    assert after == as_configured, "the plugin's configuration is what mkdocs.yml says"
    assert isinstance(session, BuildSession)
    assert session.options == BuildOptions("internal", strict=True)
    assert active_session() is None, "the session is active only while MkDocs builds"
    assert all((out / url / "index.html").is_file() for url in INTERNAL_URLS)
    assert MARKER in (out / INTERNAL_URLS[0] / "index.html").read_text("utf-8")


def test_a_disabled_plugin_is_refused(project_copy: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - tuyengiao:\n", "  - tuyengiao:\n      enabled: false\n"), "utf-8")
    out = tmp_path / "site"
    assert build(project_copy, "public", out) == 1
    error = capsys.readouterr().err
    assert "the 'tuyengiao' plugin is disabled ('enabled: false')" in error
    assert "internal documents included" in error
    assert not out.exists()
    assert not list(tmp_path.glob(".site.*")), "no staging folder is left"


def test_a_missing_plugin_is_refused(project_copy: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = project_copy / "mkdocs.yml"
    text = re.sub(r"(?s)\nplugins:\n.*?\n(?=\S)", "\nplugins: []\n", config.read_text("utf-8"))
    config.write_text(text, "utf-8")
    assert build(project_copy, "public", tmp_path / "site") == 1
    assert "the 'tuyengiao' plugin is not in 'plugins'" in capsys.readouterr().err


def test_one_module_per_command() -> None:
    folder = Path(tuyengiao.cli.__file__).parent
    commands = tuyengiao.cli.parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) == {"check", "build", "serve", "booklet", "new", "stats", "offline"}
    for name, command in commands.items():
        handler = command.get_default("func")
        assert handler.__module__ == f"tuyengiao.cli.{name}", name
        assert (folder / f"{name}.py").is_file()
    init = (folder / "__init__.py").read_text("utf-8")
    assert "def cmd_" not in init, "cli/__init__.py holds main and parser only"


def _absolute_link(project: Path) -> None:
    """A link MkDocs itself warns about (``validation.links.absolute_links: warn``)."""
    path = project / "content/uy-ban/ke-hoach-loa-truyen-thanh.md"
    path.write_text(path.read_text("utf-8") + "\nXem [trang chủ](/van-ban/).\n", "utf-8")


def test_mkdocs_warnings_are_shown_and_fail_a_strict_build_but_no_dirty_notice(
        project_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "site"
    assert build(project_copy, "public", out) == 0
    _absolute_link(project_copy)
    caplog.clear()
    assert build(project_copy, "public", out) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("absolute link '/van-ban/'" in w for w in warnings), warnings
    assert not any("dirty" in w.lower() for w in warnings), warnings
    for _ in range(2):  # a strict build renders its own pages, and caches none that warned
        caplog.clear()
        assert build(project_copy, "public", out, "--strict") == 1
        assert "absolute link '/van-ban/'" in caplog.text
        assert "dirty" not in caplog.text.lower()
