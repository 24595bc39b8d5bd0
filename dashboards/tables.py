"""What every metric returns: a named table of plain values (pure; no Django).

A metric is a function `(Filters) -> Table` in dashboards.metrics; the same Table feeds the chart
(dashboards.figures), the CSV export and the JSON metrics API, so the three always agree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Table:
    name: str  # url-safe key: "turnaround", "backlog", ...
    title: str  # what a manager reads above the chart
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    note: str = ""  # how it is computed, what a point means (shown under the chart)
    warnings: list[str] = field(default_factory=list)  # thresholds crossed (PSI, negative signals)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, (_plain(v) for v in row), strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_csv_cell(v) for v in row])
        return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    return value


def _csv_cell(value: Any) -> Any:
    value = _plain(value)
    if value is None:
        return ""
    text = str(value)
    # a cell a spreadsheet would run as a formula (CSV injection) is quoted as text
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
