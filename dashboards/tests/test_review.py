"""The shadow evaluation review page (dashboards.review) and its write service
(dashboards.reviews.shadow_review_record), over scored cases built here with the ORM: a manager
judges 20 sampled AI decisions beside what staff did (issue 12)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditRecord
from clinflow import problems
from dashboards.models import ShadowReview
from dashboards.reviews import ReviewInvalid, shadow_review_record
from ingest.models import Event, IntegrationSource
from queues.models import Facility, Workflow
from queues.services.facilities import workflow_grant
from queues.tests import factories
from queues.tests.conftest import login
from scheduling.models import Appointment, NoShowScore
from triage.models import TriageLabel, TriageScore

pytestmark = pytest.mark.django_db

# the page: session, user, facilities, sample, details, reviews, summary, audit, nav (with the AI-off
# banner: the site switch and the off policies)
QUERIES = 22
URGENCIES = ("emergent", "urgent", "routine", "non_clinical")
CARE = {"emergent": "emergency", "urgent": "same_day", "routine": "within_2_weeks", "non_clinical": "administrative"}


@dataclass
class History:
    triage: list[TriageScore]
    noshow: list[NoShowScore]
    mrns: list[str]
    names: list[str]
    bodies: dict[int, str]  # TriageScore id -> the message body


def history_source() -> IntegrationSource:
    return IntegrationSource.objects.create(
        name=f"review-test-{uuid.uuid4().hex[:6]}",
        token_hash=uuid.uuid4().hex,
        token_prefix="cfs_rev",
        allowed_types=["*"],
        source_uris=["urn:emr:review"],
        facilities=["*"],
    )


def shadow_history(facility: Facility, *, n: int = 24, noshow: int = 0, tag: str = "") -> History:
    """`n` shadow-scored patient messages at `facility`, each with a staff label (every third one
    differs from the AI, origins alternate EMR / clinflow), and `noshow` scored appointments with an
    outcome. Made with the ORM as a processed history would hold them."""
    source = history_source()
    now = timezone.now()
    tag = tag or facility.slug
    scores, bodies, mrns, names = [], {}, [], []
    for i in range(n):
        ai = URGENCIES[i % 4]
        final = URGENCIES[(i + 1) % 4] if i % 3 == 0 else ai
        mrn, name = f"MRN-{tag}-{i:03d}", f"Patient{tag.title()} Number{i:03d}"
        mrns.append(mrn)
        names.append(name)
        body = f"Message {tag} {i}: I have had a cough and a fever of 38.{i % 10} since yesterday."
        received = now - timedelta(hours=i + 1)
        event = Event.objects.create(
            integration_source=source,
            source="urn:emr:review",
            source_event_id=f"msg-{tag}-{i}",
            type="PatientMessageReceived",
            data={
                "message_id": f"m-{tag}-{i}",
                "patient": {"mrn": mrn, "name": name, "birth_date": "1960-01-01"},
                "facility": facility.slug,
                "channel": "portal",
                "subject": f"Cough {i}",
                "body": body,
                "received_at": received.isoformat(),
            },
            envelope_hash=uuid.uuid4().hex,
            status=Event.Status.PROCESSED,
            received_at=received,
        )
        score = TriageScore.objects.create(
            event=event,
            facility=facility,
            model_name="triage-clf",
            model_version="1" if i % 2 else "2",
            ruleset_version="1",
            urgency=ai,
            care_level=CARE[ai],
            protocol="cough",
            basis="protocol",
            intent="symptom",
            confidence=0.5 + (i % 5) / 10,
            model_urgency=ai,
            model_confidence=0.7,
            rationale=[
                {
                    "kind": "protocol",
                    "protocol": "cough",
                    "protocol_title": "Cough",
                    "criterion": f"crit-{i}",
                    "criterion_text": f"Criterion number {i}",
                    "care_level": CARE[ai],
                    "source_title": "NICE NG143",
                    "text": "fever",
                }
            ],
            disposition=f"Disposition {i}",
            latency_ms=3.0,
            rollout="shadow",
            created_at=received,
        )
        TriageLabel.objects.create(
            message_event=event,
            message_id=f"m-{tag}-{i}",
            final_urgency=final,
            origin="emr" if i % 2 else "clinflow",
            labelled_by="nurse",
            labelled_at=received + timedelta(minutes=30),
        )
        scores.append(score)
        bodies[score.pk] = body
    appointments = []
    for i in range(noshow):
        booked = now - timedelta(days=10, hours=i)
        event = Event.objects.create(
            integration_source=source,
            source="urn:emr:review",
            source_event_id=f"appt-{tag}-{i}",
            type="AppointmentBooked",
            data={"appointment_id": f"a-{tag}-{i}"},
            envelope_hash=uuid.uuid4().hex,
            status=Event.Status.PROCESSED,
            received_at=booked,
        )
        appt = Appointment.objects.create(
            appointment_id=f"a-{tag}-{i}",
            event=event,
            facility=facility,
            patient_mrn=f"MRN-A-{tag}-{i:03d}",
            department="cardiology",
            visit_type="follow-up",
            booked_at=booked,
            starts_at=booked + timedelta(days=3),
            status=Appointment.Status.NO_SHOW if i % 3 == 0 else Appointment.Status.COMPLETED,
            outcome_at=booked + timedelta(days=3, hours=1),
        )
        appointments.append(
            NoShowScore.objects.create(
                appointment=appt,
                model_name="noshow",
                model_version="1",
                probability=(i % 10) / 10 + 0.05,
                factors=[{"factor": f"{i} earlier no-shows", "effect": "+", "weight": 0.4, "feature": "history"}],
                latency_ms=2.0,
                rollout="shadow",
                created_at=booked,
                booked=True,
            )
        )
    return History(triage=scores, noshow=appointments, mrns=mrns, names=names, bodies=bodies)


def review_url(workflow: str = "triage", **params: str) -> str:
    url = reverse("dashboards-review", args=[workflow])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def case_ids(html: str) -> list[str]:
    return re.findall(r'<article class="card review-case[^"]*" id="case-(\d+)"', html)


@pytest.fixture
def history(north):
    return shadow_history(north, noshow=24)


# --- the page ------------------------------------------------------------------------------------
def test_the_page_shows_20_sampled_cases_with_the_ai_beside_what_staff_did(history, manager):
    response = login(manager).get(review_url(facility="north", seed="s1"))
    assert response.status_code == 200
    html = response.content.decode()
    ids = case_ids(html)
    assert len(ids) == 20 and len(set(ids)) == 20
    shown = TriageScore.objects.get(pk=ids[0])
    label = TriageLabel.objects.get(message_event=shown.event)
    card = html.split(f'id="case-{ids[0]}"')[1].split("</article>")[0]
    assert history.bodies[shown.pk] in card  # judging the case needs the message
    assert shown.rationale[0]["criterion_text"] in card and shown.disposition in card
    assert f"{round(shown.confidence * 100)}%" in card
    assert ("in the EMR" if label.origin == "emr" else "in clinflow") in card
    assert ("AI and staff agree" if label.final_urgency == shown.urgency else "AI and staff differ") in card
    # never the patient's identifiers
    assert not any(mrn in html for mrn in history.mrns)
    assert not any(name in html for name in history.names)
    assert "1960-01-01" not in html


def test_showing_the_page_audits_which_patients_messages_the_manager_saw(history, manager):
    html = login(manager).get(review_url(facility="north", seed="s1")).content.decode()
    ids = case_ids(html)
    record = AuditRecord.objects.get(action="phi.viewed", actor=manager.username)
    assert record.object_type == "shadow_review_sample" and record.actor_type == "user"
    assert record.data["cases"] == ids
    assert record.data["facility"] == "north" and record.data["workflow"] == "triage"
    expected = sorted(TriageScore.objects.filter(pk__in=ids).values_list("event__data__patient__mrn", flat=True))
    assert record.data["patients"] == expected
    assert {"message_subject", "message_body", "ai_rationale", "final_urgency"} <= set(record.data["fields"])
    assert not any(body in str(record.data) for body in history.bodies.values())


def test_without_a_seed_the_page_redirects_to_a_sample_it_can_come_back_to(history, manager):
    client = login(manager)
    response = client.get(review_url())
    assert response.status_code == 302
    match = re.search(r"facility=north&seed=([0-9a-f]{8})$", response["Location"])
    assert match
    first = case_ids(client.get(response["Location"]).content.decode())
    again = case_ids(client.get(response["Location"]).content.decode())
    assert first == again and len(first) == 20


def test_a_new_sample_is_a_new_seed_and_another_draw(history, manager):
    client = login(manager)
    html = client.get(review_url(facility="north", seed="s1")).content.decode()
    link = re.search(r'id="new-sample" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "seed=s1" not in link and "facility=north" in link
    other = case_ids(client.get(link).content.decode())
    assert other != case_ids(html)  # 24 cases, 20 drawn: another seed orders them differently


def test_the_summary_counts_this_managers_verdicts_and_the_ai_staff_agreement(history, manager):
    client = login(manager)
    url = review_url(facility="north", seed="s1")
    ids = case_ids(client.get(url).content.decode())
    for case_id, verdict in zip(ids[:3], ["agree", "agree", "disagree"], strict=True):
        shadow_review_record(reviewer=manager, case_type="triage_score", case_id=case_id, verdict=verdict, note="")
    other = factories.manager(Facility.objects.get(slug="north"))
    shadow_review_record(reviewer=other, case_type="triage_score", case_id=ids[4], verdict="agree", note="")
    html = client.get(url).content.decode()
    assert re.search(
        r'Reviewed <strong id="summary-reviewed">3</strong> of <strong id="summary-size">20</strong>', html
    )
    assert '<strong id="summary-agreed">2</strong>' in html
    agree = sum(
        1
        for s in TriageScore.objects.filter(pk__in=ids)
        if TriageLabel.objects.filter(message_event=s.event).order_by("-labelled_at").first().final_urgency == s.urgency
    )
    assert 0 < agree < 20  # the history has both
    assert f'<strong id="summary-ai-staff">{agree}</strong> of 20' in html


def test_the_no_show_page_shows_probability_factors_threshold_and_outcome(history, manager):
    html = login(manager).get(review_url("scheduling", facility="north", seed="s2")).content.decode()
    ids = case_ids(html)
    assert len(ids) == 20
    score = NoShowScore.objects.select_related("appointment").get(pk=ids[0])
    card = html.split(f'id="case-{ids[0]}"')[1].split("</article>")[0]
    assert f"{round(score.probability * 100)}%" in card
    assert score.factors[0]["factor"] in card
    assert "Threshold" in card and "30%" in card  # the default reminder threshold
    outcome = "Did not attend (no-show)" if score.appointment.status == "no_show" else "Attended"
    assert outcome in card
    assert "MRN-A-" not in html
    record = AuditRecord.objects.get(action="phi.viewed", actor=manager.username)
    assert record.data["case_type"] == "noshow_score" and record.data["cases"] == ids


@pytest.mark.parametrize("workflow", ["results", "documentation"])
def test_workflows_without_stored_ai_outputs_say_so(history, manager, workflow):
    response = login(manager).get(review_url(workflow, facility="north"))
    assert response.status_code == 200
    assert "no shadow decisions to review" in response.content.decode()


def test_an_empty_history_says_there_is_nothing_to_review(north, manager):
    response = login(manager).get(review_url(facility="north", seed="s1"))
    assert response.status_code == 200
    assert 'id="review-empty"' in response.content.decode()
    assert not AuditRecord.objects.filter(action="phi.viewed").exists()


# --- saving a verdict ----------------------------------------------------------------------------
def test_a_saved_verdict_redirects_back_to_its_case_and_shows_there(history, manager):
    client = login(manager)
    url = review_url(facility="north", seed="s1")
    case_id = case_ids(client.get(url).content.decode())[0]
    response = client.post(
        url,
        {
            "facility": "north",
            "seed": "s1",
            "case_type": "triage_score",
            "case_id": case_id,
            "verdict": "disagree",
            "note": "Too high",
        },
    )
    assert response.status_code == 303
    assert response["Location"].endswith(f"?facility=north&seed=s1#case-{case_id}")
    html = client.get(url).content.decode()
    card = html.split(f'id="case-{case_id}"')[1].split("</article>")[0]
    assert 'data-verdict="disagree"' in card and "Too high</textarea>" in card
    assert 'value="disagree" required checked' in card


def test_saving_again_replaces_the_managers_verdict_one_row_per_case(history, manager):
    case_id = str(history.triage[0].pk)
    first = shadow_review_record(
        reviewer=manager, case_type="triage_score", case_id=case_id, verdict="agree", note="ok"
    )
    again = shadow_review_record(
        reviewer=manager, case_type="triage_score", case_id=case_id, verdict="disagree", note="no"
    )
    assert first.pk == again.pk
    row = ShadowReview.objects.get(case_type="triage_score", case_id=case_id)
    assert (row.verdict, row.note, row.workflow, row.facility.slug) == ("disagree", "no", "triage", "north")
    assert row.model_version == history.triage[0].model_version and row.updated_at > row.created_at
    records = AuditRecord.objects.filter(action="shadow_review.recorded").order_by("seq")
    assert [r.data["previous_verdict"] for r in records] == [None, "agree"]


def test_the_audit_record_has_the_case_the_verdict_and_the_notes_length_not_the_note(history, manager):
    note = "Patient said chest pain in the phone call; AI missed it."
    review = shadow_review_record(
        reviewer=manager, case_type="triage_score", case_id=str(history.triage[1].pk), verdict="disagree", note=note
    )
    record = AuditRecord.objects.get(action="shadow_review.recorded")
    assert (record.object_type, record.object_id, record.actor, record.actor_type) == (
        "shadow_review",
        str(review.pk),
        manager.username,
        "user",
    )
    assert record.data["case_type"] == "triage_score" and record.data["case_id"] == str(history.triage[1].pk)
    assert record.data["verdict"] == "disagree" and record.data["note_length"] == len(note)
    assert len(record.data["note_sha256"]) == 64
    assert "chest pain" not in str(record.data)


def test_an_htmx_save_swaps_the_verdict_block_and_the_summary(history, manager):
    client = login(manager)
    url = review_url(facility="north", seed="s1")
    case_id = case_ids(client.get(url).content.decode())[2]
    response = client.post(
        url,
        {
            "facility": "north",
            "seed": "s1",
            "case_type": "triage_score",
            "case_id": case_id,
            "verdict": "agree",
            "note": "",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div class="review-verdict" id="verdict-{case_id}">')
    assert 'data-verdict="agree"' in html
    assert 'id="review-summary"' in html and 'hx-swap-oob="true"' in html
    assert '<strong id="summary-reviewed">1</strong>' in html
    assert not any(body in html for body in history.bodies.values())  # no patient data in the answer


def test_an_htmx_save_error_goes_to_the_cases_error_line(history, manager):
    case_id = str(history.triage[0].pk)
    response = login(manager).post(
        review_url(facility="north", seed="s1"),
        {"facility": "north", "seed": "s1", "case_type": "triage_score", "case_id": case_id, "verdict": "", "note": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert response["HX-Retarget"] == f"#verdict-error-{case_id}" and response["HX-Reswap"] == "innerHTML"
    assert "verdict: choose agree or disagree" in response.content.decode()


# --- bad input: a clear 4xx, never a 500 ---------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"verdict": "maybe"}, 400, "verdict"),
        ({"verdict": ""}, 400, "verdict"),
        ({"note": "x" * 2001}, 400, "note"),
        ({"note": "fine\x00not"}, 400, "note"),
        ({"case_id": "abc"}, 400, "case_id"),
        ({"case_id": "1\x00"}, 400, "case_id"),
        ({"case_id": "9" * 19}, 400, "case_id"),
        ({"case_id": "987654321"}, 404, "case"),
        ({"case_type": "noshow_score"}, 400, "case_type"),
        ({"case_type": "lab\x00"}, 400, "case_type"),
    ],
)
def test_bad_posts_are_refused_with_the_field_named(history, manager, changes, status, field):
    data = {"facility": "north", "seed": "s1", "case_type": "triage_score", "case_id": str(history.triage[0].pk)}
    data.update({"verdict": "agree", "note": ""}, **changes)
    response = login(manager).post(review_url(facility="north", seed="s1"), data)
    assert response.status_code == status
    assert f"<strong>{field}</strong>" in response.content.decode()
    assert not ShadowReview.objects.exists()
    assert not AuditRecord.objects.filter(action="shadow_review.recorded").exists()


def test_a_2000_character_note_is_kept_whole(history, manager):
    note = "é" * 2000
    review = shadow_review_record(
        reviewer=manager, case_type="triage_score", case_id=str(history.triage[0].pk), verdict="agree", note=note
    )
    review.refresh_from_db()
    assert review.note == note


def test_lone_surrogates_are_refused_by_the_service(history, manager):
    with pytest.raises(ReviewInvalid) as refused:
        shadow_review_record(
            reviewer=manager,
            case_type="triage_score",
            case_id=str(history.triage[0].pk),
            verdict="agree",
            note="a\ud800b",
        )
    assert refused.value.status == 400 and refused.value.errors[0]["field"] == "note"


def test_a_form_body_that_is_not_utf8_is_no_500(history, manager):
    body = (
        f"facility=north&seed=s1&case_type=triage_score&case_id={history.triage[0].pk}&verdict=agree&note=%ED%A0%80%FF"
    )
    response = login(manager).post(
        review_url(facility="north", seed="s1"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (303, 400)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"facility": "no%00rth", "seed": "s1"}, 400),
        ({"facility": "north", "seed": "s%00"}, 400),
        ({"facility": "north", "seed": "x" * 33}, 400),
        ({"facility": "atlantis", "seed": "s1"}, 403),
    ],
)
def test_bad_page_parameters_are_a_4xx_naming_the_field(history, manager, params, status):
    response = login(manager).get(review_url(**params))
    assert response.status_code == status
    assert not AuditRecord.objects.filter(action="phi.viewed").exists()


def test_an_unknown_workflow_is_a_404(manager):
    assert login(manager).get("/dashboards/billing/review/").status_code == 404


# --- who may review ------------------------------------------------------------------------------
def test_anonymous_users_are_sent_to_sign_in(history, client):
    response = client.get(review_url(facility="north", seed="s1"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_who_manage_no_workflow_are_refused(history, nurse, scheduler):
    for user in (nurse, scheduler):
        client = login(user)
        assert client.get(review_url(facility="north", seed="s1")).status_code == 403
        assert client.get(review_url()).status_code == 403
        post = {"facility": "north", "seed": "s1", "case_type": "triage_score", "case_id": str(history.triage[0].pk)}
        assert client.post(review_url(), {**post, "verdict": "agree", "note": ""}).status_code == 403
    assert not ShadowReview.objects.exists()
    assert not AuditRecord.objects.filter(action="phi.viewed").exists()


def test_a_manager_of_another_facility_can_neither_see_nor_judge_its_cases(history, south):
    south_boss = factories.manager(south)
    client = login(south_boss)
    assert client.get(review_url(facility="north", seed="s1")).status_code == 403
    # their own facility's page, posting a north case: refused on the case's own facility
    post = {"facility": "south", "seed": "s1", "case_type": "triage_score", "case_id": str(history.triage[0].pk)}
    response = client.post(review_url(facility="south", seed="s1"), {**post, "verdict": "agree", "note": ""})
    assert response.status_code == 403
    with pytest.raises(problems.Forbidden):
        shadow_review_record(
            reviewer=south_boss,
            case_type="noshow_score",
            case_id=str(history.noshow[0].pk),
            verdict="agree",
            note="",
        )
    assert not ShadowReview.objects.exists()


def test_a_manager_of_triage_only_may_review_triage_not_scheduling(history, north, nurse):
    leads = Group.objects.create(name="triage-leads")
    nurse.groups.add(leads)
    workflow_grant(workflow=Workflow.objects.get(facility=north, name="triage"), group=leads)
    client = login(nurse)
    assert client.get(review_url(facility="north", seed="s1")).status_code == 200
    assert client.get(review_url("scheduling", facility="north", seed="s1")).status_code == 403
    with pytest.raises(problems.Forbidden):
        shadow_review_record(
            reviewer=nurse, case_type="noshow_score", case_id=str(history.noshow[0].pk), verdict="agree", note=""
        )
    review = shadow_review_record(
        reviewer=nurse, case_type="triage_score", case_id=str(history.triage[0].pk), verdict="agree", note=""
    )
    assert review.reviewer == nurse


def test_the_sample_holds_only_the_facilitys_cases(history, south, manager):
    other = shadow_history(south, n=5, tag="south")
    boss = factories.manager(Facility.objects.get(slug="north"), Facility.objects.get(slug="south"))
    client = login(boss)
    south_ids = case_ids(client.get(review_url(facility="south", seed="s1")).content.decode())
    assert sorted(south_ids) == sorted(str(s.pk) for s in other.triage)
    html = client.get(review_url(facility="south", seed="s1")).content.decode()
    assert '<option value="north"' in html and '<option value="south" selected' in html
    north_ids = case_ids(client.get(review_url(facility="north", seed="s1")).content.decode())
    assert not set(north_ids) & set(south_ids)


def test_the_page_costs_the_same_queries_for_any_number_of_reviewed_cases(
    history, manager, django_assert_num_queries, django_assert_max_num_queries
):
    client = login(manager)
    url = review_url(facility="north", seed="s1")
    ids = case_ids(client.get(url).content.decode())
    with django_assert_max_num_queries(QUERIES) as before:
        client.get(url)
    for case_id in ids:
        shadow_review_record(reviewer=manager, case_type="triage_score", case_id=case_id, verdict="agree", note="n")
    with django_assert_num_queries(len(before.captured_queries)):
        assert '<strong id="summary-reviewed">20</strong>' in client.get(url).content.decode()


def test_the_page_works_over_a_generated_history(demo, settings):
    """Over demo/history.py's generated history (real rationale and factor shapes, EMR and clinflow
    decisions): both review pages show 20 cases and a manager's verdict saves."""
    from django.contrib.auth import get_user_model

    from demo.history import generate_history

    generate_history(days=60, scale=0.02, seed=3)
    manager = get_user_model().objects.get(username="manager")
    client = login(manager, demo)
    for workflow, case_type in (("triage", "triage_score"), ("scheduling", "noshow_score")):
        html = client.get(review_url(workflow, facility="north", seed="g1")).content.decode()
        ids = case_ids(html)
        assert len(ids) == 20, workflow
        post = {"facility": "north", "seed": "g1", "case_type": case_type, "case_id": ids[0], "verdict": "agree"}
        assert client.post(review_url(workflow), {**post, "note": "ok"}).status_code == 303
        assert ShadowReview.objects.filter(case_type=case_type, case_id=ids[0], reviewer=manager).exists()
        if workflow == "triage":
            patients = TriageScore.objects.filter(pk__in=ids).values_list("event__data__patient", flat=True)
        else:
            patients = [
                {"mrn": mrn}
                for mrn in NoShowScore.objects.filter(pk__in=ids).values_list("appointment__patient_mrn", flat=True)
            ]
        identifiers = [v for p in patients for k, v in p.items() if k in ("mrn", "name") and v]
        assert len(identifiers) >= 20 and not any(v in html for v in identifiers)
