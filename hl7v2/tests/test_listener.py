"""The public samples and each message type, through the real listener over a real socket."""

from __future__ import annotations

from datetime import datetime

import pytest

from audit.models import AuditRecord
from hl7v2.models import FacilityAlias, Hl7Message, Hl7Patient
from hl7v2.tests.conftest import PID, ack_of, build, sample
from ingest.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("separator", ["as published", "\r", "\r\n"])
def test_every_public_sample_is_accepted_and_mapped(mllp, client_for, hospital, separator):
    running = mllp()
    client = client_for(running)
    expected_events = {"ADT-A01-01.hl7": 0, "SIU-S12-01.hl7": 1, "LAB-ORU-1.hl7": 1, "ORU-R01-01.hl7": 0}
    for name, count in expected_events.items():
        raw = sample(name)
        if separator != "as published":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", separator.encode())
        ack = ack_of(client.send(raw))
        assert ack["code"] == "AA", (name, ack)
        row = Hl7Message.objects.get(control_id=ack["control_id"])
        assert row.ack_code == "AA" and len(row.event_ids) == count, (name, row.error, row.notes)
    assert Event.objects.count() == 2


def test_adt_keeps_the_patient_and_siu_uses_it(mllp, client_for, hospital):
    client = client_for(mllp())
    assert ack_of(client.send(sample("ADT-A01-01.hl7")))["code"] == "AA"
    kept = Hl7Patient.objects.get(integration_source=hospital["ghh"], mrn="PATID1234")
    assert (kept.name, kept.birth_date.isoformat(), kept.sex) == ("ADAM EVERYMAN", "1988-08-18", "male")
    assert AuditRecord.objects.filter(action="hl7.patient_kept", object_id=str(kept.pk)).exists()
    # the SIU sample without its demographics: the kept ones fill the event's patient
    siu = sample("SIU-S12-01.hl7").decode("utf-8")
    lines = siu.split("\n")
    lines = [("PID|1||PATID1234^5^M11^test1^MR" if line.startswith("PID|") else line) for line in lines]
    ack = ack_of(client.send("\n".join(lines)))
    assert ack["code"] == "AA", ack
    event = Event.objects.get(type="AppointmentBooked")
    assert event.data["patient"] == {
        "mrn": "PATID1234",
        "name": "ADAM EVERYMAN",
        "birth_date": "1988-08-18",
        "sex": "male",
    }
    assert event.source == "urn:hl7:schapp:ghhsfacility" and event.source_event_id == "MSG00012"
    assert event.data["appointment_id"] == "36996"
    assert datetime.fromisoformat(event.data["starts_at"]) == datetime.fromisoformat("2021-09-24T09:30:00+02:15")
    assert event.data["duration_min"] == 50 and event.data["provider_id"] == "1210"
    assert AuditRecord.objects.filter(action="event.ingested", object_id=str(event.pk)).exists()


def test_oru_makes_one_event_per_final_obx_with_a_value(mllp, client_for, hospital):
    client = client_for(mllp())
    assert ack_of(client.send(sample("LAB-ORU-1.hl7")))["code"] == "AA"  # with its byte-order mark
    (event,) = Event.objects.filter(type="LabResultFinalized")
    data = event.data
    assert data["code"] == {"code": "11125-2", "display": "PLATELETS", "system": "http://loinc.org"}
    assert (data["value"], data["unit"], data["abnormal_flag"]) == (221, "giga.l-1", "N")
    assert data["patient"]["mrn"] == "10006579" and data["facility"] == "north"  # the source's only facility
    row = Hl7Message.objects.get(control_id="182")
    assert any("'P' is not final" in note for note in row.notes)  # preliminary: acknowledged, no event


