"""Reads that never crash on one unreadable value.

PostgreSQL accepts timestamps Python cannot represent (years before 1 or after 9999 once converted to
UTC). Intake now refuses them (ingest.schemas.parse_datetime_strict), but a row written before that,
or by hand, would make every read of its row raise — the worker, the sweep, the status API and the
admin page alike. This installs, on every PostgreSQL connection, a timestamptz loader that reads such
a value as NULL (logged as an error) instead of raising.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def install_safe_timestamp_loader(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: wrap the connection's timestamptz loader (Django's own, which
    applies the connection time zone) in one that turns an out-of-range value into None."""
    if connection.vendor != "postgresql":
        return
    from psycopg import DataError
    from psycopg.pq import Format

    adapters = connection.connection.adapters
    oid = adapters.types["timestamptz"].oid
    base = adapters.get_loader(oid, Format.TEXT)
    if base is None or getattr(base, "clinflow_safe", False):
        return

    class SafeTimestamptzLoader(base):  # type: ignore[misc, valid-type]
        clinflow_safe = True

        def load(self, data):
            try:
                return super().load(data)
            except DataError:
                logger.error("unreadable timestamp %r read as NULL", bytes(data)[:40])
                return None

    adapters.register_loader("timestamptz", SafeTimestamptzLoader)
