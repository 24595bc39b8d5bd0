"""Coders decide on findings as nurses do on messages: accept, override with a coding reason, or
dismiss — each audited; coding reasons are only for findings and a finding takes only them."""

import json

import pytest

from audit.models import AuditRecord
from coding.tests.conftest import send
from queues.models import WorkItem
from queues.tests.conftest import login

pytestmark = pytest.mark.django_db

ENCOUNTER = {
    "encounter_id": "enc-d",
    "duration_min": 25,
    "diagnoses": [{"system": "ICD-10-CM", "code": "E11"}, {"system": "ICD-10-CM", "code": "I50.9"}],
    "procedures": [{"system": "CPT", "code": "99215", "modifiers": []}, {"system": "CPT", "code": "20610"}],
    "documentation_flags": ["type_systolic"],
}


def resolve(client, item, **body):
    return client.post(f"/api/v1/items/{item.pk}/resolve", data=json.dumps(body), content_type="application/json")


@pytest.fixture
def findings(source, north):
    send(source, "EncounterClosed", **ENCOUNTER)
    return {i.kind: i for i in WorkItem.objects.filter(kind__in=WorkItem.CODING_KINDS)}


def test_a_coder_accepts_overrides_and_dismisses_each_audited(findings, coder):
    client = login(coder)
    assert resolve(client, findings["coding_em_time"], decision="accept").status_code == 200
    overridden = resolve(
        client,
        findings["coding_dx_unspecified"],
        decision="override",
        final_urgency="non_clinical",
        disposition="Keep I50.9: the note does not say systolic",
        reason_code="documentation_supports_code",
    )
    assert overridden.status_code == 200, overridden.content
    assert (
        resolve(client, findings["coding_modifier_missing"], decision="dismiss", reason_code="duplicate").status_code
        == 200
    )
    decided = {i.kind: (i.decision, i.decision_reason) for i in WorkItem.objects.filter(resolved_by__username="coder")}
    assert decided == {
        "coding_em_time": ("accept", ""),
        "coding_dx_unspecified": ("override", "documentation_supports_code"),
        "coding_modifier_missing": ("dismiss", "duplicate"),
    }
    accepted = AuditRecord.objects.get(action="work_item.resolved", object_id=str(findings["coding_em_time"].pk))
    assert accepted.actor == "coder" and "99213" in accepted.data["human"]["disposition"]


def test_a_finding_refuses_a_nurses_reason_and_a_message_refuses_a_coding_reason(findings, coder, nurse, make_item):
    body = {"decision": "override", "final_urgency": "routine", "disposition": "x"}
    refused = resolve(login(coder), findings["coding_em_time"], **body, reason_code="clinical_judgement")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "reason_code"
    assert "documentation_supports_code" in refused.json()["errors"][0]["message"]
    message = make_item(facility="north")
    refused = resolve(login(nurse), message, **body, reason_code="payer_rule_differs")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "reason_code"
    assert WorkItem.objects.get(pk=message.pk).state == "new"
    assert WorkItem.objects.get(pk=findings["coding_em_time"].pk).state == "new"
    other = resolve(login(coder), findings["coding_em_time"], **body, reason_code="other", comment="payer contract")
    assert other.status_code == 200


def test_the_item_page_offers_a_coder_only_coding_reasons_and_no_urgency(findings, coder):
    html = login(coder).get(f"/items/{findings['coding_em_time'].pk}/").content.decode()
    assert 'value="documentation_supports_code"' in html and 'value="clinical_judgement"' not in html
    assert 'type="hidden" id="ov-urgency"' in html and "<select id='ov-urgency'" not in html.replace('"', "'")
