"""Model metrics of the manager dashboards (no-show, drift, latency, shadow agreement), in SQL.

Each metric is `(Filters) -> Table`, columns as in the metric catalog (see dashboards.registry).
"""

from __future__ import annotations

from typing import Any

from dashboards.filters import Filters
from dashboards.tables import Table


def noshow_by_month(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def noshow_calibration(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def noshow_subgroups(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def drift(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def latency(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def shadow_agreement(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def shadow_cases(f: Filters, limit: int = 20, seed: str = "") -> list[dict[str, Any]]:
    raise NotImplementedError  # being written (issue 12)
