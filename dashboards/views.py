"""Manager dashboard pages and CSV exports (server-rendered; issue 12).

- `/dashboards/`: the workflows x facilities the user manages (403 for someone who manages none).
- `/dashboards/<workflow>/`: every metric of the workflow (dashboards.registry), each as a chart
  built on the server (dashboards.figures) and embedded as JSON, drawn by static/dashboards/
  dashboards.js with the locally served plotly.js (no inline script), its note, its numbers and a CSV
  link; the metrics' warnings in a banner at the top; the worst escalation cases linked to their items.
- `/dashboards/<workflow>/<metric>.csv`: the same Table as CSV.

Who may see what is decided in dashboards.selectors (guardian `queues.manage_workflow` per facility);
the filter in dashboards.forms (bad values: a 400 page naming the field, never a 500); every view and
export is audited through dashboards.services.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dashboards import figures, registry, selectors, services
from dashboards.filters import WORKFLOWS
from dashboards.forms import FilterForbidden, FilterInvalid, Resolved, filters_parse, query_string
from dashboards.metrics.feedback import RECORD_COLUMNS, feedback_records
from dashboards.tables import Table

WORKFLOW_TITLES = {
    "triage": "Patient message triage",
    "results": "Lab results",
    "scheduling": "Scheduling and no-show risk",
    "documentation": "Documentation (coding and clinical ops)",
}
WORKFLOW_BLURBS = {
    "triage": "Turnaround, backlog, decisions on the AI's triage, escalation errors, interrupts, shadow agreement, "
    "drift.",
    "results": "Turnaround and backlog of lab result alerts, decisions, escalation errors, interrupts, suppression.",
    "scheduling": "Suggestions handled, no-show model discrimination and calibration, subgroups, drift.",
    "documentation": "Turnaround, backlog and decisions in the coding and clinical ops queues.",
}


def thresholds() -> dict[str, float]:
    return {"psi_warning": settings.DASHBOARD_PSI_WARNING, "signal_rise": settings.DASHBOARD_SIGNAL_RISE}


def _problem_page(request: HttpRequest, *, status: int, title: str, errors: list[dict[str, str]], workflow: str = ""):
    return render(
        request,
        "dashboards/problem.html",
        {"status": status, "title": title, "errors": errors, "workflow": workflow},
        status=status,
    )


def _forbidden(request: HttpRequest, message: str, workflow: str = "") -> HttpResponse:
    return _problem_page(
        request,
        status=403,
        title="You may not see this dashboard",
        errors=[{"field": "", "message": message}],
        workflow=workflow,
    )


def _resolve(request: HttpRequest, workflow: str) -> Resolved | HttpResponse:
    """The request's filter, or the 404 / 403 / 400 page that answers instead."""
    if workflow not in WORKFLOWS:
        raise Http404("No such dashboard.")
    if not selectors.facilities_managed(user=request.user, workflow=workflow):
        return _forbidden(request, f"You do not manage the {workflow} workflow at any facility.")
    try:
        return filters_parse(user=request.user, workflow=workflow, query=request.GET)
    except FilterForbidden as exc:
        return _forbidden(request, exc.message, workflow)
    except FilterInvalid as exc:
        return _problem_page(
            request, status=400, title="The dashboard filter is invalid", errors=exc.errors, workflow=workflow
        )


@login_required
@require_GET
def dashboard_index(request: HttpRequest) -> HttpResponse:
    """The workflows the user manages, each with its facilities."""
    managed = selectors.managed_map(user=request.user)
    if not managed:
        return _forbidden(request, "Dashboards are for the managers of a workflow; you manage none.")
    services.dashboard_access_record(
        user=request.user,
        action=services.VIEWED,
        workflow="*",
        filters={"facility": sorted({f.slug for fs in managed.values() for f in fs})},
    )
    entries = [
        {
            "workflow": name,
            "title": WORKFLOW_TITLES[name],
            "blurb": WORKFLOW_BLURBS[name],
            "facilities": facilities,
            "metrics": len(registry.WORKFLOW_METRICS[name]),
        }
        for name, facilities in managed.items()
    ]
    return render(
        request,
        "dashboards/index.html",
        {
            "entries": entries,
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "page_config": {"me": request.user.get_username()},
        },
    )


