"""What every page's ``<head>`` says about safety, and the site's ``robots.txt``.

**One place for the Content-Security-Policy.** :data:`POLICY` is the policy of
every page, one directive a line; the theme prints :meth:`PageHead.csp` as the
first ``<meta>`` of each page (``overrides/partials/tg-head.html``). Scripts come
only from the site itself (``script-src 'self'``, no ``'unsafe-inline'``): Material's
inline scripts are replaced by files (``overrides/partials/javascripts/``), and
nothing the project adds may be inline. To add a script, put it in a file under
``overrides/assets/javascripts/`` and load it with ``<script src=…>``; to let pages
reach another host (a province portal's districts, :func:`page_head` adds their
origins to ``connect-src``), add it here, once.

Internal builds tell search engines to keep away: ``noindex, nofollow`` on every
page and a ``robots.txt`` that disallows everything; the public ``robots.txt``
names the sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tuyengiao.core.link.view import SiteView

#: The policy of every page; a source list may grow by :func:`page_head` (``connect-src``).
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    # Material and the core set ``style=""`` (table alignment, the chart's colours)
    "style-src": ("'self'", "'unsafe-inline'"),
    # Material's icons are data: SVG in its CSS
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "media-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
ROBOTS_INTERNAL = "noindex, nofollow"


@dataclass(frozen=True)
class PageHead:
    """The safety tags of every page of one build."""

    csp: str
    #: The ``<meta name="robots">`` content ('' for none: a public page may be indexed).
    robots: str

    @property
    def key(self) -> str:
        """What the pages' HTML depends on (part of every page's cache key)."""
        return f"{self.csp}\n{self.robots}"


def page_head(view: SiteView) -> PageHead:
    """The tags of a build of ``view``: its audience, and the portal's districts."""
    policy = {name: list(sources) for name, sources in POLICY.items()}
    for site in view.portal:
        parts = urlsplit(site.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in policy["connect-src"]:
            policy["connect-src"].append(origin)
    csp = "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())
    return PageHead(csp, ROBOTS_INTERNAL if view.audience == "internal" else "")


def robots_txt(audience: str, site_url: str) -> str:
    """``robots.txt``: an internal build disallows everything; a public one names its
    sitemap (when ``site_url`` is set)."""
    if audience == "internal":
        return ("# Trang nội bộ: không cho máy tìm kiếm thu thập.\n"
                "User-agent: *\nDisallow: /\n")
    text = "User-agent: *\nDisallow:\n"
    if site_url:
        text += f"\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    return text
