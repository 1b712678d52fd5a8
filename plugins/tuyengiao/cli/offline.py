"""``tuyengiao offline [--audience A] [--format zip|zim] [--out FILE]``.

Builds the audience's site (as ``tuyengiao build`` does, into a folder of the cache:
pages, booklets and search come from the same cache, so after a build this costs a
no-change build), then writes its offline copy (``core/render/offline``): a zip
that works opened from ``file://``, or a ZIM for Kiwix with its full-text index.
Without ``--out`` the copy goes to ``offline/<audience>/ban-sao.<format>`` in the
project, which the next ``tuyengiao build`` publishes in ``ngoai-tuyen/`` and links
from the home page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

from tuyengiao.cli.build import add_site_options, cmd_build, mkdocs_config
from tuyengiao.cli.project import project_dir
from tuyengiao.core.model.audio import file_size
from tuyengiao.core.render.offline.copies import FORMATS, VIETNAM, default_copy


def add_parser(sub: Any) -> None:
    offline = sub.add_parser("offline", help="write an offline copy of the site (zip or ZIM)")
    add_site_options(offline)
    offline.add_argument("--format", choices=FORMATS, default="zip")
    offline.add_argument("--out", default=None,
                         help="the file to write (default: offline/<audience>/ban-sao.<format>)")
    offline.add_argument("--jobs", type=int, default=0,
                         help="processes for the pages (default: one per core)")
    offline.set_defaults(func=cmd_offline)


def _date() -> dt.datetime:
    """The copy's date: ``SOURCE_DATE_EPOCH`` when set (reproducible), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
              and epoch.isdigit() else dt.datetime.now(dt.UTC))
    return moment.astimezone(VIETNAM)


def cmd_offline(args: argparse.Namespace) -> int:
    from tuyengiao.core.render.offline.pack import ZimInfo, write_zim, write_zip
    from tuyengiao.core.render.offline.pwa import icon_png
    from tuyengiao.core.render.offline.tree import offline_files
    from tuyengiao.mkdocs.engine import MkDocsException
    from tuyengiao.mkdocs.output import theme_color

    started = time.perf_counter()
    project = project_dir(args)
    out = Path(args.out) if args.out else default_copy(project, args.audience, args.format)
    out = out if out.is_absolute() else Path.cwd() / out
    site = project / ".cache" / "offline" / args.audience
    build_args = argparse.Namespace(**{**vars(args), "out": str(site)})
    if cmd_build(build_args) != 0:
        print(f"tuyengiao offline: not written; {out} is left as it was", file=sys.stderr)
        return 1
    built = time.perf_counter()
    date = _date()
    files = offline_files(site, args.jobs or None)
    try:
        if args.format == "zip":
            stats = write_zip(files, out, date)
        else:
            try:
                config = mkdocs_config(args, site)
            except MkDocsException as exc:
                print(f"tuyengiao offline: failed: {exc}", file=sys.stderr)
                return 1
            colour = theme_color(config)
            info = ZimInfo(
                name=f"tuyengiao_vi_{args.audience}", title=config.site_name,
                description=config.site_description or config.site_name,
                creator=config.copyright or config.site_name,
                publisher=config.copyright or config.site_name, date=date.date(),
                illustration=icon_png(48, colour))
            stats = write_zim(files, out, info, workers=max(1, os.cpu_count() or 1))
    except (OSError, RuntimeError) as exc:
        print(f"tuyengiao offline: failed writing {out}: {exc}; nothing was replaced",
              file=sys.stderr)
        return 1
    done = time.perf_counter()
    print(f"tuyengiao offline: {args.audience} {args.format} in {out} "
          f"({stats.pages} pages, {stats.files} files, {file_size(out.stat().st_size)}; "
          f"build {built - started:.1f} s, {args.format} {done - built:.1f} s)")
    if not args.out:
        print(f"tuyengiao offline: the next 'tuyengiao build --audience {args.audience}' "
              "publishes it in ngoai-tuyen/ and links it from the home page")
    return 0
