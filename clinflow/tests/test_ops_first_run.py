"""A first run that reads well: the readiness probe is not an error while the stack starts, and the
launcher's summary (URL, users, password, token) is read from what seed_demo prints."""

from __future__ import annotations

import importlib.util
import logging
import time

import pytest
from django.core.cache import cache

from clinflow.heartbeat import HEARTBEAT_KEY
from clinflow.testing import ROOT


def _stack():
    spec = importlib.util.spec_from_file_location("clinflow_stack", ROOT / "scripts" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_readyz_503_while_starting_logs_no_error(client, caplog):
    from clinflow import health

    health._last_ready = None  # a fresh process
    cache.delete(HEARTBEAT_KEY)
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            assert client.get("/readyz").status_code == 503
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.django_db
def test_readyz_warns_once_when_a_ready_process_loses_its_worker(client, caplog, settings):
    from clinflow import health

    health._last_ready = None
    cache.set(HEARTBEAT_KEY, time.time())
    assert client.get("/readyz").status_code == 200
    cache.set(HEARTBEAT_KEY, time.time() - settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS - 5)
    with caplog.at_level(logging.INFO):
        assert client.get("/readyz").status_code == 503
        assert client.get("/readyz").status_code == 503
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in warnings] == ["clinflow.health"]
    assert "worker" in warnings[0].getMessage() and warnings[0].levelno == logging.WARNING


def test_the_launcher_reads_users_password_and_token_from_seed_demo():
    out = (
        "facilities: north, south\n"
        "queues: north-nurse-triage\n"
        "users: nurse, nurse2, scheduler, coder, manager, oncall, admin  password: H3JqPPtPLnl_\n"
        "demo integration source 'demo-emr' token:\n"
        "cfs_2Q4jYkmvUWyWgVK17hgCyEFIXKaBMoZL8H9xXPv6b_8\n"
    )
    users, password, token = _stack().parse_seed_output(out)
    assert users == "nurse, nurse2, scheduler, coder, manager, oncall, admin"
    assert password == "H3JqPPtPLnl_"
    assert token == "cfs_2Q4jYkmvUWyWgVK17hgCyEFIXKaBMoZL8H9xXPv6b_8"


@pytest.mark.django_db
def test_the_header_links_the_admin_for_staff_users_only(client, nurse, django_user_model):
    client.force_login(nurse)
    assert 'id="nav-admin"' not in client.get("/settings/delivery/").content.decode()
    staff = django_user_model.objects.create_user("ops-staff", password="x-long-password", is_staff=True)
    client.force_login(staff)
    page = client.get("/settings/delivery/").content.decode()
    assert '<a href="/admin/" id="nav-admin">Admin</a>' in page
