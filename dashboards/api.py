"""The JSON metrics API (CONTRACT.md "Staff API"): the same Tables as the dashboard pages and CSVs.

- `GET /api/v1/metrics/`: the workflows (with the facilities) and metric names the caller may read.
- `GET /api/v1/metrics/<workflow>/<metric>?facility=&queue=&from=&to=&model_version=`:
  {workflow, metric, title, columns, rows: [dicts], note, warnings, filters}.

Staff session auth (401 when not signed in); a caller who manages no workflow, or not this one at
the facility asked for, gets 403; bad filter values a 400 naming each field; errors are
application/problem+json (clinflow.problems). Every metric read is audited (`metrics.read`).
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from clinflow import problems
from dashboards import registry, selectors, services
from dashboards.filters import WORKFLOWS
from dashboards.forms import FilterForbidden, FilterInvalid, Resolved, filters_parse
from dashboards.metrics.feedback import RECORD_COLUMNS, feedback_records
from queues.api.schemas import answers

# --- response shapes (for the OpenAPI document) ------------------------------------------------
# `workflow` is a plain string with its values in the help text: the routing policies' `workflow`
# field has another choice set, and one field name with two enums makes drf-spectacular warn.
WORKFLOW_HELP = " | ".join(WORKFLOWS)


class MetricWorkflowSerializer(serializers.Serializer):
    workflow = serializers.CharField(help_text=WORKFLOW_HELP)
    facilities = serializers.ListField(child=serializers.CharField(), help_text="slugs where you manage it")
    metrics = serializers.ListField(child=serializers.CharField(), help_text="metric names, in page order")


class MetricIndexSerializer(serializers.Serializer):
    workflows = MetricWorkflowSerializer(many=True)


# "from" is a Python keyword, so this shape is made with the metaclass rather than a class statement
MetricFiltersSerializer = serializers.SerializerMetaclass(
    "MetricFiltersSerializer",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "__doc__": "The filter as applied (defaults filled in).",
        "facility": serializers.ListField(child=serializers.CharField(), help_text="the facilities' slugs"),
        "queue": serializers.ListField(child=serializers.CharField(), help_text="the queues' slugs (empty: all)"),
        "from": serializers.DateField(help_text="first day, UTC"),
        "to": serializers.DateField(help_text="last day (included), UTC"),
        "model_version": serializers.CharField(allow_blank=True, help_text="empty: every version"),
    },
)


class MetricTableSerializer(serializers.Serializer):
    workflow = serializers.CharField(help_text=WORKFLOW_HELP)
    metric = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="one object per row, keyed by `columns`; times ISO 8601 UTC, durations in minutes, rates 0..1",
    )
    note = serializers.CharField(allow_blank=True)
    warnings = serializers.ListField(child=serializers.CharField())
    filters = MetricFiltersSerializer()


FILTER_PARAMETERS = [
    OpenApiParameter("facility", str, description="a facility slug where you manage the workflow (default: all)"),
    OpenApiParameter("queue", str, description="a queue slug of the workflow there (default: all)"),
    OpenApiParameter("from", str, description="first day, YYYY-MM-DD, UTC (default: 27 days before `to`)"),
    OpenApiParameter("to", str, description="last day included, YYYY-MM-DD, UTC (default: today)"),
    OpenApiParameter("model_version", str, description="only items and scores of this model version"),
]


# --- views -------------------------------------------------------------------------------------
class MetricIndexView(APIView):
    @extend_schema(
        operation_id="metrics_list",
        summary="Workflows and dashboard metrics you may read",
        responses=answers(MetricIndexSerializer),
    )
    def get(self, request: Request) -> Response:
        managed = selectors.managed_map(user=request.user)
        if not managed:
            raise problems.Forbidden("Metrics are for the managers of a workflow; you manage none.")
        return Response(
            {
                "workflows": [
                    {
                        "workflow": name,
                        "facilities": [f.slug for f in facilities],
                        "metrics": list(registry.WORKFLOW_METRICS[name]),
                    }
                    for name, facilities in managed.items()
                ]
            }
        )


class MetricDetailView(APIView):
    @extend_schema(
        operation_id="metric_detail",
        summary="One dashboard metric as a table",
        parameters=FILTER_PARAMETERS,
        responses=answers(MetricTableSerializer, errors=(400, 404)),
    )
    def get(self, request: Request, workflow: str, metric: str) -> Response:
        if workflow not in WORKFLOWS or metric not in registry.WORKFLOW_METRICS[workflow]:
            raise problems.NotFound(f"No metric {metric!r} on a {workflow!r} dashboard.")
        if not selectors.facilities_managed(user=request.user, workflow=workflow):
            raise problems.Forbidden(f"You do not manage the {workflow} workflow at any facility.")
        resolved = _resolve(request, workflow)
        table = registry.metric_build(metric, resolved.filters)
        services.dashboard_access_record(
            user=request.user, action=services.READ, workflow=workflow, metric=metric, filters=resolved.echo
        )
        return Response(
            {
                "workflow": workflow,
                "metric": metric,
                "title": table.title,
                "columns": table.columns,
                "rows": table.as_dicts(),
                "note": table.note,
                "warnings": table.warnings,
                "filters": resolved.echo,
            }
        )


def _resolve(request: Request, workflow: str) -> Resolved:
    try:
        return filters_parse(user=request.user, workflow=workflow, query=request.query_params)
    except FilterForbidden as exc:
        raise problems.Forbidden(exc.message) from exc
    except FilterInvalid as exc:
        raise problems.ValidationProblem("The metric filter is invalid.", errors=exc.errors) from exc


FEEDBACK_LIMIT_MAX = 1000


class FeedbackRecordSerializer(serializers.Serializer):
    card = serializers.CharField(help_text="the work item the suggestion was shown on")
    queue = serializers.CharField()
    kind = serializers.CharField()
    model = serializers.CharField(allow_blank=True)
    model_version = serializers.CharField(allow_blank=True, help_text="blank: a plain item, not scored")
    rollout = serializers.CharField(allow_blank=True)
    outcome = serializers.ChoiceField(choices=["accepted", "overridden", "dismissed", "ignored"])
    reason_code = serializers.CharField(allow_blank=True, help_text="the override or dismissal reason code")
    outcome_timestamp = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class FeedbackPageSerializer(serializers.Serializer):
    workflow = serializers.CharField(help_text=WORKFLOW_HELP)
    offset = serializers.IntegerField()
    limit = serializers.IntegerField()
    next_offset = serializers.IntegerField(allow_null=True, help_text="null on the last page")
    feedback = FeedbackRecordSerializer(many=True)
    filters = MetricFiltersSerializer()


def _paging(request: Request) -> tuple[int, int]:
    errors = []
    values = {}
    for name, default, low, top in (("limit", 100, 1, FEEDBACK_LIMIT_MAX), ("offset", 0, 0, 10**9)):
        raw = request.query_params.get(name, str(default))
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and low <= int(raw) <= top):
            errors.append({"field": name, "message": f"must be a whole number, {low}..{top}"})
        else:
            values[name] = int(raw)
    if errors:
        raise problems.ValidationProblem("The paging is invalid.", errors=errors)
    return values["limit"], values["offset"]


class FeedbackView(APIView):
    @extend_schema(
        operation_id="feedback_list",
        summary="Feedback records (CDS Hooks-like) of the AI's suggestions in a workflow you manage",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter("limit", int, description=f"records per page, 1..{FEEDBACK_LIMIT_MAX} (default 100)"),
            OpenApiParameter("offset", int, description="records to skip (default 0)"),
        ],
        responses=answers(FeedbackPageSerializer, errors=(400, 404)),
    )
    def get(self, request: Request, workflow: str) -> Response:
        if workflow not in WORKFLOWS:
            raise problems.NotFound(f"No workflow {workflow!r}.")
        if not selectors.facilities_managed(user=request.user, workflow=workflow):
            raise problems.Forbidden(f"You do not manage the {workflow} workflow at any facility.")
        limit, offset = _paging(request)
        resolved = _resolve(request, workflow)
        records = feedback_records(resolved.filters, limit=limit + 1, offset=offset)
        services.dashboard_access_record(
            user=request.user, action=services.READ, workflow=workflow, metric="feedback_records", filters=resolved.echo
        )
        more = len(records) > limit
        return Response(
            {
                "workflow": workflow,
                "offset": offset,
                "limit": limit,
                "next_offset": offset + limit if more else None,
                "feedback": records[:limit],
                "filters": resolved.echo,
            }
        )


assert RECORD_COLUMNS == list(FeedbackRecordSerializer().fields)  # one shape for the API and the CSV

urlpatterns = [
    path("feedback/<slug:workflow>", FeedbackView.as_view(), name="feedback-list"),
    path("metrics/", MetricIndexView.as_view(), name="metrics-list"),
    path("metrics/<slug:workflow>/<slug:metric>", MetricDetailView.as_view(), name="metric-detail"),
]
