"""``tuyengiao build [--audience A] [--out DIR] [--strict]``.

Checks the project, makes the booklets, then runs MkDocs with the ``tuyengiao`` plugin
and a :class:`BuildSession` holding all of that (the plugin reads the audience, the
corpus and the booklets from it; its configuration stays what ``mkdocs.yml`` says).
MkDocs writes into a fresh staging folder, which replaces the output only when the
build succeeded, so a failed build leaves the published site as it was.

A preview server (``tuyengiao serve``) calls :func:`cmd_build` with its own session for
every rebuild: the cache stays in memory and its folder is updated file by file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuyengiao.cli.check import run_check
from tuyengiao.cli.project import layout, project_dir
from tuyengiao.core.incremental.session import BuildCancelled, BuildOptions, BuildSession
from tuyengiao.core.link.view import AUDIENCES
from tuyengiao.core.store import CacheStore, take_damaged
from tuyengiao.core.store.lock import StoreBusy, StoreLock

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def add_site_options(cmd: argparse.ArgumentParser) -> None:
    """The options ``build`` and ``serve`` share."""
    cmd.add_argument("--audience", choices=AUDIENCES, default="public")
    cmd.add_argument("--config", default="mkdocs.yml")
    cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")


def add_parser(sub: Any) -> None:
    build = sub.add_parser("build", help="build the site")
    add_site_options(build)
    build.add_argument("--out", default="site", help="output folder")
    build.set_defaults(func=cmd_build)


def new_session(args: argparse.Namespace, *, preview: bool = False) -> BuildSession:
    """The session of a build with these options (a preview server's: ``preview``)."""
    project = project_dir(args)
    return BuildSession(project, project / args.config,
                        BuildOptions(args.audience, args.strict), preview=preview)


def mkdocs_config(args: argparse.Namespace, site_dir: Path) -> MkDocsConfig:
    """``mkdocs.yml`` as MkDocs loads it, building into ``site_dir``."""
    from tuyengiao.mkdocs.engine import ConfigurationError, load_config

    config = load_config(str(project_dir(args) / args.config), site_dir=str(site_dir),
                         strict=args.strict)
    plugin = config.plugins.get("tuyengiao")
    if plugin is None:
        raise ConfigurationError(f"{args.config}: the 'tuyengiao' plugin is not in 'plugins'")
    if not plugin.config.enabled:
        raise ConfigurationError(
            f"{args.config}: the 'tuyengiao' plugin is disabled ('enabled: false'); "
            "'mkdocs build' builds content/ as plain Markdown, internal documents included")
    return config


def cmd_build(args: argparse.Namespace, session: BuildSession | None = None) -> int:
    """Build the site; a preview server passes the session it keeps between builds.
    One build of a project runs at a time (the store's lock); what killed builds left
    beside the output is removed first."""
    started = time.perf_counter()
    try:
        with build_lock(args):
            return _build(args, session, started)
    except StoreBusy as busy:
        print(f"tuyengiao build: another build of this project is running (process "
              f"{busy}); not built, try again when it has finished", file=sys.stderr)
        return 1


def build_lock(args: argparse.Namespace) -> StoreLock:
    """The project's build lock: a second build waits for the first and says so (or,
    with ``TUYENGIAO_NO_WAIT=1``, stops at once)."""
    def waiting(holder: str) -> None:
        print(f"tuyengiao build: another build of this project is running (process "
              f"{holder}); waiting for it to finish…", file=sys.stderr, flush=True)

    return StoreLock(CacheStore.of(project_dir(args)).root,
                     wait=os.environ.get("TUYENGIAO_NO_WAIT") != "1", on_wait=waiting)


def _build(args: argparse.Namespace, session: BuildSession | None, started: float) -> int:
    from jinja2 import TemplateError

    from tuyengiao.core.incremental.publish import remove_leftovers, swap_in, update_in_place
    from tuyengiao.core.render.booklets.build import (
        BookletError,
        InputKeys,
        build_site_booklets,
        cached_site_booklets,
    )
    from tuyengiao.mkdocs.engine import MkDocsException
    from tuyengiao.mkdocs.incremental import open_cache, start_helper_early
    from tuyengiao.mkdocs.run import run_mkdocs

    session = session or new_session(args)
    session.start_build()
    stages = session.stages
    out = Path(args.out)
    out = out if out.is_absolute() else project_dir(args) / out
    previous = session.pages  # a preview's last build: its folder is updated in place
    in_place = session.preview and bool(previous) and out.is_dir()
    session.in_place = out if in_place else None
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    kept = "the preview keeps its last site" if in_place else (
        "the previous site is left as it was")
    trash = project_dir(args) / ".cache" / "trash"
    for name in remove_leftovers(out, trash):
        print(f"tuyengiao build: removed {name}, left by a build that was stopped",
              file=sys.stderr)
    quiet = session.preview  # a preview reports each build in one line of its own

    def failed(message: str) -> int:
        session.failure = message
        if not quiet:
            print(f"tuyengiao build: {message}; {kept}", file=sys.stderr)
        return 1

    engine, session.engine = session.engine, None  # set again if this build succeeds
    try:
        try:
            config = mkdocs_config(args, staging)
            cache = open_cache(session, config)
            helper = start_helper_early(session, config)
            stages.add("start", time.perf_counter() - started)
        except (MkDocsException, OSError) as exc:
            return failed(f"failed: {exc}")
        with stages.stage("load + check"):
            session.corpus, ok = run_check(layout(args), args.strict, cache.memo, quiet=quiet)
        session.problems = session.corpus.problems.sorted()
        if not ok:
            return failed("not built")
        session.check_cancelled()
        shutil.rmtree(staging, ignore_errors=True)
        try:
            with stages.stage("booklets"):
                if session.preview:  # only those in the cache: the others are made after
                    session.booklets = cached_site_booklets(
                        layout(args), session.corpus, args.audience, InputKeys.of(cache))
                else:
                    session.booklets = build_site_booklets(
                        layout(args), session.corpus, args.audience, InputKeys.of(cache),
                        lambda done, total, _: stages.progress("booklets", done, total))
            session.check_cancelled()
            if helper is not None:
                helper.start(session.booklets)
            run_mkdocs(config, session)
        except (MkDocsException, OSError, TemplateError, BookletError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            session.pages = previous  # what the preview's folder holds
            return failed(f"failed: {exc}")
        except BaseException:  # unexpected, or a preview's build cancelled: still
            shutil.rmtree(staging, ignore_errors=True)  # never leave a half-built folder
            session.pages = previous
            raise
    except BuildCancelled:
        session.engine = engine  # what the preview serves is still that build's
        raise
    finally:
        session.stop_helper()
        _damage_notice()
    if in_place:
        with stages.stage("update preview"):
            update_in_place(staging, out, previous.keys() - session.pages.keys())
    else:
        with stages.stage("swap site"):
            swap_in(staging, out, trash)
    if not quiet:
        print(f"tuyengiao build: {args.audience} site in {out} ({len(session.pages)} pages, "
              f"{time.perf_counter() - started:.1f} s)")
        print(f"tuyengiao build: {stages.summary()}")
    return 0


def _damage_notice() -> None:
    """One line when the cache held damaged entries (each was discarded and made again)."""
    damaged = take_damaged()
    if damaged:
        more = f" and {len(damaged) - 1} more" if len(damaged) > 1 else ""
        print(f"tuyengiao build: notice: damaged cache entries were discarded and made "
              f"again ({damaged[0][:200]}{more}); nothing to do", file=sys.stderr)