def test_oru_values_ranges_flags_and_statuses(mllp, client_for, hospital):
    client = client_for(mllp())
    message = build(
        "ORU^R01",
        "oru-1",
        PID,
        "OBR|1|PL-9|FL-9|24317-0^CBC^LN|||20261201070000+0000|||||||||dr-lee||||||20261201080000+0000|||F",
        "OBX|1|NM|2823-3^Potassium^LN||6.4|mmol/L|3.5-5.1|HH|||F",
        "OBX|2|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||C",
        "OBX|3|ST|5778-6^Color^LN||yellow||||||F",
        "OBX|4|NM|2345-7^Glucose^LN||||70-99||||F",  # no value: ignored
        "OBX|5|NM|718-7^Hemoglobin^LN||9.1|g/dL|12-16|L|||P",  # preliminary: no event
        "OBX|6|SN|1988-5^CRP^LN||<^0.5|mg/L|<5|N|||F",
        "OBX|7|CWE|600-7^Culture^LN||27268008^Salmonella^SCT|||A|||F",
    )
    ack = ack_of(client.send(message))
    assert ack["code"] == "AA", ack
    events = {e.data["code"]["code"]: e.data for e in Event.objects.filter(type="LabResultFinalized")}
    assert set(events) == {"2823-3", "2951-2", "5778-6", "1988-5", "600-7"}
    potassium = events["2823-3"]
    assert (potassium["value"], potassium["reference_low"], potassium["reference_high"]) == (6.4, 3.5, 5.1)
    assert potassium["abnormal_flag"] == "HH" and potassium["ordering_provider_id"] == "dr-lee"
    assert potassium["result_id"] == "FL-9/2823-3" and potassium["facility"] == "north"
    assert datetime.fromisoformat(potassium["resulted_at"]) == datetime.fromisoformat("2026-12-01T08:00:00+00:00")
    assert events["5778-6"]["value"] == "yellow"
    assert events["1988-5"]["value"] == "<0.5" and events["1988-5"]["reference_high"] == 5
    assert events["600-7"]["value"] == "Salmonella" and events["600-7"]["abnormal_flag"] == "A"
    assert potassium["patient"] == {"mrn": "MRN-1", "name": "Jane Doe", "birth_date": "1980-04-02", "sex": "female"}


def test_siu_cancel_and_no_show(mllp, client_for, hospital):
    client = client_for(mllp())
    cancel = build("SIU^S15", "c-1", "SCH|P-1|F-1||||CANC^Patient request", PID)
    no_show = build("SIU^S26", "n-1", "SCH|P-2|F-2", PID)
    assert ack_of(client.send(cancel))["code"] == "AA"
    assert ack_of(client.send(no_show))["code"] == "AA"
    cancelled = Event.objects.get(type="AppointmentCancelled")
    assert cancelled.data["appointment_id"] == "F-1" and cancelled.data["reason"] == "Patient request"
    assert Event.objects.get(type="AppointmentNoShow").data["appointment_id"] == "F-2"


def test_mdm_unsigned_and_signed_notes(mllp, client_for, hospital):
    client = client_for(mllp())
    unsigned = build(
        "MDM^T02",
        "d-1",
        "EVN|T02|20261201090000+0000",
        PID,
        "PV1|1|O|CLINIC||||||||||||||||ENC-7",
        "TXA|1|PN||20261201085000+0000|dr-lee||||dr-lee|||DOC-1|||||DO",
    )
    signed = build(
        "MDM^T02",
        "d-2",
        PID,
        "TXA|1|PN||20261201085000+0000|dr-lee||||dr-lee|||DOC-2|||||AU|||||dr-lee",
    )
    assert ack_of(client.send(unsigned))["code"] == "AA"
    assert ack_of(client.send(signed))["code"] == "AA"
    note = Event.objects.get(type="NoteUnsigned").data
    assert (note["note_id"], note["author_id"], note["encounter_id"], note["note_type"]) == (
        "DOC-1",
        "dr-lee",
        "ENC-7",
        "PN",
    )
    done = Event.objects.get(type="NoteSigned").data
    assert done["note_id"] == "DOC-2" and done["signed_by"] == "dr-lee" and done["at"]
    assert not Event.objects.filter(type="NoteUnsigned", data__note_id="DOC-2").exists()


def test_facility_comes_from_the_source_mapping(mllp, client_for, hospital):
    FacilityAlias.objects.create(integration_source=hospital["ghh"], field="PV1-3", value="gh clinic", facility="south")
    client = client_for(mllp())
    assert ack_of(client.send(sample("SIU-S12-01.hl7")))["code"] == "AA"
    assert Event.objects.get(type="AppointmentBooked").data["facility"] == "south"


def test_facility_the_source_may_not_send_for_is_rejected(mllp, client_for, hospital):
    FacilityAlias.objects.create(integration_source=hospital["emr"], field="MSH-4", value="north", facility="south")
    client = client_for(mllp())
    ack = ack_of(client.send(build("SIU^S26", "n-9", "SCH|P-2|F-2", PID, "PV1|1|O|X")))
    assert ack["code"] == "AA"  # a no-show names no facility
    ack = ack_of(client.send(build("ORU^R01", "o-9", PID, "OBX|1|NM|2823-3^K^LN||4.0|mmol/L||N|||F")))
    assert ack["code"] == "AR" and ack["locations"] == ["MSH^1^4"], ack
    assert "may send for" in ack["errors"][0]
    assert not Event.objects.filter(type="LabResultFinalized").exists()


def test_source_not_allowed_the_type_is_rejected(mllp, client_for, hospital):
    hospital["emr"].allowed_types = ["AppointmentBooked"]
    hospital["emr"].save(update_fields=["allowed_types"])
    client = client_for(mllp())
    ack = ack_of(client.send(build("ORU^R01", "o-1", PID, "OBX|1|NM|2823-3^K^LN||4.0|mmol/L||N|||F")))
    assert ack["code"] == "AR" and ack["locations"] == ["MSH^1^9"] and "LabResultFinalized" in ack["errors"][0]
    assert Hl7Message.objects.get(control_id="o-1").ack_code == "AR"


