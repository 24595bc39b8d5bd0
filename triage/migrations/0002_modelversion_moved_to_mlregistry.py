"""ModelVersion now lives in the mlregistry app (same table, same rows): drop it from triage's
state only. See mlregistry/migrations/0001_initial.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
        ("mlregistry", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ModelVersion")],
            database_operations=[],
        ),
    ]
