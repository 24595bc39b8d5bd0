"""`manage.py generate_history` / demo.history: a small generated history is consistent, ordered,
marked as history, and --replace swaps exactly it."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Q, Sum

from demo.history import HISTORY_SOURCE_NAME, HISTORY_SOURCE_URI, generate_history, history_delete
from ingest.models import Event, IntegrationSource
from queues.models import InterruptDelivery, WorkItem, WorkItemEvent
from queues.services.items import DISMISS_REASONS, OVERRIDE_REASONS
from scheduling.models import Appointment, NoShowScore
from triage.models import TriageLabel, TriageScore
from triage.services import MODEL_NAME

pytestmark = pytest.mark.django_db

END = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)  # a Thursday afternoon at the clinics


@pytest.fixture
def history(demo):
    return generate_history(days=3, scale=0.04, seed=5, end=END)


def events(kind):
    return Event.objects.filter(integration_source__name=HISTORY_SOURCE_NAME, type=kind)


def test_every_event_is_processed_and_marked_as_history(history):
    assert Event.objects.count() == sum(v for k, v in history.counts.items() if k.startswith("event "))
    assert set(Event.objects.values_list("status", flat=True)) == {"processed"}
    assert set(Event.objects.values_list("source", flat=True)) == {HISTORY_SOURCE_URI}
    assert Event.objects.filter(processed_at__lt=F("received_at")).count() == 0
    assert Event.objects.filter(received_at__gte=END).count() == 0
    assert Event.objects.filter(received_at__lt=history.start).count() == 0
    source = IntegrationSource.objects.get(name=HISTORY_SOURCE_NAME)
    assert not source.is_active  # nobody can send as the history source
    types = set(Event.objects.values_list("type", flat=True))
    assert {"PatientMessageReceived", "LabResultFinalized", "AppointmentBooked", "EncounterClosed"} <= types


def test_row_counts_agree_per_type(history):
    messages = events("PatientMessageReceived")
    scored = TriageScore.objects.values("event")
    # every message is scored except in the off period, once, by the triage model
    assert TriageScore.objects.count() == messages.filter(id__in=scored).count()
    assert messages.exclude(id__in=scored).exists()  # the off period
    assert set(TriageScore.objects.values_list("model_name", flat=True)) == {MODEL_NAME}
    # live messages have an item (made by it, or folded into one); shadow ones none
    live = TriageScore.objects.filter(rollout="live").values("event")
    linked = WorkItemEvent.objects.values("event")
    assert messages.filter(id__in=live).exclude(id__in=linked).count() == 0
    shadow = TriageScore.objects.filter(rollout="shadow").values("event")
    assert messages.filter(id__in=shadow).filter(id__in=linked).count() == 0
    # bookings: one appointment and one score each
    assert Appointment.objects.count() == events("AppointmentBooked").count() == NoShowScore.objects.count()
    outcomes = events("AppointmentCompleted").count() + events("AppointmentNoShow").count()
    assert Appointment.objects.filter(status__in=("completed", "no_show")).count() == outcomes
    assert Appointment.objects.filter(status="cancelled").count() == events("AppointmentCancelled").count()
    # labels: one per EMR resolution, one per message a nurse accepted or overrode here
    assert TriageLabel.objects.filter(origin="emr").count() == events("PatientMessageResolved").count()
    decided_messages = WorkItem.objects.filter(kind="message", decision__in=("accept", "override"))
    assert TriageLabel.objects.filter(origin="clinflow").count() == decided_messages.count()
    # folded events and re-alerts are links
    items = WorkItem.objects.aggregate(folded=Sum(F("event_count") - 1), realerts=Sum(F("alert_count") - 1))
    assert WorkItemEvent.objects.filter(effect__in=("updated", "realerted")).count() == items["folded"]
    assert WorkItemEvent.objects.filter(effect="realerted").count() == items["realerts"]
    assert WorkItemEvent.objects.filter(effect="created").count() == WorkItem.objects.count()
    assert WorkItem.objects.filter(kind="lab_result").count() <= events("LabResultFinalized").count()


def test_every_items_times_are_ordered_and_decisions_are_complete(history):
    items = WorkItem.objects.all()
    assert items.count() > 20
    disorder = (
        Q(first_action_at__lt=F("created_at"))
        | Q(claimed_at__lt=F("first_action_at"))
        | Q(resolved_at__lt=F("claimed_at"))
        | Q(resolved_at__lt=F("created_at"))
        | Q(due_at__lte=F("created_at"))
        | Q(escalated_at__lt=F("created_at"))
        | Q(resolved_at__gt=END)
        | Q(first_action_at__gt=END)
    )
    assert items.filter(disorder).count() == 0
    assert items.filter(created_at__lt=F("event__received_at")).count() == 0
    decided = items.filter(decision__in=("accept", "override", "dismiss", "reject"))
    assert decided.exists()
    assert decided.filter(Q(resolved_by__isnull=True) | Q(resolved_at__isnull=True) | ~Q(state="resolved")).count() == 0
    assert items.filter(state="resolved", resolved_by__isnull=True).count() == 0
    assert items.filter(state="resolved_in_emr", resolved_by__isnull=False).count() == 0
    for decision, reasons in (
        ("override", OVERRIDE_REASONS),
        ("dismiss", DISMISS_REASONS),
        ("reject", OVERRIDE_REASONS),
    ):
        assert set(items.filter(decision=decision).values_list("decision_reason", flat=True)) <= set(reasons)
    assert items.filter(decision="override", final_urgency=F("urgency")).count() == 0
    assert (
        items.filter(decision="accept").exclude(final_urgency=F("urgency")).exclude(kind="reminder_call").count() == 0
    )
    open_items = items.filter(state__in=WorkItem.OPEN_STATES)
    assert open_items.filter(resolved_at__isnull=False).count() == 0
    assert items.filter(~Q(state__in=WorkItem.OPEN_STATES), resolved_at__isnull=True).count() == 0
    deliveries = InterruptDelivery.objects.all()
    assert deliveries.filter(delivered_at__lt=F("item__created_at")).count() == 0
    assert deliveries.filter(acknowledged_at__lt=F("delivered_at")).count() == 0
    assert deliveries.filter(escalation=True, alert_no__lte=1000).count() == 0


def test_the_model_change_and_the_rollouts_are_in_the_history(history):
    assert set(TriageScore.objects.values_list("model_version", flat=True)) == {"1", "2"}
    assert set(TriageScore.objects.values_list("rollout", flat=True)) == {"shadow", "live"}
    first_v2 = TriageScore.objects.filter(model_version="2").order_by("created_at").first()
    assert not TriageScore.objects.filter(model_version="1", created_at__gt=first_v2.created_at).exists()
    assert set(NoShowScore.objects.values_list("model_version", flat=True)) == {"1", "2"}
    assert set(WorkItem.objects.filter(kind="message").values_list("model_version", flat=True)) <= {"1", "2", ""}
    # the off weeks: plain human items, not scored, worked by nurses (their own triage)
    plain = WorkItem.objects.filter(kind="message", rollout="off")
    assert plain.exists() and not plain.exclude(score=None).exists() and not plain.exclude(model_version="").exists()
    assert set(plain.exclude(decision="").values_list("decision", flat=True)) <= {"override", "dismiss"}
    assert set(plain.filter(decision="override").values_list("decision_reason", flat=True)) == {"not_scored"}
    assert TriageScore.objects.filter(rollout="shadow").order_by("-created_at").first().created_at < (
        TriageScore.objects.filter(rollout="live").order_by("created_at").first().created_at
    )


def run(*args):
    out = StringIO()
    call_command("generate_history", *args, stdout=out)
    return out.getvalue()


def test_replace_swaps_exactly_the_history_and_is_idempotent(demo):
    other_source = IntegrationSource.objects.get(name="demo-emr")
    other = Event.objects.create(
        integration_source=other_source,
        source="urn:emr:demo",
        source_event_id="not-history-1",
        type="OrderUnsigned",
        data={"order_id": "o-1"},
        envelope_hash="0" * 64,
        received_at=END,
    )
    label = TriageLabel.objects.create(message_id="m-1", final_urgency="routine", origin="emr", labelled_at=END)
    first = generate_history(days=2, scale=0.01, seed=9, end=END)
    tables = (Event, TriageScore, TriageLabel, WorkItem, WorkItemEvent, InterruptDelivery, Appointment, NoShowScore)
    counts = [m.objects.count() for m in tables]
    second = generate_history(days=2, scale=0.01, seed=9, end=END, replace=True)
    assert [m.objects.count() for m in tables] == counts
    assert second.counts == first.counts
    assert Event.objects.filter(pk=other.pk).exists() and TriageLabel.objects.filter(pk=label.pk).exists()
    assert IntegrationSource.objects.filter(name=HISTORY_SOURCE_NAME).count() == 1
    deleted = history_delete()
    assert deleted["Event"] == counts[0] - 1
    assert list(Event.objects.all()) == [other] and list(TriageLabel.objects.all()) == [label]
    assert WorkItem.objects.count() == Appointment.objects.count() == TriageScore.objects.count() == 0


def test_the_command_refuses_a_second_history_without_replace(demo):
    assert "events in" in run("--days", "1", "--scale", "0.01")
    with pytest.raises(CommandError, match="--replace"):
        run("--days", "1", "--scale", "0.01")
    assert "nothing to do" in run("--days", "1", "--scale", "0.01", "--if-missing")
    for bad in (("--days", "0"), ("--scale", "-1"), ("--days", "99999")):
        with pytest.raises(CommandError):
            run(*bad)
