"""SVG line charts drawn at build time: participation rates per year and the target.

The SVG is inline, so it needs no JavaScript and no request; its colours are CSS
classes whose values are CSS variables that follow Material's light and dark
palettes (``tuyengiao.css``). It carries ``role="img"``, a ``<title>`` and a
``<desc>`` that says every value; the page adds the same numbers as a table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import escape

from tuyengiao.core.render.data.percent import vi_percent

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 62, 12, 14, 30  # LEFT: room for "100%" at 19px (phones)


@dataclass(frozen=True)
class Series:
    key: str  # CSS modifier: tg-chart__line--<key>
    label: str
    values: list[Decimal | None]  # one per year
    marker: str  # "circle" or "square"


def _lowest_shown(series: list[Series], target: Decimal) -> int:
    values = [v for s in series for v in s.values if v is not None] + [target]
    low = int(min(values)) - 1
    return max(0, low - low % 5)


def rate_chart(chart_id: str, title: str, years: list[int], series: list[Series],
               target: Decimal) -> str:
    """An SVG line chart of percentages; one line per series, a dashed target line."""
    low = _lowest_shown(series, target)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: int) -> float:
        return LEFT + (plot_w * (index + 0.5) / len(years))

    def y(value: Decimal) -> float:
        return TOP + plot_h * float(100 - value) / (100 - low) if low < 100 else TOP

    parts = [f'<svg class="tg-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(describe(years, series, target))}</desc>']
    parts += _grid(low, y)
    # Every year is a point; with many years only every 2nd/3rd is labelled (phones).
    step = 1 if len(years) <= 6 else (2 if len(years) <= 12 else 3)
    parts += [f'<text class="tg-chart__label" x="{x(i):.1f}" y="{HEIGHT - 8}" '
              f'text-anchor="middle">{year}</text>' for i, year in enumerate(years)
              if (len(years) - 1 - i) % step == 0]
    target_y = y(target)
    parts.append(f'<line class="tg-chart__target" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                 f'y1="{target_y:.1f}" y2="{target_y:.1f}"/>')
    for s in series:
        parts += _line(s, years, x, y)
    parts.append("</svg>")
    return "".join(parts)


def legend(series: list[Series], target: Decimal) -> str:
    """The chart's key as HTML (it wraps on a phone, where SVG text would shrink)."""
    items = [f'<li><span class="tg-legend__mark tg-legend__mark--{s.key} '
             f'tg-legend__mark--{s.marker}" aria-hidden="true"></span>{escape(s.label)}</li>'
             for s in series]
    items.append('<li><span class="tg-legend__mark tg-legend__mark--target" '
                 f'aria-hidden="true"></span>Mục tiêu {percent_label(target)}</li>')
    return f'<ul class="tg-legend">{"".join(items)}</ul>'


def percent_label(value: Decimal) -> str:
    """A set percentage as written: ``98%``, ``97,5%``."""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%"


def _grid(low: int, y: Callable[[Decimal], float]) -> list[str]:
    span = 100 - low
    step = next((s for s in (1, 2, 5, 10) if span / s <= 6), 20)
    lines = []
    for value in range(low, 101, step):
        gy = y(Decimal(value))
        lines.append(f'<line class="tg-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                     f'y1="{gy:.1f}" y2="{gy:.1f}"/>')
        lines.append(f'<text class="tg-chart__label" x="{LEFT - 6}" y="{gy + 4:.1f}" '
                     f'text-anchor="end">{value}%</text>')
    return lines


def _line(series: Series, years: list[int], x: Callable[[int], float],
          y: Callable[[Decimal], float]) -> list[str]:
    parts: list[str] = []
    run: list[str] = []
    points = [*series.values, None]  # a gap (empty year) ends a line segment
    for index, value in enumerate(points):
        if value is None:
            if len(run) > 1:
                parts.append(f'<polyline class="tg-chart__line tg-chart__line--{series.key}" '
                             f'points="{" ".join(run)}"/>')
            run = []
            continue
        run.append(f"{x(index):.1f},{y(value):.1f}")
    for index, value in enumerate(series.values):
        if value is None:
            continue
        px, py = x(index), y(value)
        tip = f"<title>{years[index]} – {escape(series.label)}: {vi_percent(value)}</title>"
        cls = f"tg-chart__point tg-chart__point--{series.key}"
        if series.marker == "square":
            parts.append(f'<rect class="{cls}" x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" '
                         f'height="8">{tip}</rect>')
        else:
            parts.append(f'<circle class="{cls}" cx="{px:.1f}" cy="{py:.1f}" r="4.5">'
                         f'{tip}</circle>')
    return parts


def describe(years: list[int], series: list[Series], target: Decimal) -> str:
    """Every value of the chart in words, for screen readers and ``<desc>``."""
    items = []
    for index, year in enumerate(years):
        values = [f"{s.label.lower()} {vi_percent(v)}" for s in series
                  if (v := s.values[index]) is not None]
        items.append(f"năm {year}: " + (", ".join(values) if values else "không có số liệu"))
    return f"Mục tiêu {percent_label(target)}. " + "; ".join(items) + "."
