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
def test_each_admin_change_list_renders_for_the_admin(demo, client):
    client.login(username="admin", password="demo-pass-123")
    for model in admin.site._registry:
        if model._meta.app_label in PROJECT_APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url
