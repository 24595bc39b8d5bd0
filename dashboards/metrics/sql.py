"""Small SQL helpers the dashboard metrics share, portable to PostgreSQL and SQLite.

Stable interface (dashboards.metrics.items and .scores import it):

- `compile_qs(qs)`: a queryset's SQL and params, to use as a subquery in raw SQL (Django adapts the
  parameters for the backend, so datetimes compare right on SQLite too).
- `q(name)`: a quoted identifier.
- `epoch_sql(sql)`: seconds since 1970 (float) of a timestamp expression; `minutes_sql(a, b)`: b - a in
  minutes. `EpochSeconds(expr)` / `minutes_between(a, b)` are the same as ORM expressions.
- `rank_sql(n_sql, p)`: the nearest rank ceil(p * n) as integer SQL (no CEIL needed).
- `percentiles(source, group_by=, values=, ps=, extra=)`: nearest-rank percentiles of several columns
  per group, in one query (PostgreSQL: percentile_disc; SQLite: ROW_NUMBER / COUNT windows), with
  extra aggregates beside them.
- `fetch(sql, params)`: rows as dicts.
- `points(start, end, step)` / `backlog_step(start, end)`: time points for per-hour/per-day series;
  `bucket_index_sql(sql, origin, step)`: the index of the first point at or after a timestamp.
- `as_datetime(value)`: a timestamp read back from raw SQL (SQLite returns text) as an aware UTC datetime.
- `minutes(x)`, `rate(num, den)`: the catalog's rounding (1 decimal; 4 decimals, None on 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Expression, F, FloatField, Func
from django.db.models.expressions import Combinable
from django.db.models.query import QuerySet
from django.db.models.sql.compiler import SQLCompiler

# Nearest-rank percentiles in integer arithmetic: ceil(p * n) = (n * P + SCALE - 1) / SCALE with
# P = round(p * SCALE) (exact for p given to 4 decimals: p50, p90, p99, p99.9).
SCALE = 10000

Params = tuple[Any, ...]


def q(name: str) -> str:
    """A quoted identifier (column alias, table) for raw SQL."""
    return connection.ops.quote_name(name)


def compile_qs(qs: QuerySet[Any, Any]) -> tuple[str, Params]:
    """The SQL and params of `qs` (usually a `.values(...)` queryset), to wrap as `(sql) AS s`.
    Column names in the result are the field names / annotation aliases of the values()."""
    compiler: SQLCompiler = qs.query.get_compiler(using=qs.db)
    sql, params = compiler.as_sql()
    return sql, tuple(params)


def epoch_sql(sql: str) -> str:
    """Seconds since 1970-01-01 UTC (float) of a timestamp SQL expression.

    SQLite stores UTC text and julianday() counts whole milliseconds internally: rounding to 3
    decimals gives exact milliseconds. PostgreSQL: EXTRACT(EPOCH ...) (numeric, exact)."""
    if connection.vendor == "sqlite":
        return f"ROUND((julianday({sql}) - 2440587.5) * 86400.0, 3)"
    return f"CAST(EXTRACT(EPOCH FROM {sql}) AS DOUBLE PRECISION)"


def minutes_sql(start_sql: str, end_sql: str) -> str:
    """end - start in minutes (float; NULL when either is NULL)."""
    return f"(({epoch_sql(end_sql)} - {epoch_sql(start_sql)}) / 60.0)"


class EpochSeconds(Func):
    """ORM form of `epoch_sql`: seconds since 1970 (float) of a datetime expression."""

    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler, connection, template="ROUND((julianday(%(expressions)s) - 2440587.5) * 86400.0, 3)", **extra
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS DOUBLE PRECISION)", **extra
        )


def minutes_between(start: str | Expression, end: str | Expression) -> Combinable:
    """ORM expression: end - start in minutes (float), e.g. `minutes_between("created_at", "resolved_at")`."""
    a = F(start) if isinstance(start, str) else start
    b = F(end) if isinstance(end, str) else end
    return (EpochSeconds(b) - EpochSeconds(a)) / 60.0


def rank_sql(n_sql: str, p: float) -> str:
    """The nearest rank ceil(p * n) for an integer SQL expression n (p50 of 4 values: rank 2;
    p90 of 10: rank 9), in integer arithmetic, same on both backends."""
    if not 0 < p <= 1:
        raise ValueError(f"percentile out of range: {p}")
    k = round(p * SCALE)
    return f"(({n_sql}) * {k} + {SCALE - 1}) / {SCALE}"


def pct_label(p: float) -> str:
    """The suffix `percentiles` uses for p: 0.5 -> "p50", 0.9 -> "p90", 0.999 -> "p99_9"."""
    text = f"{p * 100:.4f}".rstrip("0").rstrip(".")
    return "p" + text.replace(".", "_")


def percentiles(
    source: tuple[str, Params],
    *,
    group_by: Sequence[str],
    values: Sequence[str],
    ps: Sequence[float],
    extra: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Nearest-rank percentiles of several columns of `source` (SQL, params) per group, in one query.

    Returns one dict per group (ordered by the group columns) with the group columns, `n` (rows),
    for each value column v: `v_n` (its non-NULL count) and `v_p50`... (`pct_label`), NULLs ignored
    (None when a group has no value); and each `extra` alias -> aggregate SQL over the source's columns
    (e.g. {"within": "SUM(CASE WHEN ok = 1 THEN 1 ELSE 0 END)"}).

    On PostgreSQL: the ordered-set aggregate percentile_disc(ARRAY[...]) WITHIN GROUP (ORDER BY v),
    one sort per column and no window materialised (a year of items: 1.9 s -> 0.4 s). PostgreSQL
    takes the row ceil(fraction * n) in floating point, so 0.9 * 70 = 63.000000000000007 would give
    row 64; the fraction passed is p - 1e-12, which gives the exact nearest rank ceil(p * n) for p to
    4 decimals and n below 10^8 rows per group (a whole p * n drops below its integer by n * 1e-12 < 1;
    a fractional one, at least 1e-4 above the integer below it, stays above).
    Elsewhere (SQLite): ROW_NUMBER() OVER (PARTITION BY group ORDER BY v) with NULLs sorted last, and
    COUNT(v) OVER (PARTITION BY group); the percentile is the value whose row number is ceil(p * n).
    """
    for p in ps:
        rank_sql("1", p)  # validates p
    if connection.vendor == "postgresql":
        return _percentiles_pg(source, group_by=group_by, values=values, ps=ps, extra=extra)
    sql, params = source
    part = f"PARTITION BY {', '.join(q(g) for g in group_by)} " if group_by else ""
    windows = []
    for v in values:
        col = q(v)
        windows.append(
            f"ROW_NUMBER() OVER ({part}ORDER BY CASE WHEN {col} IS NULL THEN 1 ELSE 0 END, {col}) AS {q(v + '__rn')}"
        )
        windows.append(f"COUNT({col}) OVER ({part}) AS {q(v + '__cnt')}")
    select = [q(g) for g in group_by] + ["COUNT(*) AS n"]
    for v in values:
        col, rn, cnt = q(v), q(v + "__rn"), q(v + "__cnt")
        select.append(f"COUNT({col}) AS {q(v + '_n')}")
        for p in ps:
            select.append(f"MAX(CASE WHEN {rn} = {rank_sql(cnt, p)} THEN {col} END) AS {q(v + '_' + pct_label(p))}")
    for alias, agg in (extra or {}).items():
        select.append(f"{agg} AS {q(alias)}")
    inner = f"SELECT s.*{''.join(', ' + w for w in windows)} FROM ({sql}) s"
    outer = f"SELECT {', '.join(select)} FROM ({inner}) w"
    if group_by:
        cols = ", ".join(q(g) for g in group_by)
        outer += f" GROUP BY {cols} ORDER BY {cols}"
    return fetch(outer, params)


