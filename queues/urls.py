"""Staff pages (the REST API is in queues/api/urls.py)."""

from django.urls import path

from queues import views

urlpatterns = [
    path("", views.home_page, name="home"),
    path("queues/<slug:slug>/", views.queue_page, name="queue-page"),
    path("items/<uuid:item_id>/", views.item_page, name="item-page"),
    path("settings/delivery/", views.delivery_settings, name="delivery-settings"),
    path("session/keepalive", views.session_keepalive, name="session-keepalive"),
]
