"""Charts of a report drawn by matplotlib with Noto Sans CJK, so Chinese labels are readable.

Only the data in a snapshot's :class:`~hicoop.reports.snapshot.Chart` is drawn: charts made again
from a stored report are the same charts.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from hicoop.core.exceptions import Conflict
from hicoop.reports.snapshot import Chart

# Debian's fonts-noto-cjk; HICOOP_CJK_FONT names another file.
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
PALETTE = ("#1f6f8b", "#e07a1f", "#3a9d5d", "#b8404a", "#7d5ba6", "#8c6d31", "#5f6b73")
MEASURE_COLOURS = {1: "#1f6f8b", 2: "#e07a1f", 3: "#3a9d5d", 4: "#b8404a", 5: "#7d5ba6"}


def font_path() -> Path:
    """The CJK font file, or a clear error naming the package to install."""
    wanted = os.environ.get("HICOOP_CJK_FONT", "")
    for candidate in (wanted, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise Conflict(
        _(
            "The Chinese font for charts is missing: install Debian's fonts-noto-cjk "
            "(apt-get install fonts-noto-cjk) or set HICOOP_CJK_FONT to a Noto Sans CJK file."
        )
    )


@lru_cache(maxsize=1)
def _font() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    path = font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path))


def draw(chart: Chart) -> bytes:
    """One chart as PNG bytes (150 dpi)."""
    font = _font()
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = font.get_name()
    plt.rcParams["axes.unicode_minus"] = False
    height = 4.2 if chart.kind != "barh" else max(3.0, 0.38 * len(chart.labels) + 1.2)
    fig, ax = plt.subplots(figsize=(7.5, min(height, 9.0)), dpi=150)
    try:
        DRAWERS[chart.kind](ax, chart)
        ax.set_title(chart.title, fontproperties=font, fontsize=12)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def _values(chart: Chart) -> tuple[float, ...]:
    return chart.series[0].values if chart.series else ()


def _bar(ax: Any, chart: Chart) -> None:
    values = _values(chart)
    bars = ax.bar(range(len(values)), values, color=PALETTE[: len(values)] or PALETTE[0])
    ax.set_xticks(range(len(values)), _wrap(chart.labels, 8), fontsize=8)
    ax.bar_label(bars, fmt="%g", fontsize=8)
    _unit(ax, chart, "y")


def _barh(ax: Any, chart: Chart) -> None:
    values = _values(chart)
    bars = ax.barh(range(len(values)), values, color=PALETTE[0])
    ax.set_yticks(range(len(values)), chart.labels, fontsize=8)
    ax.invert_yaxis()
    ax.bar_label(bars, fmt="%g", fontsize=8)
    _unit(ax, chart, "x")


def _pie(ax: Any, chart: Chart) -> None:
    values = _values(chart)
    if not any(values):
        ax.text(0.5, 0.5, "—", ha="center")
        return
    ax.pie(
        values, labels=chart.labels, autopct="%1.0f%%", colors=PALETTE, textprops={"fontsize": 8}
    )
    ax.axis("equal")


def _line(ax: Any, chart: Chart) -> None:
    values = _values(chart)
    ax.plot(chart.labels, values, marker="o", color=PALETTE[0])
    for x, y in zip(chart.labels, values, strict=True):
        ax.annotate(f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 5), ha="center")
    ax.set_ylim(bottom=0)


def _network(ax: Any, chart: Chart) -> None:
    """Partners on the left, Hainan on the right; lines coloured by measure, width by weight."""
    graph = chart.extra
    left = [n for n in graph["nodes"] if n["side"] == "partner"]
    right = [n for n in graph["nodes"] if n["side"] != "partner"]
    place = {n["id"]: (0.0, _y(i, len(left))) for i, n in enumerate(left)}
    place |= {n["id"]: (1.0, _y(i, len(right))) for i, n in enumerate(right)}
    for e in graph["edges"]:
        (x1, y1), (x2, y2) = place[e["source"]], place[e["target"]]
        colour = MEASURE_COLOURS.get(e["measure"], "#888888")
        ax.plot([x1, x2], [y1, y2], color=colour, linewidth=0.6 + 0.8 * e["weight"], alpha=0.7)
    for n in left:
        ax.text(-0.02, place[n["id"]][1], n["label"][:16], ha="right", va="center", fontsize=6)
    for n in right:
        ax.text(1.02, place[n["id"]][1], n["label"][:16], ha="left", va="center", fontsize=6)
    ax.scatter([0.0] * len(left), [place[n["id"]][1] for n in left], s=12, color="#333333")
    ax.scatter([1.0] * len(right), [place[n["id"]][1] for n in right], s=12, color="#333333")
    for number, label in graph["measures"]:
        ax.plot([], [], color=MEASURE_COLOURS.get(number, "#888888"), label=label[:14])
    ax.legend(fontsize=6, loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.set_xlim(-0.6, 1.6)
    ax.axis("off")


def _y(i: int, n: int) -> float:
    return 1.0 - (i + 0.5) / max(n, 1)


def _wrap(labels: tuple[str, ...], width: int) -> list[str]:
    return ["\n".join(s[i : i + width] for i in range(0, len(s), width)) for s in labels]


def _unit(ax: Any, chart: Chart, axis: str) -> None:
    if chart.unit:
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(chart.unit)


DRAWERS = {"bar": _bar, "barh": _barh, "pie": _pie, "line": _line, "network": _network}
