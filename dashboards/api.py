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


urlpatterns = [
    path("metrics/", MetricIndexView.as_view(), name="metrics-list"),
    path("metrics/<slug:workflow>/<slug:metric>", MetricDetailView.as_view(), name="metric-detail"),
]
