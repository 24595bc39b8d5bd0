"""Staff pages (the REST API is in queues/api/urls.py)."""

from django.urls import path

from queues import views

urlpatterns = [
    path("", views.home_page, name="home"),
    path("work/", views.my_work_page, name="my-work"),
    path("escalations/", views.escalation_inbox, name="escalation-inbox"),
    path("queues/<slug:slug>/", views.queue_page, name="queue-page"),
    path("items/<uuid:item_id>/", views.item_page, name="item-page"),
    path("items/<uuid:item_id>/undo", views.item_undo, name="item-undo"),
    path("settings/delivery/", views.delivery_settings, name="delivery-settings"),
    path("session/keepalive", views.session_keepalive, name="session-keepalive"),
]