def _chart(table: Table, *, workflow: str, query: str) -> dict[str, Any]:
    rows = table.as_dicts()
    return {
        "name": table.name,
        "title": table.title,
        "note": table.note,
        "warnings": table.warnings,
        "figure": figures.figure_json(table, thresholds()),
        "script_id": f"figure-{table.name}",
        "csv_url": f"/dashboards/{workflow}/{table.name}.csv" + (f"?{query}" if query else ""),
        "columns": table.columns,
        "rows": rows,
        "cells": [list(r.values()) for r in rows],
        # the escalation cases' table: each row with its time as the page prints it (UTC, to the minute)
        "cases": [{**r, "created_text": str(r["created_at"])[:16].replace("T", " ")} for r in rows]
        if table.name == "escalation_cases"
        else [],
    }


@login_required
@require_GET
def workflow_page(request: HttpRequest, workflow: str) -> HttpResponse:
    """One workflow's dashboard for the filter in the query string (default: all the facilities the
    user manages it at, all its queues, the last 28 days in UTC, every model version)."""
    resolved = _resolve(request, workflow)
    if isinstance(resolved, HttpResponse):
        return resolved
    tables = registry.page_tables(resolved.filters)
    query = query_string(resolved)
    charts = [_chart(t, workflow=workflow, query=query) for t in tables]
    warnings = list(dict.fromkeys(w for t in tables for w in t.warnings))
    services.dashboard_access_record(
        user=request.user,
        action=services.VIEWED,
        workflow=workflow,
        filters=resolved.echo,
    )
    return render(
        request,
        "dashboards/workflow.html",
        {
            "workflow": workflow,
            "title": WORKFLOW_TITLES[workflow],
            "resolved": resolved,
            "form": resolved.form,
            "charts": charts,
            "warnings": warnings,
            "query": query,
            "managed": selectors.managed_map(user=request.user),
            "plotly_version": _plotly_version(),
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "page_config": {"me": request.user.get_username()},
        },
    )


@login_required
@require_GET
def metric_csv(request: HttpRequest, workflow: str, metric: str) -> HttpResponse:
    """One metric of one workflow's dashboard as CSV (UTF-8, a header row), same filter as the page."""
    if workflow in WORKFLOWS and metric not in registry.WORKFLOW_METRICS[workflow]:
        raise Http404("No such metric on this dashboard.")
    resolved = _resolve(request, workflow)
    if isinstance(resolved, HttpResponse):
        return resolved
    table = registry.metric_build(metric, resolved.filters)
    services.dashboard_access_record(
        user=request.user,
        action=services.EXPORTED,
        workflow=workflow,
        metric=metric,
        filters=resolved.echo,
    )
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    name = f"{workflow}-{metric}-{resolved.start_day.isoformat()}-{resolved.end_day.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


FEEDBACK_CSV_MAX = 100_000


@login_required
@require_GET
def feedback_csv(request: HttpRequest, workflow: str) -> HttpResponse:
    """The feedback records of the filter as CSV (at most 100,000, oldest first), audited as an export."""
    resolved = _resolve(request, workflow)
    if isinstance(resolved, HttpResponse):
        return resolved
    records = feedback_records(resolved.filters, limit=FEEDBACK_CSV_MAX)
    table = Table("feedback_records", "Feedback records", list(RECORD_COLUMNS), [tuple(r.values()) for r in records])
    services.dashboard_access_record(
        user=request.user, action=services.EXPORTED, workflow=workflow, metric="feedback_records", filters=resolved.echo
    )
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    name = f"{workflow}-feedback-{resolved.start_day.isoformat()}-{resolved.end_day.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _plotly_version() -> str:
    import plotly

    return str(plotly.__version__)
