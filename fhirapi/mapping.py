"""FHIR R4 resources -> clinflow events (pure: no Django, no database).

The resource has already been validated with fhir.resources' R4B model (``fhirapi.validation``);
this module reads its JSON and says which events it means, each with the FHIR element every event
field came from (so an event field the event contract refuses is reported at its FHIR element).

Mappings (CONTRACT.md "v1.6 additions: FHIR R4"):

- Communication (a message about a patient: ``subject`` Patient) -> PatientMessageReceived. The
  body is the ``payload[].contentString`` parts joined by blank lines; the channel comes from
  ``medium`` (phone/verbal -> phone, sms -> sms, anything else -> portal); received_at from
  ``received``, else ``sent``, else ``meta.lastUpdated``.
- Appointment by status: booked -> AppointmentBooked; proposed / pending / waitlist ->
  AppointmentRequested; cancelled / entered-in-error -> AppointmentCancelled; noshow ->
  AppointmentNoShow; fulfilled -> AppointmentCompleted; arrived / checked-in -> nothing to act on.
- DiagnosticReport with contained or Bundle-resolved Observations, and Observation alone ->
  LabResultFinalized, one per result with a value (valueQuantity / valueString / valueCodeableConcept /
  valueBoolean / valueInteger), status final / amended / corrected / appended only; interpretation
  (v3 ObservationInterpretation N/L/H/LL/HH/A/AA) and referenceRange low/high carried over.
- Task whose ``focus`` is an order (ServiceRequest, MedicationRequest, ...) -> OrderUnsigned while it
  is open, OrderSigned once completed; whose focus is a note (DocumentReference, Composition) ->
  NoteUnsigned / NoteSigned. Other Tasks: nothing to act on.

References the payload cannot resolve (a patient only as ``Patient/123``) are kept as identifiers:
the MRN is the referenced Patient's MR identifier when the Patient is contained or in the Bundle,
else the reference's identifier, else the reference itself ("Patient/123").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

MAX_MRN = 64
SLUG_MAX = 64
ORDER_TYPES = frozenset(
    {
        "ServiceRequest",
        "MedicationRequest",
        "DeviceRequest",
        "NutritionOrder",
        "VisionPrescription",
        "CommunicationRequest",
        "ImmunizationRecommendation",
    }
)
NOTE_TYPES = frozenset({"DocumentReference", "Composition"})
OPEN_TASK = frozenset({"draft", "requested", "received", "accepted", "ready", "in-progress", "on-hold"})
FINAL_RESULT = frozenset({"final", "amended", "corrected", "appended"})
# v3 ObservationInterpretation -> the event's abnormal_flag (POS/DET: abnormal; NEG/ND: normal)
INTERPRETATION = {
    "N": "N",
    "L": "L",
    "H": "H",
    "LL": "LL",
    "HH": "HH",
    "A": "A",
    "AA": "AA",
    "LU": "LL",
    "HU": "HH",
    "POS": "A",
    "DET": "A",
    "NEG": "N",
    "ND": "N",
}
SIGN_CODES = frozenset({"approve", "sign"})  # Task.code: the focal order / note awaits its author's signature
APPOINTMENT_EVENT = {
    "booked": "AppointmentBooked",
    "proposed": "AppointmentRequested",
    "pending": "AppointmentRequested",
    "waitlist": "AppointmentRequested",
    "cancelled": "AppointmentCancelled",
    "entered-in-error": "AppointmentCancelled",
    "noshow": "AppointmentNoShow",
    "fulfilled": "AppointmentCompleted",
}
SUPPORTED = ("Communication", "Appointment", "DiagnosticReport", "Observation", "Task")
CONTEXT_ONLY = frozenset({"Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Encounter"})


class MappingError(ValueError):
    """The resource is valid FHIR but cannot become a clinflow event: `path` names the element."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Mapped:
    """One event a resource means: its type, data, the suffix that makes its id unique within the
    resource version, and {event data field: FHIR element} for error messages."""

    event_type: str
    data: dict[str, Any]
    suffix: str = ""
    paths: dict[str, str] = field(default_factory=dict)
    # the resource the event's id is made of, when not the one sent (a report's Observation: its own
    # id and version, so that it is the same event whether sent alone or inside its report)
    base: str = ""
    version: str = ""


