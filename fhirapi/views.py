"""The FHIR R4 endpoints (CONTRACT.md v1.6): POST /api/v1/fhir and /api/v1/fhir/<Type> (a resource or
a Bundle), GET /api/v1/fhir/Task/<work item id>. Authenticated with the source token of the event
API; every answer — errors included — is FHIR JSON (an OperationOutcome or a Bundle)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from clinflow import problems
from fhirapi import outcome, services
from fhirapi.parsers import FhirJSONParser, FhirPlainJSONParser
from ingest.api import parsers
from ingest.api.views import SourceView

FHIR_JSON = "application/fhir+json"
RESOURCE = {"type": "object", "description": "A FHIR R4 resource or a Bundle (transaction or batch)"}
OUTCOME = OpenApiResponse(description="OperationOutcome (application/fhir+json)")


def fhir_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(body, status=status, headers=headers or {}, content_type=FHIR_JSON)
    return response


class _FhirView(SourceView):
    """The event API's source-token view, answering FHIR JSON."""

    parser_classes = [FhirJSONParser, FhirPlainJSONParser]

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


INGEST_SCHEMA: dict[str, Any] = {
    "parameters": [OpenApiParameter("facility", str, description="the facility, when the resources do not name one")],
    "request": {FHIR_JSON: RESOURCE, "application/json": RESOURCE},
    "responses": {
        200: OpenApiResponse(description="A repeat, nothing to act on, or a Bundle response"),
        201: OpenApiResponse(description="Accepted: the events made (OperationOutcome, Location header)"),
        **{status: OUTCOME for status in (400, 401, 403, 409, 413, 415, 422)},
    },
}


class FhirIngestView(_FhirView):
    @extend_schema(
        operation_id="fhir_ingest",
        summary="Send a FHIR R4 resource or a Bundle (transaction or batch)",
        description=(
            "Communication, Appointment, DiagnosticReport, Observation and Task become clinflow events "
            "(CONTRACT.md v1.6). Answers an OperationOutcome (a single resource) or a Bundle response."
        ),
        **INGEST_SCHEMA,
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
        body = services.task_read(source=self.source(request), item_id=item_id)
        if body is None:
            raise problems.NotFound("No such work item for this source.")
        return fhir_response(200, body)


class FhirIngestTypedView(FhirIngestView):
    """POST /api/v1/fhir/<Type>: the same, with the body's resourceType checked against the URL."""

    @extend_schema(
        operation_id="fhir_ingest_typed", summary="Send a FHIR R4 resource of the type the URL names", **INGEST_SCHEMA
    )
    def post(self, request: Request, resource_type: str | None = None) -> Response:
        return super().post(request, resource_type)
