"""A build session: what the command line hands the engine adapter, and what a preview
server keeps from one build to the next.

``tuyengiao build`` makes a :class:`BuildSession` from its options, opens the cache,
checks the corpus and makes the booklets into it, then runs the engine with the session
active (``with session.active(): …``). The adapter finds it with :func:`active_session`
and reads the audience and strictness from it, so nothing is written into the engine's
objects or the plugin's configuration; without a session (plain ``mkdocs build``) the
plugin uses its own configuration. A preview server keeps one session for all its
builds: the cache stays in memory between them and ``pages`` says what the last one
built.

Several processes may render the pages of one build (:class:`PageClaims`): each page
is rendered by the one process that claims it first. Nothing here knows the engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tuyengiao.core.incremental.cache import BuildCache
from tuyengiao.core.incremental.timing import Stages
from tuyengiao.core.link.corpus import Corpus
from tuyengiao.core.link.view import Audience
from tuyengiao.core.model.problems import Problem
from tuyengiao.core.render.booklets.build import SiteBooklets


class BuildCancelled(Exception):
    """A preview's build stopped because a newer save is waiting (nothing was published)."""


@dataclass(frozen=True)
class BuildOptions:
    """What the command line chose for a build."""

    audience: Audience = "public"
    #: Warnings fail the build (content problems and the engine's own warnings).
    strict: bool = False


class PageClaims:
    """The pages that several processes of one build render together.

    A claim is a file named after the page's key, created with ``O_EXCL`` in a folder
    the processes share: exactly one process gets each page, whichever reaches it first.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def claim(self, key: str) -> bool:
        """True if this process renders the page with this key (no other one will)."""
        try:
            os.close(os.open(self.folder / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


class Helper(Protocol):
    """Another process rendering the pages it claims into the page cache."""

    def share_keys(self, keys: Mapping[str, str]) -> None:
        """This build's page keys (output path → key): the helper renders only pages
        whose key it finds the same, so both never write one path differently."""

    def join(self) -> None:
        """Wait until it has put its pages into the cache; raise if it failed."""

    def stop(self) -> None:
        """Stop it now (its pages are not needed); safe to call more than once."""


@dataclass
class BuildSession:
    """One ``tuyengiao build``, or every build of one preview server.

    ``preview``: the cache is kept in memory (written by :meth:`close`) and the output
    folder is updated in place. ``helper`` is set on the main process when a second
    process renders pages with it (both claim pages in ``claims``); ``is_helper`` is
    set on that second process, which only renders the pages it claims.
    """

    project_dir: Path
    config_file: Path
    options: BuildOptions = field(default_factory=BuildOptions)
    preview: bool = False
    is_helper: bool = False
    #: The cache of the current code key (kept between a preview's builds).
    cache: BuildCache | None = None
    #: Output path (``van-ban/x/index.html``) → page key, for every page of the last build.
    pages: dict[str, str] = field(default_factory=dict)
    #: The share images of the last build (paths), linked straight into a preview's
    #: folder: the next build removes those it no longer makes.
    images: set[str] = field(default_factory=set)
    # What the current build has made so far (reset by :meth:`start_build`):
    stages: Stages = field(default_factory=Stages)
    corpus: Corpus | None = None
    booklets: SiteBooklets | None = None
    claims: PageClaims | None = None
    helper: Helper | None = None
    #: On a helper: the main process's page keys, when it has them (see ``Helper``).
    main_keys: Callable[[], Mapping[str, str]] | None = None
    #: A preview's folder, updated in place: pages from the cache and the search index
    #: are linked straight into it (None: everything goes to the engine's output folder).
    in_place: Path | None = None
    #: The content problems the build found (errors and warnings), and why it failed
    #: when it failed for another reason (a preview shows them in the browser).
    problems: list[Problem] = field(default_factory=list)
    failure: str = ""
    #: How many pages this build rendered (the others came from the cache).
    rendered: int = 0
    #: A preview's last successful build leaves the engine's objects here, to render the
    #: pages of the next save first (the adapter's ``PreviewState``; None otherwise).
    engine: object | None = None
    #: A preview's build may stop when this says so (a newer save waits); see
    #: :meth:`check_cancelled`.
    cancel: Callable[[], bool] | None = None

    def start_build(self) -> None:
        """Forget what the previous build made; keep the cache and the pages it built."""
        self.stages = Stages(quiet=self.preview)
        self.corpus = self.booklets = self.claims = self.helper = self.in_place = None
        self.problems, self.failure, self.rendered = [], "", 0

    def cancelled(self) -> bool:
        """Whether this build is to stop (a preview's, for a newer save)."""
        return self.cancel is not None and self.cancel()

    def check_cancelled(self) -> None:
        """Raise :class:`BuildCancelled` if this build is to stop (before it publishes)."""
        if self.cancelled():
            raise BuildCancelled

    def open_cache(self, key: str) -> BuildCache:
        """The cache of this code key: the one in memory while the key is the same."""
        if self.cache is None or self.cache.key != key:
            self.cache = BuildCache(self.project_dir, key)
            self.cache.persist = not (self.preview or self.is_helper)
        stages = self.stages
        self.cache.on_progress = lambda done, total: stages.progress("documents read", done,
                                                                     total)
        return self.cache

    def stop_helper(self) -> None:
        if self.helper is not None:
            self.helper.stop()

    def close(self) -> None:
        """The session ends: stop a helper, write what the cache holds in memory."""
        self.stop_helper()
        if self.cache is not None and not self.is_helper:
            self.cache.flush()

    @contextmanager
    def active(self) -> Iterator[BuildSession]:
        """Make this the session that :func:`active_session` finds, for the ``with`` block."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


_ACTIVE: ContextVar[BuildSession | None] = ContextVar("tuyengiao_build_session", default=None)


def active_session(config_file: str | Path | None = None) -> BuildSession | None:
    """The session of the build running in this context, if any (and if it is the
    session of ``config_file``: a build of another project is not this session's)."""
    session = _ACTIVE.get()
    if session is None or config_file is None:
        return session
    return session if Path(config_file).resolve() == session.config_file.resolve() else None
