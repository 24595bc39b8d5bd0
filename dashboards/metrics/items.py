"""Work-item metrics of the manager dashboards, computed in SQL.

Each metric is `(Filters) -> Table`, columns as in the metric catalog (see dashboards.registry).
"""

from __future__ import annotations

from dashboards.filters import Filters
from dashboards.tables import Table


def turnaround(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def backlog(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def neglect(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def decisions(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def override_reasons(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def escalation(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def escalation_cases(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def interrupts(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def handling(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def suppression(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)


def negative_signals(f: Filters) -> Table:
    raise NotImplementedError  # being written (issue 12)
