"""Hostile and malformed input over a real socket: precise AE/AR, never a crash, a hang or a
silently closed connection; resends are idempotent; a database failure is never acknowledged AA."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from django.db import connection

from hl7v2.listener import Limits
from hl7v2.metrics import FRAMING_ERRORS, MESSAGES
from hl7v2.mllp import frame
from hl7v2.models import Hl7Message
from hl7v2.tests.conftest import PID, Client, ack_of, build, sample
from ingest.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

OBX_K = "OBX|1|NM|2823-3^Potassium^LN||4.0|mmol/L|3.5-5.1|N|||F"


def framing(reason: str) -> float:
    return FRAMING_ERRORS.labels(reason=reason)._value.get()


def still_serves(running, client_for, control_id: str = "alive-1") -> None:
    ack = ack_of(client_for(running).send(build("ORU^R01", control_id, PID, OBX_K)))
    assert ack["code"] == "AA", ack


@pytest.mark.parametrize(
    ("segments", "location", "why"),
    [
        (["PID|1||MRN-1^^^EMR^MR||Doe\x00^Jane||19800402|F", OBX_K], "PID^1^5", "NUL"),
        (["PID|1||||Doe^Jane||19800402|F", OBX_K], "PID^1^3", "MRN"),
        (["PID|1||MRN-1^^^EMR^MR||Doe^Jane||99999999|F", OBX_K], "PID^1^7", "not a valid date"),
        (["PID|1||MRN-1^^^EMR^MR||Doe^Jane||29991231|F", OBX_K], "PID^1^7", "in the future"),
        (["PID|1||MRN-1^^^EMR^MR||Doe^Jane||19800402|Q", OBX_K], "PID^1^8", "table 0001"),
        ([PID, "OBX|1|NM|2823-3^Potassium^LN||abc|mmol/L||N|||F"], "OBX^1^5", "not a number"),
        ([PID, "OBX|1|NM|2823-3^Potassium^LN||4.0|mmol/L||N|||F|||00000101"], "OBX^1^14", "not a valid date"),
        ([PID, "OBX|1|NM|||4.0|mmol/L||N|||F"], "OBX^1^3", "code"),
        ([f"PID|1||{'M' * 65}^^^EMR^MR||Doe^Jane", OBX_K], "PID^1^3", "at most 64"),
        ([PID, f"OBX|1|NM|2823-3^Potassium^LN||4.0|{'u' * 65}||N|||F"], "OBX^1^6", "at most 64"),
        (
            [PID, "OBX|1|NM|2823-3^Potassium^LN||4.0|mmol/L||N|||F", "OBX|2|NM|2951-2^Na^LN||x|mmol/L||N|||F"],
            "OBX^2^5",
            "not a number",
        ),
    ],
)
def test_wrong_content_is_answered_ae_naming_the_field(mllp, client_for, hospital, segments, location, why):
    running = mllp()
    ack = ack_of(client_for(running).send(build("ORU^R01", "bad-1", *segments)))
    assert ack["code"] == "AE", ack
    assert location in ack["locations"], ack
    assert any(why in text for text in ack["errors"]), ack
    assert ack["control_id"] == "bad-1" and ack["text"].startswith(ack["errors"][0][:20])  # MSA-3 too
    assert not Event.objects.exists()
    row = Hl7Message.objects.get(control_id="bad-1")
    assert row.ack_code == "AE" and "\x00" not in row.raw and row.error
    still_serves(running, client_for)


def test_lone_surrogate_after_decoding_is_ae(mllp, client_for, hospital):
    raw = build("ORU^R01", "sur-1", PID.replace("Jane", "J\udc80ne"), OBX_K).encode("utf-8", "surrogatepass")
    ack = ack_of(client_for(mllp()).send(raw))
    assert ack["code"] == "AE" and ack["locations"] == ["PID^1^5"] and "surrogate" in ack["errors"][0], ack
    assert "\\udc80" in Hl7Message.objects.get(control_id="sur-1").raw  # stored escaped


def test_bad_date_in_msh7_and_out_of_range_start(mllp, client_for, hospital):
    client = client_for(mllp())
    ack = ack_of(client.send(build("ORU^R01", "d-1", PID, OBX_K, when="99999999")))
    assert ack["code"] == "AE" and "MSH^1^7" in ack["locations"], ack
    siu = build("SIU^S12", "d-2", "SCH||A-1", "TQ1|||||||00010101000000+1400", PID)
    ack = ack_of(client.send(siu))
    assert ack["code"] == "AE" and "TQ1^1^7" in ack["locations"] and "out of range" in ack["errors"][0], ack


def test_control_id_longer_than_its_column_is_ae_and_not_stored(mllp, client_for, hospital):
    ack = ack_of(client_for(mllp()).send(build("ORU^R01", "C" * 250, PID, OBX_K)))
    assert ack["code"] == "AE" and ack["locations"] == ["MSH^1^10"] and "199" in ack["errors"][0], ack
    assert not Hl7Message.objects.exists() and not Event.objects.exists()


@pytest.mark.parametrize(
    ("payload", "location"),
    [
        (b"PID|1||MRN-1\rOBX|1|NM|x||1", "MSH^1"),  # no MSH
        (b"MSH", "MSH^1"),
        (b"MSHx^~\\&|A|B", "MSH^1"),  # a letter as field separator
        (b"\x00\x01\x02garbage\xff\xfe", "MSH^1"),
        (b"", "MSH^1"),
        (build("ORM^O01", "r-1", PID).encode(), "MSH^1^9"),
        (build("ADT^A40", "r-2", PID).encode(), "MSH^1^9"),  # a merge of two identities: not taken
        (build("ORU^R01", "", PID).encode(), "MSH^1^10"),
        (build("ORU^R01", "r-3", PID, extra_msh="||||||UNICODE UTF-32").encode(), "MSH^1^18"),
        (b"MSH|^~\\&|EMR|north|||x||ORU^R01|r-4|P|3.0\r", "MSH^1^12"),
    ],
)
def test_what_cannot_be_accepted_is_ar(mllp, client_for, hospital, payload, location):
    running = mllp()
    ack = ack_of(client_for(running).send(payload))
    assert ack["code"] == "AR", ack
    assert ack["locations"] == [location] and ack["errors"][0], ack
    assert not Event.objects.exists()
    still_serves(running, client_for)


@pytest.mark.parametrize("trigger", ["ADT^A02", "ADT^A03", "ADT^A11"])
def test_other_adt_triggers_keep_the_patient_context_and_are_aa(mllp, client_for, hospital, trigger):
    ack = ack_of(client_for(mllp()).send(build(trigger, f"adt-{trigger[-3:]}", PID).encode()))
    assert ack["code"] == "AA", ack
    assert not Event.objects.exists()  # context only


def test_declared_charset_is_used_and_latin1_is_the_fallback(mllp, client_for, hospital):
    client = client_for(mllp())
    latin = build("ORU^R01", "l-1", PID.replace("Doe", "Müller"), OBX_K, extra_msh="||||||8859/1").encode("latin-1")
    assert ack_of(client.send(latin))["code"] == "AA"
    undeclared = build("ORU^R01", "l-2", PID.replace("Doe", "Müller"), OBX_K).encode("latin-1")  # not UTF-8
    assert ack_of(client.send(undeclared))["code"] == "AA"
    names = {e.data["patient"]["name"] for e in Event.objects.all()}
    assert names == {"Jane Müller"}
    assert Hl7Message.objects.get(control_id="l-2").decoded_as.startswith("latin-1")
    wrong = build("ORU^R01", "l-3", PID.replace("Doe", "Müller"), OBX_K, extra_msh="||||||UNICODE UTF-8")
    ack = ack_of(client.send(wrong.encode("latin-1")))
    assert ack["code"] == "AE" and ack["locations"] == ["MSH^1^18"], ack


def test_resend_is_answered_with_the_same_ack_and_not_reprocessed(mllp, client_for, hospital):
    client = client_for(mllp())
    message = build("ORU^R01", "once-1", PID, OBX_K, "OBX|2|NM|2951-2^Na^LN||140|mmol/L||N|||F")
    first = client.send(message)
    again = client.send(message)
    on_another_connection = client_for(mllp()).send(message.replace("\r", "\n"))  # LF this time: same message
    assert ack_of(first)["code"] == "AA" and first == again == on_another_connection
    row = Hl7Message.objects.get(control_id="once-1")
    assert row.receipts == 3 and len(row.event_ids) == 2
    assert Event.objects.count() == 2


def test_a_reused_control_id_with_other_content_is_ar_and_changes_nothing(mllp, client_for, hospital):
    client = client_for(mllp())
    assert ack_of(client.send(build("ORU^R01", "re-1", PID, OBX_K)))["code"] == "AA"
    other = build("ORU^R01", "re-1", PID, OBX_K.replace("4.0", "6.9"))
    ack = ack_of(client.send(other))
    assert ack["code"] == "AR" and ack["locations"] == ["MSH^1^10"], ack
    assert Event.objects.get().data["value"] == 4.0


def test_a_message_answered_ae_is_processed_afresh_when_resent_fixed(mllp, client_for, hospital):
    client = client_for(mllp())
    assert ack_of(client.send(build("ORU^R01", "fix-1", "PID|1||||Doe^Jane", OBX_K)))["code"] == "AE"
    assert ack_of(client.send(build("ORU^R01", "fix-1", PID, OBX_K)))["code"] == "AA"
    row = Hl7Message.objects.get(control_id="fix-1")
    assert row.ack_code == "AA" and row.receipts == 2 and len(row.event_ids) == 1 and not row.error


def test_concurrent_resends_of_one_message_store_it_once(mllp, client_for, hospital):
    running = mllp(limits=Limits(workers=4))
    message = build("ORU^R01", "race-1", PID, OBX_K)
    acks: list[str] = []

    def send() -> None:
        acks.append(Client(running.port).send(message))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(acks) == 6 and len(set(acks)) == 1 and ack_of(acks[0])["code"] == "AA"
    assert Event.objects.count() == 1 and Hl7Message.objects.get().receipts == 6


@pytest.fixture
def failing_commit(transactional_db):
    """A real database failure at COMMIT: a deferred constraint trigger on ingest_event that raises.
    (The row and events are written; the commit itself fails.)"""
    if connection.vendor != "postgresql":
        pytest.skip("deferred constraint triggers are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION hl7_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$ "
            "LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE CONSTRAINT TRIGGER hl7_test_fail AFTER INSERT ON ingest_event DEFERRABLE INITIALLY DEFERRED "
            "FOR EACH ROW EXECUTE FUNCTION hl7_test_fail()"
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER hl7_test_fail ON ingest_event")
        cursor.execute("DROP FUNCTION hl7_test_fail()")


def test_a_failed_commit_is_never_acknowledged_aa(mllp, client_for, hospital, failing_commit):
    running = mllp()
    client = client_for(running)
    ack = ack_of(client.send(build("ORU^R01", "db-1", PID, OBX_K)))
    assert ack["code"] == "AE" and ack["conditions"] == ["207"] and "resend" in ack["errors"][0], ack
    assert not Hl7Message.objects.exists() and not Event.objects.exists()
    # the same connection keeps working: an ADT (no event row) commits
    assert ack_of(client.send(build("ADT^A08", "db-2", PID)))["code"] == "AA"


def test_framing_junk_is_counted_and_the_frame_after_it_answered(mllp, client_for, hospital):
    running = mllp()
    client = client_for(running)
    before = framing("junk")
    client.send_raw(b"GET / HTTP/1.1\r\n\r\n")
    ack = ack_of(client.send(build("ORU^R01", "j-1", PID, OBX_K)))
    assert ack["code"] == "AA" and framing("junk") == before + 1


def test_a_frame_over_the_cap_is_rejected_without_buffering_it(mllp, client_for, hospital):
    running = mllp(limits=Limits(max_frame=1024 * 1024))
    client = client_for(running, timeout=30)
    before = framing("oversize")
    big = build("ORU^R01", "big-1", PID, "NTE|1||" + "x" * (10 * 1024 * 1024), OBX_K)
    ack = ack_of(client.send(big))
    assert ack["code"] == "AR" and ack["control_id"] == "big-1" and "larger than" in ack["errors"][0], ack
    assert framing("oversize") == before + 1
    assert ack_of(client.send(build("ORU^R01", "after-big", PID, OBX_K)))["code"] == "AA"  # same connection
    assert running.listener.open >= 1


def test_truncated_frames_and_restarts_are_counted(mllp, client_for, hospital):
    running = mllp()
    truncated, restarted = framing("truncated"), framing("restarted")
    half = client_for(running)
    half.send_raw(b"\x0b" + build("ORU^R01", "t-1", PID).encode()[:30])
    half.close()
    client = client_for(running)
    client.send_raw(b"\x0bMSH|^~\\&|half a message")
    ack = ack_of(client.send(build("ORU^R01", "t-2", PID, OBX_K)))  # its SB restarts the frame
    assert ack["code"] == "AA"
    deadline = time.time() + 5
    while framing("truncated") < truncated + 1 and time.time() < deadline:
        time.sleep(0.05)
    assert framing("truncated") == truncated + 1 and framing("restarted") == restarted + 1
    assert not Hl7Message.objects.filter(control_id="t-1").exists()


def test_idle_and_slow_clients_time_out_and_others_are_unaffected(mllp, client_for, hospital):
    running = mllp(limits=Limits(idle_timeout=0.5, frame_timeout=0.5))
    idle_before, slow_before = framing("idle_timeout"), framing("frame_timeout")
    idle = client_for(running)
    slow = client_for(running)
    slow.send_raw(b"\x0bMSH|^~\\&|EMR|north")  # and never the rest
    busy = client_for(running)
    for n in range(3):
        assert ack_of(busy.send(build("ORU^R01", f"b-{n}", PID, OBX_K)))["code"] == "AA"
    assert idle.closed_by_peer(timeout=5) and slow.closed_by_peer(timeout=5)
    assert framing("idle_timeout") >= idle_before + 1 and framing("frame_timeout") == slow_before + 1


def test_many_concurrent_connections(mllp, client_for, hospital):
    running = mllp(limits=Limits(workers=4))
    codes: list[str] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            client = Client(running.port, timeout=60)
            for k in range(5):
                codes.append(ack_of(client.send(build("ORU^R01", f"c{n}-{k}", PID, OBX_K)))["code"])
            client.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and codes.count("AA") == 125
    assert Event.objects.count() == 125 and Hl7Message.objects.count() == 125


def test_connections_over_the_cap_are_closed_and_counted(mllp, client_for, hospital):
    running = mllp(limits=Limits(max_connections=2))
    before = framing("too_many_connections")
    a, b = client_for(running), client_for(running)
    assert ack_of(a.send(build("ADT^A08", "cap-1", PID)))["code"] == "AA"
    assert ack_of(b.send(build("ADT^A08", "cap-2", PID)))["code"] == "AA"
    third = client_for(running)
    assert third.closed_by_peer(timeout=5) and framing("too_many_connections") == before + 1
    assert ack_of(a.send(build("ADT^A08", "cap-3", PID)))["code"] == "AA"


def test_samples_in_one_write_are_answered_in_order(mllp, client_for, hospital):
    running = mllp()
    client = client_for(running)
    names = ["ADT-A01-01.hl7", "SIU-S12-01.hl7", "LAB-ORU-1.hl7", "ORU-R01-01.hl7"]
    client.send_raw(b"".join(frame(sample(n)) for n in names))
    ids = [ack_of(client.recv_ack())["control_id"] for _ in names]
    assert ids == ["MSG00001", "MSG00012", "182", "2.16.840.1.114222.4.3.3.5.1.2-20120314235954.325"]
    assert MESSAGES.labels(message_type="ADT^A01", ack="AA", repeat="false")._value.get() >= 1


def test_garbage_streams_never_take_the_listener_down(mllp, client_for, hospital):
    import random

    running = mllp()
    rng = random.Random(14)
    for n in range(30):
        sock = socket.create_connection(("127.0.0.1", running.port), timeout=5)
        chunk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        if n % 3 == 0:
            chunk = b"\x0b" + chunk + b"\x1c\x0d"
        try:
            sock.sendall(chunk)
        except OSError:
            pass
        sock.close()
    still_serves(running, client_for, "after-garbage")


def test_stopping_closes_idle_connections_at_once(mllp, client_for, hospital):
    running = mllp(limits=Limits(idle_timeout=60))
    idle = client_for(running)
    busy = client_for(running)
    assert ack_of(busy.send(build("ADT^A08", "stop-1", PID)))["code"] == "AA"
    started = time.monotonic()
    running.stop()  # grace 5 s: an idle connection must not hold the stop that long
    assert time.monotonic() - started < 3
    assert idle.closed_by_peer(timeout=1) and busy.closed_by_peer(timeout=1)
