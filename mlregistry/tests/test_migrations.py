"""Moving ModelVersion from triage to mlregistry moved no rows: a database migrated before the move
keeps its registry (same table), and the model's content type follows it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType as CurrentContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from mlregistry.models import ModelVersion

BEFORE = [("triage", "0001_initial"), ("mlregistry", None)]
CONTENTTYPES = ("contenttypes", "0002_remove_content_type_name")


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_registry_written_before_the_move_is_kept_by_the_migrations():
    executor = _executor()
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(BEFORE)
        old_apps = _executor().loader.project_state([("triage", "0001_initial"), CONTENTTYPES]).apps
        OldModelVersion = old_apps.get_model("triage", "ModelVersion")
        ContentType = old_apps.get_model("contenttypes", "ContentType")
        # as before the move: the model's content type (and the permissions on it) is triage's
        ContentType.objects.filter(app_label="mlregistry", model="modelversion").update(app_label="triage")
        content_type_id = ContentType.objects.get(app_label="triage", model="modelversion").pk
        row = OldModelVersion.objects.create(
            name="triage-clf",
            version=3,
            state="live",
            path="triage-clf-v3.skops",
            sha256="a" * 64,
            trained_at=timezone.now(),
            metrics={"emergent_recall": 0.9},
            n_samples=12,
        )

        _executor().migrate(leaves)

        moved = ModelVersion.objects.get(pk=row.pk)
        assert (moved.name, moved.version, moved.state, moved.metrics) == (
            "triage-clf",
            3,
            ModelVersion.State.LIVE,
            {"emergent_recall": 0.9},
        )
        assert ModelVersion._meta.db_table == "triage_modelversion"
        CurrentContentType.objects.clear_cache()
        content_type = CurrentContentType.objects.get_for_model(ModelVersion)
        assert content_type.pk == content_type_id and content_type.app_label == "mlregistry"
        assert Permission.objects.filter(content_type=content_type, codename="change_modelversion").exists()
        assert not CurrentContentType.objects.filter(app_label="triage", model="modelversion").exists()
    finally:
        _executor().migrate(leaves)


@pytest.mark.django_db
def test_the_models_table_is_the_one_triage_created():
    assert "triage_modelversion" in connection.introspection.table_names()
