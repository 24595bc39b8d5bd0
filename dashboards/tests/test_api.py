"""The JSON metrics API: GET /api/v1/metrics/ and /api/v1/metrics/<workflow>/<metric>, through the
client: authentication (401), authorization per role and facility (403), the filter (400 problem
documents naming the field), the body (the same Table as the page and the CSV), the audit record,
and the OpenAPI document."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group

from audit.models import AuditRecord
from clinflow.problems import PROBLEM_CONTENT_TYPE
from dashboards import registry
from dashboards.filters import WORKFLOWS
from queues.models import Workflow
from queues.services.facilities import workflow_grant
from queues.services.items import item_claim, item_resolve
from queues.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage_manager(north, south):
    group = Group.objects.create(name="north-triage-managers")
    workflow_grant(workflow=Workflow.objects.get(facility=north, name="triage"), group=group)
    return factories.UserFactory.create(username="triage-boss", groups=[group])


def api(client, user, path, **params):
    if user is not None:
        client.force_login(user)
    return client.get(f"/api/v1/metrics/{path}", params)


def problem(response) -> dict:
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    return json.loads(response.content)


def test_anonymous_gets_401_problem(client):
    for path in ("", "triage/turnaround"):
        response = api(client, None, path)
        assert response.status_code == 401
        assert problem(response)["status"] == 401


@pytest.mark.parametrize("role", ["nurse", "scheduler", "coder"])
def test_staff_who_manage_no_workflow_get_403(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/api/v1/metrics/").status_code == 403
    for workflow in WORKFLOWS:
        response = client.get(f"/api/v1/metrics/{workflow}/{registry.WORKFLOW_METRICS[workflow][0]}")
        assert response.status_code == 403
        assert problem(response)["type"].endswith("/forbidden")
    assert not AuditRecord.objects.filter(action="metrics.read").exists()


def test_the_index_lists_the_workflows_facilities_and_metrics_the_caller_may_read(client, manager, triage_manager):
    body = api(client, manager, "").json()
    assert [w["workflow"] for w in body["workflows"]] == list(WORKFLOWS)
    assert body["workflows"][0] == {
        "workflow": "triage",
        "facilities": ["north"],
        "metrics": list(registry.WORKFLOW_METRICS["triage"]),
    }
    assert api(client, triage_manager, "").json()["workflows"] == [
        {"workflow": "triage", "facilities": ["north"], "metrics": list(registry.WORKFLOW_METRICS["triage"])}
    ]


def test_a_manager_of_triage_at_north_gets_403_elsewhere(client, triage_manager):
    client.force_login(triage_manager)
    assert client.get("/api/v1/metrics/triage/backlog").status_code == 200
    assert client.get("/api/v1/metrics/triage/backlog", {"facility": "north"}).status_code == 200
    for path, params in [
        ("results/backlog", {}),
        ("scheduling/backlog", {}),
        ("triage/backlog", {"facility": "south"}),
        ("triage/backlog", {"queue": "south-nurse-triage"}),
    ]:
        response = client.get(f"/api/v1/metrics/{path}", params)
        assert response.status_code == 403, (path, params)
        assert problem(response)["status"] == 403


def test_an_unknown_workflow_or_metric_is_404(client, manager):
    client.force_login(manager)
    for path in ("billing/backlog", "triage/nonsense", "results/handling"):
        response = client.get(f"/api/v1/metrics/{path}")
        assert response.status_code == 404
        assert problem(response)["type"].endswith("/not-found")


@pytest.mark.parametrize(
    "params, field",
    [
        ({"facility": "nowhere"}, "facility"),
        ({"facility": "\x00"}, "facility"),
        ({"queue": "north-results"}, "queue"),
        ({"from": "2026-11-20", "to": "2026-11-01"}, "from"),
        ({"from": "1970-01-01"}, "from"),
        ({"to": "99999-01-01"}, "to"),
        ({"to": "2026-02-30"}, "to"),
        ({"model_version": "nope"}, "model_version"),
    ],
)
def test_bad_filter_values_are_a_400_problem_naming_the_field(client, manager, params, field):
    response = api(client, manager, "triage/turnaround", **params)
    assert response.status_code == 400
    body = problem(response)
    assert body["type"].endswith("/validation")
    assert [e["field"] for e in body["errors"]] == [field]


def test_a_metric_body_is_the_table_with_its_filter_and_is_audited(client, manager, nurse, north):
    item = factories.work_item(north, urgency="urgent")
    item_claim(item_id=item.pk, user=nurse)
    item_resolve(
        item_id=item.pk,
        user=nurse,
        decision="override",
        final_urgency="routine",
        disposition="Routine visit",
        reason_code="clinical_judgement",
    )
    today = datetime.now(UTC).date()
    body = api(client, manager, "triage/decisions").json()
    assert body["workflow"] == "triage" and body["metric"] == "decisions"
    assert body["title"] and body["note"]
    assert body["columns"] == [
        "model_version",
        "decided",
        "accept",
        "override",
        "dismiss",
        "reject",
        "override_rate",
        "dismiss_rate",
    ]
    (row,) = body["rows"]
    assert row["model_version"] == "1" and row["decided"] == 1 and row["override"] == 1
    assert set(row) == set(body["columns"])
    assert body["warnings"] == []
    assert body["filters"] == {
        "facility": ["north"],
        "queue": [],
        "from": (today - timedelta(days=27)).isoformat(),
        "to": today.isoformat(),
        "model_version": "",
    }
    record = AuditRecord.objects.get(action="metrics.read")
    assert record.object_id == "triage/decisions" and record.actor == "manager"
    assert record.data["filters"] == body["filters"]


def test_the_api_and_the_csv_serve_the_same_table(client, manager, north):
    factories.work_item(north)
    body = api(client, manager, "triage/neglect").json()
    csv_text = client.get("/dashboards/triage/neglect.csv").content.decode()
    lines = csv_text.strip().splitlines()
    assert lines[0].split(",") == body["columns"]
    assert len(lines) - 1 == len(body["rows"])


def test_the_metrics_api_is_in_the_openapi_document(client):
    schema = json.loads(client.get("/api/schema/", HTTP_ACCEPT="application/json").content)
    paths = schema["paths"]
    assert "/api/v1/metrics/" in paths
    detail = paths["/api/v1/metrics/{workflow}/{metric}"]["get"]
    assert detail["operationId"] == "metric_detail"
    assert {p["name"] for p in detail["parameters"]} >= {"facility", "queue", "from", "to", "model_version"}
    assert {"200", "400", "401", "403", "404"} <= set(detail["responses"])
    table = schema["components"]["schemas"]["MetricTable"]
    assert set(table["properties"]) == {
        "workflow",
        "metric",
        "title",
        "columns",
        "rows",
        "note",
        "warnings",
        "filters",
    }
    filters = schema["components"]["schemas"]["MetricFilters"]
    assert set(filters["properties"]) == {"facility", "queue", "from", "to", "model_version"}
