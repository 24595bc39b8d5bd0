"""Websocket routes."""

from django.urls import path

from queues.consumers import StaffConsumer

websocket_urlpatterns = [path("ws/", StaffConsumer.as_asgi())]
