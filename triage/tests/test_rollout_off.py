"""Off means no AI, not no work: with a workflow's rollout off (or the site-wide kill switch
engaged) every message and every result becomes a plain human item, not scored, first in first out;
flipping mid-stream loses no event and duplicates none."""

from datetime import timedelta

import pytest

from ingest.models import Event
from ingest.selectors import event_status
from ingest.services import events_replay
from queues.models import Queue, RoutingPolicy, SiteControl, WorkItem
from queues.selectors import items_for_queue, rollout_effective
from queues.services.policies import routing_policy_update
from triage.models import TriageScore
from triage.tests.test_triage_flow import message, send

pytestmark = pytest.mark.django_db


def set_rollout(workflow, rollout, facility="north"):
    policy = RoutingPolicy.objects.get(workflow=workflow, facility__slug=facility)
    routing_policy_update(policy=policy, changes={"rollout": rollout}, actor="manager")


def test_off_makes_each_message_a_plain_unscored_item_in_the_default_queue(source, north, live_model):
    set_rollout("triage", "off")
    chest = message(source, "crushing chest pain going down my left arm", mrn="MRN-1")
    refill = message(source, "please refill my statin", mrn="MRN-2")
    assert not TriageScore.objects.exists()  # no AI ran
    status = event_status(chest)
    assert status["score"] is None and status["work_item"]["state"] == "new"  # the integrator sees the item
    items = list(WorkItem.objects.order_by("created_at"))
    assert [i.event_id for i in items] == [chest.pk, refill.pk]
    for item in items:
        assert item.queue.kind == Queue.Kind.TRIAGE  # the policy's default queue ("*")
        assert (item.rollout, item.score, item.model_version) == ("off", None, "")
        assert (item.tier, item.priority, item.urgency) == ("task", 2, "urgent")  # not scored is not low risk
        assert item.title == "Message (not scored)"
        assert item.due_at - item.created_at == timedelta(minutes=120)  # the policy's priority-2 SLA
    # first in first out: one tier and one priority, so the queue's order is arrival
    queue = items[0].queue
    assert list(items_for_queue(queue=queue).values_list("event_id", flat=True)) == [chest.pk, refill.pk]


def test_off_folds_a_follow_up_of_the_same_patient_into_the_open_plain_item(source, north, live_model):
    set_rollout("triage", "off")
    message(source, "my knee hurts", mrn="MRN-7")
    message(source, "and now it is swollen", mrn="MRN-7")
    item = WorkItem.objects.get()
    assert item.event_count == 2


def test_items_open_before_the_switch_stay_workable_and_live_resumes(source, north, live_model):
    message(source, "I have a rash on my arm", mrn="MRN-3")
    scored = WorkItem.objects.get()
    assert scored.rollout == "live" and scored.score is not None
    set_rollout("triage", "off")
    message(source, "my cough is worse", mrn="MRN-4")
    set_rollout("triage", "live")
    message(source, "I need a sick note", mrn="MRN-5")
    rollouts = list(WorkItem.objects.order_by("created_at").values_list("rollout", "state"))
    assert rollouts == [("live", "new"), ("off", "new"), ("live", "new")]


def test_flipping_mid_stream_loses_no_event_and_duplicates_none(
    source, north, live_model, django_capture_on_commit_callbacks
):
    """An event replayed after the flip keeps the item it made (idempotent per event), and every
    event has exactly one item."""
    first = message(source, "my ankle is swollen", mrn="MRN-A")
    set_rollout("triage", "off")
    second = message(source, "my throat is sore", mrn="MRN-B")
    with django_capture_on_commit_callbacks(execute=True):
        events_replay(events=Event.objects.filter(pk__in=[first.pk, second.pk]))
    set_rollout("triage", "live")
    with django_capture_on_commit_callbacks(execute=True):
        events_replay(events=Event.objects.filter(pk__in=[first.pk, second.pk]))
    assert WorkItem.objects.count() == 2
    assert set(WorkItem.objects.values_list("event_id", flat=True)) == {first.pk, second.pk}
    assert Event.objects.filter(status="processed").count() == 2


def test_results_off_makes_every_result_a_plain_item_even_a_normal_one(source, north):
    set_rollout("results", "off")
    send(source, "LabResultFinalized", result_id="r-1", value=4.1, abnormal_flag="N", patient={"mrn": "MRN-L"})
    item = WorkItem.objects.get()
    assert item.queue.kind == Queue.Kind.RESULTS
    assert (item.kind, item.rollout, item.score, item.priority) == ("lab_result", "off", None, 2)
    assert item.title.startswith("Result (not scored): ")


def test_the_site_wide_switch_turns_every_workflow_off_for_the_next_event(source, north, south, live_model):
    assert rollout_effective("live") == "live"
    SiteControl.objects.create(pk=1, ai_off=True, reason="model incident", changed_by="owner")
    assert rollout_effective("live") == "off" and rollout_effective("shadow") == "off"
    message(source, "I have chest pain", facility="north", mrn="MRN-N")
    message(source, "I have chest pain", facility="south", mrn="MRN-S")
    assert not TriageScore.objects.exists()
    assert list(WorkItem.objects.values_list("rollout", flat=True)) == ["off", "off"]
    SiteControl.objects.filter(pk=1).update(ai_off=False)
    message(source, "I have chest pain", facility="north", mrn="MRN-N2")
    assert TriageScore.objects.count() == 1


def test_a_nurse_works_a_plain_item_sets_the_urgency_and_cannot_accept_an_ai_that_never_ran(
    source, north, nurse, live_model
):
    import json

    from audit.models import AuditRecord
    from queues.tests.conftest import login
    from triage.models import TriageLabel

    set_rollout("triage", "off")
    message(source, "I feel dizzy when I stand up", mrn="MRN-D")
    item = WorkItem.objects.get()
    client = login(nurse)
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert 'data-testid="not-scored"' in page and 'id="btn-accept"' not in page
    assert "Set the urgency" in page and 'value="not_scored" selected' in page
    row = client.get(f"/api/v1/items/{item.pk}").json()
    assert row["scored"] is False and row["score"] is None
    url = f"/api/v1/items/{item.pk}/resolve"
    accepted = client.post(url, data=json.dumps({"decision": "accept"}), content_type="application/json")
    assert accepted.status_code == 400 and accepted.json()["errors"][0]["field"] == "decision"
    decided = client.post(
        url,
        data=json.dumps(
            {
                "decision": "override",
                "final_urgency": "routine",
                "disposition": "Advise fluids, call back if it persists",
                "reason_code": "not_scored",
            }
        ),
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    item.refresh_from_db()
    assert (item.state, item.final_urgency, item.decision_reason) == ("resolved", "routine", "not_scored")
    record = AuditRecord.objects.filter(action="work_item.resolved", object_id=str(item.pk)).get()
    assert record.data["ai"] is None and record.data["human"]["agrees_with_ai"] is None  # nothing to agree with
    assert TriageLabel.objects.get().final_urgency == "routine"  # the nurse's own triage is a label


def test_not_scored_is_no_reason_to_override_a_scored_item(source, north, nurse, live_model):
    import json

    from queues.tests.conftest import login

    message(source, "I have a rash", mrn="MRN-R")
    item = WorkItem.objects.get()
    answer = login(nurse).post(
        f"/api/v1/items/{item.pk}/resolve",
        data=json.dumps(
            {"decision": "override", "final_urgency": "routine", "disposition": "x", "reason_code": "not_scored"}
        ),
        content_type="application/json",
    )
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "reason_code"
