"""The registry's model moves here from the triage app without touching the database.

`ModelVersion` keeps its table (`triage_modelversion`, via `db_table`) and every row in it: this
migration only adopts the model into mlregistry's state (triage 0002 drops it from triage's state),
and renames the model's content type so its permissions and admin history follow it. No foreign key
points at the table, so nothing else is re-pointed. On a fresh database triage 0001 still creates the
table, and this migration runs after it.
"""

from django.db import migrations, models


def _rename_content_type(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="modelversion").exists():
        ContentType.objects.using(db).filter(app_label=old, model="modelversion").update(app_label=new)


def forwards(apps, schema_editor):
    _rename_content_type(apps, schema_editor, old="triage", new="mlregistry")


def backwards(apps, schema_editor):
    _rename_content_type(apps, schema_editor, old="mlregistry", new="triage")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("triage", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ModelVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=64)),
                        ("version", models.PositiveIntegerField()),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("candidate", "Candidate"),
                                    ("shadow", "Shadow"),
                                    ("live", "Live"),
                                    ("retired", "Retired"),
                                ],
                                default="candidate",
                                max_length=16,
                            ),
                        ),
                        (
                            "path",
                            models.CharField(help_text="skops file, relative to the models directory", max_length=500),
                        ),
                        ("sha256", models.CharField(max_length=64)),
                        ("metrics", models.JSONField(default=dict)),
                        ("n_samples", models.PositiveIntegerField(default=0)),
                        ("trained_at", models.DateTimeField()),
                        ("created_by", models.CharField(default="system", max_length=150)),
                    ],
                    options={
                        "db_table": "triage_modelversion",
                        "constraints": [models.UniqueConstraint(fields=("name", "version"), name="model_name_version")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
