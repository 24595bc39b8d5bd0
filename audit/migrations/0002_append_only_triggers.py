from django.db import migrations

from audit.dbguard import migration_install, migration_uninstall


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(migration_install, migration_uninstall)]
