"""The FHIR R4 endpoints (CONTRACT.md v1.6): POST /api/v1/fhir and /api/v1/fhir/<Type> (a resource or
a Bundle), GET /api/v1/fhir/Task/<work item id>. Authenticated with the source token of the event
API; every answer — errors included — is FHIR JSON (an OperationOutcome or a Bundle)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import audit_record
from clinflow import problems
from fhirapi import outcome, selectors, services
from fhirapi.parsers import FhirJSONParser, FhirPlainJSONParser
from fhirapi.task_resource import task_resource
from ingest.api import parsers
from ingest.api.auth import SourceTokenAuthentication
from ingest.models import IntegrationSource

FHIR_JSON = "application/fhir+json"
RESOURCE = {"type": "object", "description": "A FHIR R4 resource or a Bundle (transaction or batch)"}
OUTCOME = OpenApiResponse(description="OperationOutcome (application/fhir+json)")


def fhir_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(body, status=status, headers=headers or {}, content_type=FHIR_JSON)
    return response


class _FhirView(APIView):
    authentication_classes = [SourceTokenAuthentication]
    permission_classes = [AllowAny]  # authentication refuses anonymous callers
    content_negotiation_class = parsers.EventContentNegotiation
    parser_classes = [FhirJSONParser, FhirPlainJSONParser]

    def source(self, request: Request) -> IntegrationSource:
        return cast(IntegrationSource, request.auth)

    def handle_exception(self, exc: Exception) -> Response:
        """Every refusal as an OperationOutcome (401, 413, 415, malformed JSON ...)."""
        if isinstance(exc, problems.Problem):
            code = (
                "structure"
                if isinstance(exc, problems.MalformedJSON)
                else outcome.CODE_OF_STATUS.get(exc.status, "invalid")
            )
            headers = {"WWW-Authenticate": 'Bearer realm="clinflow"'} if exc.status == 401 else {}
            return fhir_response(
                exc.status, outcome.operation_outcome([outcome.issue("error", code, exc.detail)]), headers
            )
        response = super().handle_exception(exc)
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        response.data = outcome.operation_outcome(
            [outcome.issue("error", outcome.CODE_OF_STATUS.get(response.status_code, "exception"), str(detail or ""))]
        )
        response.content_type = FHIR_JSON
        return response


class FhirIngestView(_FhirView):
    @extend_schema(
        operation_id="fhir_ingest",
        summary="Send a FHIR R4 resource or a Bundle (transaction or batch)",
        description=(
            "Communication, Appointment, DiagnosticReport, Observation and Task become clinflow events "
            "(CONTRACT.md v1.6). Answers an OperationOutcome (a single resource) or a Bundle response."
        ),
        parameters=[
            OpenApiParameter("facility", str, description="the facility, when the resources do not name one"),
        ],
        request={FHIR_JSON: RESOURCE, "application/json": RESOURCE},
        responses={
            200: OpenApiResponse(description="A repeat, nothing to act on, or a Bundle response"),
            201: OpenApiResponse(description="Accepted: the events made (OperationOutcome, Location header)"),
            400: OUTCOME,
            401: OUTCOME,
            403: OUTCOME,
            409: OUTCOME,
            413: OUTCOME,
            415: OUTCOME,
            422: OUTCOME,
        },
    )
    def post(self, request: Request, resource_type: str | None = None) -> Response:
        body = parsers.request_body(request, max_bytes=settings.BATCH_MAX_BYTES)
        facility = request.query_params.get("facility")
        answer = services.fhir_ingest(
            source=self.source(request), body=body, resource_type=resource_type, facility=facility
        )
        return fhir_response(answer.status, answer.body, answer.headers)


class FhirTaskView(_FhirView):
    @extend_schema(
        operation_id="fhir_task_read",
        summary="A work item as a FHIR Task (for the source whose event made it, or one acting for it)",
        responses={200: OpenApiResponse(description="Task (application/fhir+json)"), 401: OUTCOME, 404: OUTCOME},
    )
    def get(self, request: Request, item_id: Any) -> Response:
        source = self.source(request)
        found = selectors.item_for_source(source=source, item_id=item_id)
        if found is None:
            raise problems.NotFound("No such work item for this source.")
        item, claimed_by = found
        audit_record(
            action="fhir.task_read",
            object_type="work_item",
            object_id=str(item.pk),
            actor=source.name,
            actor_type="source",
            data={"patient_mrn": item.patient_mrn},
        )
        body = task_resource(
            item,
            event_subject=item.event.subject or "",
            event_source_id=item.event.source_event_id,
            claimed_by=claimed_by,
        )
        return fhir_response(200, body)


class FhirIngestTypedView(FhirIngestView):
    """POST /api/v1/fhir/<Type>: the same, with the body's resourceType checked against the URL."""

    @extend_schema(
        operation_id="fhir_ingest_typed",
        summary="Send a FHIR R4 resource of the type the URL names",
        parameters=[
            OpenApiParameter("facility", str, description="the facility, when the resource does not name one"),
        ],
        request={FHIR_JSON: RESOURCE, "application/json": RESOURCE},
        responses={
            200: OpenApiResponse(description="A repeat, or nothing to act on"),
            201: OpenApiResponse(description="Accepted: the events made (OperationOutcome, Location header)"),
            400: OUTCOME,
            401: OUTCOME,
            403: OUTCOME,
            409: OUTCOME,
            413: OUTCOME,
            415: OUTCOME,
            422: OUTCOME,
        },
    )
    def post(self, request: Request, resource_type: str | None = None) -> Response:
        return super().post(request, resource_type)
