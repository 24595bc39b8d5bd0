"""HL7 v2 messages → clinflow events (pure: no Django, no ORM).

`map_message` reads a parsed message and returns what it means: the patient it describes (ADT) and
the events it carries (SIU, ORU, MDM), each with the HL7 location of every data field it filled, so
a contract-validation error (`data.patient.mrn`) is answered with the field the sender can fix
(`PID-3`). Problems are collected, not raised one by one: the ACK names all of them (up to 20).

| message | events |
| --- | --- |
| ADT^A01-A08, A11-A13, A28, A31 | none: the patient's demographics are kept for later messages |
| SIU^S12/S13/S14 | AppointmentBooked (S13/S14 re-book the same appointment_id) |
| SIU^S15/S16/S17 / SIU^S26 | AppointmentCancelled (cancelled, discontinued, deleted) / AppointmentNoShow |
| ORU^R01 | LabResultFinalized per OBX with a value whose status (OBX-11, else OBR-25) is F or C |
| MDM^T01-T10 | NoteUnsigned, or NoteSigned when TXA-17 is AU / LA (every MDM trigger carries TXA) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

import hl7

from hl7v2.parse import (
    DATA_TYPE_ERROR,
    REQUIRED_MISSING,
    TABLE_VALUE_NOT_FOUND,
    UNSUPPORTED_EVENT_CODE,
    UNSUPPORTED_MESSAGE_TYPE,
    Header,
    Hl7Problem,
    Refused,
    birth_date,
    dtm,
    get,
    loc,
    repetitions,
)

SUPPORTED: dict[str, dict[str, tuple[str, ...]]] = {
    # every ADT trigger that describes one patient (PID) without merging identities (A40 ... refused)
    "ADT": {t: () for t in ("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A11", "A12", "A13", "A28", "A31")},
    "SIU": {
        "S12": ("AppointmentBooked",),
        "S13": ("AppointmentBooked",),
        "S14": ("AppointmentBooked",),
        "S15": ("AppointmentCancelled",),
        "S16": ("AppointmentCancelled",),  # discontinued
        "S17": ("AppointmentCancelled",),  # deleted
        "S26": ("AppointmentNoShow",),
    },
    "ORU": {"R01": ("LabResultFinalized",)},
    "MDM": {f"T{n:02d}": ("NoteUnsigned", "NoteSigned") for n in range(1, 11)},
}
MAX_EVENTS = 500  # events from one message
FINAL_STATUSES = ("F", "C")  # final, corrected; P (preliminary) and the rest are acknowledged, not events
ABNORMAL_FLAGS = ("N", "L", "H", "LL", "HH", "A", "AA")
SIGNED_STATUSES = ("AU", "LA")  # TXA-17: authenticated, legally authenticated
UNSIGNED_STATUSES = ("DI", "DO", "IP", "IN", "PA")
SEX = {"F": "female", "M": "male", "O": "other", "A": "other", "X": "other", "U": "unknown", "N": "unknown"}
CODE_SYSTEMS = {"LN": "http://loinc.org", "SCT": "http://snomed.info/sct", "SNM": "http://snomed.info/sct"}
NULL = '""'  # HL7's explicit null: "delete the value"
NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
RANGE_RE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(?:-|–|\^)\s*([+-]?\d+(?:\.\d+)?)\s*$")
BOUND_RE = re.compile(r"^\s*(<=?|>=?)\s*([+-]?\d+(?:\.\d+)?)\s*$")
TEXT_TYPES = ("ST", "TX", "FT", "ID", "IS", "TS", "DT", "TM", "DTM")
CODED_TYPES = ("CWE", "CE", "CNE", "CF")


@dataclass
class Planned:
    """One event to store: its type, the suffix of its id (`<MSH-10><suffix>`), its data and the
    HL7 location of each data path it filled."""

    type: str
    suffix: str
    data: dict[str, Any]
    where: dict[str, str] = field(default_factory=dict)
    needs_facility: bool = True
    needs_patient: bool = True


@dataclass
class PatientFacts:
    """PID as read: None = not sent (keep what is known), "" = HL7 null (clear it)."""

    mrn: str
    name: str | None = None
    birth_date: str | None = None
    sex: str | None = None


@dataclass
class Mapped:
    event_types: tuple[str, ...]
    patient: PatientFacts | None
    events: list[Planned]
    facility_keys: list[tuple[str, str]]  # (field, value) candidates for the facility mapping
    notes: list[str]
    problems: list[Hl7Problem]


@dataclass(frozen=True)
class Context:
    tz: tzinfo  # for date/times without an offset
    today: date
    received_at: datetime


def _slug_part(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def slugify(value: str) -> str:
    """A clinflow slug for an HL7 code ('GH Clinic' → 'gh-clinic'); '' when nothing is left."""
    slug = _slug_part(value)[:64].strip("-")
    return slug


def source_uri(header: Header) -> str:
    """The CloudEvents `source` of a message: `urn:hl7:<MSH-3.1>:<MSH-4.1>`, lower-cased and slugged
    (an empty part is `-`)."""
    return f"urn:hl7:{_slug_part(header.sending_app) or '-'}:{_slug_part(header.sending_facility) or '-'}"[:255]


def check_type(header: Header) -> tuple[str, ...]:
    """The event types a message of this type can produce; raises Refused (AR) for a type or
    trigger this listener does not take."""
    triggers = SUPPORTED.get(header.message_type)
    if triggers is None:
        raise Refused(
            [
                Hl7Problem(
                    "MSH-9",
                    f"message type {header.type_text[:20]!r} is not accepted "
                    f"(accepted: {', '.join(f'{m}^{t}' for m, ts in SUPPORTED.items() for t in ts)})",
                    UNSUPPORTED_MESSAGE_TYPE,
                    reject=True,
                )
            ]
        )
    if header.trigger not in triggers:
        raise Refused(
            [
                Hl7Problem(
                    "MSH-9",
                    f"trigger event {header.type_text[:20]!r} is not accepted for {header.message_type} "
                    f"(accepted: {', '.join(triggers)})",
                    UNSUPPORTED_EVENT_CODE,
                    reject=True,
                )
            ]
        )
    return triggers[header.trigger]


class _Reader:
    """Collects problems while reading; each reader returns None when the value is unusable."""

    def __init__(self, message: hl7.Message, header: Header, ctx: Context):
        self.message, self.header, self.ctx = message, header, ctx
        self.problems: list[Hl7Problem] = []
        self.notes: list[str] = []
        self.counts: dict[str, int] = {}
        for seg in message:
            name = str(seg[0])
            self.counts[name] = self.counts.get(name, 0) + 1

    def seg(self, name: str) -> Any:
        try:
            return self.message.segment(name)
        except KeyError:
            return None

    def where(self, name: str, occurrence: int, n: int) -> str:
        return loc(name, occurrence, n, many=self.counts.get(name, 0) > 1)

    def fail(self, location: str, message: str, code: str = DATA_TYPE_ERROR) -> None:
        self.problems.append(Hl7Problem(location, message, code))

    def when(self, value: str, location: str) -> str | None:
        try:
            return dtm(value, location, self.ctx.tz).isoformat()
        except Refused as refused:
            self.problems.extend(refused.problems)
            return None

    def first_time(self, candidates: list[tuple[str, str]]) -> tuple[str | None, str]:
        """The first non-empty of (value, location), parsed; MSH-7, then the receipt time, last."""
        for value, location in candidates:
            if value:
                return self.when(value, location), location
        msh7 = get(self.seg("MSH"), 7)
        if msh7:
            return self.when(msh7, "MSH-7"), "MSH-7"
        self.notes.append("no message date/time (MSH-7): the time of receipt is used")
        return self.ctx.received_at.isoformat(), "MSH-7"


def _null(value: str) -> str | None:
    if value == NULL:
        return ""
    return value or None


def read_patient(r: _Reader) -> tuple[PatientFacts | None, dict[str, str]]:
    pid = r.seg("PID")
    if pid is None:
        r.fail("PID", "the PID segment (patient identification) is missing", REQUIRED_MISSING)
        return None, {}
    where = {"data.patient.mrn": "PID-3"}
    mrn = ""
    for rep in range(1, repetitions(pid, 3) + 1):
        if get(pid, 3, comp=5, rep=rep).upper() == "MR" and get(pid, 3, rep=rep):
            mrn = get(pid, 3, rep=rep)
            break
    mrn = mrn or get(pid, 3) or get(pid, 2)
    if not mrn or mrn == NULL:
        r.fail("PID-3", "no patient identifier (MRN) in PID-3", REQUIRED_MISSING)
        return None, where
    facts = PatientFacts(mrn=mrn)
    family, given = get(pid, 5, comp=1), get(pid, 5, comp=2)
    if family == NULL:
        facts.name = ""
    elif family or given:
        facts.name = " ".join(p for p in (given, family) if p and p != NULL)
        where["data.patient.name"] = "PID-5"
    raw_birth = get(pid, 7)
    if raw_birth == NULL:
        facts.birth_date = ""
    elif raw_birth:
        try:
            facts.birth_date = birth_date(raw_birth, "PID-7", r.ctx.today).isoformat()
            where["data.patient.birth_date"] = "PID-7"
        except Refused as refused:
            r.problems.extend(refused.problems)
    sex = get(pid, 8).upper()
    if sex == NULL:
        facts.sex = ""
    elif sex:
        if sex not in SEX:
            r.fail(
                "PID-8", f"{sex[:10]!r} is not a sex code of HL7 table 0001 (F, M, O, U, A, N)", TABLE_VALUE_NOT_FOUND
            )
        else:
            facts.sex = SEX[sex]
            where["data.patient.sex"] = "PID-8"
    return facts, where


def _facility_keys(r: _Reader) -> list[tuple[str, str]]:
    pv1 = r.seg("PV1")
    keys = []
    for value in (get(pv1, 3, comp=4), get(pv1, 3, comp=1)):
        if value and value != NULL:
            keys.append(("PV1-3", value))
    if r.header.sending_facility:
        keys.append(("MSH-4", r.header.sending_facility))
    return keys


def _minutes(amount: str, unit: str, location: str, r: _Reader) -> int | None:
    if not amount:
        return None
    if not NUMBER_RE.match(amount):
        r.fail(location, f"{amount[:20]!r} is not a number")
        return None
    unit = unit.strip().lower()
    factor = {"s": 1 / 60, "sec": 1 / 60, "second": 1 / 60, "seconds": 1 / 60, "h": 60, "hr": 60, "hour": 60}.get(
        unit, 60 if unit in ("hours", "hrs") else 1440 if unit in ("d", "day", "days") else 1
    )
    if unit and factor == 1 and unit not in ("min", "mins", "minute", "minutes", "m"):
        r.fail(location, f"duration unit {unit[:20]!r} is not understood (min, s, h, d)")
        return None
    minutes = round(float(amount) * factor)
    if not 1 <= minutes <= 1440:
        r.fail(location, f"a duration of {minutes} minutes is outside 1–1440 (one day)")
        return None
    return minutes


def _siu(r: _Reader, event_type: str, patient_where: dict[str, str]) -> list[Planned]:
    sch = r.seg("SCH")
    if sch is None:
        r.fail("SCH", "the SCH segment (schedule activity) is missing", REQUIRED_MISSING)
        return []
    appointment_id, id_where = (get(sch, 2), "SCH-2") if get(sch, 2) else (get(sch, 1), "SCH-1")
    if not appointment_id:
        r.fail("SCH-2", "no appointment id (SCH-2 filler or SCH-1 placer appointment id)", REQUIRED_MISSING)
        return []
    evn = r.seg("EVN")
    at, at_where = r.first_time([(get(evn, 2), "EVN-2")])
    if event_type in ("AppointmentCancelled", "AppointmentNoShow"):
        data: dict[str, Any] = {"appointment_id": appointment_id, "at": at}
        where = {"data.appointment_id": id_where, "data.at": at_where}
        reason = get(sch, 6, comp=2) or get(sch, 6)
        if reason:
            data["reason"], where["data.reason"] = reason, "SCH-6"
        return [Planned(event_type, "", data, where, needs_facility=False, needs_patient=False)]

    tq1, ais, ail, aip, pv1 = r.seg("TQ1"), r.seg("AIS"), r.seg("AIL"), r.seg("AIP"), r.seg("PV1")
    start_candidates = [
        (get(tq1, 7), "TQ1-7"),
        (get(ais, 4), "AIS-4"),
        (get(ail, 6), "AIL-6"),
        (get(aip, 6), "AIP-6"),
        (get(sch, 11, comp=4), "SCH-11"),
    ]
    starts_at, starts_where = None, "TQ1-7"
    for value, location in start_candidates:
        if value:
            starts_at, starts_where = r.when(value, location), location
            break
    else:
        r.fail("TQ1-7", "no appointment start (TQ1-7, AIS-4, AIL-6, AIP-6 or SCH-11.4)", REQUIRED_MISSING)
    duration, duration_where = None, "TQ1-8"
    if get(tq1, 7) and get(tq1, 8):
        try:
            span = dtm(get(tq1, 8), "TQ1-8", r.ctx.tz) - dtm(get(tq1, 7), "TQ1-7", r.ctx.tz)
            minutes = round(span.total_seconds() / 60)
            duration = minutes if 1 <= minutes <= 1440 else None  # derived: left out when implausible
        except Refused as refused:
            r.problems.extend(refused.problems)
    if duration is None and get(ais, 7):
        duration, duration_where = _minutes(get(ais, 7), get(ais, 8), "AIS-7", r), "AIS-7"
    elif duration is None and get(sch, 9):
        duration, duration_where = _minutes(get(sch, 9), get(sch, 10), "SCH-9", r), "SCH-9"
    booked_at, booked_where = r.first_time([(get(r.seg("EVN"), 2), "EVN-2")])
    department, dept_where = "general", "PV1-10"
    for value, location in ((get(pv1, 10), "PV1-10"), (get(ail, 3), "AIL-3"), (get(pv1, 3), "PV1-3")):
        if value and slugify(value):
            department, dept_where = slugify(value), location
            break
    # The visit type: a code (component 1) before its text, the first that fits the column (64).
    visit_type, visit_where = "appointment", "SCH-8"
    candidates = [
        (get(seg, n, comp=c), where)
        for seg, n, where in ((sch, 8, "SCH-8"), (sch, 7, "SCH-7"), (ais, 3, "AIS-3"))
        for c in (1, 2)
    ]
    for value, location in candidates:
        if value and len(value) <= 64:
            visit_type, visit_where = value, location
            break
        if value:
            r.notes.append(f"{location}: {len(value)} characters, too long for a visit type (64)")
    data = {
        "appointment_id": appointment_id,
        "department": department,
        "visit_type": visit_type,
        "booked_at": booked_at,
        "starts_at": starts_at,
    }
    where = {
        **patient_where,
        "data.appointment_id": id_where,
        "data.department": dept_where,
        "data.visit_type": visit_where,
        "data.booked_at": booked_where,
        "data.starts_at": starts_where,
    }
    provider, provider_where = (get(aip, 3), "AIP-3") if get(aip, 3) else (get(pv1, 7), "PV1-7")
    if provider:
        data["provider_id"], where["data.provider_id"] = provider, provider_where
    if duration is not None:
        data["duration_min"], where["data.duration_min"] = duration, duration_where
    return [Planned(event_type, "", data, where)]


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text and abs(value) < 2**53 else value


def _obx_value(r: _Reader, obx: Any, where: str) -> Any:
    """The result value of an OBX, None when it has none (or a type that is not a result value)."""
    kind = get(obx, 2).upper()
    values: list[int | float | str] = []
    for rep in range(1, repetitions(obx, 5) + 1):
        if kind == "NM":
            text = get(obx, 5, rep=rep)
            if not text:
                continue
            if not NUMBER_RE.match(text):
                r.fail(where, f"{text[:20]!r} is not a number (OBX-2 says NM)")
                return None
            values.append(_number(text))
        elif kind == "SN":
            comparator, first = get(obx, 5, comp=1, rep=rep), get(obx, 5, comp=2, rep=rep)
            separator, second = get(obx, 5, comp=3, rep=rep), get(obx, 5, comp=4, rep=rep)
            if first and not NUMBER_RE.match(first) or second and not NUMBER_RE.match(second):
                r.fail(where, "a structured numeric (SN) value must hold numbers in its 2nd and 4th components")
                return None
            if first and not comparator and not separator and not second:
                values.append(_number(first))
            elif first or second:
                values.append(f"{comparator}{first}{separator}{second}")
        elif kind in TEXT_TYPES or kind == "":
            text = get(obx, 5, rep=rep)
            if text:
                values.append(text)
        elif kind in CODED_TYPES:
            text = get(obx, 5, comp=2, rep=rep) or get(obx, 5, comp=1, rep=rep)
            if text:
                values.append(text)
        else:
            r.notes.append(f"{where}: value type {kind[:5]} is not a lab result value; not an event")
            return None
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return ", ".join(str(v) for v in values)


def _oru(r: _Reader, patient_where: dict[str, str]) -> list[Planned]:
    planned: list[Planned] = []
    obr: Any = None
    orc: Any = None
    obr_no = obx_in_obr = obx_no = 0
    obr_no_seen = 0
    for seg in r.message:
        name = str(seg[0])
        if name == "ORC":
            orc = seg
        elif name == "OBR":
            obr, obr_no_seen = seg, obr_no_seen + 1
            obr_no, obx_in_obr = obr_no_seen, 0
        elif name == "OBX":
            obx_no += 1
            obx_in_obr += 1
            value_where = r.where("OBX", obx_no, 5)
            status = (get(seg, 11) or get(obr, 25)).upper()
            value = _obx_value(r, seg, value_where)
            if value is None:
                continue
            if status not in FINAL_STATUSES:
                r.notes.append(f"{r.where('OBX', obx_no, 11)}: result status {status or '(none)'!r} is not final")
                continue
            code = get(seg, 3)
            if not code:
                r.fail(r.where("OBX", obx_no, 3), "the observation identifier (code) is missing", REQUIRED_MISSING)
                continue
            code_obj = {"code": code}
            if get(seg, 3, comp=2):
                code_obj["display"] = get(seg, 3, comp=2)
            system = get(seg, 3, comp=3)
            if system:
                code_obj["system"] = CODE_SYSTEMS.get(system.upper(), system)
            order = get(obr, 3) or get(obr, 2)
            result_id = f"{order or r.header.control_id}/{code}" + (f"/{get(seg, 4)}" if get(seg, 4) else "")
            obr_loc = f"OBR[{obr_no}]" if r.counts.get("OBR", 0) > 1 else "OBR"
            resulted_at, resulted_where = r.first_time(
                [
                    (get(seg, 19), r.where("OBX", obx_no, 19)),
                    (get(obr, 22), f"{obr_loc}-22"),
                    (get(seg, 14), r.where("OBX", obx_no, 14)),
                ]
            )
            data: dict[str, Any] = {
                "result_id": result_id,
                "code": code_obj,
                "value": value,
                "resulted_at": resulted_at,
            }
            where = {
                **patient_where,
                "data.result_id": f"{obr_loc}-3" if order else r.where("OBX", obx_no, 3),
                "data.code.code": r.where("OBX", obx_no, 3),
                "data.code.display": r.where("OBX", obx_no, 3),
                "data.code.system": r.where("OBX", obx_no, 3),
                "data.value": value_where,
                "data.resulted_at": resulted_where,
            }
            unit = get(seg, 6) or get(seg, 6, comp=2)
            if unit:
                data["unit"], where["data.unit"] = unit, r.where("OBX", obx_no, 6)
            reference = get(seg, 7)
            if match := RANGE_RE.match(reference):
                data["reference_low"], data["reference_high"] = _number(match[1]), _number(match[2])
            elif match := BOUND_RE.match(reference):
                data["reference_high" if match[1].startswith("<") else "reference_low"] = _number(match[2])
            elif reference:
                r.notes.append(f"{r.where('OBX', obx_no, 7)}: reference range {reference[:30]!r} not read")
            for rep in range(1, repetitions(seg, 8) + 1):
                flag = get(seg, 8, rep=rep).upper()
                if flag in ABNORMAL_FLAGS:
                    data["abnormal_flag"], where["data.abnormal_flag"] = flag, r.where("OBX", obx_no, 8)
                    break
            provider, provider_where = (get(obr, 16), f"{obr_loc}-16") if get(obr, 16) else (get(orc, 12), "ORC-12")
            if provider:
                data["ordering_provider_id"], where["data.ordering_provider_id"] = provider, provider_where
            planned.append(Planned("LabResultFinalized", f"/{obr_no}.{obx_in_obr}", data, where))
    return planned


def _mdm(r: _Reader, patient_where: dict[str, str]) -> list[Planned]:
    txa = r.seg("TXA")
    if txa is None:
        r.fail("TXA", "the TXA segment (transcription document header) is missing", REQUIRED_MISSING)
        return []
    note_id = get(txa, 12)
    if not note_id:
        r.fail("TXA-12", "no unique document number", REQUIRED_MISSING)
    status = get(txa, 17).upper()
    if not status:
        r.fail("TXA-17", "no document completion status", REQUIRED_MISSING)
    elif status not in SIGNED_STATUSES + UNSIGNED_STATUSES:
        r.fail(
            "TXA-17",
            f"{status[:10]!r} is not a completion status of HL7 table 0271 "
            f"({', '.join(UNSIGNED_STATUSES + SIGNED_STATUSES)})",
            TABLE_VALUE_NOT_FOUND,
        )
    if not note_id or status not in SIGNED_STATUSES + UNSIGNED_STATUSES:
        return []
    pv1 = r.seg("PV1")
    where = {**patient_where, "data.note_id": "TXA-12"}
    data: dict[str, Any] = {"note_id": note_id}
    if get(pv1, 19):
        data["encounter_id"], where["data.encounter_id"] = get(pv1, 19), "PV1-19"
    if status in SIGNED_STATUSES:
        signed_at, signed_where = r.first_time([(get(txa, 22, comp=15), "TXA-22"), (get(r.seg("EVN"), 2), "EVN-2")])
        data["at"], where["data.at"] = signed_at, signed_where  # contract v1.1: NoteSigned.at
        signer, signer_where = (get(txa, 22), "TXA-22") if get(txa, 22) else (get(txa, 10), "TXA-10")
        if signer:
            data["signed_by"], where["data.signed_by"] = signer, signer_where
        return [Planned("NoteSigned", "", data, where)]
    author, author_where = (get(txa, 9), "TXA-9") if get(txa, 9) else (get(txa, 5), "TXA-5")
    if not author:
        r.fail("TXA-9", "no author (TXA-9 originator or TXA-5 primary activity provider)", REQUIRED_MISSING)
        return []
    created_at, created_where = r.first_time([(get(txa, 6), "TXA-6"), (get(txa, 4), "TXA-4")])
    data.update(author_id=author, created_at=created_at)
    where.update({"data.author_id": author_where, "data.created_at": created_where})
    if get(txa, 2):
        data["note_type"], where["data.note_type"] = get(txa, 2), "TXA-2"
    return [Planned("NoteUnsigned", "", data, where)]


def map_message(message: hl7.Message, header: Header, ctx: Context) -> Mapped:
    """What the message means. Raises Refused (AR) for a type it does not take; content problems
    are returned in `problems` (AE)."""
    event_types = check_type(header)
    r = _Reader(message, header, ctx)
    msh7 = get(r.seg("MSH"), 7)
    if msh7:
        r.when(msh7, "MSH-7")
    patient, patient_where = read_patient(r)
    events: list[Planned] = []
    if header.message_type == "SIU":
        events = _siu(r, event_types[0], patient_where)
    elif header.message_type == "ORU":
        events = _oru(r, patient_where)
    elif header.message_type == "MDM":
        events = _mdm(r, patient_where)
    if len(events) > MAX_EVENTS:  # one message is one transaction and one ACK: keep both bounded
        r.fail("OBX", f"{len(events)} results in one message; at most {MAX_EVENTS} are accepted (split it)")
    return Mapped(
        event_types=event_types,
        patient=patient,
        events=events,
        facility_keys=_facility_keys(r),
        notes=r.notes,
        problems=list(dict.fromkeys(r.problems)),  # one problem once, in order
    )


def locate(errors: list[dict[str, str]], where: dict[str, str], fallback: str) -> list[Hl7Problem]:
    """Contract-validation errors (`data.patient.mrn: must be at most 64 characters`) as HL7
    problems at the field the data came from."""
    out = []
    for error in errors:
        path = error.get("field", "")
        location = where.get(path) or where.get(path.split("[")[0]) or fallback
        out.append(Hl7Problem(location, f"{error.get('message', 'is invalid')} ({path})", DATA_TYPE_ERROR))
    return out