def test_unknown_sender_and_explicit_source(mllp, client_for, hospital):
    message = build("SIU^S26", "n-1", "SCH|P-2|F-2", PID, app="OTHER")
    ack = ack_of(client_for(mllp()).send(message))
    assert ack["code"] == "AR" and ack["locations"] == ["MSH^1^3"] and "urn:hl7:other:north" in ack["errors"][0]
    assert not Hl7Message.objects.exists()
    # --source: every message is that source's; its URIs still apply as for the HTTP API
    hospital["emr"].source_uris = ["urn:hl7:emr:north", "urn:hl7:other:north"]
    hospital["emr"].save(update_fields=["source_uris"])
    from hl7v2.services import ListenerConfig

    ack = ack_of(client_for(mllp(config=ListenerConfig(source_name="emr"))).send(message))
    assert ack["code"] == "AA", ack


def test_reschedule_moves_the_appointment_end_to_end(mllp, client_for, hospital, noshow_live, clinic):
    from ingest.services import event_process
    from scheduling.models import Appointment, NoShowScore

    client = client_for(mllp())
    booked = build(
        "SIU^S12",
        "s-1",
        "SCH||APT-1||||||follow-up",
        "TQ1|||||||20261215090000+0000|20261215092000+0000",
        PID,
        "PV1|1|O|CARDIO||||dr-lee|||cardiology",
    )
    moved = build(
        "SIU^S13",
        "s-2",
        "SCH||APT-1||||||follow-up",
        "TQ1|||||||20261216140000+0000|20261216143000+0000",
        PID,
        "PV1|1|O|CARDIO||||dr-lee|||cardiology",
    )
    for message in (booked, moved):
        ack = ack_of(client.send(message))
        assert ack["code"] == "AA", ack
        (event_id,) = Hl7Message.objects.get(control_id=ack["control_id"]).event_ids
        # the tests run Celery eagerly: the listener's commit already processed it; again is a no-op
        assert event_process(event_id=event_id) == "skipped"
        event = Event.objects.get(pk=event_id)
        assert event.status == Event.Status.PROCESSED, event.last_error
    appointment = Appointment.objects.get(appointment_id="APT-1")
    assert appointment.starts_at == datetime.fromisoformat("2026-12-16T14:00:00+00:00")
    assert appointment.duration_min == 30 and appointment.department == "cardiology"
    assert str(appointment.event_id) == Hl7Message.objects.get(control_id="s-2").event_ids[0]
    assert Appointment.objects.count() == 1 and NoShowScore.objects.filter(appointment=appointment).exists()


def test_reschedule_carries_the_reminder_suggestion_to_the_new_time(mllp, client_for, hospital, noshow_live, clinic):
    from queues.models import WorkItem
    from scheduling.tests.factories import scheduling_policy

    scheduling_policy(clinic, reminder_threshold=0.01)  # every booking gets a reminder call suggestion
    client = client_for(mllp())
    for control_id, trigger, start in (("r-1", "S12", "20261215090000+0000"), ("r-2", "S13", "20261216140000+0000")):
        message = build(
            f"SIU^{trigger}",
            control_id,
            "SCH||APT-9||||||follow-up",
            f"TQ1|||||||{start}",
            PID,
            "PV1|1|O|CARDIO||||dr-lee|||cardiology",
        )
        assert ack_of(client.send(message))["code"] == "AA"
    (item,) = WorkItem.objects.filter(kind=WorkItem.Kind.REMINDER_CALL)
    assert item.score["starts_at"].startswith("2026-12-16T14:00")
    assert item.due_at == datetime.fromisoformat("2026-12-16T14:00:00+00:00")


def test_without_a_facility_mapping_or_msh4_the_answer_says_how_to_map_it(mllp, client_for, hospital):
    from hl7v2.services import ListenerConfig

    hospital["lab"].facilities = ["*"]
    hospital["lab"].save(update_fields=["facilities"])
    ack = ack_of(client_for(mllp()).send(sample("LAB-ORU-1.hl7")))  # MSH-4 is empty, no PV1
    assert ack["code"] == "AE" and ack["locations"] == ["MSH^1^4"] and "map PV1-3 or MSH-4" in ack["errors"][0]
    ack = ack_of(client_for(mllp(config=ListenerConfig(default_facility="south"))).send(sample("LAB-ORU-1.hl7")))
    assert ack["code"] == "AA"  # an AE'd control id is processed afresh
    assert Event.objects.get(type="LabResultFinalized").data["facility"] == "south"
