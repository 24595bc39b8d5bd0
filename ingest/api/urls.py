from django.urls import path

from ingest.api import views

urlpatterns = [
    path("events", views.EventIngestView.as_view(), name="events-ingest"),
    path("events/batch", views.EventBatchIngestView.as_view(), name="events-batch"),
    path("events/<uuid:event_id>", views.EventStatusView.as_view(), name="events-status"),
]
