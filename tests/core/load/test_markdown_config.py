"""The site's Markdown configuration, read once from mkdocs.yml (core/load/markdown_config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from tuyengiao.core.load.markdown_config import (
    BUILTINS,
    EngineTag,
    MarkdownConfig,
    PythonName,
    needs_engine,
    read_markdown_config,
)
from tuyengiao.core.model.problems import Problems
from tuyengiao.core.model.text import heading_slug

REPO = Path(__file__).resolve().parents[3]
CONFIGS = [REPO / "mkdocs.yml", REPO / "tests" / "fixtures" / "project" / "mkdocs.yml"]


@pytest.mark.parametrize("path", CONFIGS, ids=["repo", "fixture"])
def test_the_same_extensions_as_mkdocs(path: Path) -> None:
    """What MkDocs renders the site with: its built-ins, then mkdocs.yml's, same options."""
    mkdocs = load_config(str(path))
    config = read_markdown_config(path)
    assert list(config.extensions) == mkdocs.markdown_extensions
    assert {name: config.options_of(name) for name in config.extensions
            if config.options_of(name)} == mkdocs.mdx_configs
    assert config.left_out == ()
    assert config.options_of("toc")["slugify"] is heading_slug


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_extensions_that_need_mkdocs_are_left_out_by_one_rule(tmp_path: Path) -> None:
    path = write(tmp_path, """\
site_name: x
markdown_extensions:
  - attr_list
  - material.extensions.preview
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - pymdownx.snippets:
      base_path: !relative $config_dir
  - pymdownx.mark
  - toc:
      permalink: true
""")
    config = read_markdown_config(path)
    assert config.extensions == (*BUILTINS, "attr_list", "pymdownx.mark")
    assert config.left_out == ("material.extensions.preview", "pymdownx.emoji",
                               "pymdownx.snippets")
    assert config.options_of("toc") == {"permalink": True}
    assert needs_engine("mkdocs.contrib.x", {})
    assert needs_engine("x", {"a": [PythonName("material.y")]})
    assert needs_engine("x", {"a": EngineTag("!relative")})
    assert not needs_engine("pymdownx.highlight", {"a": PythonName("pygments.x")})


def test_markdown_extensions_as_a_mapping_and_env(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TG_PERMALINK", "¶")
    path = write(tmp_path, """\
markdown_extensions:
  tables:
  toc:
    permalink: !ENV [TG_MISSING, TG_PERMALINK, "#"]
    title: !ENV [TG_MISSING, "Mục lục"]
""")
    config = read_markdown_config(path)
    assert config.extensions == BUILTINS
    assert config.options_of("toc") == {"permalink": "¶", "title": "Mục lục"}


def test_a_missing_file_gives_mkdocs_defaults(tmp_path: Path) -> None:
    assert read_markdown_config(tmp_path / "mkdocs.yml") == MarkdownConfig()
    assert MarkdownConfig().extensions == ("toc", "tables", "fenced_code")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("markdown_extensions: [toc\n  - x: {\n", "mkdocs.yml:2: error: invalid YAML"),
        ("markdown_extensions: 3\n", "mkdocs.yml: error: markdown_extensions: expected a list"),
        ("markdown_extensions:\n  - toc: 3\n",
         "mkdocs.yml: error: markdown_extensions: invalid options for 'toc'"),
    ],
)
def test_a_broken_file_is_a_problem(tmp_path: Path, text: str, message: str) -> None:
    problems = Problems()
    config = read_markdown_config(write(tmp_path, text), problems)
    assert config == MarkdownConfig()
    (problem,) = problems
    assert str(problem).startswith(message)


def test_the_markdown_instance_has_the_extensions_and_the_overrides() -> None:
    config = read_markdown_config(REPO / "mkdocs.yml")
    md = config.markdown(overrides={"toc": {"permalink": False}})
    assert "headerlink" not in md.convert("## Một")
    assert "headerlink" in config.markdown().convert("## Một")
    names = {type(e).__module__ for e in md.registeredExtensions}
    assert {"markdown.extensions.attr_list", "pymdownx.superfences"} <= names
