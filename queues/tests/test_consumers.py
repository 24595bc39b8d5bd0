"""The staff websocket with WebsocketCommunicator over the real Redis channel layer."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from clinflow.asgi import application
from queues.models import Connection, InterruptDelivery
from queues.services import delivery
from queues.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def session_cookie(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client.cookies["sessionid"].value


async def connect(user=None):
    headers = [(b"origin", b"http://localhost")]
    if user:
        cookie = await sync_to_async(session_cookie)(user.username)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def frames(communicator, quiet=0.5):
    """Every frame until the socket has been quiet for `quiet` seconds (round-tripped through JSON).
    receive_nothing() does not cancel the app on timeout, unlike receive_json_from()."""
    out = []
    while not await communicator.receive_nothing(timeout=quiet):
        out.append(json.loads(json.dumps(await communicator.receive_json_from(timeout=2))))
    return out


def test_anonymous_socket_is_refused():
    async def run():
        communicator, connected, code = await connect()
        assert not connected and code == 4401

    asyncio.run(run())


def test_a_nurse_gets_her_facilitys_items_live_and_never_the_other_facilitys(nurse, nurse2, make_item):
    async def run():
        north_ws, ok, _ = await connect(nurse)
        south_ws, ok2, _ = await connect(nurse2)
        assert ok and ok2
        hello = await north_ws.receive_json_from(timeout=2)
        assert hello["type"] == "hello" and set(hello["queues"]) == {
            "north-nurse-triage",
            "north-nurse-review",
            "north-results",
        }
        await south_ws.receive_json_from(timeout=2)
        north = await sync_to_async(make_item)(facility="north", mrn="N-WS")
        south = await sync_to_async(make_item)(facility="south", mrn="S-WS")
        got_nurse = await frames(north_ws)
        got_nurse2 = await frames(south_ws)
        assert {(f["type"], f["item"]["id"]) for f in got_nurse if "item" in f} == {("item.created", str(north.pk))}
        assert str(south.pk) not in json.dumps(got_nurse)
        assert {f["item"]["id"] for f in got_nurse2 if "item" in f} == {str(south.pk)}
        await north_ws.send_json_to({"type": "ping"})
        assert (await north_ws.receive_json_from(timeout=2))["type"] == "pong"
        await north_ws.disconnect()
        await south_ws.disconnect()

    asyncio.run(run())
    assert Connection.objects.count() == 0


def test_a_digest_user_does_not_get_suggestions_live_but_does_get_state_changes(nurse, make_item):
    delivery.preference_update(user=nurse, changes={"suggestion_mode": "digest", "digest_minutes": 5})

    async def run():
        ws, ok, _ = await connect(nurse)
        hello = await ws.receive_json_from(timeout=2)
        assert hello["prefs"]["suggestion_mode"] == "digest"
        suggestion = await sync_to_async(make_item)(tier="suggestion", urgency="non_clinical", priority=4)
        task = await sync_to_async(make_item)(tier="task")
        got = await frames(ws)
        ids = {f["item"]["id"] for f in got if f["type"] == "item.created"}
        assert ids == {str(task.pk)}
        from queues.services.items import item_claim

        await sync_to_async(item_claim)(item_id=suggestion.pk, user=nurse)
        got = await frames(ws)
        assert any(f["type"] == "item.updated" and f["item"]["id"] == str(suggestion.pk) for f in got)
        await ws.disconnect()

    asyncio.run(run())


def test_an_interrupt_reaches_the_connected_nurse_and_escalates_when_nobody_is_online(nurse, make_item):
    async def run():
        ws, ok, _ = await connect(nurse)
        await ws.receive_json_from(timeout=2)
        item = await sync_to_async(make_item)(tier="interrupt", urgency="emergent", priority=1)
        # eager Celery ran the delivery task inside make_item's commit
        got = await frames(ws)
        toast = [f for f in got if f["type"] == "interrupt"]
        assert len(toast) == 1 and toast[0]["delivered_as"] == "interrupt" and toast[0]["item"]["id"] == str(item.pk)
        await ws.disconnect()
        return item

    item = asyncio.run(run())
    assert InterruptDelivery.objects.get(item=item).user.username == "nurse"


def test_an_idle_socket_survives_longer_than_redis_pys_default_read_timeout(nurse):
    """redis-py 8 defaults socket_timeout to 5 s, which kills channels_redis's blocking receive on
    an idle socket (channels_redis #422); settings turn it off. Idle 6 s, then still answers."""

    async def run():
        ws, ok, _ = await connect(nurse)
        await ws.receive_json_from(timeout=2)
        assert await ws.receive_nothing(timeout=6.5)
        await ws.send_json_to({"type": "ping"})
        assert (await ws.receive_json_from(timeout=2))["type"] == "pong"
        await ws.disconnect()

    asyncio.run(run())


def test_logging_out_closes_the_sockets_of_that_login_and_no_other(nurse):
    """A tab left open after its user logs out (in this tab or another) gets no more patient data."""

    async def run():
        cookie = await sync_to_async(session_cookie)(nurse.username)
        other_cookie = await sync_to_async(session_cookie)(nurse.username)  # another login (device)
        sockets = []
        for value in (cookie, cookie, other_cookie):
            headers = [(b"origin", b"http://localhost"), (b"cookie", f"sessionid={value}".encode())]
            ws = WebsocketCommunicator(application, "/ws/", headers=headers)
            assert (await ws.connect())[0]
            assert (await ws.receive_json_from(timeout=2))["type"] == "hello"
            sockets.append(ws)

        def log_out():
            client = Client()
            client.cookies["sessionid"] = cookie
            assert client.post("/accounts/logout/").status_code in (200, 302)

        await sync_to_async(log_out)()
        for ws in sockets[:2]:  # both tabs of the login that ended
            assert (await ws.receive_output(timeout=3)) == {"type": "websocket.close", "code": 4401}
        assert await sockets[2].receive_nothing(timeout=0.5)  # the other login stays live
        await sockets[2].send_json_to({"type": "ping"})
        assert (await sockets[2].receive_json_from(timeout=2)) == {"type": "pong"}
        await sockets[2].disconnect()

    asyncio.run(run())


def test_a_socket_whose_session_expired_closes_at_its_next_ping(nurse):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.backends.base import SessionBase

    async def run():
        cookie = await sync_to_async(session_cookie)(nurse.username)
        headers = [(b"origin", b"http://localhost"), (b"cookie", f"sessionid={cookie}".encode())]
        ws = WebsocketCommunicator(application, "/ws/", headers=headers)
        assert (await ws.connect())[0]
        await ws.receive_json_from(timeout=2)

        def expire():
            store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie)
            store.delete()

        await sync_to_async(expire)()
        await ws.send_json_to({"type": "ping"})
        assert (await ws.receive_output(timeout=3)) == {"type": "websocket.close", "code": 4401}
        assert not await sync_to_async(Connection.objects.filter(user=nurse).exists)()

    asyncio.run(run())
