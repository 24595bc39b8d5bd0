"""The manager dashboard pages and CSV exports through the test client: who may see what, the filter
(bad values are a 400 page naming the field, never a 500), what a page carries (figure JSON blocks,
no inline script, local plotly.js, CSV links, warnings, escalation cases linked to their items) and
the audit record of every view and export."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group

from audit.models import AuditRecord
from dashboards import registry
from dashboards.filters import WORKFLOWS
from queues.models import Workflow
from queues.services.facilities import workflow_grant
from queues.services.items import item_claim, item_resolve
from queues.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage_manager(north, south):
    """Manages triage at north only (no queue to work, no other workflow, not south)."""
    group = Group.objects.create(name="north-triage-managers")
    workflow_grant(workflow=Workflow.objects.get(facility=north, name="triage"), group=group)
    return factories.UserFactory.create(username="triage-boss", groups=[group])


def get(client, user, url, **params):
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html)


# --- who may see what --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["/dashboards/", "/dashboards/triage/", "/dashboards/results/", "/dashboards/triage/turnaround.csv"]
)
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["nurse", "scheduler", "coder"])
def test_staff_who_manage_no_workflow_get_403_everywhere(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    urls = ["/dashboards/"] + [f"/dashboards/{w}/" for w in WORKFLOWS]
    urls += [f"/dashboards/{w}/{registry.WORKFLOW_METRICS[w][0]}.csv" for w in WORKFLOWS]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"You may not see this dashboard" in response.content
    assert not AuditRecord.objects.filter(action__startswith="dashboard.").exists()


def test_the_nav_offers_dashboards_only_to_managers(client, nurse, manager):
    as_nurse = get(client, nurse, "/settings/delivery/")
    assert as_nurse.status_code == 200 and b'id="nav-dashboards"' not in as_nurse.content
    as_manager = get(client, manager, "/settings/delivery/")
    assert as_manager.status_code == 200 and b'<a href="/dashboards/" id="nav-dashboards"' in as_manager.content


def test_a_manager_of_triage_at_north_sees_only_triage_at_north(client, triage_manager, south):
    client.force_login(triage_manager)
    index = client.get("/dashboards/")
    assert index.status_code == 200
    assert b'data-workflow="triage"' in index.content
    assert b'data-workflow="results"' not in index.content
    page = client.get("/dashboards/triage/")
    assert page.status_code == 200
    assert b"North Hospital" in page.content and b"South Clinic" not in page.content
    for url, params in [
        ("/dashboards/results/", {}),
        ("/dashboards/scheduling/", {}),
        ("/dashboards/results/turnaround.csv", {}),
        ("/dashboards/triage/", {"facility": "south"}),
        ("/dashboards/triage/turnaround.csv", {"facility": "south"}),
        ("/dashboards/triage/", {"queue": "south-nurse-triage"}),
    ]:
        assert client.get(url, params).status_code == 403, (url, params)
    assert client.get("/dashboards/triage/", {"facility": "north"}).status_code == 200


def test_a_manager_of_two_facilities_sees_both_and_may_narrow_to_one(client, north, south):
    boss = factories.manager(north, south)
    page = get(client, boss, "/dashboards/triage/")
    assert b"North Hospital, South Clinic" in page.content
    narrowed = client.get("/dashboards/triage/", {"facility": "south"})
    assert narrowed.status_code == 200
    record = AuditRecord.objects.filter(action="dashboard.viewed").order_by("-seq").first()
    assert record.data["facilities"] == ["south"]


def test_an_unknown_dashboard_or_metric_is_404(client, manager):
    client.force_login(manager)
    assert client.get("/dashboards/billing/").status_code == 404
    assert client.get("/dashboards/triage/nonsense.csv").status_code == 404
    assert client.get("/dashboards/results/handling.csv").status_code == 404  # triage only


# --- the filter --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "params, field",
    [
        ({"facility": "nowhere"}, "facility"),
        ({"facility": "north\x00"}, "facility"),
        ({"queue": "north-scheduling"}, "queue"),  # a queue of another workflow
        ({"queue": "no-such-queue"}, "queue"),
        ({"from": "2026-11-20", "to": "2026-11-01"}, "from"),
        ({"from": "1999-12-31"}, "from"),
        ({"to": "99999-01-01"}, "to"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "\x00"}, "from"),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "from"),  # longer than two years
        ({"model_version": "no-such-version"}, "model_version"),
        ({"model_version": "1\x00"}, "model_version"),
    ],
)
def test_bad_filter_values_are_a_400_page_naming_the_field(client, manager, params, field):
    response = get(client, manager, "/dashboards/triage/", **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<strong class="dash-error-field">{field}</strong>' in html
    csv_response = client.get("/dashboards/triage/turnaround.csv", params)
    assert csv_response.status_code == 400


def test_a_repeated_filter_parameter_is_a_400(client, manager):
    client.force_login(manager)
    response = client.get("/dashboards/triage/?facility=north&facility=south")
    assert response.status_code == 400
    assert b'<strong class="dash-error-field">facility</strong>' in response.content


def test_the_default_period_is_the_last_28_days_in_utc(client, manager):
    response = get(client, manager, "/dashboards/triage/")
    today = datetime.now(UTC).date()
    assert f'value="{today.isoformat()}"' in response.content.decode()
    assert f'value="{(today - timedelta(days=27)).isoformat()}"' in response.content.decode()
    record = AuditRecord.objects.get(action="dashboard.viewed", object_id="triage")
    assert record.data["filters"]["from"] == (today - timedelta(days=27)).isoformat()
    assert record.data["filters"]["to"] == today.isoformat()


def test_the_queue_filter_offers_the_workflows_queues_and_narrows_to_one(client, manager):
    response = get(client, manager, "/dashboards/triage/")
    html = response.content.decode()
    assert 'value="north-nurse-triage"' in html and 'value="north-nurse-review"' in html
    assert 'value="north-results"' not in html
    narrowed = client.get("/dashboards/triage/", {"queue": "north-nurse-review"})
    assert narrowed.status_code == 200
    record = AuditRecord.objects.filter(action="dashboard.viewed").order_by("-seq").first()
    assert record.data["filters"]["queue"] == ["north-nurse-review"]


def test_model_version_choices_are_the_stored_versions(client, manager, north):
    factories.work_item(north)  # the factory's items carry model version "1"
    response = get(client, manager, "/dashboards/triage/")
    assert '<option value="1">v1</option>' in response.content.decode()
    assert get(client, manager, "/dashboards/triage/", model_version="1").status_code == 200


# --- what a page carries -----------------------------------------------------------------------
@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_every_workflow_page_embeds_each_chart_as_json_with_a_csv_link(client, manager, workflow):
    response = get(client, manager, f"/dashboards/{workflow}/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in registry.WORKFLOW_METRICS[workflow]:
        block = re.search(rf'<script id="figure-{name}" type="application/json">(.*?)</script>', html, re.S)
        assert block, name
        figure = json.loads(block.group(1))
        assert figure["layout"]["title"]["text"]
        assert f'data-figure="figure-{name}"' in html
        assert f'href="/dashboards/{workflow}/{name}.csv?' in html
    # no inline script: every script tag loads a file or is JSON data
    for tag in scripts(html):
        assert 'src="' in tag or 'type="application/json"' in tag, tag
    assert re.search(r'<script src="/vendor/plotly.js\?v=[\d.]+">', html)
    assert "cdn" not in html.lower()
    assert 'src="/static/dashboards/dashboards.js"' in html


def test_a_page_shows_the_metrics_warnings_at_the_top(client, manager, monkeypatch):
    from dashboards.tables import Table

    real = registry.METRICS["drift"]

    def drift_with_warning(f):
        table = real(f)
        return Table(table.name, table.title, table.columns, table.rows, table.note, ["Triage score drift: PSI 0.31"])

    monkeypatch.setitem(registry.METRICS, "drift", drift_with_warning)
    html = get(client, manager, "/dashboards/triage/").content.decode()
    banner = html.index('id="dash-warnings"')
    assert banner < html.index('id="metric-negative_signals"')
    assert "Triage score drift: PSI 0.31" in html[banner : html.index('id="metric-negative_signals"')]


def decided_case(facility, nurse, *, ai: str, final: str):
    """An item the AI called `ai` that a nurse resolved at `final` (an escalation case if they differ)."""
    item = factories.work_item(facility, urgency=ai, mrn="MRN-CASE")
    item_claim(item_id=item.pk, user=nurse)
    item_resolve(
        item_id=item.pk,
        user=nurse,
        decision="override",
        final_urgency=final,
        disposition="Seen today",
        reason_code="clinical_judgement",
    )
    return item


def test_escalation_cases_link_to_their_item_pages_which_a_manager_may_open(
    client, manager, triage_manager, nurse, north
):
    missed = decided_case(north, nurse, ai="routine", final="emergent")
    html = get(client, manager, "/dashboards/triage/").content.decode()
    assert f'href="/items/{missed.pk}/"' in html
    assert "MRN-CASE" not in html  # aggregates and item ids only
    item_page = client.get(f"/items/{missed.pk}/")
    assert item_page.status_code == 200
    assert AuditRecord.objects.filter(action="phi.viewed", object_id=str(missed.pk), actor="manager").exists()
    # someone who manages the workflow but works none of its queues sees the case, not the item
    assert f'href="/items/{missed.pk}/"' in get(client, triage_manager, "/dashboards/triage/").content.decode()
    assert client.get(f"/items/{missed.pk}/").status_code == 404


# --- audit and CSV -----------------------------------------------------------------------------
def test_a_page_view_is_audited_with_workflow_facilities_and_filters(client, manager):
    get(client, manager, "/dashboards/triage/", **{"from": "2026-11-01", "to": "2026-11-28"})
    record = AuditRecord.objects.get(action="dashboard.viewed", object_id="triage")
    assert record.actor == "manager" and record.actor_type == "user"
    assert record.data == {
        "workflow": "triage",
        "facilities": ["north"],
        "filters": {"facility": ["north"], "queue": [], "from": "2026-11-01", "to": "2026-11-28", "model_version": ""},
    }


def test_the_index_view_is_audited(client, manager):
    get(client, manager, "/dashboards/")
    assert AuditRecord.objects.get(action="dashboard.viewed", object_id="*").data["facilities"] == ["north"]


def test_csv_is_an_attachment_of_the_same_table_and_is_audited(client, manager, nurse, north):
    decided_case(north, nurse, ai="urgent", final="routine")
    response = get(client, manager, "/dashboards/triage/decisions.csv", **{"from": "2026-01-01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.now(UTC).date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="triage-decisions-2026-01-01-{today}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "model_version",
        "decided",
        "accept",
        "override",
        "dismiss",
        "reject",
        "override_rate",
        "dismiss_rate",
    ]
    assert rows[1][:4] == ["1", "1", "0", "1"]
    record = AuditRecord.objects.get(action="dashboard.exported")
    assert record.object_id == "triage/decisions"
    assert record.data["metric"] == "decisions"
    assert record.data["filters"]["from"] == "2026-01-01"
    assert "MRN" not in json.dumps(record.data)


def test_the_csv_link_of_a_page_carries_its_filter(client, manager):
    html = get(client, manager, "/dashboards/triage/", facility="north", **{"from": "2026-11-01"}).content.decode()
    today = datetime.now(UTC).date().isoformat()
    assert f'href="/dashboards/triage/backlog.csv?facility=north&amp;from=2026-11-01&amp;to={today}"' in html
