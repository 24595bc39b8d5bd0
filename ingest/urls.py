from django.urls import path

from ingest import ops

urlpatterns = [
    path("ops/", ops.ops_page, name="ops"),
    path("ops/events/<uuid:event_id>/retry", ops.ops_event_retry, name="ops-event-retry"),
]
