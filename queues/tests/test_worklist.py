"""Issue 11 items 1-2: rows that say what the work is, and "My work" across a user's queues."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from queues import visibility
from queues.models import Queue, WorkItem
from queues.representations import patient_age, row_details
from queues.tests.conftest import login
from queues.tests.factories import facility_for, nurse, staff, work_item
from queues.times import local_text

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
MESSAGE = {
    "patient": {"mrn": "MRN9", "name": "Ann Lee", "birth_date": "1950-12-03"},
    "subject": "Chest",
    "body": "Crushing chest pain since an hour,   sweating",
}


def _item(**score) -> WorkItem:
    return WorkItem(kind="message", urgency="emergent", score=score)


def test_row_details_show_the_protocol_rule_snippet_and_patient_to_a_nurse():
    item = _item(
        care_level="emergency",
        rationale=[
            {"kind": "protocol", "protocol_title": "Chest pain", "criterion_text": "crushing pain"},
            {"kind": "rule", "rule": "chest_pain"},
        ],
    )
    details = row_details(item, data=visibility.visible_data(MESSAGE, ["nurse"]), now=NOW, tz_name="UTC")
    assert details["complaint"] == "Chest pain: crushing pain"
    assert details["rule_text"] == "chest pain"
    assert details["snippet"] == "Crushing chest pain since an hour, sweating"
    assert (details["patient_name"], details["patient_age"]) == ("Ann Lee", 75)
    assert details["ai_label"].startswith("AI: Emergency")


def test_row_details_give_no_snippet_to_a_role_that_may_not_see_message_text():
    details = row_details(_item(), data=visibility.visible_data(MESSAGE, ["scheduler"]), now=NOW, tz_name="UTC")
    assert details["snippet"] == ""
    assert details["patient_name"] == "Ann Lee"  # identity is visible to every role


def test_row_details_of_a_lab_result_and_an_appointment():
    lab = row_details(
        WorkItem(kind="lab_result", urgency="urgent", score={}),
        data={"result_id": "r", "code": "K", "value": 6.9, "unit": "mmol/L", "abnormal_flag": "HH"},
        now=NOW,
        tz_name="UTC",
    )
    assert lab["lab"] == {"test": "K", "value": "6.9 mmol/L", "flag": "HH"}
    appt = row_details(
        WorkItem(kind="scheduling", urgency="routine", score={"risk": 0.42}),
        data={"appointment_id": "a", "starts_at": "2026-12-01T09:00:00Z"},
        now=NOW,
        tz_name="Europe/Berlin",
    )
    assert appt["appointment"] == {"at": "Tue 01 Dec 10:00", "risk": "42%"}  # Berlin, 24 h


def test_time_and_age_helpers_survive_bad_input():
    assert local_text("not a time", "UTC") == ""
    assert local_text("2026-12-01T09:00:00Z", "No/Such_Zone") == "Tue 01 Dec 09:00"  # an unknown zone is UTC
    assert local_text("2026-12-01T09:00:00", "UTC") == ""  # no offset: not a point in time
    assert local_text("9999-12-31T23:30:00+00:00", "Pacific/Kiritimati") == ""  # off the calendar, no 500
    assert local_text("0001-01-01T00:10:00+00:00", "America/Los_Angeles") == ""
    assert local_text("2026-12-01T09:00:00\x00", "UTC") == "" and local_text("\ud800", "UTC") == ""
    assert patient_age("garbage", NOW.date()) is None and patient_age(None, NOW.date()) is None
    assert patient_age("2999-01-01", NOW.date()) is None  # a birth date in the future is no age


def test_queue_page_rows_show_the_snippet_to_the_nurse():
    north = facility_for("north")
    work_item(north, urgency="emergent")
    response = login(nurse(north)).get(f"/queues/{Queue.objects.get(facility=north, kind='triage').slug}/")
    assert response.status_code == 200
    assert b"I have had a sore throat" in response.content and b"AI: " in response.content


def test_my_work_orders_emergent_first_across_queues_then_due_by():
    north = facility_for("north")
    routine = work_item(north, urgency="routine", queue_kind=Queue.Kind.TRIAGE, mrn="M1")
    review_emergent = work_item(north, urgency="emergent", queue_kind=Queue.Kind.REVIEW, mrn="M2")
    urgent = work_item(north, urgency="urgent", queue_kind=Queue.Kind.RESULTS, mrn="M3")
    WorkItem.objects.filter(pk=routine.pk).update(due_at=NOW - timedelta(days=1))  # overdue, still below
    response = login(nurse(north)).get("/work/")
    assert response.status_code == 200
    ids = [r["id"] for r in response.context["rows"]]
    assert ids == [str(review_emergent.pk), str(urgent.pk), str(routine.pk)]
    assert response.context["rows"][0]["queue_name"] == review_emergent.queue.name


def test_my_work_filters_by_queue_urgency_and_overdue_and_ignores_bad_values():
    north = facility_for("north")
    a = work_item(north, urgency="routine", queue_kind=Queue.Kind.TRIAGE, mrn="M1")
    b = work_item(north, urgency="emergent", queue_kind=Queue.Kind.REVIEW, mrn="M2")
    WorkItem.objects.filter(pk=a.pk).update(due_at=NOW - timedelta(days=1))
    WorkItem.objects.filter(pk=b.pk).update(due_at=datetime(2999, 1, 1, tzinfo=UTC))
    client = login(nurse(north))

    def ids(query: str) -> list[str]:
        response = client.get(f"/work/?{query}")
        assert response.status_code == 200
        return [r["id"] for r in response.context["rows"]]

    assert ids(f"queue={b.queue.slug}") == [str(b.pk)]
    assert ids("urgency=routine") == [str(a.pk)]
    assert ids("overdue=1") == [str(a.pk)]
    assert ids("queue=nope&urgency=%00&overdue=x&page=zz") == [str(b.pk), str(a.pk)]


def test_my_work_shows_only_the_users_queues_and_needs_a_login():
    north, south = facility_for("north"), facility_for("south")
    work_item(south, urgency="emergent")
    assert login(nurse(north)).get("/work/").context["rows"] == []
    assert login(staff(north, Queue.Kind.SCHEDULING)).get("/work/").context["rows"] == []
    from django.test import Client

    assert Client().get("/work/").status_code == 302


def test_sidebar_counts_emergent_and_overdue_per_queue():
    north = facility_for("north")
    item = work_item(north, urgency="emergent", queue_kind=Queue.Kind.REVIEW)
    WorkItem.objects.filter(pk=item.pk).update(due_at=NOW - timedelta(days=1))
    content = login(nurse(north)).get("/work/").content.decode()
    assert f'data-emergent-for="{item.queue.slug}"' in content and "1 emergent" in content
    assert f'data-overdue-for="{item.queue.slug}"' in content and "1 overdue" in content


def test_nurse_lands_on_my_work_and_a_scheduler_does_not():
    north = facility_for("north")
    assert login(nurse(north)).get("/")["Location"] == "/work/"
    assert login(staff(north, Queue.Kind.SCHEDULING)).get("/").status_code == 200


@pytest.mark.parametrize("path", ["/work/", "triage"])
def test_row_pages_use_a_flat_number_of_queries(path):
    north = facility_for("north")
    user = nurse(north)
    url = path if path.startswith("/") else f"/queues/{Queue.objects.get(facility=north, kind=path).slug}/"
    client = login(user)
    work_item(north, urgency="urgent", mrn="M0")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        work_item(north, urgency="routine", mrn=f"M{n + 1}")
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert len(response.context["rows"]) == 6
    assert len(six.captured_queries) == len(one.captured_queries)


# --- decide and move on ------------------------------------------------------------------------
def test_item_page_points_to_the_next_item_of_the_view_it_was_opened_from():
    north = facility_for("north")
    first = work_item(north, urgency="emergent", queue_kind=Queue.Kind.REVIEW, mrn="M1")
    second = work_item(north, urgency="urgent", queue_kind=Queue.Kind.TRIAGE, mrn="M2")
    third = work_item(north, urgency="routine", queue_kind=Queue.Kind.TRIAGE, mrn="M3")
    client = login(nurse(north))
    config = client.get(f"/items/{first.pk}/?from=my-work").context["page_config"]
    assert config["next_url"] == f"/items/{second.pk}/?from=my-work"  # across queues
    config = client.get(f"/items/{second.pk}/?from={second.queue.slug}").context["page_config"]
    assert config["next_url"] == f"/items/{third.pk}/?from={second.queue.slug}"  # within the queue
    config = client.get(f"/items/{third.pk}/?from=bogus&undo=not-a-uuid").context["page_config"]
    assert config["next_url"] == f"/items/{second.pk}/?" and config["undo"] == ""


def test_the_rows_link_to_items_with_their_view():
    north = facility_for("north")
    item = work_item(north)
    assert f"/items/{item.pk}/?from=my-work" in login(nurse(north)).get("/work/").content.decode()


def test_dismiss_stores_each_nurse_reason_in_the_audit_record():
    from audit.models import AuditRecord
    from queues.services.items import DISMISS_REASONS, item_resolve

    assert set(DISMISS_REASONS) == {"duplicate", "handled_in_emr", "not_actionable", "wrong_patient_or_queue"}
    north = facility_for("north")
    user = nurse(north)
    item = work_item(north)
    item_resolve(item_id=item.pk, user=user, decision="dismiss", reason_code="wrong_patient_or_queue")
    record = AuditRecord.objects.filter(object_id=str(item.pk), action="work_item.resolved").get()
    assert record.data["human"]["reason_code"] == "wrong_patient_or_queue"


def test_undo_reopens_the_item_and_is_audited_only_for_the_decider_in_time():
    from audit.models import AuditRecord
    from queues.services.items import item_resolve

    north = facility_for("north")
    user, colleague = nurse(north), nurse(north)
    item = work_item(north)
    item_resolve(item_id=item.pk, user=user, decision="dismiss", reason_code="duplicate")
    assert login(colleague).post(f"/items/{item.pk}/undo").status_code == 409
    response = login(user).post(f"/items/{item.pk}/undo")
    assert response.status_code == 200 and response.json()["state"] == "new"
    item.refresh_from_db()
    assert item.state == "new" and item.decision == ""
    record = AuditRecord.objects.filter(object_id=str(item.pk), action="work_item.resolve_undone").get()
    assert record.actor == user.username and record.data["human"]["undone"]["reason_code"] == "duplicate"
    assert login(user).post(f"/items/{item.pk}/undo").status_code == 409  # open: nothing to undo
    item_resolve(item_id=item.pk, user=user, decision="accept")
    WorkItem.objects.filter(pk=item.pk).update(resolved_at=NOW - timedelta(minutes=5))
    assert login(user).post(f"/items/{item.pk}/undo").status_code == 409  # too late


def test_undo_withdraws_the_training_label_the_undone_decision_wrote():
    from queues.services.items import item_resolve
    from triage.models import TriageLabel

    north = facility_for("north")
    user = nurse(north)
    item = work_item(north)
    item_resolve(item_id=item.pk, user=user, decision="accept")
    assert TriageLabel.objects.filter(labelled_by=user.username).count() >= 1
    assert login(user).post(f"/items/{item.pk}/undo").status_code == 200
    assert TriageLabel.objects.filter(labelled_by=user.username).count() == 0


def test_undo_is_refused_to_outsiders_and_anonymous_users():
    north, south = facility_for("north"), facility_for("south")
    item = work_item(north)
    assert login(nurse(south)).post(f"/items/{item.pk}/undo").status_code == 404
    from django.test import Client

    assert Client().post(f"/items/{item.pk}/undo").status_code in (401, 403)


def test_a_lab_row_names_the_test_by_its_coding_display_never_as_a_dict():
    coded = {"code": "2823-3", "system": "http://loinc.org", "display": "Potassium"}
    lab = row_details(
        WorkItem(kind="lab_result", urgency="urgent", score={}),
        data={"result_id": "r", "code": coded, "value": 5.4, "unit": "mmol/L", "abnormal_flag": "H"},
        now=NOW,
        tz_name="UTC",
    )
    assert lab["lab"] == {"test": "Potassium", "value": "5.4 mmol/L", "flag": "H"}
    no_display = {**coded, "display": ""}
    assert (
        row_details(
            WorkItem(kind="lab_result", urgency="urgent", score={}),
            data={"result_id": "r", "code": no_display},
            now=NOW,
            tz_name="UTC",
        )["lab"]["test"]
        == "2823-3"
    )


def test_a_models_mark_links_to_its_transparency_page_and_a_rules_or_plain_item_does_not():
    from queues.representations import interrupt_what, model_url

    scored = _item(care_level="urgent", model="triage-clf", model_version="3")
    details = row_details(scored, data={}, now=NOW, tz_name="UTC")
    assert details["model_url"] == "/models/triage-clf/3/"
    assert interrupt_what(scored, data={}, now=NOW, tz_name="UTC")["model_url"] == "/models/triage-clf/3/"
    assert (
        row_details(WorkItem(kind="message", urgency="urgent", score=None), data={}, now=NOW, tz_name="UTC")[
            "model_url"
        ]
        == ""
    )
    assert model_url({"model": "results-rules", "model_version": "1"}) == ""  # fixed rules, no model page
    # what cannot be a registered version never becomes a link (the page's route takes a slug and an int)
    for bad in (
        {"model": "triage-clf", "model_version": "rules-2"},
        {"model": "triage-clf", "model_version": "٣"},
        {"model": "../admin", "model_version": "1"},
        {"model": "noshow"},
        {},
    ):
        assert model_url(bad) == "", bad
    assert model_url({"model": "noshow", "model_version": 4}) == "/models/noshow/4/"


def test_the_server_rendered_row_links_the_ai_mark_to_the_model():
    north = facility_for("north")
    item = work_item(north, mrn="MRN-LINK")
    html = login(nurse(north)).get(f"/queues/{item.queue.slug}/").content.decode()
    assert f'data-id="{item.pk}"' in html
    assert 'data-model-link href="/models/triage-clf/1/"' in html  # the factory's score: triage-clf v1
    assert "a suggestion, not a decision" in html
