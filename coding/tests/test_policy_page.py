"""The documentation policy page: the manager who owns a facility's documentation workflow edits
its signature thresholds in the browser; a bad value is refused with a message naming the field and
nothing changes; every change is versioned and audited; nobody else may see or change it."""

import pytest

from audit.models import AuditRecord
from coding.models import DocumentationPolicy, DocumentationPolicyVersion
from coding.services import documentation_policy_ensure
from queues.tests.conftest import login

pytestmark = pytest.mark.django_db

GOOD = {
    "facility": "north",
    "order_hours": "*: 48\nverbal: 24\ntelephone: 24",
    "note_hours": "*: 72\nh&p: 24\nprocedure: 24\ndischarge: 720",
    "urgent_multiple": "2",
    "overdue_multiple": "3",
    "coding_sla_hours": "48",
}


def test_the_manager_sees_the_defaults_with_their_sources(manager, north):
    page = login(manager).get("/coding/policy/")
    html = page.content.decode()
    assert page.status_code == 200 and "North Hospital" in html and "version 1" in html
    assert "verbal: 48" in html and "h&amp;p: 24" in html and "482.24(c)(1)" in html


def test_a_change_is_saved_versioned_and_audited(manager, north):
    response = login(manager).post("/coding/policy/", GOOD)
    assert response.status_code == 302
    policy = DocumentationPolicy.objects.get(facility=north)
    assert policy.version == 2 and policy.order_hours == {"*": 48, "verbal": 24, "telephone": 24}
    assert policy.overdue_multiple == 3 and policy.coding_sla_hours == 48 and policy.updated_by == "manager"
    assert DocumentationPolicyVersion.objects.filter(policy=policy).count() == 2
    record = AuditRecord.objects.get(action="documentation_policy.changed")
    assert record.actor == "manager" and record.data["before"]["order_hours"]["verbal"] == 48
    assert set(record.data["changed"]) == {"order_hours", "note_hours", "overdue_multiple", "coding_sla_hours"}
    history = login(manager).get("/coding/policy/").content.decode()
    assert "v2" in history and "Urgent at" not in history.split("History")[1].split("v1")[0]


def test_saving_the_same_values_changes_nothing(manager, north):
    client = login(manager)
    client.post("/coding/policy/", GOOD)
    client.post("/coding/policy/", GOOD)
    assert DocumentationPolicy.objects.get(facility=north).version == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"order_hours": "verbal 48"}, "line 1: write"),
        ({"order_hours": "*: 48\n*: 24"}, "listed twice"),
        ({"order_hours": "verbal: 24"}, "order_hours.*: is required"),
        ({"note_hours": "*: 0"}, "between 1 and 2160 hours"),
        ({"note_hours": "*: nan"}, "line 1"),
        ({"note_hours": "*: 72\nbad\x00type: 5"}, "NUL"),
        ({"urgent_multiple": "5", "overdue_multiple": "3"}, "larger than the urgent multiple"),
        ({"urgent_multiple": "x"}, "must be a number"),
        ({"coding_sla_hours": "1.5"}, "whole number"),
        ({"order_hours": "x" * 6000}, "at most 5000"),
    ],
)
def test_a_bad_value_is_refused_with_the_field_named_and_nothing_changes(manager, north, change, message):
    documentation_policy_ensure(facility=north)
    response = login(manager).post("/coding/policy/", {**GOOD, **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="policy-errors"' in html and message in html, html[-3000:]
    assert DocumentationPolicy.objects.get(facility=north).version == 1
    assert not AuditRecord.objects.filter(action="documentation_policy.changed").exists()


def test_only_a_manager_of_the_facilitys_documentation_workflow_may_see_or_change_it(
    manager, coder, nurse, nurse2, north, south
):
    for user in (coder, nurse, nurse2):
        assert login(user).get("/coding/policy/").status_code == 403
        assert login(user).post("/coding/policy/", GOOD).status_code == 403
    # north's manager does not manage south
    assert login(manager).post("/coding/policy/", {**GOOD, "facility": "south"}).status_code == 403
    assert login(manager).post("/coding/policy/", {**GOOD, "facility": "nor\x00th"}).status_code == 403
    assert DocumentationPolicy.objects.filter(version__gt=1).count() == 0
    assert login(manager).get("/coding/policy/").content.decode().count('class="card gov-workflow"') == 1


def test_the_governance_page_links_to_the_documentation_policy(manager, north):
    assert 'href="/coding/policy/"' in login(manager).get("/governance/").content.decode()


def test_the_anonymous_are_sent_to_sign_in(client):
    assert client.get("/coding/policy/").status_code == 302


def test_the_service_refuses_types_that_cannot_be_stored_and_unknown_fields(north):
    from clinflow import problems
    from coding.services import documentation_policy_update

    policy = documentation_policy_ensure(facility=north)
    for changes, field in (
        ({"note_hours": {"*": 72, "\ud800": 5}}, "note_hours"),
        ({"note_hours": {"*": 72, "a\x00": 5}}, "note_hours"),
        ({"rollout": "off"}, "rollout"),
    ):
        with pytest.raises(problems.PolicyInvalid) as refused:
            documentation_policy_update(policy=policy, changes=changes, actor="manager")
        assert [e["field"] for e in refused.value.errors] == [field]
    assert DocumentationPolicy.objects.get(pk=policy.pk).version == 1
