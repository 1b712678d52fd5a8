"""The number linker as a Python-Markdown extension (core/render/number_links.py)."""

from __future__ import annotations

import markdown

from tuyengiao.core.model.numbers import DocumentNumber
from tuyengiao.core.render.number_links import NumberLink, NumberLinkExtension, makeExtension

NAME = "tuyengiao.core.render.number_links"
TEXT = "Theo 148-KH/TU, `149-KH/TU` và [150-KH/TU](tai-lieu.md)."


def link(number: DocumentNumber) -> NumberLink | None:
    return NumberLink(f"/van-ban/{number.slug}/", "Kế hoạch") if number.serial == "148" else None


def test_make_extension_from_its_name_and_options() -> None:
    html = markdown.markdown(TEXT, extensions=[NAME],
                             extension_configs={NAME: {"resolver": link}})
    assert html == ('<p>Theo <a class="tg-ref" href="/van-ban/148-kh-tu/" title="Kế hoạch">'
                    '148-KH/TU</a>, <code>149-KH/TU</code> và '
                    '<a href="tai-lieu.md"><span class="tg-num">150-KH/TU</span></a>.</p>')
    # A number in an editor's own link is not linked again, but kept on one line.


def test_options_live_in_config() -> None:
    extension = makeExtension(resolver=link)
    assert isinstance(extension, NumberLinkExtension)
    assert extension.getConfigs()["resolver"] is link
    assert set(extension.getConfigInfo()) >= {("resolver", extension.config["resolver"][1])}


def test_without_options_nothing_changes() -> None:
    assert markdown.markdown(TEXT, extensions=[NAME]) == markdown.markdown(TEXT)


def test_positional_resolver_and_hidden_links() -> None:
    extension = NumberLinkExtension(link, lambda href: href == "tai-lieu.md")
    html = markdown.markdown(TEXT, extensions=[extension])
    assert '<span><span class="tg-num">150-KH/TU</span></span>' in html
    assert 'href="/van-ban/148-kh-tu/"' in html


def test_an_external_number_without_an_address_gets_a_title() -> None:
    extension = makeExtension(resolver=lambda n: NumberLink("", "Bộ Chính trị", True))
    html = markdown.markdown("Theo 05-CT/TW.", extensions=[extension])
    assert html == ('<p>Theo <abbr class="tg-ref tg-ref--external" title="Bộ Chính trị">'
                    "05-CT/TW</abbr>.</p>")
