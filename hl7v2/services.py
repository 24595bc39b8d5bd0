"""Writes of the HL7 listener: one received message → its events (through ingest's event_ingest,
which writes their audit records) and its ACK.

`message_receive` is synchronous and runs in a worker thread of the listener, never on its event
loop. Its promise: AA is returned only after the message row and every event it produced have
committed; a database failure anywhere returns AE (condition 207) with nothing stored, and is
logged. A message refused before its source is known (no usable MSH, no control id, an unknown
sender) is answered and logged but not stored: there is no source to key it by.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import DatabaseError, IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from audit.models import AuditRecord
from audit.services import audit_record
from clinflow import problems
from hl7v2 import selectors
from hl7v2.ack import build_ack
from hl7v2.mapping import Context, Mapped, PatientFacts, Planned, locate, map_message, slugify, source_uri
from hl7v2.models import CONTROL_ID_MAX, Hl7Message, Hl7Patient
from hl7v2.parse import (
    DUPLICATE_KEY,
    INTERNAL_ERROR,
    REQUIRED_MISSING,
    UNKNOWN_KEY,
    UNSUPPORTED_VERSION,
    Header,
    Hl7Problem,
    Refused,
    decode,
    dtm,
    normalise,
    parse_message,
    read_header,
    storable,
    text_problems,
)
from ingest.models import IntegrationSource
from ingest.schemas import validate_envelope
from ingest.services import Outcome, event_ingest

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListenerConfig:
    """How the listener picks a message's source and facility (mllp_listen's options)."""

    source_name: str | None = None  # --source: every message is this source's
    default_facility: str | None = None  # --default-facility: when no alias and no single facility


@dataclass
class Answer:
    code: str
    ack: str
    control_id: str = ""
    message_type: str = ""
    repeat: bool = False
    event_ids: list[str] = field(default_factory=list)
    problems: list[Hl7Problem] = field(default_factory=list)
    source: str = ""

    @property
    def ack_bytes(self) -> bytes:
        return self.ack.encode("utf-8")


def _refuse(code: str, header: Header | None, problems_: list[Hl7Problem], message: Any = None) -> Answer:
    return Answer(
        code=code,
        ack=build_ack(code=code, header=header, message=message, problems=problems_),
        control_id=header.control_id[:CONTROL_ID_MAX] if header else "",
        message_type=header.type_text[:16] if header else "",
        problems=problems_,
    )


def _code(problems_: list[Hl7Problem]) -> str:
    return "AR" if any(p.reject for p in problems_) else "AE"


def message_receive(*, raw: bytes, config: ListenerConfig | None = None) -> Answer:
    """Decode, parse, map and store one message (the bytes inside an MLLP frame); returns its ACK.

    Transaction: the message row (unique per source and control id, locked for the whole work so a
    concurrent resend waits), the patient context and every event commit together, or nothing does.
    A control id this source already had accepted (AA) is answered with the stored ACK, unprocessed.
    Database connections are checked before and after (the listener's threads are long-lived)."""
    config = config or ListenerConfig()
    try:
        close_old_connections()
        return _receive(raw, config)
    except DatabaseError:
        logger.exception("hl7 message: database failure; answered AE, nothing stored")
        from hl7v2.metrics import STORAGE_FAILURES

        STORAGE_FAILURES.inc()
        try:
            connection.close()  # a broken connection must not serve the next message
        except Exception:
            logger.warning("hl7 message: could not close the failed database connection")
        header = _header_of(raw)
        problem = Hl7Problem("", "the message could not be stored (database error); resend it later", INTERNAL_ERROR)
        return _refuse("AE", header, [problem])
    except Exception:  # a bug must cost one AE, never an AA, a hang or the connection
        logger.exception("hl7 message: unexpected failure; answered AE, nothing stored")
        problem = Hl7Problem("", "the message could not be processed (internal error)", INTERNAL_ERROR)
        return _refuse("AE", _header_of(raw), [problem])
    finally:
        try:
            close_old_connections()
        except Exception:  # the database went away after the answer was made: the next message will say so
            logger.warning("hl7 message: could not tidy the database connection", exc_info=True)


def _header_of(raw: bytes) -> Header | None:
    try:
        return read_header(normalise(decode(raw)[0]))
    except Refused:
        return read_header(normalise(raw.decode("latin-1")))


def _receive(raw: bytes, config: ListenerConfig) -> Answer:
    try:
        text, decoded_as = decode(raw)
    except Refused as refused:
        return _refuse(_code(refused.problems), read_header(normalise(raw.decode("latin-1"))), refused.problems)
    text = normalise(text)
    header = read_header(text)
    if header is None:
        return _refuse(
            "AR",
            None,
            [Hl7Problem("MSH", "the message does not start with a valid MSH segment", REQUIRED_MISSING, True)],
        )
    if not header.control_id:
        return _refuse("AR", header, [Hl7Problem("MSH-10", "no message control id", REQUIRED_MISSING, True)])
    if header.version and not header.version.startswith("2"):
        return _refuse(
            "AR",
            header,
            [Hl7Problem("MSH-12", f"version {header.version[:10]!r} is not HL7 v2", UNSUPPORTED_VERSION, True)],
        )
    try:
        message = parse_message(text)
    except Refused as refused:
        return _refuse("AR", header, refused.problems)
    bad_text = text_problems(message)
    control_ok = len(header.control_id) <= CONTROL_ID_MAX and not any(p.location == "MSH-10" for p in bad_text)
    if not control_ok:
        if len(header.control_id) > CONTROL_ID_MAX:
            bad_text.append(Hl7Problem("MSH-10", f"the control id is longer than {CONTROL_ID_MAX} characters"))
        return _refuse("AE", header, bad_text, message)  # no key to store it under

    uri = source_uri(header)
    source = (
        selectors.source_named(name=config.source_name) if config.source_name else selectors.source_for_uri(uri=uri)
    )
    if source is None:
        why = (
            f"source {config.source_name!r} is not an active integration source"
            if config.source_name
            else f"no active integration source is bound to {uri!r} (MSH-3/MSH-4)"
        )
        return _refuse("AR", header, [Hl7Problem("MSH-3", why, UNKNOWN_KEY, True)], message)
    return _store(
        source=source,
        header=header,
        message=message,
        text=text,
        decoded_as=decoded_as,
        uri=uri,
        early_problems=bad_text,
        config=config,
    )


def _claim(*, source: IntegrationSource, header: Header, values: dict[str, Any]) -> tuple[Hl7Message, bool]:
    """The message row, new or (locked) existing. Race: two connections sending the same control id
    at once — the second INSERT waits on the unique index until the first commits, then conflicts,
    and SELECT ... FOR UPDATE reads the committed row (so it is answered as a repeat)."""
    try:
        with transaction.atomic():
            return Hl7Message.objects.create(integration_source=source, control_id=header.control_id, **values), True
    except IntegrityError:
        row = Hl7Message.objects.select_for_update().get(integration_source=source, control_id=header.control_id)
        return row, False


def _store(
    *,
    source: IntegrationSource,
    header: Header,
    message: Any,
    text: str,
    decoded_as: str,
    uri: str,
    early_problems: list[Hl7Problem],
    config: ListenerConfig,
) -> Answer:
    now = timezone.now()
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    values = {
        "source_uri": uri,
        "message_type": header.type_text[:16],
        "raw": storable(text),
        "raw_sha256": sha,
        "decoded_as": decoded_as,
        "ack_code": "",
        "ack": "",
        "received_at": now,
        "answered_at": now,
    }
    with transaction.atomic():
        row, created = _claim(source=source, header=header, values=values)
        if not created:
            if row.ack_code == Hl7Message.Ack.AA:
                row.receipts += 1
                row.save(update_fields=["receipts"])
                if row.raw_sha256 == sha:
                    return Answer(
                        code="AA",
                        ack=row.ack,
                        control_id=row.control_id,
                        message_type=row.message_type,
                        repeat=True,
                        event_ids=list(row.event_ids),
                        source=source.name,
                    )
                problem = Hl7Problem(
                    "MSH-10", "this control id was already accepted for a different message", DUPLICATE_KEY, True
                )
                answer = _refuse("AR", header, [problem], message)
                answer.source = source.name
                return answer  # the accepted row stays as it was
            for name, value in values.items():  # an AE/AR before: processed afresh
                setattr(row, name, value)
            row.receipts += 1
        problems_ = list(early_problems)
        event_ids: list[str] = []
        notes: list[str] = []
        if not problems_:
            try:
                with transaction.atomic():  # savepoint: the events and patient context, all or none
                    event_ids, notes = _apply(source=source, header=header, message=message, uri=uri, config=config)
            except Refused as refused:
                problems_ = refused.problems
        code = _code(problems_) if problems_ else "AA"
        ack = build_ack(code=code, header=header, message=message, problems=problems_)
        row.ack_code, row.ack, row.answered_at = code, ack, timezone.now()
        row.error = storable("; ".join(p.text for p in problems_))[:4000]
        row.event_ids, row.notes = event_ids, [storable(n)[:300] for n in notes[:50]]
        row.save()
    # committed: only now may an AA leave
    return Answer(
        code=code,
        ack=ack,
        control_id=header.control_id,
        message_type=header.type_text[:16],
        event_ids=event_ids,
        problems=problems_,
        source=source.name,
    )


def _apply(
    *, source: IntegrationSource, header: Header, message: Any, uri: str, config: ListenerConfig
) -> tuple[list[str], list[str]]:
    """Map and store: returns (event ids, notes); raises Refused (rolled back by the caller's savepoint)."""
    now = timezone.now()
    ctx = Context(tz=timezone.get_default_timezone(), today=timezone.localdate(now), received_at=now)
    mapped = map_message(message, header, ctx)
    if mapped.problems:
        raise Refused(mapped.problems)
    if header.message_type == "ADT":
        assert mapped.patient is not None  # read_patient reports a problem otherwise
        _patient_keep(source=source, facts=mapped.patient, control_id=header.control_id, now=now)
        return [], mapped.notes
    for planned in mapped.events:
        if not source.may_send(planned.type):
            raise Refused(
                [Hl7Problem("MSH-9", f"source {source.name!r} may not send {planned.type} events", reject=True)]
            )
    facility, facility_where = _facility(source=source, header=header, mapped=mapped, config=config)
    kept = selectors.patient_kept(source=source, mrn=mapped.patient.mrn) if mapped.patient else None
    time = _message_time(header, message, ctx)
    event_ids: list[str] = []
    for planned in mapped.events:
        envelope = _envelope(planned, header=header, uri=uri, time=time)
        if planned.needs_facility:
            envelope["data"]["facility"] = facility
            planned.where["data.facility"] = facility_where
        if planned.needs_patient and mapped.patient:
            envelope["data"]["patient"] = _patient(mapped.patient, kept)
        check = validate_envelope(envelope)
        if not check.ok:
            raise Refused(locate(check.errors, planned.where, header.type_text))
        try:
            result = event_ingest(source=source, envelope=envelope)
        except problems.Forbidden as refused:
            located = locate(refused.errors or [], {**planned.where, "source": "MSH-3", "type": "MSH-9"}, "MSH-3")
            raise Refused([Hl7Problem(p.location, p.message, p.code, reject=True) for p in located]) from None
        except problems.EventInvalid as invalid:
            raise Refused(locate(invalid.errors or [], planned.where, header.type_text)) from None
        if result.outcome is Outcome.CONFLICT:
            raise Refused(
                [
                    Hl7Problem(
                        "MSH-10",
                        f"event id {envelope['id'][:60]!r} was already stored with different content",
                        DUPLICATE_KEY,
                    )
                ]
            )
        event_ids.append(result.event_id)
    return event_ids, mapped.notes


def _message_time(header: Header, message: Any, ctx: Context) -> str | None:
    value = header.fields[7] if len(header.fields) > 7 else ""
    if not value:
        return None
    try:
        return dtm(value.split(header.encoding[0])[0], "MSH-7", ctx.tz).isoformat()
    except Refused:  # map_message has reported it already
        return None


def _envelope(planned: Planned, *, header: Header, uri: str, time: str | None) -> dict[str, Any]:
    envelope: dict[str, Any] = {
        "specversion": "1.0",
        "id": header.control_id + planned.suffix,
        "source": uri,
        "type": planned.type,
        "datacontenttype": "application/json",
        "data": dict(planned.data),
    }
    if time:
        envelope["time"] = time
    return envelope


def _patient(facts: PatientFacts, kept: Hl7Patient | None) -> dict[str, Any]:
    """The event's `patient`: the message's own PID values, else what ADT told us about this MRN."""
    patient: dict[str, Any] = {"mrn": facts.mrn}
    name = facts.name if facts.name is not None else (kept.name if kept else "")
    birth = facts.birth_date if facts.birth_date is not None else (_iso(kept.birth_date) if kept else "")
    sex = facts.sex if facts.sex is not None else (kept.sex if kept else "")
    for key, value in (("name", name), ("birth_date", birth), ("sex", sex)):
        if value:
            patient[key] = value
    return patient


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _facility(*, source: IntegrationSource, header: Header, mapped: Mapped, config: ListenerConfig) -> tuple[str, str]:
    """The facility slug: a FacilityAlias of this source for PV1-3 (facility, then point of care) or
    MSH-4; else the source's only facility; else --default-facility; else MSH-4 slugged."""
    aliases = selectors.facility_aliases(source=source) if mapped.facility_keys else {}
    for name, value in mapped.facility_keys:
        slug = aliases.get((name, value.lower()))
        if slug:
            return slug, name
    specific = [f for f in source.facilities or [] if f != "*"]
    if len(specific) == 1:
        return specific[0], "MSH-4"
    if config.default_facility:
        return config.default_facility, "MSH-4"
    slug = slugify(header.sending_facility)
    if not slug:
        raise Refused([Hl7Problem("MSH-4", "no facility: map PV1-3 or MSH-4 to a clinflow facility", REQUIRED_MISSING)])
    return slug, "MSH-4"


def _patient_keep(*, source: IntegrationSource, facts: PatientFacts, control_id: str, now: datetime) -> Hl7Patient:
    """ADT: keep the patient's demographics (values not sent stay, HL7 nulls clear), audited."""
    if len(facts.mrn) > 64:
        raise Refused([Hl7Problem("PID-3", "the MRN is longer than 64 characters")])
    if facts.name and len(facts.name) > 200:
        raise Refused([Hl7Problem("PID-5", "the name is longer than 200 characters")])
    patient = Hl7Patient.objects.select_for_update().filter(integration_source=source, mrn=facts.mrn).first()
    if patient is None:
        patient = Hl7Patient(integration_source=source, mrn=facts.mrn)
    if facts.name is not None:
        patient.name = facts.name
    if facts.birth_date is not None:
        patient.birth_date = date.fromisoformat(facts.birth_date) if facts.birth_date else None
    if facts.sex is not None:
        patient.sex = facts.sex
    patient.updated_at, patient.updated_by_control_id = now, control_id
    patient.save()
    audit_record(
        action="hl7.patient_kept",
        object_type="hl7_patient",
        object_id=patient.pk,
        actor=source.name,
        actor_type=AuditRecord.ActorType.SOURCE,
        data={
            "control_id": control_id,
            "fields": [k for k in ("name", "birth_date", "sex") if getattr(facts, k) is not None],
        },
    )
    return patient
