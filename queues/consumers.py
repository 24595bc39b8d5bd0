"""The staff websocket `/ws/`: authenticate, join the groups of the queues the user may see (and
their own), forward frames. The channel layer is at-most-once, so the page re-syncs from the API
on every (re)connect; `hello` tells it which queues this socket follows."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from queues import representations, routing, selectors
from queues.publish import queue_group, session_tag, user_group
from queues.services import delivery


def _session_alive(session) -> bool:
    """Whether the socket's login session still exists (logged out, expired or flushed: it does not)."""
    key = getattr(session, "session_key", None)
    return bool(key) and session.exists(key)


def _load(user) -> tuple[list[tuple[int, str]], dict[str, Any]]:
    queues = [(q.pk, q.slug) for q in selectors.queues_for_user(user=user)]
    return queues, representations.preferences_dict(selectors.preference_for(user=user))


class StaffConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        self.queues, self.prefs = await database_sync_to_async(_load)(user)
        self.groups_joined = [queue_group(pk) for pk, _ in self.queues] + [user_group(user.pk)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await database_sync_to_async(delivery.presence_join)(user=user, channel_name=self.channel_name)
        await self.accept()
        await self.send_json(
            representations.hello_frame(username=user.username, queues=[s for _, s in self.queues], prefs=self.prefs)
        )

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        if hasattr(self, "user"):
            await database_sync_to_async(delivery.presence_leave)(channel_name=self.channel_name)

    async def receive_json(self, content, **kwargs):
        if isinstance(content, dict) and content.get("type") == "ping":
            # a tab left open after its session ended (expired, or logged out elsewhere) stops here:
            # no more patient data, and the user no longer counts as online for deliveries
            if not await database_sync_to_async(_session_alive)(self.scope.get("session")):
                await self.signed_out()
                return
            await database_sync_to_async(delivery.presence_touch)(channel_name=self.channel_name)
            await self.send_json({"type": "pong"})

    async def signed_out(self):
        """The login ended: offline at once (deliveries stop counting this tab), then close; the
        page goes to the sign-in page on code 4401 (app.js)."""
        await database_sync_to_async(delivery.presence_leave)(channel_name=self.channel_name)
        await self.close(code=4401)

    async def push(self, event):
        frame = event["frame"]
        if frame.get("type") == "session.ended":  # this login logged out (in this tab or another)
            session = self.scope.get("session")
            if frame.get("session") == session_tag(getattr(session, "session_key", None)):
                await self.signed_out()
            return
        if frame.get("type") == "prefs.changed":
            self.prefs = frame["prefs"]
        if routing.should_forward(frame, self.prefs):
            await self.send_json(frame)
