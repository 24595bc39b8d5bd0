"""Every model has a Django admin page, and the admin's change lists render."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = {"audit", "ingest", "queues", "mlregistry", "triage", "scheduling"}


def test_every_project_model_is_registered_in_the_admin():
    missing = [
        m.__name__ for m in apps.get_models() if m._meta.app_label in PROJECT_APPS and m not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.django_db
def test_each_admin_change_list_renders_for_the_admin(admin_client, north, manager):
    """With rows to list (a facility, its queues, policies and grants, a manager's delivery settings,
    a routed item with its event, score and audit trail, a scheduling policy and a session), so
    every column of every change list is rendered, not only the empty table."""
    from queues.tests.factories import work_item
    from scheduling.tests.factories import ProviderSessionFactory, scheduling_policy
    from triage.tests.factories import TriageScoreFactory

    TriageScoreFactory.create(event=work_item(north).event)
    scheduling_policy(north)
    ProviderSessionFactory.create(facility=north)
    for model in admin.site._registry:
        if model._meta.app_label in PROJECT_APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert admin_client.get(url).status_code == 200, url
