"""Event intake API (CONTRACT.md). One view per operation: the parsers check the body, the services
do the work and say what happened, and the views pick the HTTP answer."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from clinflow import problems
from clinflow.metrics import INGEST_OUTCOMES
from ingest import selectors, services
from ingest.api import parsers
from ingest.api.auth import SourceTokenAuthentication
from ingest.api.schemas import EventStatusSerializer
from ingest.models import Event, IntegrationSource
from ingest.services import Ingested, Outcome

PROBLEM = OpenApiResponse(description="RFC 9457 problem details (application/problem+json)")
CLOUDEVENT_REF = {"$ref": "#/components/schemas/CloudEvent"}


# The HTTP answer for each outcome of an ingest (CONTRACT.md): accepted 202, a repeat 200 with the
# original answer, a conflict 409.
OUTCOME_STATUS = {Outcome.CREATED: 202, Outcome.REPEAT: 200, Outcome.CONFLICT: 409}


def accepted_body(event: Event) -> dict[str, Any]:
    return {"event_id": str(event.pk), "status": Event.Status.RECEIVED, "status_url": f"/api/v1/events/{event.pk}"}


def conflict_problem(event: Event) -> problems.Conflict:
    return problems.Conflict(
        f"Event ({event.source}, {event.source_event_id}) was already received with a different body; "
        "an event id identifies one event forever."
    )


class SourceView(APIView):
    authentication_classes = [SourceTokenAuthentication]
    permission_classes = [AllowAny]  # authentication itself refuses anonymous callers with a 401
    content_negotiation_class = parsers.EventContentNegotiation

    def source(self, request: Request) -> IntegrationSource:
        """The calling source: SourceTokenAuthentication puts it in `request.auth`."""
        return cast(IntegrationSource, request.auth)


class EventIngestView(SourceView):
    parser_classes = [parsers.CloudEventParser, parsers.EventJSONParser]

    @extend_schema(
        operation_id="events_ingest",
        summary="Send one CloudEvent",
        request={"application/cloudevents+json": CLOUDEVENT_REF, "application/json": CLOUDEVENT_REF},
        responses={
            202: OpenApiResponse(description="Accepted: {event_id, status, status_url}"),
            200: OpenApiResponse(description="Repeat of an accepted event: the original answer"),
            400: PROBLEM,
            401: PROBLEM,
            403: PROBLEM,
            409: PROBLEM,
            413: PROBLEM,
            415: PROBLEM,
        },
        examples=[
            OpenApiExample(
                "message",
                request_only=True,
                value={
                    "specversion": "1.0",
                    "id": "msg-10001",
                    "source": "urn:emr:north-hospital",
                    "type": "PatientMessageReceived",
                    "time": "2026-11-25T08:00:00Z",
                    "data": {
                        "message_id": "m-1",
                        "patient": {"mrn": "MRN123"},
                        "facility": "north",
                        "channel": "portal",
                        "body": "I have chest pain",
                        "received_at": "2026-11-25T08:00:00Z",
                    },
                },
            )
        ],
    )
    def post(self, request: Request) -> Response:
        envelope = parsers.request_body(request, max_bytes=settings.EVENT_MAX_BYTES)
        ingested = services.event_ingest(source=self.source(request), envelope=envelope)
        INGEST_OUTCOMES.labels(type=ingested.event.type, outcome=ingested.outcome.value).inc()
        if ingested.outcome is Outcome.CONFLICT:
            raise conflict_problem(ingested.event)
        return Response(accepted_body(ingested.event), status=OUTCOME_STATUS[ingested.outcome])


class EventBatchIngestView(SourceView):
    parser_classes = [parsers.CloudEventBatchParser, parsers.BatchJSONParser]

    @extend_schema(
        operation_id="events_ingest_batch",
        summary="Send a CloudEvents batch (JSON array, up to 1,000 events)",
        request={"application/cloudevents-batch+json": {"type": "array", "items": CLOUDEVENT_REF}},
        responses={
            200: OpenApiResponse(description='{"results": [{"index", "status", "event_id" | "errors"}]}'),
            400: PROBLEM,
            401: PROBLEM,
            413: PROBLEM,
            415: PROBLEM,
        },
    )
    def post(self, request: Request) -> Response:
        events = parsers.request_body(request, max_bytes=settings.BATCH_MAX_BYTES)
        if not isinstance(events, list):
            raise problems.EventInvalid(
                "A batch must be a JSON array of events.", errors=[{"field": "", "message": "must be a JSON array"}]
            )
        if len(events) > settings.BATCH_MAX_EVENTS:
            raise problems.PayloadTooLarge(
                f"A batch holds at most {settings.BATCH_MAX_EVENTS} events; got {len(events)}."
            )
        results = services.events_ingest_batch(source=self.source(request), envelopes=events)
        for result in results:  # the answers in memory (at most BATCH_MAX_EVENTS), not a query
            if isinstance(result, Ingested):
                INGEST_OUTCOMES.labels(type=result.event.type, outcome=result.outcome.value).inc()
        return Response({"results": [batch_row(index, result) for index, result in enumerate(results)]}, status=200)


def batch_row(index: int, result: Ingested | problems.Problem) -> dict[str, Any]:
    """One event's line in a batch answer: its status and event_id, or the problem that refused it."""
    if isinstance(result, Ingested) and result.outcome is not Outcome.CONFLICT:
        return {"index": index, "status": OUTCOME_STATUS[result.outcome], "event_id": result.event_id}
    problem = conflict_problem(result.event) if isinstance(result, Ingested) else result
    body = problem.as_dict()
    return {
        "index": index,
        "status": problem.status,
        "title": body.get("title"),
        "detail": body.get("detail"),
        "errors": body.get("errors", []),
    }


class EventStatusView(SourceView):
    @extend_schema(
        operation_id="events_status",
        summary="Status of an event sent by this source",
        responses={
            200: OpenApiResponse(EventStatusSerializer, description="Event status"),
            401: PROBLEM,
            404: PROBLEM,
        },
    )
    def get(self, request: Request, event_id: Any) -> Response:
        event = selectors.event_get_for_source(source=self.source(request), event_id=event_id)
        if event is None:
            raise problems.NotFound("No such event for this source.")
        return Response(selectors.event_status(event))
