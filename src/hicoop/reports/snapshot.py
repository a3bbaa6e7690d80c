"""The frozen figures of one report: sections of figures, tables and chart data (ADR 0045).

Everything a rendered report shows comes from a :class:`Snapshot`, and a snapshot goes to JSON
and back unchanged, so DOCX, PDF and XLSX made again from a stored report show the same numbers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SNAPSHOT_VERSION = "reports-snapshot-1"

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def as_dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip((c.key for c in self.columns), row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # bar | barh | pie | line | network
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | int | str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    available: bool
    note: str = ""
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()

    def figure(self, key: str) -> Any:
        return next(f.value for f in self.figures if f.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


@dataclass(frozen=True)
class Snapshot:
    year: int
    scope_kind: str
    scope_label: str
    scope_path: str
    language: str
    taken_at: str
    formula_versions: dict[str, str]
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        return cls(
            year=int(data["year"]),
            scope_kind=data["scope_kind"],
            scope_label=data["scope_label"],
            scope_path=data["scope_path"],
            language=data["language"],
            taken_at=data["taken_at"],
            formula_versions=dict(data["formula_versions"]),
            sections=tuple(_section(s) for s in data["sections"]),
        )


def _section(data: dict[str, Any]) -> Section:
    return Section(
        key=data["key"],
        title=data["title"],
        available=bool(data["available"]),
        note=data.get("note", ""),
        figures=tuple(Figure(**f) for f in data.get("figures", ())),
        tables=tuple(_table(t) for t in data.get("tables", ())),
        charts=tuple(_chart(c) for c in data.get("charts", ())),
    )


def _table(data: dict[str, Any]) -> Table:
    return Table(
        key=data["key"],
        title=data["title"],
        columns=tuple(Column(**c) for c in data["columns"]),
        rows=tuple(tuple(r) for r in data["rows"]),
    )


def _chart(data: dict[str, Any]) -> Chart:
    return Chart(
        key=data["key"],
        title=data["title"],
        kind=data["kind"],
        labels=tuple(data["labels"]),
        series=tuple(Series(s["label"], tuple(s["values"])) for s in data["series"]),
        unit=data.get("unit", ""),
        extra=dict(data.get("extra", {})),
    )


def table(key: str, title: Any, columns: list[tuple[str, Any]], rows: list[list[Cell]]) -> Table:
    """A table with translated labels turned into plain text (snapshots hold no lazy strings)."""
    return Table(
        key=key,
        title=str(title),
        columns=tuple(Column(k, str(label)) for k, label in columns),
        rows=tuple(tuple(r) for r in rows),
    )


def chart(
    key: str,
    title: Any,
    kind: str,
    labels: list[str],
    series: list[tuple[Any, list[float]]],
    unit: str = "",
    extra: dict[str, Any] | None = None,
) -> Chart:
    return Chart(
        key=key,
        title=str(title),
        kind=kind,
        labels=tuple(str(x) for x in labels),
        series=tuple(
            Series(str(label), tuple(float(v) for v in values)) for label, values in series
        ),
        unit=unit,
        extra=extra or {},
    )


def figure(key: str, label: Any, value: float | int | str) -> Figure:
    return Figure(key=key, label=str(label), value=value)
