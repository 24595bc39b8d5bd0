"""Database triggers that make audit records append-only (no UPDATE, no DELETE).

Installed by a migration; on PostgreSQL a plpgsql trigger, on SQLite RAISE(ABORT) triggers.
"""

from __future__ import annotations

TABLE = "audit_auditrecord"
MESSAGE = "audit records are append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};",
    f"""
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
    """,
]
_POSTGRES_UNINSTALL = [
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_append_only();",
]
_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
_SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_no_update;",
    "DROP TRIGGER IF EXISTS audit_no_delete;",
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_UNINSTALL
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL
    raise RuntimeError(f"audit append-only guard has no implementation for {vendor!r}")


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, True):
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, False):
            cursor.execute(sql)


def migration_install(apps, schema_editor) -> None:
    install(schema_editor.connection)


def migration_uninstall(apps, schema_editor) -> None:
    uninstall(schema_editor.connection)
