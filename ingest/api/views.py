"""Event intake API (CONTRACT.md). One view per operation; the services do the work."""

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from clinflow import problems
from ingest import selectors, services
from ingest.api.auth import SourceTokenAuthentication

PROBLEM = OpenApiResponse(description="RFC 9457 problem details (application/problem+json)")
CLOUDEVENT_REF = {"$ref": "#/components/schemas/CloudEvent"}


class _SourceView(APIView):
    authentication_classes = [SourceTokenAuthentication]
    permission_classes = [AllowAny]  # authentication itself refuses anonymous callers with a 401
    parser_classes: list = []  # the body is read and checked by services.parse_json_body

    def _body(self, request, *, allowed, max_bytes):
        length = request.META.get("CONTENT_LENGTH")
        if length and length.isdigit() and int(length) > max_bytes:
            raise problems.PayloadTooLarge(f"The body is {length} bytes; the limit is {max_bytes}.")
        return services.parse_json_body(
            raw=request._request.body, content_type=request.content_type, allowed=allowed, max_bytes=max_bytes
        )


class EventIngestView(_SourceView):
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
    def post(self, request):
        envelope = self._body(request, allowed=services.ACCEPTED_CONTENT_TYPES, max_bytes=settings.EVENT_MAX_BYTES)
        result = services.event_ingest(source=request.auth, envelope=envelope)
        content_type = "application/problem+json" if result.status >= 400 else None
        return Response(result.body, status=result.status, content_type=content_type)


class EventBatchIngestView(_SourceView):
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
    def post(self, request):
        events = self._body(request, allowed=services.BATCH_CONTENT_TYPES, max_bytes=settings.BATCH_MAX_BYTES)
        if not isinstance(events, list):
            raise problems.EventInvalid(
                "A batch must be a JSON array of events.", errors=[{"field": "", "message": "must be a JSON array"}]
            )
        if len(events) > settings.BATCH_MAX_EVENTS:
            raise problems.PayloadTooLarge(
                f"A batch holds at most {settings.BATCH_MAX_EVENTS} events; got {len(events)}."
            )
        results = services.events_ingest_batch(source=request.auth, envelopes=events)
        out = []
        for index, result in enumerate(results):
            row = {"index": index, "status": result.status}
            if result.event_id:
                row["event_id"] = result.event_id
            if result.status >= 400:
                row["title"] = result.body.get("title")
                row["detail"] = result.body.get("detail")
                row["errors"] = result.body.get("errors", [])
            out.append(row)
        return Response({"results": out}, status=200)


class EventStatusView(_SourceView):
    @extend_schema(
        operation_id="events_status",
        summary="Status of an event sent by this source",
        responses={200: OpenApiResponse(description="Event status"), 401: PROBLEM, 404: PROBLEM},
    )
    def get(self, request, event_id):
        event = selectors.event_get_for_source(source=request.auth, event_id=event_id)
        if event is None:
            raise problems.NotFound("No such event for this source.")
        return Response(selectors.event_status(event))
