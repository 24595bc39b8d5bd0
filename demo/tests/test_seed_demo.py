"""`manage.py seed_demo`: the demo facilities, queues, users and source, idempotently."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ingest.services import source_authenticate
from queues.models import Queue
from queues.selectors import queues_for_user

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_seed_demo_creates_facilities_queues_users_and_a_source(settings):
    settings.DEMO_PASSWORD = "demo-pass-123"
    first = run("seed_demo")
    out = run("seed_demo")  # idempotent; without a token file the demo token is rotated
    assert source_authenticate(token=first.strip().splitlines()[-1]) is None
    assert source_authenticate(token=out.strip().splitlines()[-1]).name == "demo-emr"
    assert Queue.objects.filter(facility__slug="north").count() == Queue.objects.filter(facility__slug="south").count()
    User = get_user_model()
    for name in ("nurse", "nurse2", "scheduler", "coder", "manager", "admin"):
        assert User.objects.get(username=name).check_password("demo-pass-123")


def test_seed_demo_keeps_the_token_in_its_token_file(tmp_path):
    token_file = tmp_path / "token"
    run("seed_demo", "--token-file", str(token_file))
    first = token_file.read_text()
    run("seed_demo", "--token-file", str(token_file))
    assert token_file.read_text() == first and source_authenticate(token=first).name == "demo-emr"


def test_each_demo_role_sees_only_its_queues():
    run("seed_demo")
    User = get_user_model()

    def slugs(username):
        return set(queues_for_user(user=User.objects.get(username=username)).values_list("slug", flat=True))

    assert slugs("nurse") == {"north-nurse-triage", "north-nurse-review", "north-results"}
    assert slugs("nurse2") == {"south-nurse-triage", "south-nurse-review", "south-results"}
    assert slugs("scheduler") == {"north-scheduling", "south-scheduling"}
    assert slugs("coder") == {"north-coding", "south-coding"}
    assert slugs("clinops") == {"north-clinical-ops", "south-clinical-ops"}
    assert len(slugs("manager")) == Queue.objects.count()
