"""The audit service: every ingest outcome, AI output and human action is appended here."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.models import AuditChainHead, AuditRecord

GENESIS_HASH = "0" * 64


@dataclass
class AuditEntry:
    action: str
    object_type: str
    object_id: str
    actor: str = "system"
    actor_type: str = AuditRecord.ActorType.SYSTEM
    data: dict[str, Any] = field(default_factory=dict)


def record_hash(*, prev_hash: str, seq: int, at_iso: str, entry: AuditEntry | AuditRecord) -> str:
    """sha256 over the previous hash and a canonical JSON of the record's content."""
    content = json.dumps(
        [
            seq,
            at_iso,
            entry.actor_type,
            entry.actor,
            entry.action,
            entry.object_type,
            str(entry.object_id),
            entry.data,
        ],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


def audit_record_many(*, entries: list[AuditEntry]) -> list[AuditRecord]:
    """Append entries to the chain, in order, in the caller's transaction.

    Locks the chain head row (SELECT ... FOR UPDATE) so that concurrent writers cannot take the
    same seq or fork the chain; the lock is held until the caller's transaction commits, so call
    this last in a transaction.
    """
    if not entries:
        return []
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = timezone.now()
        at_iso = now.isoformat()
        seq, prev = head.seq, head.hash
        records = []
        for entry in entries:
            # Round-trip through JSON so what we hash is exactly what the JSONField stores.
            entry.data = json.loads(json.dumps(entry.data, default=str))
            seq += 1
            digest = record_hash(prev_hash=prev, seq=seq, at_iso=at_iso, entry=entry)
            records.append(
                AuditRecord(
                    seq=seq,
                    at=now,
                    actor_type=entry.actor_type,
                    actor=entry.actor,
                    action=entry.action,
                    object_type=entry.object_type,
                    object_id=str(entry.object_id),
                    data=entry.data,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        AuditRecord.objects.bulk_create(records)
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
    return records


_batch = threading.local()


@contextmanager
def audit_batch() -> Iterator[None]:
    """Collect the audit records written inside the block and append them together at its end, in
    the same transaction (one chain-head lock instead of one per record, held only at the end).
    Use it inside `transaction.atomic()`; on an exception the entries are dropped with the rollback.
    Nested batches belong to the outermost one."""
    if getattr(_batch, "entries", None) is not None:
        yield
        return
    _batch.entries = []
    try:
        yield
        entries = _batch.entries
    finally:
        _batch.entries = None
    if entries:
        audit_record_many(entries=entries)


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: Any,
    actor: str = "system",
    actor_type: str = AuditRecord.ActorType.SYSTEM,
    data: dict[str, Any] | None = None,
) -> AuditRecord | AuditEntry:
    """Append one record (see audit_record_many for the locking); inside `audit_batch()` the entry
    is held and appended with the others when the batch ends."""
    entry = AuditEntry(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        actor=actor,
        actor_type=actor_type,
        data=data or {},
    )
    buffered = getattr(_batch, "entries", None)
    if buffered is not None:
        buffered.append(entry)
        return entry
    return audit_record_many(entries=[entry])[0]


@dataclass
class ChainReport:
    checked: int
    ok: bool
    first_bad_seq: int | None = None
    problem: str = ""


def audit_chain_verify(*, chunk: int = 5000) -> ChainReport:
    """Recompute every hash in seq order; report the first record that breaks the chain."""
    prev, expected_seq, checked = GENESIS_HASH, 1, 0
    last_seq = 0
    while True:
        batch = list(AuditRecord.objects.filter(seq__gt=last_seq).order_by("seq")[:chunk])
        if not batch:
            break
        for rec in batch:
            if rec.seq != expected_seq:
                return ChainReport(checked, False, rec.seq, f"gap: expected seq {expected_seq}, found {rec.seq}")
            if rec.prev_hash != prev:
                return ChainReport(checked, False, rec.seq, "prev_hash does not match the previous record")
            digest = record_hash(prev_hash=prev, seq=rec.seq, at_iso=rec.at.isoformat(), entry=rec)
            if digest != rec.hash:
                return ChainReport(checked, False, rec.seq, "content does not match its hash")
            prev, expected_seq, checked = rec.hash, expected_seq + 1, checked + 1
            last_seq = rec.seq
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.seq != last_seq or head.hash != prev):
        return ChainReport(checked, False, last_seq, "chain head does not match the last record (truncated?)")
    return ChainReport(checked, True)
