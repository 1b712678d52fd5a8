"""The print-shop variant: A5 pages two-up on A4 landscape, in saddle-stitch order.

Printed double-sided (flip on the short edge), folded and stapled in the middle,
the sheets give the booklet in reading order. The booklet is padded with blank
pages to a multiple of four, so ``n`` pages give ``ceil(n/4) * 2`` A4 pages.
Uses pikepdf (qpdf): each A5 page becomes a form XObject placed on the sheet.
"""

from __future__ import annotations

import io

A4_LANDSCAPE = (841.89, 595.28)


def saddle_stitch_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) 0-based page indices for each A4 side; None is a blank page.

    For ``N`` padded pages, sheet ``s`` has ``N-1-2s | 2s`` on the front and
    ``2s+1 | N-2-2s`` on the back.
    """
    total = -(-pages // 4) * 4

    def page(index: int) -> int | None:
        return index if index < pages else None

    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        sides.append((page(total - 1 - 2 * sheet), page(2 * sheet)))
        sides.append((page(2 * sheet + 1), page(total - 2 - 2 * sheet)))
    return sides


def _placement(name: str, box: list[float], slot: int) -> str:
    """The content-stream operators that draw a page in the left (0) or right (1) half."""
    half_width, height = A4_LANDSCAPE[0] / 2, A4_LANDSCAPE[1]
    width, page_height = box[2] - box[0], box[3] - box[1]
    scale = min(half_width / width, height / page_height)
    x = slot * half_width + (half_width - width * scale) / 2 - box[0] * scale
    y = (height - page_height * scale) / 2 - box[1] * scale
    return f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm {name} Do Q"


def impose(pdf: bytes, title: str = "") -> bytes:
    """The imposed PDF of an A5 booklet, deterministic for the same input."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as out:
        forms = [out.copy_foreign(page.as_form_xobject()) for page in source.pages]
        boxes = [[float(v) for v in page.mediabox] for page in source.pages]
        for left, right in saddle_stitch_order(len(source.pages)):
            names: dict[str, object] = {}
            content = []
            for slot, index in enumerate((left, right)):
                if index is not None:
                    name = f"/P{slot}"
                    names[name] = forms[index]
                    content.append(_placement(name, boxes[index], slot))
            sheet = pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, *A4_LANDSCAPE],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(names)),
                Contents=out.make_stream("\n".join(content).encode("ascii")),
            )
            out.pages.append(pikepdf.Page(sheet))
        if title:
            out.docinfo["/Title"] = f"{title} (bản in ghép trang)"
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return buffer.getvalue()
