"""Websocket routes. The staff consumer arrives with the live work-queue UI."""

websocket_urlpatterns: list = []
