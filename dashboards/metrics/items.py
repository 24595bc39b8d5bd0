"""Work-item metrics of the manager dashboards, computed in SQL.

Each metric is `(Filters) -> Table`, columns as in the metric catalog (see dashboards.registry).
Every one is one or two set-based queries (ORM aggregates, window functions through
dashboards.metrics.sql, raw SQL that runs on PostgreSQL and SQLite); Python only shapes the few
aggregated rows. Items are those of the workflow's queues at the filter's facilities (the queue id
subquery lets the (queue, created_at) index serve the period).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Abs, Floor
from django.utils import timezone

from dashboards.filters import Filters
from dashboards.metrics import sql
from dashboards.tables import Table
from queues.models import InterruptDelivery, Queue, WorkItem
from vocabulary import TIER_RANK, URGENCY_RANK

MESSAGE_RECEIVED, MESSAGE_RESOLVED = "PatientMessageReceived", "PatientMessageResolved"
ROLLOUTS = ("live", "shadow", "off")
SIGNAL_DAYS, BASELINE_DAYS = 7, 28


def _now() -> datetime:
    """The time "past due" is judged at (a function, so tests can fix the clock)."""
    return timezone.now()


def _queues(f: Filters) -> QuerySet[Queue]:
    qs = Queue.objects.filter(facility_id__in=f.facility_ids, kind__in=f.queue_kinds)
    if f.queue_ids:
        qs = qs.filter(id__in=f.queue_ids)
    return qs


def _items(f: Filters, *, period: bool = True) -> QuerySet[WorkItem]:
    """The filter's items: queues, model version and (with `period`) created_at in [start, end)."""
    # The queue ids as literals (a few), not a subquery: the planner then uses (queue, created_at).
    qs = WorkItem.objects.filter(queue__in=list(_queues(f).values_list("id", flat=True)))
    if f.model_version:
        qs = qs.filter(model_version=f.model_version)
    if period:
        qs = qs.filter(created_at__gte=f.start, created_at__lt=f.end)
    return qs


def _ignored(now: datetime) -> Q:
    """Never touched by a person, and past due (now if open, at close if closed) or closed untouched in the EMR."""
    return Q(first_action_at__isnull=True) & (
        Q(resolved_at__isnull=True, due_at__lt=now)
        | Q(resolved_at__isnull=False, due_at__lt=F("resolved_at"))
        | Q(state=WorkItem.State.RESOLVED_IN_EMR)
    )


def _rank(field: str) -> Case:
    """vocabulary.URGENCY_RANK in SQL: larger is more serious (emergent 3 ... non_clinical 0)."""
    return Case(
        *(When(**{field: urgency}, then=Value(rank)) for urgency, rank in URGENCY_RANK.items()),
        default=None,
        output_field=IntegerField(),
    )


def _decided_with_ranks(f: Filters) -> QuerySet[WorkItem]:
    """Human-decided items with a final urgency, both urgencies ranked."""
    return (
        _items(f)
        .filter(resolved_by__isnull=False, final_urgency__in=list(URGENCY_RANK), urgency__in=list(URGENCY_RANK))
        .annotate(ai_rank=_rank("urgency"), final_rank=_rank("final_urgency"))
    )


# --- turnaround ---------------------------------------------------------------------------------


