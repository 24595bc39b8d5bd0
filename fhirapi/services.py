"""FHIR R4 intake: one resource or a Bundle (transaction or batch) -> events through the same
`ingest.services.event_ingest` as the event API (same source token, allowed types, facilities,
idempotency per source and audit), answered with an OperationOutcome or a Bundle response.

Idempotency: each event's CloudEvents id is ``fhir:<Type>/<id>/_history/<version>`` (the Bundle
entry's fullUrl for a resource without an id) plus what tells the events of one resource apart
(``:<EventType>``, ``:Observation/<id>``); the version is meta.versionId, else meta.lastUpdated,
else a hash of the content. A resend is a repeat (200), the same id and version with other content
a conflict (409).

Facility: the resource's clinflow facility extension, else the request's ``?facility=``, else the
id of a Location it references when that is a facility, else the source's only (or first) facility
— named in the answer, so the sender sees which one was used.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from audit.services import audit_record
from clinflow import problems
from fhirapi import mapping, outcome, selectors
from fhirapi.mapping import Context, Mapped, MappingError
from fhirapi.task_resource import task_resource
from fhirapi.validation import validate_resource
from ingest.models import Event, IntegrationSource
from ingest.services import Ingested, Outcome, event_ingest
from queues.models import Facility

logger = logging.getLogger(__name__)

ID_MAX = 255
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass
class Answer:
    """An HTTP answer: status and FHIR JSON body."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FhirProblem(Exception):
    """A refusal of one resource: status, FHIR issue code, the element and the message."""

    def __init__(self, status: int, code: str, expression: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.expression, self.message = status, code, expression, message

    def outcome(self) -> dict[str, Any]:
        return outcome.operation_outcome([outcome.issue("error", self.code, self.message, self.expression)])


# --- facilities and envelopes ---------------------------------------------------------------
def _facility(
    source: IntegrationSource, resource: dict[str, Any], requested: str | None, known: set[str]
) -> tuple[str, str]:
    """(facility slug, how it was chosen) — see the module docstring."""
    hint = mapping.facility_hint(resource)
    if hint is not None and hint[1].endswith("]") and ".extension[" in hint[1]:
        slug, path = hint
        if slug not in known:
            raise FhirProblem(422, "value", path, f"{slug[:64]!r} is not a facility of this site")
        return slug, f"named by {path}"
    if requested:
        return requested, "the request's facility parameter"
    if hint is not None and hint[0] in known:
        return hint[0], f"the Location of {hint[1]}"
    concrete = [f for f in source.facilities if f != "*" and f in known]
    if concrete:
        return concrete[0], f"the source's {'only' if len(concrete) == 1 else 'first'} facility"
    default = getattr(settings, "FHIR_DEFAULT_FACILITY", "") or (sorted(known)[0] if known else "")
    if not default:
        raise FhirProblem(422, "required", f"{resource.get('resourceType')}.extension", "no facility: name one")
    return default, "the site's default facility (FHIR_DEFAULT_FACILITY)"


def _source_uri(source: IntegrationSource) -> str:
    if source.source_uris:
        return str(source.source_uris[0])
    return "urn:fhir:" + (re.sub(r"[^a-z0-9]+", "-", source.name.lower()).strip("-") or "source")


def _event_id(base: str, version: str, suffix: str) -> str:
    text = f"fhir:{base}/_history/{version}{suffix}"
    if len(text) <= ID_MAX:
        return text
    return "fhir:sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _envelope(*, source: IntegrationSource, base: str, version: str, mapped: Mapped) -> dict[str, Any]:
    # No "time": a resend must hash the same (a repeat, not a conflict)
    base, version = mapped.base or base, mapped.version or version
    return {
        "specversion": "1.0",
        "id": _event_id(base, version, mapped.suffix),
        "source": _source_uri(source),
        "type": mapped.event_type,
        "subject": base[:255],
        "dataschema": f"clinflow:{mapped.event_type}:1",
        "datacontenttype": "application/json",
        "data": mapped.data,
    }


def _element_of(mapped: Mapped, field_path: str, fallback: str) -> str:
    """An event field ("data.patient.mrn") at the FHIR element it came from."""
    if not field_path.startswith("data."):
        return fallback
    key = field_path[len("data.") :].split(".")[0].split("[")[0]
    return mapped.paths.get(key, fallback)


# --- one resource -----------------------------------------------------------------------------
@dataclass
class Done:
    """What one resource's intake did: its events (id, type, created or repeat) and the notes."""

    created: int = 0
    events: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    location: str = ""

    @property
    def status(self) -> int:
        return 201 if self.created else 200

    def outcome(self) -> dict[str, Any]:
        issues = [
            outcome.issue(
                "information",
                "informational",
                f"{'accepted' if how == 'created' else 'already received'} as {etype} event {eid} "
                f"(status: /api/v1/events/{eid})",
            )
            for eid, etype, how in self.events
        ]
        issues += [outcome.issue("information", "informational", note) for note in self.notes]
        if not issues:
            issues.append(outcome.issue("information", "informational", "nothing for clinflow to act on"))
        return outcome.operation_outcome(issues)


def _map(
    resource: dict[str, Any], ctx: Context, *, source, requested, known, path: str | None
) -> tuple[mapping.Result, str]:
    problems_ = validate_resource(resource, path=path)
    if problems_:
        raise FhirProblem(400, "invalid", problems_[0]["expression"], problems_[0]["diagnostics"])
    rt = resource["resourceType"]
    if rt == "Bundle":
        raise FhirProblem(422, "not-supported", (path or "Bundle"), "a Bundle inside a Bundle is not accepted")
    if rt not in mapping.SUPPORTED:
        if path is None:  # sent on its own: nothing it could be context for
            raise FhirProblem(
                422,
                "not-supported",
                "resourceType",
                f"{rt!r} is not accepted on its own; one of: {', '.join(mapping.SUPPORTED)} "
                "(other resources are context inside a Bundle)",
            )
        result = mapping.Result(resource_type=rt, resource_id=f"{rt}/{resource.get('id', '')}", version="")
        result.notes.append(f"{rt}: kept as context for the resources that reference it, not an event of its own")
        return result, ""
    facility, how = _facility(source, resource, requested, known)
    try:
        result = mapping.map_resource(resource, ctx, facility)
    except MappingError as exc:
        where = exc.path if path is None else exc.path.replace(rt, path, 1)
        raise FhirProblem(422, "required" if "required" in exc.message else "value", where, exc.message) from None
    except (TypeError, AttributeError, KeyError, IndexError, ValueError) as exc:
        # valid R4 shaped in a way the mapping did not expect: a refusal, logged for the developers
        logger.exception("FHIR %s could not be mapped", rt)
        raise FhirProblem(422, "processing", path or rt, f"cannot read this {rt}: {type(exc).__name__}") from None
    if result.events:
        result.notes.append(f"facility {facility!r}: {how}")
    return result, facility


def _ingest(result: mapping.Result, *, source: IntegrationSource, base: str, path: str | None) -> Done:
    """Every event of one mapped resource, in one transaction (all or none)."""
    done = Done(notes=list(result.notes))
    rt = result.resource_type
    with transaction.atomic():
        for mapped in result.events:
            envelope = _envelope(source=source, base=base, version=result.version, mapped=mapped)
            if result.received_time:
                # A time taken as "when received" differs on a resend; the id (of the content, as
                # such a resource has no version) already says whether it is the same resource.
                existing = Event.objects.filter(
                    integration_source=source, source=envelope["source"], source_event_id=envelope["id"]
                ).first()
                if existing is not None:
                    done.events.append((str(existing.pk), mapped.event_type, "repeat"))
                    continue
            try:
                ingested: Ingested = event_ingest(source=source, envelope=envelope)
            except problems.ValidationProblem as exc:
                first = (exc.errors or [{"field": "", "message": exc.detail}])[0]
                element = _element_of(mapped, str(first.get("field", "")), rt)
                if path is not None:
                    element = element.replace(rt, path, 1)
                raise FhirProblem(400, "value", element, f"{first.get('field')}: {first.get('message')}") from None
            except problems.Forbidden as exc:
                raise FhirProblem(403, "forbidden", path or rt, exc.detail) from None
            if ingested.outcome is Outcome.CONFLICT:
                raise FhirProblem(
                    409,
                    "conflict",
                    f"{path or rt}.meta.versionId",
                    f"{base} version {result.version} was already received with other content; "
                    "send a new meta.versionId for a changed resource",
                )
            how = "created" if ingested.outcome is Outcome.CREATED else "repeat"
            done.created += how == "created"
            done.events.append((ingested.event_id, mapped.event_type, how))
    if done.events:
        done.location = f"/api/v1/events/{done.events[0][0]}"
    return done


def _known_facilities() -> set[str]:
    return set(Facility.objects.values_list("slug", flat=True))


def _requested_facility(value: str | None, known: set[str]) -> str | None:
    if value is None:
        return None
    if not SLUG_RE.match(value) or value not in known:
        raise FhirProblem(400, "value", "facility", "the facility parameter names no facility of this site")
    return value


def fhir_ingest(*, source: IntegrationSource, body: Any, resource_type: str | None, facility: str | None) -> Answer:
    """One POST to /api/v1/fhir[/<Type>]: a resource or a Bundle."""
    try:
        known = _known_facilities()
        requested = _requested_facility(facility, known)
        if not isinstance(body, dict):
            raise FhirProblem(400, "structure", "", "the body must be a FHIR resource (a JSON object)")
        rt = body.get("resourceType")
        if resource_type is not None and rt != resource_type:
            raise FhirProblem(
                400, "invalid", "resourceType", f"the URL is for {resource_type} but the body is a {str(rt)[:64]!r}"
            )
        if rt == "Bundle":
            return _bundle(source=source, bundle=body, requested=requested, known=known)
        result, _ = _map(body, Context(), source=source, requested=requested, known=known, path=None)
        done = _ingest(result, source=source, base=result.resource_id, path=None)
        headers = {"Location": done.location} if done.location else {}
        return Answer(done.status, done.outcome(), headers)
    except FhirProblem as exc:
        return Answer(exc.status, exc.outcome())


# --- Bundles ------------------------------------------------------------------------------------
def _bundle(*, source: IntegrationSource, bundle: dict[str, Any], requested, known) -> Answer:
    kind = bundle.get("type")
    if kind not in ("transaction", "batch"):
        raise FhirProblem(400, "value", "Bundle.type", f"must be transaction or batch, not {str(kind)[:40]!r}")
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        raise FhirProblem(400, "structure", "Bundle.entry", "must be a list")
    if len(entries) > settings.BATCH_MAX_EVENTS:
        raise FhirProblem(413, "too-costly", "Bundle.entry", f"at most {settings.BATCH_MAX_EVENTS} entries")
    shell = {k: v for k, v in bundle.items() if k != "entry"}
    problems_ = validate_resource({**shell, "entry": [{"fullUrl": "urn:uuid:0"}] if entries else []})
    if problems_:
        raise FhirProblem(400, "invalid", problems_[0]["expression"], problems_[0]["diagnostics"])
    # Validate every entry first: only valid resources are context for the others
    invalid: dict[int, FhirProblem] = {}
    for i, entry in enumerate(entries):
        path = f"Bundle.entry[{i}].resource"
        r = entry.get("resource") if isinstance(entry, dict) else None
        method = ((entry.get("request") or {}) if isinstance(entry, dict) else {}).get("method")
        if method in ("DELETE", "GET", "HEAD", "PATCH"):
            invalid[i] = FhirProblem(
                422,
                "not-supported",
                f"Bundle.entry[{i}].request.method",
                f"{method} is not accepted: clinflow takes resources in (POST / PUT), it is not a FHIR store",
            )
            continue
        if not isinstance(r, dict):
            invalid[i] = FhirProblem(400, "required", path, "is required: each entry carries a resource")
            continue
        found = validate_resource(r, path=path)
        if found:
            invalid[i] = FhirProblem(400, "invalid", found[0]["expression"], found[0]["diagnostics"])
    ctx = Context()
    for i, entry in enumerate(entries):
        if i in invalid:
            continue
        r = entry["resource"]
        if isinstance(entry.get("fullUrl"), str):
            ctx.entries[entry["fullUrl"]] = r
        if r.get("resourceType") and isinstance(r.get("id"), str):
            ctx.entries[f"{r['resourceType']}/{r['id']}"] = r
    # Reports first: the Observations a report that maps carries are its results, not events of
    # their own (an Observation of a refused report is mapped on its own)
    planned: dict[int, tuple[int, mapping.Result | None, str, FhirProblem | None, str]] = {}
    consumed: set[int] = set()  # the ids of the resource dicts a mapped report carries
    order = sorted(
        range(len(entries)),
        key=lambda i: 0 if i not in invalid and entries[i]["resource"].get("resourceType") == "DiagnosticReport" else 1,
    )
    for i in order:
        entry = entries[i]
        path = f"Bundle.entry[{i}].resource"
        if i in invalid:
            planned[i] = (i, None, "", invalid[i], path)
            continue
        r = entry["resource"]
        if id(r) in consumed:
            note = mapping.Result(resource_type="Observation", resource_id="", version="")
            note.notes.append("a result of a DiagnosticReport in this Bundle: sent as part of it")
            planned[i] = (i, note, "", None, "")
            continue
        try:
            full_url = entry.get("fullUrl") if isinstance(entry.get("fullUrl"), str) else ""
            result, _ = _map(r, ctx, source=source, requested=requested, known=known, path=path)
            base = result.resource_id if r.get("id") else (full_url or f"{result.resource_id}#{i}")
            planned[i] = (i, result, base, None, path)
            if r.get("resourceType") == "DiagnosticReport" and isinstance(r.get("result"), list):
                for ref in r["result"]:
                    target = ctx.resolve(ref)
                    if target is not None:
                        consumed.add(id(target))
        except FhirProblem as exc:
            planned[i] = (i, None, "", exc, path)
    plans = [planned[i] for i in range(len(entries))]
    if kind == "transaction":
        refused = next((p[3] for p in plans if p[3] is not None), None)
        if refused is not None:
            return Answer(refused.status, refused.outcome())
        try:
            with transaction.atomic():
                done = [
                    _ingest(planned, source=source, base=base, path=path) if planned.events else _noted(planned)
                    for _, planned, base, _, path in plans
                    if planned is not None
                ]
        except FhirProblem as exc:
            return Answer(exc.status, exc.outcome())
        return Answer(200, _response_bundle("transaction-response", [(d, None) for d in done]))
    answers: list[tuple[Done | None, FhirProblem | None]] = []
    for _, entry_result, base, problem, path in plans:
        if problem is not None or entry_result is None:
            answers.append((None, problem))
            continue
        try:
            answers.append(
                (
                    _ingest(entry_result, source=source, base=base, path=path)
                    if entry_result.events
                    else _noted(entry_result),
                    None,
                )
            )
        except FhirProblem as exc:
            answers.append((None, exc))
    return Answer(200, _response_bundle("batch-response", answers))


def _noted(result: mapping.Result) -> Done:
    return Done(notes=list(result.notes))


REASON = {
    200: "OK",
    201: "Created",
    400: "Bad Request",
    403: "Forbidden",
    409: "Conflict",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
}


def _response_bundle(kind: str, answers: list[tuple[Done | None, FhirProblem | None]]) -> dict[str, Any]:
    entries = []
    for done, problem in answers:
        if problem is not None:
            status = problem.status
            response: dict[str, Any] = {
                "status": f"{status} {REASON.get(status, '')}".strip(),
                "outcome": problem.outcome(),
            }
        else:
            assert done is not None
            response = {"status": f"{done.status} {REASON[done.status]}", "outcome": done.outcome()}
            if done.location:
                response["location"] = done.location
        entries.append({"response": response})
    return {"resourceType": "Bundle", "type": kind, "entry": entries}


def task_read(*, source: IntegrationSource, item_id: Any) -> dict[str, Any] | None:
    """The work item as a FHIR Task for a source that may follow it (None otherwise); every read is
    audited (`fhir.task_read`), as every view of patient data is."""
    found = selectors.item_for_source(source=source, item_id=item_id)
    if found is None:
        return None
    item, claimed_by = found
    audit_record(
        action="fhir.task_read",
        object_type="work_item",
        object_id=str(item.pk),
        actor=source.name,
        actor_type="source",
        data={"patient_mrn": item.patient_mrn},
    )
    return task_resource(
        item, event_subject=item.event.subject or "", event_source_id=item.event.source_event_id, claimed_by=claimed_by
    )
