"""Routing decisions and policy validation, without a database."""

import pytest

from queues.routing import DEFAULTS, route_result, route_triage, validate_policy

TRIAGE = DEFAULTS["triage"]


@pytest.mark.parametrize(
    ("urgency", "tier", "priority", "sla"),
    [
        ("emergent", "interrupt", 1, 15),
        ("urgent", "task", 2, 120),
        ("routine", "task", 3, 1440),
        ("non_clinical", "suggestion", 4, 2880),
    ],
)
def test_confident_output_follows_the_tier_map_and_sla(urgency, tier, priority, sla):
    d = route_triage(urgency=urgency, intent="symptom", confidence=0.9, red_flag=False, policy=TRIAGE)
    assert (d.tier, d.queue_kind, d.priority, d.sla_minutes, d.human_review) == (tier, "triage", priority, sla, False)


def test_low_confidence_goes_to_human_review_never_to_silence():
    d = route_triage(urgency="non_clinical", intent="billing_admin", confidence=0.3, red_flag=False, policy=TRIAGE)
    assert d.queue_kind == "review" and d.human_review and d.tier == "task"


def test_red_flag_always_interrupts_and_skips_review_even_at_low_model_confidence():
    d = route_triage(urgency="urgent", intent="symptom", confidence=0.1, red_flag=True, policy=TRIAGE)
    assert (d.tier, d.queue_kind, d.human_review) == ("interrupt", "triage", False)


def test_policy_data_changes_the_decision():
    policy = dict(
        TRIAGE,
        tier_map=dict(TRIAGE["tier_map"], routine="suggestion"),
        review_threshold=0.95,
        queue_map={"*": "triage", "billing_admin": "clinical_ops"},
    )
    assert (
        route_triage(urgency="routine", intent="symptom", confidence=0.99, red_flag=False, policy=policy).tier
        == "suggestion"
    )
    assert (
        route_triage(urgency="routine", intent="symptom", confidence=0.9, red_flag=False, policy=policy).queue_kind
        == "review"
    )
    assert (
        route_triage(
            urgency="non_clinical", intent="billing_admin", confidence=0.99, red_flag=False, policy=policy
        ).queue_kind
        == "clinical_ops"
    )


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
