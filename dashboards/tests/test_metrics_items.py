"""The work-item metrics (dashboards.metrics.items) on small hand-built histories.

Each test builds a few items with explicit timestamps (through the queues factories, then setting
the times) and checks the table against the answer worked out by hand in the comments. Each metric
asserts its query count, so it stays set-based. Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from dashboards.filters import Filters
from dashboards.metrics import items as m
from dashboards.metrics import sql
from ingest.models import Event
from queues.models import Facility, InterruptDelivery, Queue, WorkItem
from queues.tests import factories

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # a Monday, 00:00 UTC
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
SOURCE = "urn:emr:factory"  # the factories' source URI
NOW = T0 + 100 * DAY  # the clock "past due" is judged by


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(m, "_now", lambda: NOW)


def make(
    facility: Facility,
    *,
    at: datetime,
    kind: str = Queue.Kind.TRIAGE,
    tier: str = WorkItem.Tier.TASK,
    urgency: str = WorkItem.Urgency.ROUTINE,
    received: datetime | None = None,
    due: datetime | None = None,
    version: str = "1",
    **fields: Any,
) -> WorkItem:
    """A work item made by the services (factories.work_item), then put at `at` with these facts."""
    item = factories.work_item(facility, queue_kind=kind, tier=tier, urgency=urgency)
    WorkItem.objects.filter(pk=item.pk).update(
        created_at=at, received_at=received or at, due_at=due or at + HOUR, model_version=version, **fields
    )
    Event.objects.filter(pk=item.event_id).update(received_at=received or at)
    return WorkItem.objects.get(pk=item.pk)


def filters(facility: Facility, start: datetime, end: datetime, **kw: Any) -> Filters:
    return Filters(workflow=kw.pop("workflow", "triage"), facility_ids=(facility.id,), start=start, end=end, **kw)


def queue_of(facility: Facility, kind: str) -> Queue:
    return Queue.objects.get(facility=facility, kind=kind)


# --- helpers of dashboards.metrics.sql ------------------------------------------------------------


def test_nearest_rank_matches_the_catalog_examples():
    # p50 of 1,2,3,4 is the 2nd value (ceil(0.5*4) = 2); p90 of 1..10 the 9th; p90 of 3 values the 3rd.
    got = sql.fetch(
        f"SELECT {sql.rank_sql('4', 0.5)} AS a, {sql.rank_sql('10', 0.9)} AS b, {sql.rank_sql('3', 0.9)} AS c, "
        f"{sql.rank_sql('1', 0.5)} AS d, {sql.rank_sql('100', 0.99)} AS e"
    )
    assert got == [{"a": 2, "b": 9, "c": 3, "d": 1, "e": 99}]


@pytest.mark.parametrize(("n", "p", "rank"), [(70, 0.9, 63), (10, 0.9, 9), (4, 0.5, 2), (5, 0.5, 3), (1000, 0.99, 990)])
def test_percentiles_take_the_exact_nearest_rank(north, n, p, rank):
    # 0.9 * 70 is 63.000000000000007 in floating point: PostgreSQL's percentile_disc alone would take
    # row 64. The values 1..n, so the percentile is the rank itself.
    counted = f"WITH RECURSIVE x(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM x WHERE v < {n}) SELECT v FROM x"
    got = sql.percentiles((counted, ()), group_by=[], values=["v"], ps=[p])
    assert got[0][f"v_{sql.pct_label(p)}"] == rank
    assert got[0]["n"] == n


def test_percentiles_without_groups_ignore_nulls(north):
    for k, count in enumerate((4, 1, 3, 2)):
        make(north, at=T0 + k * MIN, event_count=count, snoozed_until=None if k else T0)
    source = sql.compile_qs(
        WorkItem.objects.annotate(snoozed=sql.minutes_between("created_at", "snoozed_until")).values(
            "event_count", "snoozed"
        )
    )
    got = sql.percentiles(source, group_by=[], values=["event_count", "snoozed"], ps=[0.5, 0.9])
    # event counts 1, 2, 3, 4: p50 rank 2 -> 2, p90 rank ceil(3.6) = 4 -> 4; one snoozed value (0 min)
    assert got == [
        {
            "n": 4,
            "event_count_n": 4,
            "event_count_p50": 2,
            "event_count_p90": 4,
            "snoozed_n": 1,
            "snoozed_p50": 0.0,
            "snoozed_p90": 0.0,
        }
    ]


def test_epoch_and_points_are_exact_at_boundaries(north):
    item = make(north, at=T0 + 2 * HOUR + 500 * timedelta(microseconds=1000))  # 02:00:00.500
    inner = sql.compile_qs(
        WorkItem.objects.filter(pk=item.pk).annotate(orm=sql.EpochSeconds("created_at")).values("created_at", "orm")
    )
    got = sql.fetch(f"SELECT {sql.epoch_sql('s.created_at')} AS e, s.orm AS orm FROM ({inner[0]}) s", inner[1])
    assert got == [{"e": T0.timestamp() + 7200.5, "orm": T0.timestamp() + 7200.5}]
    # hourly from 00:30 to 03:00: the whole hours 01:00 and 02:00 (the end is not a point)
    assert sql.points(T0 + 30 * MIN, T0 + 3 * HOUR, HOUR) == [T0 + HOUR, T0 + 2 * HOUR]
    assert sql.backlog_step(T0, T0 + 14 * DAY) == HOUR and sql.backlog_step(T0, T0 + 15 * DAY) == DAY


# --- turnaround -----------------------------------------------------------------------------------


@pytest.fixture
def turnaround_history(north, south):
    # task tier, received at created except `a` (received 2 minutes before it was created):
    #   a: received T0-2m, created T0 (the start: included), first action T0, resolved T0+28m, due T0+60m
    #   b: first action +4m, resolved +90m, due +60m (late)
    #   c: first action +10m, still open, due +60m
    make(
        north,
        at=T0,
        received=T0 - 2 * MIN,
        first_action_at=T0,
        resolved_at=T0 + 28 * MIN,
        state="resolved",
        due=T0 + 60 * MIN,
    )
    b = T0 + HOUR
    make(north, at=b, first_action_at=b + 4 * MIN, resolved_at=b + 90 * MIN, state="resolved", due=b + 60 * MIN)
    c = T0 + 2 * HOUR
    make(north, at=c, first_action_at=c + 10 * MIN, due=c + 60 * MIN)
    # interrupt tier, in the review queue: first action 1m, resolved 5m, SLA 15m (within)
    d = T0 + 3 * HOUR
    make(
        north,
        at=d,
        kind=Queue.Kind.REVIEW,
        tier="interrupt",
        first_action_at=d + MIN,
        resolved_at=d + 5 * MIN,
        state="resolved",
        due=d + 15 * MIN,
        version="2",
    )
    # excluded: created at the end (period is [start, end)), before the start, at another facility,
    # and in a results queue (not the triage workflow's)
    end = T0 + DAY
    make(north, at=end, first_action_at=end + MIN)
    make(north, at=T0 - MIN, first_action_at=T0)
    make(south, at=T0 + HOUR, first_action_at=T0 + 2 * HOUR)
    make(north, at=T0 + HOUR, kind=Queue.Kind.RESULTS, first_action_at=T0 + 2 * HOUR)
    return end


def test_turnaround_per_tier_from_received_with_nearest_rank(north, turnaround_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.turnaround(filters(north, T0, turnaround_history))
    assert table.columns == [
        "tier",
        "items",
        "first_action_p50_min",
        "first_action_p90_min",
        "resolved_p50_min",
        "resolved_p90_min",
        "sla_p50_min",
        "within_sla_pct",
    ]
    # interrupt first (tier order). task: first actions from received 2, 4, 10 min -> p50 = 4 (rank 2),
    # p90 = 10 (rank ceil(2.7) = 3); resolved 30 (28 + the 2 before creation), 90 -> p50 = 30 (rank 1),
    # p90 = 90 (rank ceil(1.8) = 2); SLA 60, 60, 60 -> 60; within SLA: a yes, b no (c open) -> 1/2.
    # interrupt: 1, 1, 5, 5, SLA 15, within 1/1.
    assert table.rows == [
        ("interrupt", 1, 1.0, 1.0, 5.0, 5.0, 15.0, 1.0),
        ("task", 3, 4.0, 10.0, 30.0, 90.0, 60.0, 0.5),
    ]


def test_turnaround_filters_queue_and_model_version(north, turnaround_history):
    review = queue_of(north, Queue.Kind.REVIEW)
    assert [r[0] for r in m.turnaround(filters(north, T0, turnaround_history, queue_ids=(review.id,))).rows] == [
        "interrupt"
    ]
    # version 1: only the three task items
    assert m.turnaround(filters(north, T0, turnaround_history, model_version="1")).rows == [
        ("task", 3, 4.0, 10.0, 30.0, 90.0, 60.0, 0.5)
    ]
    # a period that holds only `b` (created T0+1h): the one value is every percentile
    only_b = m.turnaround(filters(north, T0 + HOUR, T0 + 2 * HOUR))
    assert only_b.rows == [("task", 1, 4.0, 4.0, 90.0, 90.0, 60.0, 0.0)]


# --- backlog --------------------------------------------------------------------------------------


@pytest.fixture
def backlog_history(north, south):
    make(north, at=T0 - HOUR, resolved_at=T0 + 2 * HOUR, state="resolved")  # x: before the start
    make(north, at=T0 + HOUR, resolved_at=T0 + 3 * HOUR + 30 * MIN, state="resolved")  # y: at a point
    make(north, at=T0 + 2 * HOUR + 30 * MIN)  # z: still open
    make(north, at=T0 - 3 * HOUR, resolved_at=T0 - HOUR, state="resolved")  # w: closed before
    make(north, at=T0 + 10 * MIN, resolved_at=T0 + 40 * MIN, state="resolved")  # v: between two points
    make(north, at=T0 + 4 * HOUR, kind=Queue.Kind.REVIEW, version="2")  # r: review queue
    make(south, at=T0, version="1")  # another facility
    make(north, at=T0, kind=Queue.Kind.RESULTS)  # another workflow


def test_backlog_hourly_counts_open_items_at_each_point(north, backlog_history, django_assert_max_num_queries):
    f = filters(north, T0, T0 + 6 * HOUR)
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.backlog(f)
    assert table.columns == ["at", "queue", "open_items"]
    triage, review = queue_of(north, "triage").slug, queue_of(north, "review").slug
    # open at t = created <= t and (resolved null or resolved > t), points T0 .. T0+5h:
    #   T0: x            1h: x, y (created exactly at 1h)   2h: y (x resolved exactly at 2h)
    #   3h: y, z         4h: z (y resolved 3h30)            5h: z        -> 1, 2, 1, 2, 1, 1
    #   review: r from 4h -> 0, 0, 0, 0, 1, 1; w and v are open at no point
    got = {(at, q): n for at, q, n in table.rows}
    assert [got[(T0 + k * HOUR, triage)] for k in range(6)] == [1, 2, 1, 2, 1, 1]
    assert [got[(T0 + k * HOUR, review)] for k in range(6)] == [0, 0, 0, 0, 1, 1]
    assert len(table.rows) == 12  # south's and the results queue's items are not there
    assert table.rows[0][0] == T0 and table.rows[0][1] <= table.rows[1][1]  # ordered by time, queue


def test_backlog_filters_and_daily_points(north, backlog_history):
    triage = queue_of(north, "triage")
    only = m.backlog(filters(north, T0, T0 + 6 * HOUR, queue_ids=(triage.id,)))
    assert {q for _, q, _ in only.rows} == {triage.slug}
    v2 = m.backlog(filters(north, T0, T0 + 6 * HOUR, model_version="2"))
    assert [n for _, _, n in v2.rows] == [0, 0, 0, 0, 1, 1]
    # daily over 20 days from T0+6h: points at 00:00 UTC, T0+1d .. T0+19d. Open then: z and r (never
    # resolved) -> 2 in triage+review; y and x were resolved the first day -> not at any point.
    daily = m.backlog(filters(north, T0 + 6 * HOUR, T0 + 20 * DAY))
    ats = sorted({at for at, _, _ in daily.rows})
    assert ats == [T0 + k * DAY for k in range(1, 20)]
    assert all(n == 1 for _, _, n in daily.rows)


# --- neglect --------------------------------------------------------------------------------------


def test_neglect_counts_ignored_expired_snoozed_reassigned(north, south, django_assert_max_num_queries):
    # Everything is in the past (NOW is T0 + 100 days) except b's due time.
    later = NOW + DAY
    make(north, at=T0, due=T0 + HOUR)  # a: untouched, open, past due -> ignored, expired open
    make(north, at=T0, due=later)  # b: untouched, open, not yet due -> neither
    make(north, at=T0, due=T0 + HOUR, state="resolved_in_emr", resolved_at=T0 + 30 * MIN)  # c: EMR closed untouched
    make(north, at=T0, due=T0 + HOUR, state="resolved", resolved_at=T0 + 2 * HOUR)  # d: untouched, closed late
    make(north, at=T0, due=T0 + HOUR, state="snoozed", first_action_at=T0 + 10 * MIN, snooze_count=2)  # e
    make(
        north,
        at=T0,
        due=T0 + HOUR,
        state="resolved",
        first_action_at=T0 + 5 * MIN,
        resolved_at=T0 + 3 * HOUR,
        reassign_count=1,
    )  # f: touched, closed late: not ignored; reassigned
    make(south, at=T0, due=T0 + HOUR)  # another facility
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.neglect(filters(north, T0, T0 + DAY))
    assert table.columns == ["queue", "items", "ignored", "ignored_pct", "expired_open", "snoozed", "reassigned"]
    # 6 items; ignored a, c, d -> 3 (0.5); expired open a, e -> 2; snoozed e; reassigned f
    assert table.rows == [(queue_of(north, "triage").slug, 6, 3, 0.5, 2, 1, 1)]


# --- decisions and reasons ------------------------------------------------------------------------


@pytest.fixture
def decided_history(north, south, nurse):
    def decided(at: datetime, decision: str, reason: str = "", version: str = "1", **kw: Any) -> WorkItem:
        return make(
            north,
            at=at,
            version=version,
            state="resolved",
            first_action_at=at + MIN,
            resolved_at=at + 5 * MIN,
            resolved_by=nurse,
            decision=decision,
            decision_reason=reason,
            **kw,
        )

    decided(T0, "accept")
    decided(T0 + HOUR, "accept")
    decided(T0 + 2 * HOUR, "override", "clinical_judgement")
    decided(T0 + 3 * HOUR, "override", "clinical_judgement")
    decided(T0 + 4 * HOUR, "override", "patient_context")
    decided(T0 + 5 * HOUR, "dismiss", "duplicate")
    decided(T0 + 6 * HOUR, "reject", "not_applicable", version="2")
    decided(T0 + 7 * HOUR, "accept", version="2")
    # not decided by a person: the EMR closed it
    make(north, at=T0, state="resolved_in_emr", resolved_at=T0 + HOUR, decision="resolved_in_emr")
    # outside: another facility, after the end
    make(south, at=T0, state="resolved", resolved_by=nurse, resolved_at=T0 + HOUR, decision="dismiss")
    decided(T0 + DAY, "dismiss", "duplicate")
    return decided


def test_decisions_per_model_version(north, decided_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.decisions(filters(north, T0, T0 + DAY))
    assert table.columns == [
        "model_version",
        "decided",
        "accept",
        "override",
        "dismiss",
        "reject",
        "override_rate",
        "dismiss_rate",
    ]
    # v1: accept 2, override 3, dismiss 1 -> decided 6, override 3/6 = 0.5, dismiss 1/6 = 0.1667
    # v2: reject 1, accept 1 -> decided 2, rates 0
    assert table.rows == [("1", 6, 2, 3, 1, 0, 0.5, 0.1667), ("2", 2, 1, 0, 0, 1, 0.0, 0.0)]
    assert m.decisions(filters(north, T0, T0 + DAY, model_version="2")).rows == [("2", 2, 1, 0, 0, 1, 0.0, 0.0)]


def test_override_reasons_counts_each_reason(north, decided_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.override_reasons(filters(north, T0, T0 + DAY))
    assert table.columns == ["model_version", "decision", "reason_code", "n"]
    assert table.rows == [
        ("1", "dismiss", "duplicate", 1),
        ("1", "override", "clinical_judgement", 2),
        ("1", "override", "patient_context", 1),
        ("2", "reject", "not_applicable", 1),
    ]


# --- escalation -----------------------------------------------------------------------------------


@pytest.fixture
def escalation_history(north, nurse):
    def decided(at: datetime, ai: str, final: str, version: str = "1") -> WorkItem:
        return make(
            north,
            at=at,
            urgency=ai,
            version=version,
            state="resolved",
            first_action_at=at + MIN,
            resolved_at=at + 5 * MIN,
            resolved_by=nurse,
            decision="accept" if ai == final else "override",
            final_urgency=final,
        )

    # URGENCY_RANK: non_clinical 0, routine 1, urgent 2, emergent 3 (larger = more serious)
    cases = {
        "false2": decided(T0 + HOUR, "emergent", "routine"),  # AI more serious: false escalation, gap 2
        "false1": decided(T0 + 2 * HOUR, "urgent", "routine"),  # false, gap 1
        "missed2": decided(T0 + 3 * HOUR, "routine", "emergent"),  # AI less serious: missed, gap 2
        "agree1": decided(T0 + 4 * HOUR, "routine", "routine"),
        "agree2": decided(T0 + 5 * HOUR, "urgent", "urgent", version="2"),
    }
    make(north, at=T0, urgency="emergent", final_urgency="routine", resolved_at=T0 + HOUR)  # EMR: no person
    make(north, at=T0, urgency="emergent")  # undecided
    return cases


def test_escalation_counts_false_and_missed(north, escalation_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.escalation(filters(north, T0, T0 + DAY))
    assert table.columns == [
        "model_version",
        "decided",
        "false_escalation",
        "missed_escalation",
        "false_rate",
        "missed_rate",
    ]
    # v1: 4 decided (false2, false1, missed2, agree1): false 2 (0.5), missed 1 (0.25); v2: 1 agreeing
    assert table.rows == [("1", 4, 2, 1, 0.5, 0.25), ("2", 1, 0, 0, 0.0, 0.0)]


def test_escalation_cases_worst_gap_then_newest(north, escalation_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.escalation_cases(filters(north, T0, T0 + DAY))
    c = escalation_history
    queue = queue_of(north, "triage").slug
    # gap 2: missed2 (T0+3h) is newer than false2 (T0+1h); then gap 1: false1
    assert table.rows == [
        (str(c["missed2"].pk), T0 + 3 * HOUR, queue, "routine", "emergent", 2, "1", "override", "missed_escalation"),
        (str(c["false2"].pk), T0 + HOUR, queue, "emergent", "routine", 2, "1", "override", "false_escalation"),
        (str(c["false1"].pk), T0 + 2 * HOUR, queue, "urgent", "routine", 1, "1", "override", "false_escalation"),
    ]


def test_escalation_cases_keeps_the_twenty_worst(north, nurse):
    # 21 missed escalations of gap 1 (routine -> urgent) and one of gap 3 (non_clinical -> emergent), the oldest
    worst = make(
        north, at=T0, urgency="non_clinical", final_urgency="emergent", resolved_by=nurse, resolved_at=T0 + MIN
    )
    for k in range(1, 22):
        make(
            north, at=T0 + k * MIN, urgency="routine", final_urgency="urgent", resolved_by=nurse, resolved_at=T0 + HOUR
        )
    table = m.escalation_cases(filters(north, T0, T0 + DAY))
    assert len(table.rows) == 20
    assert table.rows[0][0] == str(worst.pk) and table.rows[0][5] == 3
    # then the gap-1 cases newest first: T0+21m ... T0+3m (T0+1m and T0+2m fall off)
    assert [r[1] for r in table.rows[1:]] == [T0 + k * MIN for k in range(21, 2, -1)]


# --- interrupts -----------------------------------------------------------------------------------


def test_interrupts_per_user(north, south, django_assert_max_num_queries):
    a = factories.nurse(north, username="anna")
    b = factories.nurse(north, username="ben")
    i1 = make(north, at=T0, state="resolved", resolved_by=a, resolved_at=T0 + 90 * MIN, decision="dismiss")
    i2 = make(north, at=T0, state="resolved", resolved_by=b, resolved_at=T0 + 5 * HOUR + 10 * MIN, decision="accept")
    i3 = make(north, at=T0)
    make(north, at=T0, state="resolved", resolved_by=a, resolved_at=T0 + 4 * HOUR + 20 * MIN, decision="accept")
    other = make(south, at=T0)

    def deliver(item: WorkItem, user: Any, at: datetime, as_: str = "interrupt", ack: bool = False, no: int = 1):
        InterruptDelivery.objects.create(
            item=item,
            user=user,
            alert_no=no,
            delivered_as=as_,
            delivered_at=at,
            acknowledged_at=at + MIN if ack else None,
        )

    deliver(i1, a, T0 + 65 * MIN, ack=True)  # anna, hour 1
    deliver(i2, a, T0 + 110 * MIN)  # anna, hour 1
    deliver(i3, a, T0 + 3 * HOUR, as_="task")  # anna over her cap, hour 3
    deliver(i1, b, T0 + 65 * MIN, ack=True)  # ben, hour 1
    deliver(i2, b, T0 + 5 * HOUR, ack=True)  # ben, hour 5
    deliver(i3, a, T0 - HOUR, no=2)  # before the period
    deliver(other, a, T0 + HOUR)  # another facility's item
    with django_assert_max_num_queries(2):
        table = m.interrupts(filters(north, T0, T0 + DAY))
    assert table.columns == [
        "user",
        "interrupts",
        "user_hours",
        "per_user_hour",
        "acknowledged",
        "dismissed",
        "over_cap",
    ]
    # anna: 2 interrupts + 1 over cap; hours with a delivery 1, 3; with a resolve 1 (i1 at 1h30), 4 (4h20)
    #   -> {1, 3, 4} = 3 user hours, 2 / 3 = 0.67 per hour; acknowledged 1; dismissed 1 (i1)
    # ben: 2 interrupts; hours 1, 5 (+ resolve i2 at 5h10, hour 5) -> 2, 1.0 per hour; ack 2; dismissed 1 (i1)
    assert table.rows == [("anna", 2, 3, 0.67, 1, 1, 1), ("ben", 2, 2, 1.0, 2, 1, 0)]


# --- handling -------------------------------------------------------------------------------------


@pytest.fixture
def handling_history(north, south):
    # live (v2): m1 received T0, claimed +20m, resolved +30m; m2 received 1h, claimed 1h05, resolved
    # 1h50; m3 open
    for at, claimed, resolved in (
        (T0, T0 + 20 * MIN, T0 + 30 * MIN),
        (T0 + HOUR, T0 + 65 * MIN, T0 + 110 * MIN),
        (T0 + 90 * MIN, None, None),
    ):
        make(
            north,
            at=at,
            claimed_at=claimed,
            resolved_at=resolved,
            state="resolved" if resolved else "new",
            version="2",
            rollout="live",
        )
    # shadow (v1 scored them, the AI routed nothing): received 2h, made 2h01 (turnaround counts from
    # arrival), claimed 2h30, resolved 2h40; the other resolved in the EMR 60 minutes after arrival,
    # never claimed
    make(
        north,
        at=T0 + 121 * MIN,
        received=T0 + 2 * HOUR,
        claimed_at=T0 + 150 * MIN,
        resolved_at=T0 + 160 * MIN,
        state="resolved",
        rollout="shadow",
    )
    make(north, at=T0 + 3 * HOUR, resolved_at=T0 + 4 * HOUR, state="resolved_in_emr", rollout="shadow")
    # off: resolved after 20 minutes, handled for 5
    make(
        north,
        at=T0 + 5 * HOUR,
        claimed_at=T0 + 5 * HOUR + 15 * MIN,
        resolved_at=T0 + 5 * HOUR + 20 * MIN,
        state="resolved",
        version="",
        rollout="off",
    )
    # excluded: another facility's item, an item from before the period, a lab result item
    make(south, at=T0 + HOUR, rollout="live")
    make(north, at=T0 - HOUR, rollout="live")
    make(north, at=T0 + HOUR, kind=Queue.Kind.RESULTS, rollout="live")


def test_handling_per_rollout(north, handling_history, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        table = m.handling(filters(north, T0, T0 + DAY))
    assert table.columns == [
        "rollout",
        "items",
        "resolved",
        "turnaround_p50_min",
        "turnaround_p90_min",
        "handling_p50_min",
        "handling_p90_min",
    ]
    # live: 3 items, 2 resolved: turnaround 30, 50 -> p50 30, p90 50; handling 10, 45 -> p50 10, p90 45
    # shadow: 2 resolved: turnaround 40, 60; handling only the claimed one: 10
    # off: 1 item, 20 minutes, handled 5
    assert table.rows == [
        ("live", 3, 2, 30.0, 50.0, 10.0, 45.0),
        ("shadow", 2, 2, 40.0, 60.0, 10.0, 10.0),
        ("off", 1, 1, 20.0, 20.0, 5.0, 5.0),
    ]


def test_handling_model_version_and_other_workflows(north, handling_history):
    assert m.handling(filters(north, T0, T0 + DAY, model_version="2")).rows == [("live", 3, 2, 30.0, 50.0, 10.0, 45.0)]
    assert m.handling(filters(north, T0, T0 + DAY, workflow="results")).rows == []


def test_routing_records_the_rollout_and_arrival_on_the_item(north):
    item = factories.work_item(north, queue_kind=Queue.Kind.TRIAGE)
    event = Event.objects.get(pk=item.event_id)
    assert item.rollout == "live"
    assert item.received_at == event.received_at


# --- suppression ----------------------------------------------------------------------------------


def test_suppression_counts_folded_events_and_realerts(north, south, django_assert_max_num_queries):
    make(north, at=T0, event_count=3, alert_count=2)  # 2 folded, 1 re-alert
    make(north, at=T0)  # 0, 0
    make(north, at=T0, event_count=2)  # 1 folded, no re-alert
    make(south, at=T0, event_count=9, alert_count=1)
    with django_assert_max_num_queries(2):  # the queue ids, then the metric
        table = m.suppression(filters(north, T0, T0 + DAY))
    assert table.columns == ["queue", "items", "events_folded", "realerts", "alerts_saved"]
    # folded 2 + 0 + 1 = 3; re-alerts 1; saved 3 - 1 = 2
    assert table.rows == [(queue_of(north, "triage").slug, 3, 3, 1, 2)]


# --- negative signals -----------------------------------------------------------------------------


@pytest.fixture
def signal_history(north, nurse):
    end = T0 + 40 * DAY

    def decided(at: datetime, decision: str) -> None:
        make(
            north,
            at=at,
            state="resolved",
            first_action_at=at + MIN,
            resolved_at=at + 2 * HOUR,
            resolved_by=nurse,
            decision=decision,
        )

    # the 28 days [end-35d, end-7d): dismiss, override, accept, accept (+1h so they are open at no daily point)
    for k, decision in enumerate(("dismiss", "override", "accept", "accept")):
        decided(end - 30 * DAY + k * DAY + HOUR, decision)
    make(north, at=end - 20 * DAY, due=end - 20 * DAY + HOUR)  # untouched, still open: ignored
    # the 7 days [end-7d, end): dismiss, dismiss, override, accept
    for k, decision in enumerate(("dismiss", "dismiss", "override", "accept")):
        decided(end - 6 * DAY + k * DAY + HOUR, decision)
    make(north, at=end - 3 * DAY, due=end - 3 * DAY + HOUR)  # untouched, still open: ignored
    make(north, at=end)  # created at the end: in neither window, but open at the end (created_at <= t)
    return end


def test_negative_signals_flags_rises(north, signal_history, settings, django_assert_max_num_queries):
    settings.DASHBOARD_SIGNAL_MIN_N = 4
    end = signal_history
    with django_assert_max_num_queries(3):  # the queue ids, whether any item is in the windows, the metric
        table = m.negative_signals(filters(north, T0, end))
    assert table.columns == ["signal", "last_7d", "prior_28d", "change", "flagged"]
    # dismissal: 7d 2/4 = 0.5 vs 28d 1/4 = 0.25 -> change +1.0, above 0.25 * 1.25: flagged
    # override: 1/4 vs 1/4 -> 0 change, not flagged
    # ignored: 7d 1/5 = 0.2 vs 28d 1/5 = 0.2 -> not flagged
    # backlog: open at the end: the two ignored items + the one created exactly at the end = 3;
    #   the daily points end-7d .. end-34d: the item created end-20d is open at end-7d .. end-20d
    #   (14 points) -> mean 14 / 28 = 0.5; change (3 - 0.5) / 0.5 = 5.0, flagged
    # n: rates of decisions count the 4 decided items of each window, the others the 5 items
    assert table.rows == [
        ("dismissal_rate", 0.5, 0.25, 1.0, True),
        ("override_rate", 0.25, 0.25, 0.0, False),
        ("ignored_rate", 0.2, 0.2, 0.0, False),
        ("backlog", 3.0, 0.5, 5.0, True),
    ]
    assert table.warnings == [
        "Dismissal rate rose from 25% to 50% over the last 7 days",
        "Open backlog rose from a mean of 0.5 to 3 open items over the last 7 days",
    ]


def test_negative_signals_need_enough_items(north, signal_history, settings):
    # 5 needed: the 4 decisions of each window are too few for the dismissal rate; the backlog's 5 items do
    settings.DASHBOARD_SIGNAL_MIN_N = 5
    table = m.negative_signals(filters(north, T0, signal_history))
    assert [r[4] for r in table.rows] == [False, False, False, True] and len(table.warnings) == 1
    # 20 (the default): 5 items a window is too few to flag anything
    settings.DASHBOARD_SIGNAL_MIN_N = 20
    table = m.negative_signals(filters(north, T0, signal_history))
    assert [r[4] for r in table.rows] == [False, False, False, False] and table.warnings == []


# --- every metric: empty period, other facility ---------------------------------------------------


ITEM_METRICS = [
    m.turnaround,
    m.backlog,
    m.neglect,
    m.decisions,
    m.override_reasons,
    m.escalation,
    m.escalation_cases,
    m.interrupts,
    m.handling,
    m.suppression,
    m.negative_signals,
]


@pytest.mark.parametrize("metric", ITEM_METRICS, ids=lambda fn: fn.__name__)
def test_empty_period_gives_zero_rows(north, south, nurse, metric):
    # history only at south, which the north manager does not manage, and at north long before
    make(south, at=T0, first_action_at=T0 + MIN, resolved_at=T0 + HOUR, resolved_by=nurse, decision="dismiss")
    make(north, at=T0 - 400 * DAY, resolved_at=T0 - 399 * DAY, state="resolved")
    table = metric(filters(north, T0, T0 + DAY))
    assert table.rows == [] and table.warnings == []
