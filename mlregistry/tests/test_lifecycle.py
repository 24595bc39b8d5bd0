"""The model lifecycle: candidate -> shadow (challenger) -> live -> retired, promotion and rollback
as one audited action with a required note, through one service (page, commands, admin)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditRecord
from mlregistry import modelfile
from mlregistry.models import ModelVersion
from mlregistry.selectors import model_version_live
from mlregistry.services import (
    LifecycleError,
    model_cache_clear,
    model_challenger,
    model_promote,
    model_register,
    model_rollback,
    model_state_set,
)

pytestmark = pytest.mark.django_db

S = ModelVersion.State


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    model_cache_clear()
    yield
    model_cache_clear()


def register(n: int) -> ModelVersion:
    return model_register(
        name="alpha", save=lambda path: modelfile.dump_payload({"n": n}, path), metrics={}, n_samples=n
    )


def states() -> dict[int, str]:
    return dict(ModelVersion.objects.filter(name="alpha").values_list("version", "state"))


def test_promote_retires_the_previous_live_and_records_the_note():
    register(1)
    v2 = register(2)
    promoted = model_promote(name="alpha", version=2, actor="owner", note="agreement 0.93 in shadow")
    assert states() == {1: S.RETIRED, 2: S.LIVE}
    assert (promoted.state_note, promoted.state_changed_by) == ("agreement 0.93 in shadow", "owner")
    record = AuditRecord.objects.get(action="model.state_changed")
    assert record.actor == "owner" and record.object_id == str(v2.pk)
    assert record.data["before"] == "candidate" and record.data["after"] == "live"
    assert record.data["note"] == "agreement 0.93 in shadow" and record.data["how"] == "promote"
    assert record.data["displaced"] == [{"version": 1, "state": "retired"}]


def test_rollback_restores_the_previous_live_version_for_the_next_event():
    register(1), register(2), register(3)
    model_promote(name="alpha", version=2, actor="owner", note="v2")
    model_promote(name="alpha", version=3, actor="owner", note="v3")
    restored = model_rollback(name="alpha", actor="owner", note="v3 under-calls chest pain")
    assert restored.version == 2 and states() == {1: S.RETIRED, 2: S.LIVE, 3: S.RETIRED}
    assert model_version_live(name="alpha").version == 2
    again = model_rollback(name="alpha", actor="owner", note="and back once more")
    assert again.version == 1 and states()[1] == S.LIVE
    with pytest.raises(LifecycleError, match="no earlier live version"):
        model_rollback(name="alpha", actor="owner", note="nothing before v1")


def test_one_challenger_at_a_time_and_it_never_routes():
    register(1), register(2), register(3)
    model_state_set(version_id=ModelVersion.objects.get(version=2).pk, state=S.SHADOW, actor="o", note="try v2")
    model_state_set(version_id=ModelVersion.objects.get(version=3).pk, state=S.SHADOW, actor="o", note="try v3")
    assert states() == {1: S.LIVE, 2: S.CANDIDATE, 3: S.SHADOW}
    found = model_challenger(
        name="alpha",
        load=lambda path, sha: modelfile.load_payload(path, sha256=sha, allowed_types=modelfile.BASE_ALLOWED_TYPES),
    )
    assert found is not None and found[0].version == 3 and found[1] == {"n": 3}
    assert model_version_live(name="alpha").version == 1


@pytest.mark.parametrize(
    ("state", "note", "field"),
    [
        ("live", "", "note"),
        ("live", "  ", "note"),
        ("live", "a\x00b", "note"),
        ("live", "x" * 2001, "note"),
        ("paused", "why", "state"),
    ],
)
def test_a_bad_change_names_its_field_and_changes_nothing(state, note, field):
    register(1), register(2)
    with pytest.raises(LifecycleError) as caught:
        model_state_set(version_id=ModelVersion.objects.get(version=2).pk, state=state, actor="o", note=note)
    assert caught.value.field == field
    assert states() == {1: S.LIVE, 2: S.CANDIDATE}
    assert not AuditRecord.objects.filter(action="model.state_changed").exists()


def test_the_live_version_cannot_just_be_retired():
    v1 = register(1)
    with pytest.raises(LifecycleError, match="is live"):
        model_state_set(version_id=v1.pk, state=S.RETIRED, actor="o", note="stop it")
    assert states() == {1: S.LIVE}


def test_the_commands_promote_shadow_and_roll_back():
    register(1), register(2)
    out = StringIO()
    call_command("model_promote", "alpha", "2", "--shadow", "--note", "challenger", stdout=out)
    assert states() == {1: S.LIVE, 2: S.SHADOW}
    call_command("model_promote", "alpha", "2", "--note", "won in shadow", "--actor", "dr-owner", stdout=out)
    assert states() == {1: S.RETIRED, 2: S.LIVE}
    call_command("model_rollback", "alpha", "--note", "regression", stdout=out)
    assert states() == {1: S.LIVE, 2: S.RETIRED}
    assert "alpha v1 is live again" in out.getvalue()
    with pytest.raises(CommandError, match="note"):
        call_command("model_promote", "alpha", "2", stdout=out)
    with pytest.raises(CommandError, match="no alpha v9"):
        call_command("model_promote", "alpha", "9", "--note", "x", stdout=out)


def test_an_admin_state_edit_goes_through_the_service(admin_client):
    register(1), register(2)
    v2 = ModelVersion.objects.get(version=2)
    url = f"/admin/mlregistry/modelversion/{v2.pk}/change/"
    assert admin_client.get(url).status_code == 200
    missing_note = admin_client.post(url, {"change_state_to": "live", "note": ""})
    assert missing_note.status_code == 200 and states() == {1: S.LIVE, 2: S.CANDIDATE}  # the form says why
    done = admin_client.post(url, {"change_state_to": "live", "note": "promoted from the admin"})
    assert done.status_code == 302
    assert states() == {1: S.RETIRED, 2: S.LIVE}
    record = AuditRecord.objects.get(action="model.state_changed")
    assert record.data["how"] == "admin" and record.data["note"] == "promoted from the admin"
