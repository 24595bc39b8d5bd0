"""Dashboard metrics, each `(Filters) -> Table`, computed in SQL (ORM aggregates and window
functions, or raw SQL that runs on PostgreSQL and SQLite): never a Python loop over rows.

- `items`: work-item metrics (turnaround, backlog, ignored/snoozed/reassigned, decisions and
  overrides, false/missed escalation, interrupts, handling time, suppression, negative signals).
- `scores`: model metrics (no-show discrimination and calibration, score drift, latency, shadow
  agreement).
"""
