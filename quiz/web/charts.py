"""Geometry for the small server-rendered SVG charts (no chart library, no CDN). Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[tuple[float, float]]  # in SVG coordinates
    polyline: str
    gridlines: list[tuple[float, int]]  # (y, percent label)


def line_chart(values: Sequence[float], *, width: int = 600, height: int = 200, pad: int = 30) -> LineChart:
    """Scores (0..1) in order, spread evenly across the width; y grows downwards in SVG."""
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    count = len(values)
    points = []
    for i, value in enumerate(values):
        x = pad + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)
        y = pad + inner_h * (1 - max(0.0, min(1.0, value)))
        points.append((round(x, 1), round(y, 1)))
    grid = [(round(pad + inner_h * (1 - p / 100), 1), p) for p in (0, 50, 100)]
    return LineChart(width, height, points, " ".join(f"{x},{y}" for x, y in points), grid)
