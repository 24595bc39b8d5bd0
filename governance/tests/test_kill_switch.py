"""The AI kill switch: per workflow and facility, and site-wide; audited with a reason; a banner
for staff of the queues it affects, and no one else."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditRecord
from clinflow import problems
from governance import services
from queues.models import RoutingPolicy, SiteControl
from queues.selectors import rollout_effective
from queues.tests.conftest import login
from scheduling.models import SchedulingPolicy

pytestmark = pytest.mark.django_db


def test_turning_triage_off_is_versioned_audited_with_its_reason(north):
    policy = RoutingPolicy.objects.get(workflow="triage", facility=north)
    version = policy.version
    before = services.rollout_set(
        workflow="triage", facility=north, rollout="off", reason="model incident INC-42", actor="owner"
    )
    policy.refresh_from_db()
    assert before == "live"
    assert (policy.rollout, policy.version, policy.rollout_reason) == ("off", version + 1, "model incident INC-42")
    record = AuditRecord.objects.filter(action="governance.rollout_set").get()
    assert record.actor == "owner"
    assert record.data == {
        "workflow": "triage",
        "facility": "north",
        "before": "live",
        "after": "off",
        "reason": "model incident INC-42",
        "kill_switch": True,
    }
    assert AuditRecord.objects.filter(action="policy.changed", object_id=str(policy.pk)).exists()


def test_scheduling_off_sets_the_scheduling_policy(north):
    services.rollout_set(workflow="scheduling", facility=north, rollout="off", reason="overbooking review", actor="o")
    assert SchedulingPolicy.objects.get(facility=north).rollout == "off"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
        ({"reason": "bad\x00text"}, "reason"),
        ({"reason": "lone \ud800 surrogate"}, "reason"),
        ({"reason": "x" * 501}, "reason"),
        ({"reason": 42}, "reason"),
        ({"rollout": "paused"}, "rollout"),
        ({"workflow": "billing"}, "workflow"),
    ],
)
def test_a_bad_change_names_its_field_and_changes_nothing(north, changes, field):
    args = {"workflow": "triage", "rollout": "off", "reason": "incident", **changes}
    with pytest.raises(problems.PolicyInvalid) as caught:
        services.rollout_set(facility=north, actor="owner", **args)
    assert [e["field"] for e in caught.value.errors] == [field]
    assert RoutingPolicy.objects.get(workflow="triage", facility=north).rollout == "live"
    assert not AuditRecord.objects.filter(action="governance.rollout_set").exists()


def test_the_site_switch_is_audited_and_read_for_the_next_event(north):
    services.site_switch(ai_off=True, reason="EMR upgrade", actor="owner")
    assert rollout_effective("live") == "off"
    services.site_switch(ai_off=False, reason="upgrade done", actor="owner")
    assert rollout_effective("live") == "live"
    records = list(
        AuditRecord.objects.filter(action="governance.site_switch").order_by("id").values_list("data", flat=True)
    )
    assert [r["after"]["ai_off"] for r in records] == [True, False]
    assert [r["reason"] for r in records] == ["EMR upgrade", "upgrade done"]


def test_staff_of_the_queue_see_the_banner_and_others_do_not(north, south, nurse, nurse2):
    page = login(nurse).get("/", follow=True)
    assert b'data-testid="ai-off"' not in page.content
    services.rollout_set(workflow="triage", facility=north, rollout="off", reason="model incident", actor="owner")
    text = login(nurse).get("/", follow=True).content.decode()
    assert "The triage AI is off at" in text and "(model incident)" in text and "not scored" in text
    assert b'data-testid="ai-off"' not in login(nurse2).get("/", follow=True).content  # south is unaffected
    services.site_switch(ai_off=True, reason="EMR upgrade", actor="owner")
    assert "The AI is off across the site (EMR upgrade)" in login(nurse2).get("/", follow=True).content.decode()


def test_the_command_flips_a_workflow_and_the_site(north):
    out = StringIO()
    call_command("ai_switch", "off", workflow="triage", facility="north", reason="INC-7", stdout=out)
    assert "triage at north: live -> off" in out.getvalue()
    call_command("ai_switch", "off", site=True, reason="weekend", stdout=out)
    assert SiteControl.objects.get(pk=1).ai_off
    call_command("ai_switch", status=True, stdout=out)
    assert "site: AI OFF weekend" in out.getvalue()
    with pytest.raises(CommandError, match="reason"):
        call_command("ai_switch", "live", workflow="triage", facility="north", reason="", stdout=out)
    with pytest.raises(CommandError, match="no facility"):
        call_command("ai_switch", "off", workflow="triage", facility="east", reason="x", stdout=out)