@dataclass
class Result:
    """What one resource means: the events (possibly none) and notes for the answer's OperationOutcome."""

    resource_type: str
    resource_id: str
    version: str
    events: list[Mapped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    consumed: set[str] = field(default_factory=set)  # references of Bundle entries this one used
    received_time: bool = False  # a time the resource lacks was taken as when clinflow received it


class Context:
    """Resolves references against the resource's contained resources and the Bundle's entries
    (by fullUrl and by "Type/id")."""

    def __init__(self, entries: dict[str, dict[str, Any]] | None = None, *, now: str = "") -> None:
        self.entries = dict(entries or {})
        self.contained: dict[str, dict[str, Any]] = {}
        self.now = now or datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

    def with_contained(self, resource: dict[str, Any]) -> Context:
        ctx = Context(self.entries, now=self.now)
        for c in resource.get("contained") or []:
            if isinstance(c, dict) and c.get("id"):
                ctx.contained["#" + str(c["id"])] = c
        return ctx

    def resolve(self, reference: Any) -> dict[str, Any] | None:
        if not isinstance(reference, dict):
            return None
        ref = reference.get("reference")
        if not isinstance(ref, str):
            return None
        if ref.startswith("#"):
            return self.contained.get(ref)
        found = self.entries.get(ref)
        if found is None and "/_history/" in ref:
            found = self.entries.get(ref.split("/_history/")[0])
        if found is None and re.match(r"^https?://", ref):
            tail = "/".join(ref.rstrip("/").split("/")[-2:])
            found = self.entries.get(tail)
        return found


def resource_version(resource: dict[str, Any]) -> str:
    """meta.versionId, else meta.lastUpdated, else a hash of the resource's content: a resend of the
    same content is a repeat, a changed resource without a version a new event."""
    meta = resource.get("meta") or {}
    if meta.get("versionId"):
        return str(meta["versionId"])
    if meta.get("lastUpdated"):
        return str(meta["lastUpdated"])
    canonical = json.dumps(resource, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def fhir_datetime(value: Any) -> str | None:
    """A FHIR date / dateTime / instant as RFC 3339 with an offset (a date is its midnight UTC; a
    year or year-month is refused: too vague for a clinical timestamp)."""
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value + "T00:00:00Z"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})", value):
        return value
    return None


def _slug(text: Any, default: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(text or "").lower()).strip("-")[:SLUG_MAX].strip("-")
    return slug if slug and slug[0].isalnum() else default


def _display(concept: Any) -> str:
    """A CodeableConcept as a person reads it: its text, else a coding's display, else its code."""
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and (coding.get("display") or coding.get("code")):
            return str(coding.get("display") or coding.get("code"))
    return ""


def _codes(concept: Any) -> list[tuple[str, str]]:
    if not isinstance(concept, dict):
        return []
    return [
        (str(c.get("system") or ""), str(c.get("code") or ""))
        for c in concept.get("coding") or []
        if isinstance(c, dict) and c.get("code")
    ]


def _reference_text(reference: Any) -> str:
    if not isinstance(reference, dict):
        return ""
    if isinstance(reference.get("reference"), str):
        return reference["reference"]
    ident = reference.get("identifier") or {}
    if isinstance(ident, dict) and ident.get("value"):
        return str(ident["value"])
    return str(reference.get("display") or "")


