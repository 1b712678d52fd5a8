"""How ``tuyengiao build`` runs MkDocs: its *dirty* build, with the session active.

In a dirty build MkDocs renders only the pages whose ``File.is_modified()`` is true
(:mod:`tuyengiao.mkdocs.incremental`) and writes into a folder it does not clean first;
here that folder is always a fresh, empty one.

MkDocs announces every dirty build with a warning ("will likely lead to inaccurate
navigation"), meant for ``mkdocs build --dirty`` over an old site. It is not true of
these builds (every page is in ``Files``; a page from the cache has the bytes an
uncached build writes), and a strict build would fail on it. MkDocs logs it between the
``pre_build`` and ``files`` events, where its build command logs nothing else but
notes; so, with a session, the plugin has that logger log errors only from its
``pre_build`` handler (run last) to its ``files`` handler. No other message is touched.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig

from tuyengiao.core.incremental.session import BuildSession
from tuyengiao.mkdocs.engine import NAME as ENGINE

#: The logger of MkDocs' build command.
_BUILD_LOG = logging.getLogger(f"{ENGINE}.commands.build")


def run_mkdocs(config: MkDocsConfig, session: BuildSession) -> None:
    """MkDocs' dirty build of ``config``, with ``session`` active."""
    from mkdocs.commands.build import build

    level = _BUILD_LOG.level
    try:
        with session.active():
            build(config, dirty=True)
    finally:
        _BUILD_LOG.setLevel(level)  # should the build fail before the files event


def quiet_dirty_notice() -> int:
    """From now on MkDocs' build command logs errors only; the level it had."""
    level = _BUILD_LOG.level
    _BUILD_LOG.setLevel(logging.ERROR)
    return level


def end_dirty_notice(level: int) -> None:
    _BUILD_LOG.setLevel(level)
