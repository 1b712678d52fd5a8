"""The site's Markdown configuration, read once from ``mkdocs.yml``.

MkDocs renders the site with the ``markdown_extensions`` of ``mkdocs.yml``, after
its built-ins ``toc``, ``tables`` and ``fenced_code`` (which MkDocs always adds
first). The core renders Markdown too: it reads every body once when it loads it
(:mod:`tuyengiao.core.load.structure`) and it renders the booklets. Both must see
the Markdown the site sees, so both take their extensions from
:func:`read_markdown_config` and from nowhere else.

An extension that needs MkDocs is left out, by one rule (:func:`needs_engine`):
its module, or an object its options name with ``!!python/name:``, belongs to
MkDocs or its theme (:data:`ENGINE_PACKAGES`), or its options use a YAML tag
only MkDocs reads (such as ``!relative``).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension, Markdown

from tuyengiao.core.model.problems import Problems
from tuyengiao.i18n import _

#: Always enabled by MkDocs, before the extensions of ``mkdocs.yml``
#: (``markdown_extensions = MarkdownExtensions(builtins=[...])`` in MkDocs' config).
BUILTINS: tuple[str, ...] = ("toc", "tables", "fenced_code")
#: Top-level packages of the engine: an extension that needs one is not used by the core.
ENGINE_PACKAGES: tuple[str, ...] = ("mkdocs", "material")
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class PythonName:
    """An object named in ``mkdocs.yml`` with ``!!python/name:module.attr``, imported on use."""

    path: str

    def load(self) -> Any:
        module, _dot, attr = self.path.rpartition(".")
        return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class EngineTag:
    """A value written with a YAML tag that only MkDocs reads (``!relative``, …)."""

    tag: str


@dataclass(frozen=True)
class MarkdownConfig:
    """The Markdown extensions of the site that work without MkDocs, with their options.

    ``left_out`` names the extensions of ``mkdocs.yml`` that need MkDocs.
    """

    extensions: tuple[str, ...] = BUILTINS
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A hash of the configuration: what a body's reading depends on besides its text."""
        text = json.dumps([self.extensions, self.options, self.left_out], sort_keys=True,
                          default=repr, ensure_ascii=False)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def options_of(self, name: str) -> dict[str, Any]:
        """The options of one extension, objects named by ``!!python/name:`` imported."""
        return {key: _resolve(value) for key, value in self.options.get(name, {}).items()}

    def markdown(self, *extra: Extension,
                 overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Markdown:
        """A Python-Markdown instance with these extensions, then ``extra``.

        ``overrides`` sets some options of some of these extensions over the site's (the
        booklets number their headings themselves); it adds no extension.
        """
        overrides = overrides or {}
        configs = {name: {**self.options_of(name), **overrides.get(name, {})}
                   for name in self.extensions}
        return Markdown(extensions=[*self.extensions, *extra], extension_configs=configs)


def needs_engine(name: str, options: Any) -> bool:
    """True when an extension cannot be used without MkDocs (see the module's rule)."""
    if _in_engine(name):
        return True
    return any(isinstance(value, EngineTag) or (isinstance(value, PythonName)
                                                and _in_engine(value.path))
               for value in _values(options))


def read_markdown_config(path: Path, problems: Problems | None = None,
                         shown: str = CONFIG_FILE) -> MarkdownConfig:
    """The Markdown configuration of the site whose MkDocs configuration is ``path``.

    A missing file gives MkDocs' defaults (the built-ins). A file that cannot be read
    gives them too, and an error in ``problems`` (as ``shown``, with its line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return MarkdownConfig()
    try:
        data = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader with three tags more
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        _report(problems, shown, mark.line + 1 if mark is not None else 0,
                _("invalid YAML: {problem}").format(problem=exc))
        return MarkdownConfig()
    listed = data.get("markdown_extensions", []) if isinstance(data, dict) else []
    try:
        extensions = _extension_items(listed)
    except ValueError as exc:
        _report(problems, shown, 0, _("markdown_extensions: {problem}").format(problem=exc))
        return MarkdownConfig()
    names = list(dict.fromkeys([*BUILTINS, *(name for name, _options in extensions)]))
    options: dict[str, Mapping[str, Any]] = {}
    for name, value in extensions:
        if value:
            options[name] = value
    kept = tuple(n for n in names if not needs_engine(n, options.get(n, {})))
    return MarkdownConfig(kept, {n: options[n] for n in kept if n in options},
                          tuple(n for n in names if n not in kept))


def _extension_items(value: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """(name, options) of each extension, as MkDocs reads ``markdown_extensions``."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = [{k: v} for k, v in value.items()]
    if not isinstance(value, list | tuple):
        raise ValueError(_("expected a list of extensions"))
    found: list[tuple[str, Mapping[str, Any]]] = []
    for item in value:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            ((name, options),) = item.items()
            if not isinstance(name, str) or not isinstance(options, dict | None):
                raise ValueError(_("invalid options for {name!r}").format(name=name))
            found.append((name, options or {}))
        else:
            raise ValueError(_("expected an extension name or one 'name: options', got "
                               "{item!r}").format(item=item))
    return found


def _report(problems: Problems | None, shown: str, line: int, message: str) -> None:
    if problems is not None:
        problems.error(shown, line, message)


def _in_engine(dotted: str) -> bool:
    return dotted.split(".", 1)[0] in ENGINE_PACKAGES


def _values(value: Any) -> Iterable[Any]:
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(item)
    else:
        yield value


def _resolve(value: Any) -> Any:
    if isinstance(value, PythonName):
        return value.load()
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML of ``mkdocs.yml``: ``!ENV`` read here, ``!!python/name:`` kept as a
    :class:`PythonName` (imported only if the extension is used), any other tag an
    :class:`EngineTag`."""


def _env(loader: Any, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        for name in items[:-1]:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return items[-1] if items else None
    return None


def _python_name(loader: Any, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


def _other_tag(loader: Any, suffix: str, node: yaml.Node) -> EngineTag:
    return EngineTag(node.tag)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("", _other_tag)
