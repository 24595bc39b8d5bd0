"""The governance page: who sees and changes what, validation messages, versions with diffs, the
model lifecycle in the browser's forms; and the transparency page of a model version."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from audit.models import AuditRecord
from mlregistry.models import ModelFactSheet, ModelVersion
from queues.models import RoutingPolicy, Workflow
from queues.services.facilities import workflow_grant
from queues.tests import factories
from scheduling.models import SchedulingPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage_owner(north, south):
    """Owns triage at north only."""
    group = Group.objects.create(name="north-triage-owners")
    workflow_grant(workflow=Workflow.objects.get(facility=north, name="triage"), group=group)
    return factories.UserFactory.create(username="triage-owner", groups=[group])


def version(name: str, n: int, state: str) -> ModelVersion:
    return ModelVersion.objects.create(
        name=name,
        version=n,
        state=state,
        path=f"{name}-{n}.skops",
        sha256="a" * 64,
        trained_at=timezone.now(),
        promoted_at=timezone.now() if state != "candidate" else None,
        n_samples=10,
        metrics={"auc": 0.71, "brier": 0.16},
        training_data={"source": "the shipped synthetic history", "rows": 10},
    )


def test_a_nurse_gets_403_and_no_nav_link(client, nurse):
    client.force_login(nurse)
    assert client.get("/governance/").status_code == 403
    assert (
        client.post(
            "/governance/rollout", {"workflow": "triage", "facility": "north", "rollout": "off", "reason": "x"}
        ).status_code
        == 403
    )
    assert RoutingPolicy.objects.get(workflow="triage", facility__slug="north").rollout == "live"


def test_an_owner_sees_only_what_they_own_and_cannot_change_another_facility(client, triage_owner, south):
    client.force_login(triage_owner)
    page = client.get("/governance/").content.decode()
    assert 'data-workflow="triage" data-facility="north"' in page
    assert 'data-facility="south"' not in page and 'data-workflow="scheduling"' not in page
    assert 'data-testid="site-switch"' not in page  # the site switch is an administrator's
    assert 'data-model="triage-clf"' not in page  # the model serves south too: not theirs alone
    refused = client.post(
        "/governance/rollout", {"workflow": "triage", "facility": "south", "rollout": "off", "reason": "x"}
    )
    assert refused.status_code == 403
    assert RoutingPolicy.objects.get(workflow="triage", facility=south).rollout == "live"


def test_flip_shadow_off_live_in_the_browser_each_audited_with_its_reason(client, manager, north):
    client.force_login(manager)
    for rollout, reason in (("shadow", "pilot: compare with nurses"), ("off", "INC-9 under-calls"), ("live", "fixed")):
        answer = client.post(
            "/governance/rollout",
            {"workflow": "triage", "facility": "north", "rollout": rollout, "reason": reason},
            follow=True,
        )
        assert answer.status_code == 200
        card = answer.content.decode().split('id="h-triage-north"')[1][:400]
        assert f'data-testid="rollout">{rollout}</span>' in card
        assert RoutingPolicy.objects.get(workflow="triage", facility=north).rollout == rollout
    reasons = list(
        AuditRecord.objects.filter(action="governance.rollout_set").order_by("seq").values_list("data", flat=True)
    )
    assert [(r["after"], r["reason"]) for r in reasons] == [
        ("shadow", "pilot: compare with nurses"),
        ("off", "INC-9 under-calls"),
        ("live", "fixed"),
    ]
    page = client.get("/governance/").content.decode()
    assert "INC-9 under-calls" in page  # the history shows each version's reason and diff


def test_a_missing_reason_is_a_message_naming_the_field(client, manager, north):
    client.force_login(manager)
    page = client.post(
        "/governance/rollout", {"workflow": "triage", "facility": "north", "rollout": "off", "reason": ""}, follow=True
    ).content.decode()
    assert "not saved" in page and "reason" in page
    assert RoutingPolicy.objects.get(workflow="triage", facility=north).rollout == "live"


def test_settings_are_validated_versioned_and_diffed(client, manager, north):
    client.force_login(manager)
    policy = RoutingPolicy.objects.get(workflow="triage", facility=north)
    version = policy.version
    bad = client.post(
        "/governance/policy",
        {
            "workflow": "triage",
            "facility": "north",
            "review_threshold": "1.7",
            "suppression_minutes": "60",
            "tier_map": "{not json",
            "queue_map": '{"*": "triage"}',
            "sla_minutes": '{"1": 15}',
        },
        follow=True,
    ).content.decode()
    assert "not saved" in bad and "tier_map" in bad
    policy.refresh_from_db()
    assert policy.version == version
    bad_range = client.post(
        "/governance/policy", {"workflow": "triage", "facility": "north", "review_threshold": "1.7"}, follow=True
    ).content.decode()
    assert "review_threshold" in bad_range and "between 0 and 1" in bad_range
    ok = client.post(
        "/governance/policy", {"workflow": "triage", "facility": "north", "review_threshold": "0.65"}, follow=True
    )
    assert ok.status_code == 200
    policy.refresh_from_db()
    assert (policy.review_threshold, policy.version) == (0.65, version + 1)
    page = client.get("/governance/").content.decode()
    assert "<code>review_threshold</code>: <del>0.5</del> → <ins>0.65</ins>" in page


def test_the_scheduling_owner_sets_the_overbook_cap_here(client, manager, north):
    client.force_login(manager)
    client.post("/governance/policy", {"workflow": "scheduling", "facility": "north", "max_overbook_pct": "15"})
    assert SchedulingPolicy.objects.get(facility=north).max_overbook_pct == 15.0
    page = client.post(
        "/governance/policy", {"workflow": "scheduling", "facility": "north", "max_overbook_pct": "nan"}, follow=True
    ).content.decode()
    assert "max_overbook_pct" in page and "finite" in page
    assert SchedulingPolicy.objects.get(facility=north).max_overbook_pct == 15.0


def test_the_owner_runs_a_candidate_in_shadow_promotes_and_rolls_back(client, manager, north, south):
    # the triage model serves both facilities: its owner manages triage at both
    group = Group.objects.create(name="south-triage-owners")
    workflow_grant(workflow=Workflow.objects.get(facility=south, name="triage"), group=group)
    manager.groups.add(group)
    client.force_login(manager)
    assert 'data-model="triage-clf"' in client.get("/governance/").content.decode()
    version("triage-clf", 1, "live")
    v2 = version("triage-clf", 2, "candidate")
    url = "/governance/models/triage-clf"
    no_note = client.post(url, {"version": v2.pk, "action": "promote", "note": ""}, follow=True).content.decode()
    assert "not saved" in no_note and ModelVersion.objects.get(pk=v2.pk).state == "candidate"
    client.post(url, {"version": v2.pk, "action": "shadow", "note": "challenger for two weeks"})
    assert ModelVersion.objects.get(pk=v2.pk).state == "shadow"
    client.post(url, {"version": v2.pk, "action": "promote", "note": "agreement 0.94 vs 0.91"})
    assert dict(ModelVersion.objects.values_list("version", "state")) == {1: "retired", 2: "live"}
    client.post(url, {"action": "rollback", "note": "missed chest pain"})
    assert dict(ModelVersion.objects.values_list("version", "state")) == {1: "live", 2: "retired"}
    notes = list(
        AuditRecord.objects.filter(action="model.state_changed").order_by("seq").values_list("data", flat=True)
    )
    assert [(n["how"], n["note"]) for n in notes] == [
        ("shadow", "challenger for two weeks"),
        ("promote", "agreement 0.94 vs 0.91"),
        ("rollback", "missed chest pain"),
    ]
    assert client.post(url, {"version": "x' OR 1=1", "action": "promote", "note": "n"}).status_code == 302


def test_the_site_switch_is_for_administrators(client, manager, admin_user):
    client.force_login(manager)
    assert client.post("/governance/site", {"ai_off": "1", "reason": "x"}).status_code == 403
    client.force_login(admin_user)
    client.post("/governance/site", {"ai_off": "1", "reason": "EMR downtime"})
    assert "off everywhere" in client.get("/governance/").content.decode()


# --- transparency -----------------------------------------------------------------------------------


def _scored_and_decided(north, *, ai: str, final: str, n: int) -> None:
    from triage.models import TriageLabel, TriageScore

    item = factories.work_item(north)
    TriageScore.objects.create(
        event_id=item.event_id,
        model_name="triage-clf",
        model_version="1",
        ruleset_version="1",
        urgency=ai,
        intent="symptom",
        confidence=0.8,
        model_urgency=ai,
        model_confidence=0.8,
        disposition="d",
        latency_ms=5.0,
        rollout="live",
        facility=north,
    )
    TriageLabel.objects.create(
        message_event_id=item.event_id,
        message_id=f"m-{n}",
        final_urgency=final,
        origin="clinflow",
        labelled_at=timezone.now(),
    )


def test_every_staff_user_reads_the_transparency_page_and_its_measured_fields_change(client, nurse, north):
    v1 = version("triage-clf", 1, "live")
    client.force_login(nurse)
    page = client.get("/models/triage-clf/1/").content.decode()
    assert "suggestions" in page and 'data-testid="not-reviewed"' in page
    assert v1.sha256 in page and "the shipped synthetic history" in page
    assert 'data-testid="input-features">The message&#x27;s subject and body only' in page
    for heading in (
        "Details and output",
        "Purpose and intended use",
        "Cautioned out-of-scope use",
        "Development data and input features",
        "Fairness approach",
        "External validation",
        "Quantitative validity and fairness",
        "Ongoing maintenance and monitoring",
        "Update schedule",
    ):
        assert heading in page
    assert "Nothing measured here yet." in page
    _scored_and_decided(north, ai="urgent", final="urgent", n=1)
    first = client.get("/models/triage-clf/1/").content.decode()
    assert "<td>triage</td><td>1</td><td>live</td><td>1</td><td>1</td><td>1.0</td>" in first
    _scored_and_decided(north, ai="urgent", final="routine", n=2)
    second = client.get("/models/triage-clf/1/").content.decode()
    assert "<td>triage</td><td>1</td><td>live</td><td>2</td><td>1</td><td>0.5</td><td>1</td><td>0</td>" in second


def test_the_reviewed_text_replaces_the_shipped_one(client, nurse):
    version("triage-clf", 1, "live")
    ModelFactSheet.objects.create(
        name="triage-clf", purpose="Reviewed purpose at North.", reviewed_by="cmio", reviewed_at=timezone.now()
    )
    client.force_login(nurse)
    page = client.get("/models/triage-clf/1/").content.decode()
    assert "Reviewed purpose at North." in page and "reviewed by cmio" in page
    assert client.get("/models/triage-clf/9/").status_code == 404
    assert client.get("/models/nope/1/").status_code == 404


def test_the_ai_card_links_to_the_model_and_says_it_is_a_suggestion(client, nurse, north):
    item = factories.work_item(north)
    client.force_login(nurse)
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert 'data-testid="model-link"' in page and "A suggestion, not a decision" in page
    assert 'href="/models/triage-clf/1/"' in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("facility", "nor\x00th"),
        ("facility", "x" * 5000),
        ("workflow", "tri\x00age"),
        ("workflow", "billing"),
        ("reason", "bad\x00reason"),
        ("rollout", "live" * 2000),
    ],
)
def test_hostile_posts_never_500_and_change_nothing(client, manager, north, field, value):
    client.force_login(manager)
    data = {"workflow": "triage", "facility": "north", "rollout": "off", "reason": "incident", field: value}
    assert client.post("/governance/rollout", data).status_code in (302, 403)
    policy = RoutingPolicy.objects.get(workflow="triage", facility=north)
    assert policy.rollout == "live"
    settings_post = client.post("/governance/policy", {**data, "review_threshold": "0.7"})
    assert settings_post.status_code in (302, 403)
    if field in ("facility", "workflow"):  # not a workflow this manager governs: nothing saved
        assert settings_post.status_code == 403
        assert RoutingPolicy.objects.get(pk=policy.pk).version == policy.version


def test_ids_and_numbers_out_of_range_are_refusals_not_errors(client, manager, north, south):
    group = Group.objects.create(name="south-triage-owners-2")
    workflow_grant(workflow=Workflow.objects.get(facility=south, name="triage"), group=group)
    manager.groups.add(group)
    client.force_login(manager)
    version("triage-clf", 1, "live")
    for bad in ("9" * 30, "9" * 19, "\u0663", "-1", "1.5"):
        page = client.post(
            "/governance/models/triage-clf", {"version": bad, "action": "promote", "note": "n"}, follow=True
        )
        assert page.status_code == 200 and "no such version" in page.content.decode()
    assert client.get("/models/triage-clf/" + "9" * 30 + "/").status_code == 404
    policy = RoutingPolicy.objects.get(workflow="triage", facility=north)
    page = client.post(
        "/governance/policy",
        {"workflow": "triage", "facility": "north", "sla_minutes": '{"1": 15, "2": 100000000000000}'},
        follow=True,
    ).content.decode()
    assert "sla_minutes.2" in page and "between 1 and" in page
    assert RoutingPolicy.objects.get(pk=policy.pk).version == policy.version