NEAREST_RANK_EPSILON = 1e-12


def _percentiles_pg(
    source: tuple[str, Params],
    *,
    group_by: Sequence[str],
    values: Sequence[str],
    ps: Sequence[float],
    extra: Mapping[str, str] | None,
) -> list[dict[str, Any]]:
    sql, params = source
    fractions = ", ".join(repr(round(p, 4) - NEAREST_RANK_EPSILON) for p in ps)
    select = [q(g) for g in group_by] + ["COUNT(*) AS n"]
    for v in values:
        col = q(v)
        select.append(f"COUNT({col}) AS {q(v + '_n')}")
        select.append(
            f"percentile_disc(ARRAY[{fractions}]::double precision[]) WITHIN GROUP (ORDER BY {col}) "
            f"AS {q(v + '__pcts')}"
        )
    for alias, agg in (extra or {}).items():
        select.append(f"{agg} AS {q(alias)}")
    query = f"SELECT {', '.join(select)} FROM ({sql}) s"
    if group_by:
        cols = ", ".join(q(g) for g in group_by)
        query += f" GROUP BY {cols} ORDER BY {cols}"
    rows = fetch(query, params)
    for row in rows:
        for v in values:
            found = row.pop(v + "__pcts") or [None] * len(ps)
            for p, value in zip(ps, found, strict=True):
                row[f"{v}_{pct_label(p)}"] = value
    return rows


def fetch(sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run raw SQL; rows as dicts keyed by column name."""
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def backlog_step(start: datetime, end: datetime) -> timedelta:
    """Hourly points for a range of at most 14 days, else daily (at 00:00 UTC)."""
    return HOUR if end - start <= timedelta(days=14) else DAY


def first_point(start: datetime, step: timedelta) -> datetime:
    """The first whole hour / 00:00 UTC at or after `start`."""
    s = start.astimezone(UTC)
    base = s.replace(minute=0, second=0, microsecond=0)
    if step == DAY:
        base = base.replace(hour=0)
    return base if base == s else base + step


def points(start: datetime, end: datetime, step: timedelta) -> list[datetime]:
    """Time points t = first_point(start) + k * step with start <= t < end."""
    t = first_point(start, step)
    n = max(0, math.ceil((end - t) / step))
    return [t + k * step for k in range(n)]


def bucket_index_sql(sql: str, origin: datetime, step: timedelta) -> tuple[str, Params]:
    """SQL for the index k of the first point origin + k*step at or after a timestamp (k may be
    negative before the origin): ceil((epoch(x) - epoch(origin)) / step), exact at the points."""
    return (f"CAST(CEILING(({epoch_sql(sql)} - %s) / %s) AS INTEGER)", (origin.timestamp(), step.total_seconds()))


def as_datetime(value: Any) -> datetime | None:
    """A timestamp read back from raw SQL (PostgreSQL: datetime; SQLite: UTC text) as aware UTC."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def minutes(value: Any) -> float | None:
    """A duration in minutes as the catalog shows it (1 decimal); None stays None."""
    return None if value is None else round(float(value), 1)


def rate(num: Any, den: Any) -> float | None:
    """num / den as a fraction (4 decimals); None when den is 0 or None."""
    if not den:
        return None
    return round(float(num or 0) / float(den), 4)
