"""Routing decisions and policy validation, without a database."""

import pytest

from queues.routing import DEFAULTS, route_result, route_triage, validate_policy

TRIAGE = DEFAULTS["triage"]


@pytest.mark.parametrize(
    ("care_level", "tier", "priority", "sla"),
    [
        ("emergency", "interrupt", 1, 15),
        ("same_day", "task", 2, 120),
        ("within_3_days", "task", 3, 1440),
        ("within_2_weeks", "task", 3, 1440),
        ("self_care", "task", 3, 1440),
        ("administrative", "suggestion", 4, 2880),
    ],
)
def test_confident_output_follows_the_tier_map_by_care_level_and_sla(care_level, tier, priority, sla):
    d = route_triage(care_level=care_level, intent="symptom", confidence=0.9, policy=TRIAGE)
    assert (d.tier, d.queue_kind, d.priority, d.sla_minutes, d.human_review) == (tier, "triage", priority, sla, False)


def test_only_emergency_interrupts_by_default():
    interrupting = [
        c
        for c in TRIAGE["tier_map"]
        if route_triage(care_level=c, intent="symptom", confidence=1.0, policy=TRIAGE).tier == "interrupt"
    ]
    assert interrupting == ["emergency"]


def test_low_confidence_goes_to_human_review_never_to_silence():
    d = route_triage(care_level="administrative", intent="billing_admin", confidence=0.3, policy=TRIAGE)
    assert d.queue_kind == "review" and d.human_review and d.tier == "task"


def test_a_protocol_criterion_skips_review_even_at_low_model_confidence():
    d = route_triage(care_level="emergency", intent="symptom", confidence=0.1, deterministic=True, policy=TRIAGE)
    assert (d.tier, d.queue_kind, d.human_review) == ("interrupt", "triage", False)
    # an urgent-level criterion is a task, not an interrupt (only emergencies interrupt)
    d = route_triage(care_level="same_day", intent="symptom", confidence=0.1, deterministic=True, policy=TRIAGE)
    assert (d.tier, d.queue_kind, d.human_review) == ("task", "triage", False)


def test_a_decision_that_asks_for_review_goes_to_review_whatever_the_confidence():
    d = route_triage(
        care_level="same_day",
        intent="symptom",
        confidence=0.99,
        review=True,
        why="classifier says emergency",
        policy=TRIAGE,
    )
    assert (d.tier, d.queue_kind, d.human_review, d.reason) == ("task", "review", True, "classifier says emergency")


def test_a_policy_written_before_care_levels_still_routes_by_the_urgency_they_stand_for():
    old = dict(
        TRIAGE,
        tier_map={"emergent": "interrupt", "urgent": "task", "routine": "suggestion", "non_clinical": "suggestion"},
    )
    assert route_triage(care_level="emergency", intent="symptom", confidence=0.9, policy=old).tier == "interrupt"
    assert route_triage(care_level="self_care", intent="symptom", confidence=0.9, policy=old).tier == "suggestion"
    assert validate_policy("triage", old) == []


def test_policy_data_changes_the_decision():
    policy = dict(
        TRIAGE,
        tier_map=dict(TRIAGE["tier_map"], self_care="suggestion", same_day="interrupt"),
        review_threshold=0.95,
        queue_map={"*": "triage", "billing_admin": "clinical_ops"},
    )
    assert route_triage(care_level="self_care", intent="symptom", confidence=0.99, policy=policy).tier == "suggestion"
    assert route_triage(care_level="same_day", intent="symptom", confidence=0.99, policy=policy).tier == "interrupt"
    assert route_triage(care_level="self_care", intent="symptom", confidence=0.9, policy=policy).queue_kind == "review"
    assert (
        route_triage(care_level="administrative", intent="billing_admin", confidence=0.99, policy=policy).queue_kind
        == "clinical_ops"
    )
    errors = validate_policy("triage", dict(policy, tier_map={"soonish": "task"}))
    assert errors and errors[0]["field"] == "tier_map.soonish"


def test_results_route_by_severity():
    policy = DEFAULTS["results"]
    assert route_result(severity="normal", policy=policy) is None
    critical = route_result(severity="critical", policy=policy)
    abnormal = route_result(severity="abnormal", policy=policy)
    assert (critical.tier, critical.priority, critical.queue_kind) == ("interrupt", 1, "results")
    assert (abnormal.tier, abnormal.priority) == ("task", 2)


def test_default_policies_are_valid():
    for workflow, policy in DEFAULTS.items():
        assert validate_policy(workflow, policy) == []


def test_policy_validation_names_each_bad_field():
    bad = dict(
        TRIAGE,
        rollout="maybe",
        review_threshold=1.5,
        tier_map={"emergent": "siren", "severe": "task"},
        queue_map={"symptom": "nowhere"},
        sla_minutes={"1": 0, "9": 5},
        suppression_minutes=-1,
    )
    fields = {e["field"] for e in validate_policy("triage", bad)}
    assert fields == {
        "rollout",
        "review_threshold",
        "tier_map.emergent",
        "tier_map.severe",
        "queue_map.symptom",
        "sla_minutes.1",
        "sla_minutes.9",
        "suppression_minutes",
    }
