import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit import dbguard
from audit.models import AuditRecord
from audit.services import AuditEntry, audit_chain_verify, audit_record, audit_record_many

pytestmark = pytest.mark.django_db


def test_records_are_chained_in_order():
    a = audit_record(action="x.one", object_type="thing", object_id=1, data={"k": "v"})
    b, c = audit_record_many(entries=[AuditEntry("x.two", "thing", "2"), AuditEntry("x.three", "thing", "3")])
    assert [r.seq for r in (a, b, c)] == [1, 2, 3]
    assert b.prev_hash == a.hash and c.prev_hash == b.hash
    report = audit_chain_verify()
    assert report.ok and report.checked == 3


def test_update_and_delete_are_refused_by_the_database():
    rec = audit_record(action="x.one", object_type="thing", object_id=1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=rec.pk).update(action="x.changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=rec.pk).delete()
    assert AuditRecord.objects.get(pk=rec.pk).action == "x.one"


def test_verify_finds_a_tampered_record():
    audit_record(action="x.one", object_type="thing", object_id=1, data={"decision": "accept"})
    audit_record(action="x.two", object_type="thing", object_id=1)
    dbguard.uninstall(connection)  # an attacker with DDL rights; rolled back with the test
    try:
        AuditRecord.objects.filter(seq=1).update(data={"decision": "override"})
    finally:
        dbguard.install(connection)
    report = audit_chain_verify()
    assert not report.ok and report.first_bad_seq == 1 and "hash" in report.problem
    with pytest.raises(CommandError, match="BROKEN at seq 1"):
        call_command("verify_audit")


def test_verify_finds_a_truncated_chain():
    for i in range(3):
        audit_record(action="x", object_type="thing", object_id=i)
    dbguard.uninstall(connection)
    try:
        AuditRecord.objects.filter(seq=3).delete()
    finally:
        dbguard.install(connection)
    assert not audit_chain_verify().ok


def test_verify_command_reports_ok(capsys):
    audit_record(action="x", object_type="thing", object_id=1)
    call_command("verify_audit")
    assert "audit chain OK: 1 records verified" in capsys.readouterr().out


def test_a_batch_appends_its_records_together_at_the_end_in_order():
    from audit.services import audit_batch

    audit_record(action="before", object_type="thing", object_id=0)
    with transaction.atomic(), audit_batch():
        audit_record(action="x.one", object_type="thing", object_id=1)
        with audit_batch():  # nested: belongs to the outer batch
            audit_record(action="x.two", object_type="thing", object_id=2)
        assert AuditRecord.objects.count() == 1  # held until the batch ends
    assert list(AuditRecord.objects.values_list("action", flat=True)) == ["before", "x.one", "x.two"]
    assert audit_chain_verify().ok


def test_a_failed_batch_writes_nothing():
    from audit.services import audit_batch

    with pytest.raises(RuntimeError), transaction.atomic(), audit_batch():
        audit_record(action="x.lost", object_type="thing", object_id=1)
        raise RuntimeError("handler failed")
    assert not AuditRecord.objects.exists()
    audit_record(action="x.after", object_type="thing", object_id=2)  # batching is over
    assert AuditRecord.objects.get().seq == 1
