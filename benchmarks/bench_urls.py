"""clinflow's URLs plus `POST /bench/bare`: the baseline the ingest benchmark compares against.

The bare view goes through the same server, the same middleware stack and the same database
connection settings as the real API, parses the JSON body and stores it with one raw INSERT
(one row per event: a single multi-row INSERT for a JSON array). The ratio
"clinflow events/s ÷ bare events/s" is the cost of everything clinflow adds: authentication,
validation, the ORM, idempotency, the audit chain and the Celery publish after commit.
"""

import json

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from clinflow.urls import urlpatterns as clinflow_urlpatterns

BARE_TABLE = "bench_bare"


def bare_table_create(*, empty: bool = True) -> None:
    """Create the baseline's table (idempotent); `empty` deletes rows left by earlier runs."""
    id_column = "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id {id_column}, body text NOT NULL)")
        if empty:
            cursor.execute(f"DELETE FROM {BARE_TABLE}")


@csrf_exempt
def bare_insert(request):
    parsed = json.loads(request.body)
    rows = [json.dumps(item) for item in parsed] if isinstance(parsed, list) else [request.body.decode()]
    placeholders = ", ".join(["(%s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BARE_TABLE} (body) VALUES {placeholders}", rows)
    return HttpResponse(b'{"status": "stored"}', status=202, content_type="application/json")


urlpatterns = [*clinflow_urlpatterns, path("bench/bare", bare_insert, name="bench-bare")]
