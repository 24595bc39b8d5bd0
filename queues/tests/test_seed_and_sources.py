from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ingest.models import IntegrationSource
from ingest.services import source_authenticate

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_create_source_prints_a_working_token_on_the_last_line():
    out = run("create_source", "epic-north", "--types", "PatientMessageReceived,LabResultFinalized")
    token = out.strip().splitlines()[-1]
    source = source_authenticate(token=token)
    assert source.name == "epic-north"
    assert source.may_send("LabResultFinalized") and not source.may_send("AppointmentBooked")
    assert token not in IntegrationSource.objects.values_list("token_hash", flat=True)  # stored hashed


def test_create_source_refuses_unknown_types_and_duplicates():
    with pytest.raises(CommandError, match="unknown event types"):
        run("create_source", "x", "--types", "PatientMessageSent")
    run("create_source", "x", "--types", "all")
    with pytest.raises(CommandError, match="exists"):
        run("create_source", "x", "--types", "all")
    new_token = run("create_source", "x", "--types", "all", "--rotate").strip().splitlines()[-1]
    assert source_authenticate(token=new_token).name == "x"


def test_revoke_source_makes_the_token_fail():
    token = run("create_source", "y", "--types", "all").strip().splitlines()[-1]
    run("revoke_source", "y")
    assert source_authenticate(token=token) is None
