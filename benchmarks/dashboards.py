#!/usr/bin/env python3
"""Manager dashboards over a generated year: each workflow's page and each metric, beside one raw
SQL aggregate over the same table in the same run.

    .venv/bin/python benchmarks/dashboards.py                    # zero-setup: SQLite in var/bench-dashboards/
    createdb -h 127.0.0.1 -U postgres clinflow_bench             # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_bench .venv/bin/python benchmarks/dashboards.py \\
        --json var/bench-dashboards-pg.json

What it does: migrates the database (settings: benchmarks.bench_settings), runs seed_demo if the demo
facilities are missing, and generates a year of history (`demo.history.generate_history`, about
1.1 million events at --scale 1; ~10 min on PostgreSQL) unless one exists. Then, for each workflow,
with the demo manager's facilities (`dashboards.selectors.facilities_managed`) and the whole
generated period as the filter, it times `dashboards.registry.page_tables(Filters(...))` --repeat
times (median), every metric of the page on its own (median), and the baseline: one raw SQL
aggregate (GROUP BY, same WHERE on facility/queue and period) over the table the metric reads —
work items, interrupt deliveries, message events, triage scores or no-show scores. The ratio
(metric ÷ baseline; page ÷ the sum of its metrics' baselines) is the cost of what the metric adds
(percentiles, windows, joins); the target is <= 3x. A metric that still raises NotImplementedError
is reported as such (and the page is then not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is sys.path[0] and its name would shadow nothing; keep the house habit.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 3.0
WORKFLOWS = ("triage", "results", "scheduling", "documentation")
# Which table (baseline) each metric reads most; the rest read work items.
METRIC_TABLE = {
    "interrupts": "deliveries",
    "handling": "messages",
    "noshow_by_month": "noshow",
    "noshow_calibration": "noshow",
    "noshow_subgroups": "noshow",
}
SCORE_METRICS = ("drift", "latency", "shadow_agreement")  # triage scores on triage, no-show scores on scheduling


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def baselines(f: Any) -> dict[str, tuple[str, list[Any]]]:
    """The raw aggregate per table, over the same rows a metric selects (facility/queue, period)."""
    from django.db import connection

    from dashboards.selectors import workflow_queues
    from ingest.models import Event
    from queues.models import InterruptDelivery, WorkItem
    from scheduling.models import Appointment, NoShowScore
    from triage.models import TriageScore

    q = connection.ops.quote_name
    queue_ids = [queue.pk for queue in workflow_queues(workflow=f.workflow, facility_ids=f.facility_ids)] or [0]
    facilities = list(f.facility_ids)

    def marks(values: list[Any]) -> str:
        return ", ".join(["%s"] * len(values))

    items, deliveries = q(WorkItem._meta.db_table), q(InterruptDelivery._meta.db_table)
    scores, appts, noshow = (
        q(TriageScore._meta.db_table),
        q(Appointment._meta.db_table),
        q(NoShowScore._meta.db_table),
    )
    return {
        "items": (
            f"SELECT queue_id, count(*), avg(priority), sum(event_count), max(resolved_at) FROM {items} "
            f"WHERE created_at >= %s AND created_at < %s AND queue_id IN ({marks(queue_ids)}) GROUP BY queue_id",
            [f.start, f.end, *queue_ids],
        ),
        "deliveries": (
            f"SELECT d.user_id, count(*), count(d.acknowledged_at) FROM {deliveries} d "
            f"JOIN {items} i ON i.id = d.item_id WHERE d.delivered_at >= %s AND d.delivered_at < %s "
            f"AND i.queue_id IN ({marks(queue_ids)}) GROUP BY d.user_id",
            [f.start, f.end, *queue_ids],
        ),
        "messages": (
            f"SELECT status, count(*), max(processed_at) FROM {q(Event._meta.db_table)} "
            "WHERE type = %s AND received_at >= %s AND received_at < %s GROUP BY status",
            ["PatientMessageReceived", f.start, f.end],
        ),
        "triage_scores": (
            f"SELECT model_version, rollout, count(*), avg(latency_ms), avg(confidence) FROM {scores} "
            f"WHERE created_at >= %s AND created_at < %s AND facility_id IN ({marks(facilities)}) "
            "GROUP BY model_version, rollout",
            [f.start, f.end, *facilities],
        ),
        "noshow": (
            f"SELECT s.model_version, a.status, count(*), avg(s.probability) FROM {noshow} s "
            f"JOIN {appts} a ON a.id = s.appointment_id WHERE a.starts_at >= %s AND a.starts_at < %s "
            f"AND a.facility_id IN ({marks(facilities)}) GROUP BY s.model_version, a.status",
            [f.start, f.end, *facilities],
        ),
    }


def table_of(metric: str, workflow: str) -> str:
    if metric in SCORE_METRICS:
        return "noshow" if workflow == "scheduling" else "triage_scores"
    return METRIC_TABLE.get(metric, "items")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--days", type=float, default=365.0, help="history to generate when none exists")
    parser.add_argument("--scale", type=float, default=1.0, help="its volume (1 = ~1.1M events a year)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workflow", action="append", choices=WORKFLOWS, help="only these (repeatable)")
    parser.add_argument("--json", help="also write the results as JSON to this path")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["CLINFLOW_VAR_DIR"] = str(ROOT / "var" / "bench-dashboards")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
    os.environ.setdefault("CELERY_EAGER", "0")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from dashboards import registry
    from dashboards.filters import Filters
    from dashboards.selectors import facilities_managed
    from demo.history import HISTORY_SOURCE_NAME, generate_history, history_exists
    from ingest.models import Event
    from queues.models import Facility

    call_command("migrate", "--noinput", verbosity=0)
    if Facility.objects.filter(slug__in=("north", "south")).count() < 2:
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    if not history_exists():
        log(f"no generated history: generating {args.days:g} days at scale {args.scale:g}")
        result = generate_history(days=args.days, seed=args.seed, scale=args.scale, log=log)
        log(f"generated in {result.seconds:.0f} s")
    with connection.cursor() as cursor:
        # A bulk-loaded (or just migrated and backfilled) year: reclaim dead rows and give the planner
        # its statistics first, as autovacuum would on a live site.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    history = Event.objects.filter(integration_source__name=HISTORY_SOURCE_NAME)
    first = history.order_by("received_at").values_list("received_at", flat=True).first()
    last = history.order_by("-received_at").values_list("received_at", flat=True).first()
    assert first is not None and last is not None
    start, end = first, max(last, django.utils.timezone.now())
    manager = get_user_model().objects.get(username="manager")
    db = connection.vendor
    log(f"database {db}; period {start:%Y-%m-%d} – {end:%Y-%m-%d}; {history.count():,} history events")

    report: dict[str, Any] = {"database": db, "start": start.isoformat(), "end": end.isoformat(), "workflows": {}}
    print(f"{'workflow':<13} {'metric':<20} {'median ms':>10} {'baseline':<14} {'base ms':>8} {'ratio':>6}")
    for workflow in args.workflow or WORKFLOWS:
        facilities = tuple(f.pk for f in facilities_managed(user=manager, workflow=workflow))
        if not facilities:
            log(f"the manager manages {workflow} nowhere: skipped")
            continue
        f = Filters(workflow=workflow, facility_ids=facilities, start=start, end=end)
        base_sql = baselines(f)

        def run_sql(sql: str, params: list[Any]) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        base_ms = {
            name: median_ms(lambda s=sql, p=params: run_sql(s, p), args.repeat)
            for name, (sql, params) in base_sql.items()
        }
        rows: dict[str, Any] = {}
        missing: list[str] = []
        for name in registry.WORKFLOW_METRICS[workflow]:
            table = table_of(name, workflow)
            try:
                registry.metric_build(name, f)  # warm-up (and: does it exist yet?)
            except NotImplementedError:
                missing.append(name)
                rows[name] = {"status": "not implemented", "baseline": table, "baseline_ms": round(base_ms[table], 2)}
                base = base_ms[table]
                print(f"{workflow:<13} {name:<20} {'n/a':>10} {table:<14} {base:>8.1f} {'-':>6}  not implemented")
                continue
            ms = median_ms(lambda n=name, f=f: registry.metric_build(n, f), args.repeat)
            ratio = ms / max(base_ms[table], 1e-3)
            rows[name] = {
                "median_ms": round(ms, 2),
                "baseline": table,
                "baseline_ms": round(base_ms[table], 2),
                "ratio": round(ratio, 2),
            }
            flag = "  SLOW" if ratio > TARGET_RATIO else ""
            print(f"{workflow:<13} {name:<20} {ms:>10.1f} {table:<14} {base_ms[table]:>8.1f} {ratio:>6.1f}{flag}")
        page: dict[str, Any]
        if missing:
            page = {"status": f"not timed: {len(missing)} metric(s) not implemented", "missing": missing}
            print(f"{workflow:<13} {'PAGE':<20} {'n/a':>10}  ({len(missing)} metrics not implemented)")
        else:
            page_ms = median_ms(lambda f=f: registry.page_tables(f), args.repeat)
            page_base = sum(base_ms[table_of(n, workflow)] for n in registry.WORKFLOW_METRICS[workflow])
            ratio = page_ms / max(page_base, 1e-3)
            page = {"median_ms": round(page_ms, 2), "baseline_ms": round(page_base, 2), "ratio": round(ratio, 2)}
            flag = "  SLOW" if ratio > TARGET_RATIO else ""
            print(f"{workflow:<13} {'PAGE':<20} {page_ms:>10.1f} {'(sum)':<14} {page_base:>8.1f} {ratio:>6.1f}{flag}")
        report["workflows"][workflow] = {
            "facilities": list(facilities),
            "page": page,
            "metrics": rows,
            "baselines_ms": base_ms,
        }
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2))
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