def turnaround(f: Filters) -> Table:
    columns = [
        "tier",
        "items",
        "first_action_p50_min",
        "first_action_p90_min",
        "resolved_p50_min",
        "resolved_p90_min",
        "sla_p50_min",
        "within_sla_pct",
    ]
    source = sql.compile_qs(
        _items(f)
        .annotate(
            fa=sql.minutes_between("received_at", "first_action_at"),
            res=sql.minutes_between("received_at", "resolved_at"),
            sla=sql.minutes_between("created_at", "due_at"),
            within=Case(
                When(resolved_at__isnull=True, then=Value(None)),
                When(resolved_at__lte=F("due_at"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("tier", "fa", "res", "sla", "within")
    )
    found = sql.percentiles(
        source,
        group_by=["tier"],
        values=["fa", "res", "sla"],
        ps=[0.5, 0.9],
        extra={"within_n": "COUNT(within)", "within_sum": "SUM(within)"},
    )
    found.sort(key=lambda r: TIER_RANK.get(r["tier"], 99))
    rows = [
        (
            r["tier"],
            r["n"],
            sql.minutes(r["fa_p50"]),
            sql.minutes(r["fa_p90"]),
            sql.minutes(r["res_p50"]),
            sql.minutes(r["res_p90"]),
            sql.minutes(r["sla_p50"]),
            sql.rate(r["within_sum"], r["within_n"]),
        )
        for r in found
    ]
    return Table(
        "turnaround",
        "Turnaround by tier",
        columns,
        rows,
        note=(
            "Per tier, items created in the period. Minutes from the event's arrival to the first human action and to "
            "resolution (nearest-rank p50/p90), the SLA given (due - created), and the share of resolved items "
            "resolved by their due time."
        ),
    )


# --- backlog ------------------------------------------------------------------------------------


def backlog(f: Filters) -> Table:
    """Open items at each point t: created_at <= t and (resolved_at is null or resolved_at > t).
    One query: each item gives +1 at the first point at or after its creation (items from before the
    period at the first point) and -1 at the first point at or after its resolution; a window
    SUM(...) OVER (PARTITION BY queue ORDER BY point) over the generated points gives the count."""
    columns = ["at", "queue", "open_items"]
    step = sql.backlog_step(f.start, f.end)
    pts = sql.points(f.start, f.end, step)
    title, note = "Open items", "Open items per queue at each " + ("hour" if step == sql.HOUR else "day (00:00 UTC)")
    if not pts:
        return Table("backlog", title, columns, [], note=note)
    origin, last = pts[0], pts[-1]
    source_sql, source_params = sql.compile_qs(
        _items(f, period=False)
        .filter(created_at__lte=last)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gt=origin))
        .values("queue_id", "created_at", "resolved_at")
    )
    created_k, created_p = sql.bucket_index_sql("s.created_at", origin, step)
    resolved_k, resolved_p = sql.bucket_index_sql("s.resolved_at", origin, step)
    last_param = connection.ops.adapt_datetimefield_value(last)
    query = f"""
        WITH RECURSIVE pts(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM pts WHERE k < %s),
        d AS (
            SELECT queue_id, k, SUM(delta) AS delta FROM (
                SELECT s.queue_id, CASE WHEN {created_k} < 0 THEN 0 ELSE {created_k} END AS k, 1 AS delta
                FROM ({source_sql}) s
                UNION ALL
                SELECT s.queue_id, {resolved_k} AS k, -1 AS delta
                FROM ({source_sql}) s
                WHERE s.resolved_at IS NOT NULL AND s.resolved_at <= %s
            ) x GROUP BY queue_id, k
        ),
        qs AS (SELECT DISTINCT queue_id FROM d)
        SELECT pts.k AS k, queue.slug AS queue,
            SUM(COALESCE(d.delta, 0)) OVER (PARTITION BY qs.queue_id ORDER BY pts.k) AS open_items
        FROM pts CROSS JOIN qs
        JOIN {sql.q(Queue._meta.db_table)} queue ON queue.id = qs.queue_id
        LEFT JOIN d ON d.queue_id = qs.queue_id AND d.k = pts.k
        ORDER BY pts.k, queue.slug
    """
    params = (
        len(pts) - 1,
        *created_p,
        *created_p,
        *source_params,
        *resolved_p,
        *source_params,
        last_param,
    )
    found = sql.fetch(query, params)
    rows = [(origin + r["k"] * step, r["queue"], int(r["open_items"])) for r in found]
    return Table("backlog", title, columns, rows, note=note)


# --- neglect ------------------------------------------------------------------------------------


def neglect(f: Filters) -> Table:
    columns = ["queue", "items", "ignored", "ignored_pct", "expired_open", "snoozed", "reassigned"]
    now = _now()
    found = (
        _items(f)
        .values("queue__slug")
        .annotate(
            n=Count("id"),
            ignored=Count("id", filter=_ignored(now)),
            expired_open=Count("id", filter=Q(state__in=WorkItem.OPEN_STATES, due_at__lt=now)),
            snoozed=Count("id", filter=Q(snooze_count__gt=0)),
            reassigned=Count("id", filter=Q(reassign_count__gt=0)),
        )
        .order_by("queue__slug")
    )
    rows = [
        (
            r["queue__slug"],
            r["n"],
            r["ignored"],
            sql.rate(r["ignored"], r["n"]),
            r["expired_open"],
            r["snoozed"],
            r["reassigned"],
        )
        for r in found
    ]
    return Table(
        "neglect",
        "Ignored, expired, snoozed and reassigned items",
        columns,
        rows,
        note=(
            "Ignored: never touched by a person and past due (now if still open, at close if closed), or closed in "
            "the EMR untouched. Expired open: still open and past due now."
        ),
    )


# --- decisions ----------------------------------------------------------------------------------


def decisions(f: Filters) -> Table:
    columns = ["model_version", "decided", "accept", "override", "dismiss", "reject", "override_rate", "dismiss_rate"]
    found = (
        _items(f)
        .filter(resolved_by__isnull=False)
        .values("model_version")
        .annotate(
            decided=Count("id"),
            accept=Count("id", filter=Q(decision="accept")),
            override=Count("id", filter=Q(decision="override")),
            dismiss=Count("id", filter=Q(decision="dismiss")),
            reject=Count("id", filter=Q(decision="reject")),
        )
        .order_by("model_version")
    )
    rows = [
        (
            r["model_version"],
            r["decided"],
            r["accept"],
            r["override"],
            r["dismiss"],
            r["reject"],
            sql.rate(r["override"], r["decided"]),
            sql.rate(r["dismiss"], r["decided"]),
        )
        for r in found
    ]
    return Table(
        "decisions",
        "Human decisions by model version",
        columns,
        rows,
        note="Items decided by a person (resolved_by set), created in the period.",
    )


def override_reasons(f: Filters) -> Table:
    columns = ["model_version", "decision", "reason_code", "n"]
    found = (
        _items(f)
        .filter(resolved_by__isnull=False, decision__in=("override", "dismiss", "reject"))
        .values("model_version", "decision", "decision_reason")
        .annotate(n=Count("id"))
        .order_by("model_version", "decision", "-n", "decision_reason")
    )
    rows = [(r["model_version"], r["decision"], r["decision_reason"], r["n"]) for r in found]
    return Table(
        "override_reasons",
        "Reasons given for overrides, dismissals and rejections",
        columns,
        rows,
        note="Human decisions other than accept, by the reason code chosen.",
    )


# --- escalation ---------------------------------------------------------------------------------


def escalation(f: Filters) -> Table:
    columns = ["model_version", "decided", "false_escalation", "missed_escalation", "false_rate", "missed_rate"]
    found = (
        _decided_with_ranks(f)
        .values("model_version")
        .annotate(
            decided=Count("id"),
            false_escalation=Count("id", filter=Q(ai_rank__gt=F("final_rank"))),
            missed_escalation=Count("id", filter=Q(ai_rank__lt=F("final_rank"))),
        )
        .order_by("model_version")
    )
    rows = [
        (
            r["model_version"],
            r["decided"],
            r["false_escalation"],
            r["missed_escalation"],
            sql.rate(r["false_escalation"], r["decided"]),
            sql.rate(r["missed_escalation"], r["decided"]),
        )
        for r in found
    ]
    return Table(
        "escalation",
        "False and missed escalations",
        columns,
        rows,
        note=(
            "Human-decided items with a final urgency: the AI's urgency more serious than the final one is a false "
            "escalation, less serious a missed one."
        ),
    )


def escalation_cases(f: Filters) -> Table:
    columns = [
        "item",
        "created_at",
        "queue",
        "ai_urgency",
        "final_urgency",
        "gap",
        "model_version",
        "decision",
        "direction",
    ]
    found = (
        _decided_with_ranks(f)
        .filter(~Q(ai_rank=F("final_rank")))
        .annotate(
            gap=Abs(F("ai_rank") - F("final_rank")),
            direction=Case(
                When(ai_rank__gt=F("final_rank"), then=Value("false_escalation")),
                default=Value("missed_escalation"),
            ),
        )
        .order_by("-gap", "-created_at")
        .values(
            "id",
            "created_at",
            "queue__slug",
            "urgency",
            "final_urgency",
            "gap",
            "model_version",
            "decision",
            "direction",
        )[:20]
    )
    rows = [
        (
            str(r["id"]),
            r["created_at"],
            r["queue__slug"],
            r["urgency"],
            r["final_urgency"],
            int(r["gap"]),
            r["model_version"],
            r["decision"],
            r["direction"],
        )
        for r in found
    ]
    return Table(
        "escalation_cases",
        "The worst false and missed escalations",
        columns,
        rows,
        note="The 20 largest urgency gaps between the AI and the person who decided, newest first among equals.",
    )


# --- interrupts ---------------------------------------------------------------------------------


def interrupts(f: Filters) -> Table:
    columns = ["user", "interrupts", "user_hours", "per_user_hour", "acknowledged", "dismissed", "over_cap"]
    deliveries = InterruptDelivery.objects.filter(
        delivered_at__gte=f.start, delivered_at__lt=f.end, item__queue__in=_queues(f).values("id")
    )
    if f.model_version:
        deliveries = deliveries.filter(item__model_version=f.model_version)
    found = list(
        deliveries.values("user_id", "user__username")
        .annotate(
            interrupts=Count("id", filter=Q(delivered_as=InterruptDelivery.As.INTERRUPT)),
            over_cap=Count("id", filter=Q(delivered_as=InterruptDelivery.As.TASK)),
            acknowledged=Count("id", filter=Q(acknowledged_at__isnull=False)),
            dismissed=Count("id", filter=Q(item__decision="dismiss", item__resolved_at__isnull=False)),
        )
        .order_by("user__username")
    )
    if not found:
        return Table("interrupts", "Interrupts per user", columns, [])
    # Distinct clock hours (UTC) with a delivery or a resolution, per user: hour = floor(epoch / 3600).
    delivered_h = deliveries.values(u=F("user_id"), h=Floor(sql.EpochSeconds("delivered_at") / 3600))
    resolved = WorkItem.objects.filter(
        queue__in=_queues(f).values("id"),
        resolved_by__isnull=False,
        resolved_by__in=[r["user_id"] for r in found],
        resolved_at__gte=f.start,
        resolved_at__lt=f.end,
    )
    if f.model_version:
        resolved = resolved.filter(model_version=f.model_version)
    resolved_h = resolved.values(u=F("resolved_by_id"), h=Floor(sql.EpochSeconds("resolved_at") / 3600))
    a_sql, a_params = sql.compile_qs(delivered_h)
    b_sql, b_params = sql.compile_qs(resolved_h)
    hours = {
        r["u"]: r["hours"]
        for r in sql.fetch(
            f"SELECT x.u AS u, COUNT(DISTINCT x.h) AS hours FROM ({a_sql} UNION ALL {b_sql}) x GROUP BY x.u",
            (*a_params, *b_params),
        )
    }
    rows = []
    for r in found:
        user_hours = int(hours.get(r["user_id"], 0))
        per_hour = round(r["interrupts"] / user_hours, 2) if user_hours else None
        rows.append(
            (
                r["user__username"],
                r["interrupts"],
                user_hours,
                per_hour,
                r["acknowledged"],
                r["dismissed"],
                r["over_cap"],
            )
        )
    return Table(
        "interrupts",
        "Interrupts per user",
        columns,
        rows,
        note=(
            "Deliveries in the period. User hours: distinct clock hours (UTC) in which the user got a delivery or "
            "resolved an item. Over cap: delivered as a task because the user's interrupt cap was reached."
        ),
    )


# --- handling (triage) --------------------------------------------------------------------------


def handling(f: Filters) -> Table:
    """Per rollout the item was made under (live: the AI routed it; off: a plain human item, not scored),
    the triage workflow's message items created in the period: turnaround from the message's arrival
    to resolution (in clinflow or in the EMR), and handling from the last claim to resolution."""
    columns = [
        "rollout",
        "items",
        "resolved",
        "turnaround_p50_min",
        "turnaround_p90_min",
        "handling_p50_min",
        "handling_p90_min",
    ]
    table = Table(
        "handling",
        "Message turnaround and handling by rollout",
        columns,
        [],
        note=(
            "Message items created in the period, by the rollout they were made under: live (routed by the AI) "
            "against off (plain human items, not scored; in shadow staff work in the EMR and no item is made). "
            "Turnaround: the message's arrival to the "
            "item's resolution, here or in the EMR; handling: the last claim to resolution (the time a person "
            "spent on it)."
        ),
    )
    if f.workflow != "triage":
        return table
    source = sql.compile_qs(
        _items(f)
        .filter(kind=WorkItem.Kind.MESSAGE)
        .annotate(
            turnaround=sql.minutes_between("received_at", "resolved_at"),
            handled=sql.minutes_between("claimed_at", "resolved_at"),
        )
        .values("rollout", "turnaround", "handled")
    )
    found = sql.percentiles(source, group_by=["rollout"], values=["turnaround", "handled"], ps=[0.5, 0.9])
    found.sort(key=lambda r: ROLLOUTS.index(r["rollout"]) if r["rollout"] in ROLLOUTS else 99)
    table.rows = [
        (
            r["rollout"] or "live",
            r["n"],
            r["turnaround_n"],
            sql.minutes(r["turnaround_p50"]),
            sql.minutes(r["turnaround_p90"]),
            sql.minutes(r["handled_p50"]),
            sql.minutes(r["handled_p90"]),
        )
        for r in found
    ]
    return table


# --- suppression --------------------------------------------------------------------------------


def suppression(f: Filters) -> Table:
    columns = ["queue", "items", "events_folded", "realerts", "alerts_saved"]
    found = (
        _items(f)
        .values("queue__slug")
        .annotate(n=Count("id"), folded=Sum(F("event_count") - 1), realerts=Sum(F("alert_count") - 1))
        .order_by("queue__slug")
    )
    rows = [
        (r["queue__slug"], r["n"], int(r["folded"]), int(r["realerts"]), int(r["folded"]) - int(r["realerts"]))
        for r in found
    ]
    return Table(
        "suppression",
        "Alerts saved by suppression",
        columns,
        rows,
        note=(
            "Events folded into an open item of the same patient and reason (event_count - 1), the re-alerts among "
            "them (alert_count - 1: urgency rose), and the alerts that suppression saved."
        ),
    )


# --- negative signals ---------------------------------------------------------------------------


def _percent(a: float, b: float) -> tuple[str, str]:
    fmt = "{:.1%}" if max(a, b) < 0.1 else "{:.0%}"
    return fmt.format(a), fmt.format(b)


def negative_signals(f: Filters) -> Table:
    """The 7 days before f.end against the 28 days before those (f.start is not used): rates of
    items created in each window, and the backlog open at f.end against its mean at the 28 daily
    points end-7d, end-8d, ..., end-34d. One aggregate query."""
    columns = ["signal", "last_7d", "prior_28d", "change", "flagged"]
    title = "Negative signals"
    end = f.end
    split = end - timedelta(days=SIGNAL_DAYS)
    begin = split - timedelta(days=BASELINE_DAYS)
    now = _now()
    baseline_points = [split - timedelta(days=k) for k in range(BASELINE_DAYS)]
    windows = {
        "w7": Q(created_at__gte=split, created_at__lt=end),
        "w28": Q(created_at__gte=begin, created_at__lt=split),
    }
    aggregates: dict[str, Any] = {}
    for w, in_window in windows.items():
        decided = in_window & Q(resolved_by__isnull=False)
        aggregates[f"{w}_items"] = Count("id", filter=in_window)
        aggregates[f"{w}_decided"] = Count("id", filter=decided)
        aggregates[f"{w}_dismiss"] = Count("id", filter=decided & Q(decision="dismiss"))
        aggregates[f"{w}_override"] = Count("id", filter=decided & Q(decision="override"))
        aggregates[f"{w}_ignored"] = Count("id", filter=in_window & _ignored(now))

    def open_at(t: datetime) -> Q:
        return Q(created_at__lte=t) & (Q(resolved_at__isnull=True) | Q(resolved_at__gt=t))

    aggregates["open_end"] = Count("id", filter=open_at(end))
    for k, t in enumerate(baseline_points):
        aggregates[f"open_{k}"] = Count("id", filter=open_at(t))
    earliest = baseline_points[-1]
    items = (
        _items(f, period=False)
        .filter(created_at__lte=end)
        .filter(Q(created_at__gte=begin) | Q(resolved_at__isnull=True) | Q(resolved_at__gt=earliest))
    )
    # Nothing in the windows (a workflow with no work yet): no signals, without compiling the ~40
    # filtered counts (15 ms of Python for an empty answer).
    if not items.exists():
        return Table("negative_signals", title, columns, [])
    a = items.aggregate(**aggregates)
    baseline_open = sum(a[f"open_{k}"] for k in range(BASELINE_DAYS))
    if not (a["w7_items"] or a["w28_items"] or a["open_end"] or baseline_open):
        return Table("negative_signals", title, columns, [])
    rise, min_n = settings.DASHBOARD_SIGNAL_RISE, settings.DASHBOARD_SIGNAL_MIN_N
    signals: list[tuple[str, str, float | None, float | None, int, int]] = [
        (
            "dismissal_rate",
            "Dismissal rate",
            sql.rate(a["w7_dismiss"], a["w7_decided"]),
            sql.rate(a["w28_dismiss"], a["w28_decided"]),
            a["w7_decided"],
            a["w28_decided"],
        ),
        (
            "override_rate",
            "Override rate",
            sql.rate(a["w7_override"], a["w7_decided"]),
            sql.rate(a["w28_override"], a["w28_decided"]),
            a["w7_decided"],
            a["w28_decided"],
        ),
        (
            "ignored_rate",
            "Ignored rate",
            sql.rate(a["w7_ignored"], a["w7_items"]),
            sql.rate(a["w28_ignored"], a["w28_items"]),
            a["w7_items"],
            a["w28_items"],
        ),
        (
            "backlog",
            "Open backlog",
            float(a["open_end"]),
            round(baseline_open / BASELINE_DAYS, 1),
            a["w7_items"],
            a["w28_items"],
        ),
    ]
    rows, warnings = [], []
    for key, label, last, prior, n_last, n_prior in signals:
        change = round((last - prior) / prior, 4) if last is not None and prior else None
        flagged = bool(
            last is not None
            and prior is not None
            and last > prior * (1 + rise)
            and n_last >= min_n
            and n_prior >= min_n
        )
        rows.append((key, last, prior, change, flagged))
        if flagged and last is not None and prior is not None:
            if key == "backlog":
                warnings.append(
                    f"{label} rose from a mean of {prior:g} to {last:g} open items over the last {SIGNAL_DAYS} days"
                )
            else:
                before, now_text = _percent(prior, last)
                warnings.append(f"{label} rose from {before} to {now_text} over the last {SIGNAL_DAYS} days")
    return Table(
        "negative_signals",
        title,
        columns,
        rows,
        note=(
            f"The {SIGNAL_DAYS} days before the end of the period against the {BASELINE_DAYS} days before those. "
            f"Flagged when the recent value is more than {rise:.0%} above the earlier one with at least {min_n} items "
            "in each window. Backlog: open items at the end against the mean at the earlier daily points."
        ),
        warnings=warnings,
    )