def patient_of(reference: Any, ctx: Context, path: str) -> dict[str, Any]:
    """The event's `patient` from a reference to a Patient (see the module docstring)."""
    if not isinstance(reference, dict):
        raise MappingError(path, "is required: the patient this is about")
    ref = reference.get("reference")
    if isinstance(ref, str) and not ref.startswith("#") and "Patient/" not in ref and not ref.startswith("urn:"):
        raise MappingError(path, f"must reference a Patient, not {ref.split('/')[0]!r}")
    patient: dict[str, Any] = {}
    resolved = ctx.resolve(reference)
    if resolved is not None and resolved.get("resourceType") != "Patient":
        raise MappingError(path, f"must reference a Patient, not a {resolved.get('resourceType')}")
    if resolved is not None:
        patient["mrn"] = _mrn(resolved) or (f"Patient/{resolved['id']}" if resolved.get("id") else "")
        name = _human_name(resolved.get("name"))
        if name:
            patient["name"] = name
        if isinstance(resolved.get("birthDate"), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", resolved["birthDate"]):
            patient["birth_date"] = resolved["birthDate"]
        if resolved.get("gender") in ("male", "female", "other", "unknown"):
            patient["sex"] = resolved["gender"]
    if not patient.get("mrn"):
        ident = reference.get("identifier")
        if isinstance(ident, dict) and ident.get("value"):
            patient["mrn"] = str(ident["value"])
        elif isinstance(ref, str) and ref and not ref.startswith(("#", "urn:")):
            patient["mrn"] = ref.split("/_history/")[0]
    if not patient.get("mrn"):
        raise MappingError(
            path, "names no patient: give a reference (Patient/123), an identifier or a contained Patient"
        )
    if len(patient["mrn"]) > MAX_MRN:
        raise MappingError(path, f"the patient identifier is longer than {MAX_MRN} characters")
    if "name" not in patient and reference.get("display"):
        patient["name"] = str(reference["display"])[:200]
    return patient


def _mrn(patient: dict[str, Any]) -> str:
    """The Patient's medical record number: an identifier typed MR, else its first identifier."""
    idents = [i for i in patient.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
    for ident in idents:
        if ("http://terminology.hl7.org/CodeSystem/v2-0203", "MR") in _codes(ident.get("type")) or any(
            code == "MR" for _, code in _codes(ident.get("type"))
        ):
            return str(ident["value"])
    return str(idents[0]["value"]) if idents else ""


def _human_name(names: Any) -> str:
    for n in names or []:
        if not isinstance(n, dict):
            continue
        if n.get("text"):
            return str(n["text"])[:200]
        parts = [*(n.get("given") or []), n.get("family") or ""]
        text = " ".join(str(p) for p in parts if p)
        if text:
            return text[:200]
    return ""


def _when(resource: dict[str, Any], rt: str, *fields: str, required: bool = True) -> tuple[str, str]:
    """The first of `fields` that holds a usable date-time, with its FHIR path ("effectivePeriod"
    reads its start); else meta.lastUpdated; ("", "") when none and not `required`."""
    for name in fields:
        value = resource.get(name)
        if value is None:
            continue
        where = f"{rt}.{name}"
        if name.endswith("Period") and isinstance(value, dict):
            value, where = value.get("start"), f"{where}.start"
            if value is None:
                continue
        converted = fhir_datetime(value)
        if converted is None:
            raise MappingError(where, "must be a full date or date-time with a timezone")
        return converted, where
    converted = fhir_datetime((resource.get("meta") or {}).get("lastUpdated"))
    if converted:
        return converted, f"{rt}.meta.lastUpdated"
    if not required:
        return "", ""
    raise MappingError(f"{rt}.{fields[0]}", "is required: when it happened")


def _end_of(value: Any) -> str | None:
    """An end as a date-time: a date alone is the end of that day."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value + "T23:59:59Z"
    return fhir_datetime(value)


# --- per resource type -------------------------------------------------------------------------
def map_communication(r: dict[str, Any], ctx: Context, facility: str) -> Result:
    result = _result(r)
    patient = patient_of(r.get("subject"), ctx, "Communication.subject")
    texts, first = [], None
    for i, part in enumerate(r.get("payload") or []):
        if isinstance(part, dict) and isinstance(part.get("contentString"), str) and part["contentString"].strip():
            texts.append(part["contentString"])
            first = first if first is not None else i
    if not texts:
        raise MappingError("Communication.payload", "holds no text (payload[].contentString): nothing to read")
    channel = "portal"
    for medium in r.get("medium") or []:
        codes = {code.upper() for _, code in _codes(medium)} | {_display(medium).upper()}
        if codes & {"PHONE", "VERBAL", "VOICE", "TELEPHONE"}:
            channel = "phone"
        elif codes & {"SMS", "TEXT"}:
            channel = "sms"
    received, when_path = _when(r, "Communication", "received", "sent")
    data: dict[str, Any] = {
        "message_id": f"Communication/{r.get('id')}" if r.get("id") else result.resource_id,
        "patient": patient,
        "facility": facility,
        "channel": channel,
        "body": "\n\n".join(texts),
        "received_at": received,
    }
    topic = _display(r.get("topic")) or ", ".join(_display(c) for c in r.get("category") or [] if _display(c))
    if topic:
        data["subject"] = topic[:255]
    body_path = f"Communication.payload[{first}].contentString" if len(texts) == 1 else "Communication.payload"
    result.events.append(
        Mapped(
            "PatientMessageReceived",
            data,
            paths={
                "body": body_path,
                "patient": "Communication.subject",
                "received_at": when_path,
                "subject": "Communication.topic",
                "message_id": "Communication.id",
            },
        )
    )
    return result


def map_appointment(r: dict[str, Any], ctx: Context, facility: str) -> Result:
    result = _result(r)
    status = r.get("status")
    event_type = APPOINTMENT_EVENT.get(str(status))
    if event_type is None:
        result.notes.append(f"Appointment.status {status!r}: nothing for clinflow to act on")
        return result
    appointment_id = f"Appointment/{r['id']}" if r.get("id") else result.resource_id
    patient_ref, patient_path = None, "Appointment.participant"
    provider = ""
    for i, p in enumerate(r.get("participant") or []):
        actor = (p or {}).get("actor") if isinstance(p, dict) else None
        ref = (actor or {}).get("reference") if isinstance(actor, dict) else None
        resolved = ctx.resolve(actor)
        kind = (resolved or {}).get("resourceType") or (ref.split("/")[0] if isinstance(ref, str) else "")
        if kind == "Patient" and patient_ref is None:
            patient_ref, patient_path = actor, f"Appointment.participant[{i}].actor"
        elif kind in ("Practitioner", "PractitionerRole") and not provider:
            provider = _reference_text(actor)[:64]
    paths = {"appointment_id": "Appointment.id"}
    if event_type in ("AppointmentCancelled", "AppointmentNoShow", "AppointmentCompleted"):
        at, at_path = _when(r, "Appointment", "end" if event_type == "AppointmentCompleted" else "start")
        if event_type == "AppointmentCancelled":
            at_path = "Appointment.meta.lastUpdated"
            at = fhir_datetime((r.get("meta") or {}).get("lastUpdated")) or at
        data: dict[str, Any] = {"appointment_id": appointment_id, "at": at}
        reason = _display(r.get("cancelationReason")) or ("entered in error" if status == "entered-in-error" else "")
        if reason:
            data["reason"] = reason[:2000]
        paths.update(at=at_path, reason="Appointment.cancelationReason")
        result.events.append(Mapped(event_type, data, suffix=f":{event_type}", paths=paths))
        return result
    patient = patient_of(patient_ref, ctx, patient_path)
    department = _slug(
        _display((r.get("specialty") or [None])[0]) or _display((r.get("serviceCategory") or [None])[0]), "general"
    )
    visit_type = (_display(r.get("appointmentType")) or _display((r.get("serviceType") or [None])[0]) or "visit")[:64]
    if event_type == "AppointmentRequested":
        requested, req_path = _when(r, "Appointment", "created", required=False)
        if not requested:
            requested, req_path = ctx.now, "Appointment.created"
            result.notes.append("Appointment.created absent: requested_at is when clinflow first received it")
            result.received_time = True
        data = {
            "request_id": appointment_id,
            "patient": patient,
            "facility": facility,
            "department": department,
            "visit_type": visit_type,
            "requested_at": requested,
        }
        reason = _display((r.get("reasonCode") or [None])[0]) or str(r.get("description") or "")
        if reason:
            data["reason"] = reason[:2000]
        slot = (r.get("requestedPeriod") or [{}])[0] or {}
        for key, fhir_key in (("preferred_start", "start"), ("preferred_end", "end")):
            read = fhir_datetime if fhir_key == "start" else _end_of
            value = read(slot.get(fhir_key) if isinstance(slot, dict) else None) or read(r.get(fhir_key))
            if value:
                data[key] = value
        paths.update(
            request_id="Appointment.id",
            patient=patient_path,
            requested_at=req_path,
            preferred_start="Appointment.requestedPeriod[0].start",
            preferred_end="Appointment.requestedPeriod[0].end",
            reason="Appointment.reasonCode[0]",
        )
        result.events.append(Mapped(event_type, data, suffix=f":{event_type}", paths=paths))
        return result
    starts = fhir_datetime(r.get("start"))
    if starts is None:
        raise MappingError("Appointment.start", "is required for a booked appointment (a date-time with a timezone)")
    booked, booked_path = _when(r, "Appointment", "created", required=False)
    if not booked:
        booked, booked_path = ctx.now, "Appointment.created"
        result.notes.append("Appointment.created absent: booked_at is when clinflow first received it")
        result.received_time = True
    data = {
        "appointment_id": appointment_id,
        "patient": patient,
        "facility": facility,
        "department": department,
        "visit_type": visit_type,
        "booked_at": booked,
        "starts_at": starts,
    }
    if provider:
        data["provider_id"] = provider
    if isinstance(r.get("minutesDuration"), int) and 1 <= r["minutesDuration"] <= 24 * 60:
        data["duration_min"] = r["minutesDuration"]
    else:
        end = fhir_datetime(r.get("end"))
        if end:
            minutes = int((_parse(end) - _parse(starts)).total_seconds() // 60)
            if 1 <= minutes <= 24 * 60:
                data["duration_min"] = minutes
    paths.update(
        patient=patient_path,
        booked_at=booked_path,
        starts_at="Appointment.start",
        duration_min="Appointment.minutesDuration",
        provider_id="Appointment.participant",
        department="Appointment.specialty",
        visit_type="Appointment.appointmentType",
    )
    result.events.append(Mapped(event_type, data, suffix=f":{event_type}", paths=paths))
    return result


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _value(node: dict[str, Any], path: str) -> tuple[Any, str, str] | None:
    """(value, unit, FHIR path) of an Observation's or a component's value[x]; None without one."""
    q = node.get("valueQuantity")
    if isinstance(q, dict) and isinstance(q.get("value"), int | float) and not isinstance(q.get("value"), bool):
        comparator = q.get("comparator") or ""
        value = f"{comparator}{q['value']}" if comparator else q["value"]
        return value, str(q.get("unit") or q.get("code") or ""), f"{path}.valueQuantity.value"
    if isinstance(node.get("valueString"), str):
        return node["valueString"], "", f"{path}.valueString"
    if isinstance(node.get("valueCodeableConcept"), dict) and _display(node["valueCodeableConcept"]):
        return _display(node["valueCodeableConcept"]), "", f"{path}.valueCodeableConcept"
    if isinstance(node.get("valueBoolean"), bool):
        return ("positive" if node["valueBoolean"] else "negative"), "", f"{path}.valueBoolean"
    if isinstance(node.get("valueInteger"), int) and not isinstance(node.get("valueInteger"), bool):
        return node["valueInteger"], "", f"{path}.valueInteger"
    if isinstance(node.get("valueDateTime"), str):
        return node["valueDateTime"], "", f"{path}.valueDateTime"
    return None


def _flag(node: dict[str, Any]) -> str:
    for concept in node.get("interpretation") or []:
        for _, c in _codes(concept):
            if c.upper() in INTERPRETATION:
                return INTERPRETATION[c.upper()]
    return ""


def _range(node: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    ranges = node.get("referenceRange") or []
    first = ranges[0] if ranges and isinstance(ranges[0], dict) else {}
    for key, fhir_key in (("reference_low", "low"), ("reference_high", "high")):
        q = first.get(fhir_key)
        if isinstance(q, dict) and isinstance(q.get("value"), int | float) and not isinstance(q.get("value"), bool):
            out[key] = q["value"]
    return out


def _code(concept: Any, path: str) -> dict[str, Any]:
    codes = _codes(concept)
    chosen = next(((s, c) for s, c in codes if "loinc" in s), codes[0] if codes else None)
    if chosen is None and not _display(concept):
        raise MappingError(path, "is required: which test this is")
    code: dict[str, Any] = (
        {"system": (chosen[0] or "unknown")[:200], "code": chosen[1][:64]}
        if chosen
        else {"system": "text", "code": _display(concept)[:64]}
    )
    if _display(concept):
        code["display"] = _display(concept)[:200]
    return code


def _orderer(r: dict[str, Any], report: dict[str, Any] | None, ctx: Context) -> str:
    """Who ordered the test: the requester of the ServiceRequest it is basedOn (contained or in the
    Bundle) — not its performer, the lab. "" when not resolvable."""
    for node in (r, report or {}):
        for ref in node.get("basedOn") or []:
            request = ctx.resolve(ref)
            if isinstance(request, dict) and request.get("resourceType") == "ServiceRequest":
                text = _reference_text(request.get("requester"))
                if text:
                    return text[:255]
    return ""


def map_observation(
    r: dict[str, Any], ctx: Context, facility: str, *, path: str = "Observation", report: dict | None = None
) -> list[Mapped] | str:
    """The LabResultFinalized events of one Observation — its value, else each component's value —
    or the reason (a note) it makes none."""
    status = r.get("status")
    if status not in FINAL_RESULT:
        return f"{path}.status {status!r}: only final results are acted on"
    values: list[
        tuple[Any, str, str, dict[str, Any], dict[str, Any], str]
    ] = []  # value, unit, path, code, node, suffix
    own = _value(r, path)
    if own is not None:
        values.append((*own, _code(r.get("code"), f"{path}.code"), r, ""))
    else:
        for i, component in enumerate(r.get("component") or []):
            if not isinstance(component, dict):
                continue
            found = _value(component, f"{path}.component[{i}]")
            if found is not None:
                code = _code(component.get("code"), f"{path}.component[{i}].code")
                values.append((*found, code, component, f"#component-{i}"))
    if not values:
        return f"{path}: no value (value[x] or component values): nothing to act on"
    subject = r.get("subject") or (report or {}).get("subject")
    subject_path = f"{path}.subject" if r.get("subject") else "DiagnosticReport.subject"
    patient = patient_of(subject, ctx, subject_path)
    when, when_path = _when(r, path, "issued", "effectiveDateTime", "effectivePeriod", required=report is None)
    if not when and report is not None:
        when, when_path = _when(report, "DiagnosticReport", "issued", "effectiveDateTime", "effectivePeriod")
    orderer = _orderer(r, report, ctx)
    base = f"Observation/{r['id']}" if r.get("id") else ""
    out = []
    for value, unit, value_path, code, node, suffix in values:
        data: dict[str, Any] = {
            "result_id": (base or path) + suffix,
            "patient": patient,
            "facility": facility,
            "code": code,
            "value": value,
            "resulted_at": when,
            **_range(node),
        }
        if unit:
            data["unit"] = unit[:64]
        flag = _flag(node) or (_flag(r) if node is not r else "")
        if flag:
            data["abnormal_flag"] = flag
        if orderer:
            data["ordering_provider_id"] = orderer
        out.append(
            Mapped(
                "LabResultFinalized",
                data,
                suffix=suffix if base or report is None else f":{path}{suffix}",
                base=base if report is not None else "",
                version=resource_version(r) if report is not None and base else "",
                paths={
                    "value": value_path,
                    "patient": subject_path,
                    "code": f"{path}.code",
                    "unit": f"{path}.valueQuantity.unit",
                    "resulted_at": when_path,
                    "reference_low": f"{path}.referenceRange[0].low",
                    "reference_high": f"{path}.referenceRange[0].high",
                    "result_id": f"{path}.id",
                },
            )
        )
    return out


def map_observation_alone(r: dict[str, Any], ctx: Context, facility: str) -> Result:
    result = _result(r)
    mapped = map_observation(r, ctx, facility)
    if isinstance(mapped, str):
        result.notes.append(mapped)
    else:
        result.events.extend(mapped)
    return result


def map_diagnostic_report(r: dict[str, Any], ctx: Context, facility: str) -> Result:
    result = _result(r)
    if r.get("status") not in FINAL_RESULT:
        result.notes.append(f"DiagnosticReport.status {r.get('status')!r}: only final reports are acted on")
        return result
    unresolved = []
    for i, ref in enumerate(r.get("result") or []):
        obs = ctx.resolve(ref)
        if obs is None:
            unresolved.append(_reference_text(ref))
            continue
        if obs.get("resourceType") != "Observation":
            raise MappingError(f"DiagnosticReport.result[{i}]", "must reference an Observation")
        mapped = map_observation(obs, ctx, facility, path=f"DiagnosticReport.result[{i}].resolve()", report=r)
        if isinstance(mapped, str):
            result.notes.append(mapped)
        else:
            result.events.extend(mapped)
        if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
            result.consumed.add(ref["reference"])
    if unresolved:
        result.notes.append(
            "DiagnosticReport.result: "
            + ", ".join(unresolved)
            + " not included (send the Observations contained, in the same Bundle, or on their own)"
        )
    if not result.events and not unresolved and not result.notes:
        result.notes.append("DiagnosticReport.result: no results: nothing to act on")
    return result


def _is_signature_task(r: dict[str, Any]) -> bool:
    """A Task asking the author to sign (approve) its focus: Task.code approve / sign, or a code or
    business status text that speaks of signing."""
    if any(code.lower() in SIGN_CODES for _, code in _codes(r.get("code"))):
        return True
    texts = " ".join([_display(r.get("code")), _display(r.get("businessStatus"))]).lower()
    return bool(re.search(r"\b(sign|signature|unsigned|cosign|co-sign|countersign)", texts))


def map_task(r: dict[str, Any], ctx: Context, facility: str) -> Result:
    result = _result(r)
    focus = r.get("focus")
    ref = (focus or {}).get("reference") if isinstance(focus, dict) else None
    resolved = ctx.resolve(focus)
    kind = (resolved or {}).get("resourceType") or (ref.split("/")[0] if isinstance(ref, str) and "/" in ref else "")
    is_order, is_note = kind in ORDER_TYPES, kind in NOTE_TYPES
    if not (is_order or is_note):
        result.notes.append(
            f"Task.focus {kind or 'missing'}: only Tasks about an order or a note (unsigned) are acted on"
        )
        return result
    if not _is_signature_task(r):
        result.notes.append(
            "Task.code: not a signature task (code approve or sign): fulfilment of an order is not clinflow's to track"
        )
        return result
    status = r.get("status")
    if status == "completed":
        event_type = "OrderSigned" if is_order else "NoteSigned"
    elif status in OPEN_TASK:
        event_type = "OrderUnsigned" if is_order else "NoteUnsigned"
    else:
        result.notes.append(f"Task.status {status!r}: nothing for clinflow to act on")
        return result
    item_id = (ref.split("/_history/")[0] if isinstance(ref, str) else "") or f"{kind}/{(resolved or {}).get('id', '')}"
    key = "order_id" if is_order else "note_id"
    patient = patient_of(r.get("for") or (resolved or {}).get("subject"), ctx, "Task.for")
    data: dict[str, Any] = {key: item_id, "patient": patient, "facility": facility}
    encounter = _reference_text(r.get("encounter"))
    if encounter:
        data["encounter_id"] = encounter[:255]
    paths = {key: "Task.focus", "patient": "Task.for", "encounter_id": "Task.encounter"}
    if event_type.endswith("Signed"):
        signed, signed_path = _when(r, "Task", "lastModified", "authoredOn")
        data["at"] = signed
        owner = _reference_text(r.get("owner"))
        if owner:
            data["signed_by"] = owner[:150]
        paths.update(at=signed_path, signed_by="Task.owner")
    else:
        author = ""
        for key in ("owner", "requester"):  # the one who must sign: never the patient asking for it
            ref = r.get(key)
            target = ctx.resolve(ref)
            kind = (target or {}).get("resourceType") or _reference_text(ref).split("/")[0]
            if kind not in ("Patient", "RelatedPerson") and _reference_text(ref):
                author = _reference_text(ref)
                break
        if not author:
            raise MappingError("Task.owner", "is required: the practitioner who must sign (not the patient)")
        authored, authored_path = _when(r, "Task", "authoredOn", "lastModified")
        data["author_id"] = author[:255]
        type_text = _display(r.get("code")) or _display((resolved or {}).get("code")) or kind
        data["order_type" if is_order else "note_type"] = type_text[:255]
        data["ordered_at" if is_order else "created_at"] = authored
        paths.update(author_id="Task.owner", ordered_at=authored_path, created_at=authored_path)
    result.events.append(Mapped(event_type, data, suffix=f":{event_type}", paths=paths))
    return result


MAPPERS = {
    "Communication": map_communication,
    "Appointment": map_appointment,
    "DiagnosticReport": map_diagnostic_report,
    "Observation": map_observation_alone,
    "Task": map_task,
}


def _result(r: dict[str, Any]) -> Result:
    rt = str(r.get("resourceType"))
    rid = str(r.get("id") or "")
    return Result(resource_type=rt, resource_id=f"{rt}/{rid}" if rid else rt, version=resource_version(r))


def map_resource(resource: dict[str, Any], ctx: Context | None, facility: str) -> Result:
    """The events one validated resource means (raises MappingError naming the element)."""
    rt = resource.get("resourceType")
    mapper = MAPPERS.get(str(rt))
    if mapper is None:
        raise MappingError(f"{rt}", f"is not a resource clinflow accepts; one of: {', '.join(SUPPORTED)}")
    return mapper(resource, (ctx or Context()).with_contained(resource), facility)


FACILITY_EXTENSION = "http://clinflow.org/fhir/StructureDefinition/facility"


def facility_hint(resource: dict[str, Any]) -> tuple[str, str] | None:
    """A facility the resource names itself: the clinflow facility extension (valueCode / valueString)
    on the resource, else the id of a Location it references. (slug candidate, FHIR path)."""
    rt = resource.get("resourceType")
    for i, ext in enumerate(resource.get("extension") or []):
        if isinstance(ext, dict) and ext.get("url") == FACILITY_EXTENSION:
            value = ext.get("valueCode") or ext.get("valueString")
            if isinstance(value, str):
                return value, f"{rt}.extension[{i}]"
    for i, p in enumerate(resource.get("participant") or []):
        ref = ((p or {}).get("actor") or {}).get("reference") if isinstance(p, dict) else None
        if isinstance(ref, str) and ref.startswith("Location/"):
            return ref.split("/")[1], f"{rt}.participant[{i}].actor"
    return None
