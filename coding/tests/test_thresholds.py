"""Signature thresholds and escalation stages (pure)."""

from datetime import UTC, datetime, timedelta

import pytest

from coding import thresholds
from coding.thresholds import stage, threshold_hours, validate_policy

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def at(hours):
    return stage(started_at=T0, now=T0 + timedelta(hours=hours), threshold_h=48, urgent_multiple=2, overdue_multiple=4)


def test_stages_rise_at_the_documented_multiples():
    assert at(47.9).level == 0 and at(47.9).next_at == T0 + timedelta(hours=48)
    assert at(48).level == 1 and at(48).next_at == T0 + timedelta(hours=96)
    assert at(96).level == 2 and at(96).next_at is None
    assert at(500).overdue_at == T0 + timedelta(hours=192)
    assert thresholds.LEVELS == {1: (3, "routine"), 2: (2, "urgent")}


def test_a_type_falls_back_to_star_and_case_does_not_matter():
    table = {"*": 48, "verbal": 24}
    assert threshold_hours(table, "Verbal ") == 24 and threshold_hours(table, "lab") == 48
    assert threshold_hours({}, "x") == 72 and threshold_hours({"*": True}, "x") == 72


def test_sla_is_at_least_a_minute():
    assert thresholds.sla_minutes(overdue_at=T0, now=T0 + timedelta(days=3)) == 1
    assert thresholds.sla_minutes(overdue_at=T0 + timedelta(minutes=90), now=T0) == 90


def good(**over):
    return {
        "order_hours": dict(thresholds.DEFAULT_ORDER_HOURS),
        "note_hours": dict(thresholds.DEFAULT_NOTE_HOURS),
        "urgent_multiple": 2,
        "overdue_multiple": 4,
        "coding_sla_hours": 72,
    } | over


def test_the_defaults_are_valid():
    assert validate_policy(good()) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"order_hours": {}}, "order_hours"),
        ({"order_hours": {"verbal": 48}}, "order_hours.*"),
        ({"note_hours": {"*": 0}}, "note_hours.*"),
        ({"note_hours": {"*": 10**9}}, "note_hours.*"),
        ({"note_hours": {"*": float("nan")}}, "note_hours.*"),
        ({"note_hours": {"*": True}}, "note_hours.*"),
        ({"note_hours": {"*": 72, "Progress": 24}}, "note_hours.Progress"),
        ({"urgent_multiple": 1}, "urgent_multiple"),
        ({"urgent_multiple": "2"}, "urgent_multiple"),
        ({"urgent_multiple": 5, "overdue_multiple": 3}, "overdue_multiple"),
        ({"overdue_multiple": 1000}, "overdue_multiple"),
        ({"coding_sla_hours": 0}, "coding_sla_hours"),
        ({"coding_sla_hours": 2.5}, "coding_sla_hours"),
    ],
)
def test_a_bad_policy_names_the_field(change, field):
    assert field in [e["field"] for e in validate_policy(good(**change))]
