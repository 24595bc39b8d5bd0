"""Coders and clinical ops never see a patient message body — not through the API, the pages or the
websocket — even when an EMR puts message fields on an encounter or an order (the contract allows
extra fields), and they can never hold a message item."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async

from coding.tests.conftest import ago, send
from queues import visibility
from queues.models import WorkItem
from queues.tests.conftest import login
from queues.tests.test_consumers import connect, frames

SECRET = "SECRET-BODY-I-am-scared-of-the-lump"
SUBJECT = "SECRET-SUBJECT"
FOREIGN = {"body": SECRET, "subject": SUBJECT, "channel": "portal", "message_id": "m-secret"}
ENCOUNTER = {
    "encounter_id": "enc-v",
    "duration_min": 25,
    "diagnoses": [{"system": "ICD-10-CM", "code": "E11"}],
    "procedures": [{"system": "CPT", "code": "99215", "modifiers": []}],
}


def assert_no_body(text: str) -> None:
    assert SECRET not in text and SUBJECT not in text and "m-secret" not in text


def test_the_table_gives_coders_and_clinical_ops_no_message_field():
    for role in ("coder", "clinical_ops"):
        shown = visibility.visible_data({**FOREIGN, "order_id": "o-1"}, [role])
        assert not {"body", "subject", "channel", "message_id"} & set(shown), role
        assert not visibility.may_see_messages([role])
        assert not visibility.role_may_hold(role, "message")
    assert visibility.roles_that_may_hold("unsigned_order") == ["clinical_ops"]
    assert visibility.roles_that_may_hold("coding_em_time") == ["coder"]


@pytest.mark.django_db
def test_a_coder_sees_the_finding_but_never_a_body_by_api_or_page(source, north, coder, make_item):
    send(source, "EncounterClosed", **ENCOUNTER, **FOREIGN)
    finding = WorkItem.objects.get(kind="coding_em_time")
    message = make_item(facility="north")
    client = login(coder)
    detail = client.get(f"/api/v1/items/{finding.pk}")
    assert detail.status_code == 200 and "99215" in detail.content.decode()
    for url in (
        f"/api/v1/items/{finding.pk}",
        "/api/v1/queues/north-coding/items/",
        f"/items/{finding.pk}/",
        "/queues/north-coding/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_body(response.content.decode())
    page = client.get(f"/items/{finding.pk}/").content.decode()
    assert 'data-testid="coding-finding"' in page and "The time supports 99213" in page
    assert client.get(f"/api/v1/items/{message.pk}").status_code == 404
    assert client.get(f"/items/{message.pk}/").status_code == 404


@pytest.mark.django_db
def test_clinical_ops_sees_the_unsigned_order_but_never_a_body_and_cannot_take_a_message(
    source, north, clinops, manager, make_item
):
    send(source, "OrderUnsigned", order_id="o-v", ordered_at=ago(50), **FOREIGN)
    task = WorkItem.objects.get(kind="unsigned_order")
    client = login(clinops)
    for url in (
        f"/api/v1/items/{task.pk}",
        "/api/v1/queues/north-clinical-ops/items/",
        f"/items/{task.pk}/",
        "/queues/north-clinical-ops/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_body(response.content.decode())
    assert "o-v" in client.get(f"/api/v1/items/{task.pk}").content.decode()
    assert 'data-testid="signature-task"' in client.get(f"/items/{task.pk}/").content.decode()
    message = make_item(facility="north")
    assert client.get(f"/api/v1/items/{message.pk}").status_code == 404
    moved = login(manager).post(
        f"/api/v1/items/{message.pk}/reassign",
        data=json.dumps({"queue": "north-clinical-ops"}),
        content_type="application/json",
    )
    assert moved.status_code == 400 and WorkItem.objects.get(pk=message.pk).queue.slug == "north-nurse-triage"


@pytest.mark.django_db(transaction=True)
def test_websocket_frames_to_coders_and_clinical_ops_carry_no_body(source, north, coder, clinops, make_item):
    async def run():
        coder_ws, ok, _ = await connect(coder)
        ops_ws, ok2, _ = await connect(clinops)
        assert ok and ok2
        assert (await coder_ws.receive_json_from(timeout=2))["queues"] == ["north-coding"]
        assert (await ops_ws.receive_json_from(timeout=2))["queues"] == ["north-clinical-ops"]
        await sync_to_async(send)(source, "EncounterClosed", **ENCOUNTER, **FOREIGN)
        await sync_to_async(send)(source, "OrderUnsigned", order_id="o-ws", ordered_at=ago(50), **FOREIGN)
        message = await sync_to_async(make_item)(facility="north")
        got_coder, got_ops = await frames(coder_ws), await frames(ops_ws)
        coder_items = {f["item"]["kind"] for f in got_coder if "item" in f}
        ops_items = {f["item"]["kind"] for f in got_ops if "item" in f}
        assert coder_items == {"coding_em_time", "coding_dx_not_billable"}
        assert ops_items == {"unsigned_order"}
        for got in (got_coder, got_ops):
            text = json.dumps(got)
            assert_no_body(text)
            assert str(message.pk) not in text
        assert any(f.get("row", {}).get("rule_text") for f in got_coder if f.get("type") == "item.created")
        await coder_ws.disconnect()
        await ops_ws.disconnect()

    asyncio.run(run())
