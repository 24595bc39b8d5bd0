"""Project-wide pytest fixtures (factories live in each app's tests/factories.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from clinflow.celery import app as celery_app


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Unit tests run Celery tasks inline; tests marked `worker` use a real worker process."""
    eager = "worker" not in request.keywords
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _audit_triggers_vs_flush(request):
    """Transactional tests end with a flush (DELETE on SQLite), which the audit append-only trigger
    refuses. Set up after `transactional_db`, this drops the SQLite triggers just before the flush
    and puts them back at the start of each test. (PostgreSQL flushes with TRUNCATE: no conflict.)"""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if not (marker and marker.kwargs.get("transaction")):
            yield
            return
    request.getfixturevalue("transactional_db")
    from audit import dbguard

    if connection.vendor == "sqlite":
        dbguard.install(connection)
    yield
    if connection.vendor == "sqlite":
        dbguard.uninstall(connection)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 costs ~0.3 s per demo user; tests do not test the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, settings):
    """The demo facilities, queues, users (password "demo-pass-123"), policies and sessions."""
    from django.core.management import call_command

    settings.DEMO_PASSWORD = "demo-pass-123"
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    return "demo-pass-123"


# --- places and people made with factories (queues/tests/factories.py), named as in the demo ------
# A test asks for the ones it needs; `demo` (the whole seed) is for tests of the demo itself.
# (The factories import models, so they are imported once Django is set up, not at conftest load.)
def _f():
    from queues.tests import factories

    return factories


@pytest.fixture
def north(db):
    """The "North Hospital" facility: its standard queues, owner group and routing policies."""
    return _f().facility_for("north")


@pytest.fixture
def south(db):
    """The "South Clinic" facility: another facility, for the outsiders by facility."""
    return _f().facility_for("south")


@pytest.fixture
def nurse(north):
    """north's nurse (triage, review, results), as seed_demo's "nurse"."""
    return _f().nurse(north, username="nurse")


@pytest.fixture
def nurse2(south):
    """south's nurse, as seed_demo's "nurse2": an outsider to north by facility."""
    return _f().nurse(south, username="nurse2")


@pytest.fixture
def scheduler(north):
    """north's scheduler (the scheduling queue only), as seed_demo's "scheduler"."""
    return _f().staff(north, "scheduling", username="scheduler")


@pytest.fixture
def coder(north):
    """north's coder (the coding queue only), as seed_demo's "coder"."""
    return _f().staff(north, "coding", username="coder")


@pytest.fixture
def manager(north):
    """north's manager (owner of every queue, follows none), as seed_demo's "manager"."""
    return _f().manager(north, username="manager")


@pytest.fixture
def oncall(north):
    """north's on-call user (group "oncall-north"), as seed_demo's "oncall"."""
    return _f().oncall(north, username="oncall")
