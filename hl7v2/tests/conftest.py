"""The real listener on a real TCP port (port 0, in a thread with its own event loop) and a real
MLLP client over a socket. The listener's database threads use their own connections, so the
tests that talk to it use transactional_db (committed data)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import hl7
import pytest

from hl7v2.listener import Limits, Listener
from hl7v2.mllp import FrameDecoder, frame
from hl7v2.services import ListenerConfig
from ingest.tests.factories import IntegrationSourceFactory
from scheduling.tests.conftest import clinic, noshow_file, noshow_live  # noqa: F401  (the reschedule test)

FIXTURES = Path(__file__).parent / "fixtures"


def sample(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class RunningListener:
    def __init__(self, listener: Listener):
        self.listener = listener
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.port = 0

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        _, self.port = self.loop.run_until_complete(self.listener.start())
        self.ready.set()
        self.loop.run_forever()

    def start(self) -> RunningListener:
        self.thread.start()
        assert self.ready.wait(10), "listener did not start"
        return self

    def stop(self) -> None:
        if not self.thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self.listener.close(grace=5), self.loop).result(20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        assert not self.thread.is_alive(), "listener thread did not stop"

    def open_connections(self) -> int:
        return self.listener.open


class Client:
    """A plain MLLP client: frames what it sends, reads ACK frames back."""

    def __init__(self, port: int, timeout: float = 10.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.decoder = FrameDecoder(max_frame=10 * 1024 * 1024)
        self.pending: list[bytes] = []

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv_ack(self) -> str:
        while not self.pending:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("closed by the listener before an ACK")
            self.pending.extend(f.payload for f in self.decoder.feed(data) if hasattr(f, "payload"))
        return self.pending.pop(0).decode("utf-8")

    def send(self, message: bytes | str) -> str:
        payload = message.encode("utf-8") if isinstance(message, str) else message
        self.send_raw(frame(payload))
        return self.recv_ack()

    def closed_by_peer(self, timeout: float = 5.0) -> bool:
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1) == b""
        except (ConnectionResetError, BrokenPipeError):
            return True
        except TimeoutError:
            return False

    def close(self) -> None:
        self.sock.close()


def ack_of(text: str) -> dict:
    """MSA-1, MSA-2, MSA-3 and the ERR locations (`PID^1^3`) and texts of an ACK."""
    message = hl7.parse(text)
    msa = message.segment("MSA")
    errs = message.segments("ERR") if "\rERR" in text else []
    return {
        "code": str(msa(1)),
        "control_id": str(msa(2)),
        "text": str(msa(3)) if len(msa) > 3 else "",
        "locations": [str(e(2)) for e in errs],
        "errors": [str(e(8)) for e in errs],
        "conditions": [str(e(3)).split("^")[0] for e in errs],
        "msh": message.segment("MSH"),
    }


@pytest.fixture
def mllp(transactional_db) -> Iterator:
    """Start a listener: `mllp(config=..., limits=...)` → RunningListener (stopped afterwards)."""
    running: list[RunningListener] = []

    def start(config: ListenerConfig | None = None, limits: Limits | None = None) -> RunningListener:
        listener = Listener(host="127.0.0.1", port=0, config=config, limits=limits or Limits(workers=4))
        running.append(RunningListener(listener).start())
        return running[-1]

    yield start
    for r in running:
        r.stop()


@pytest.fixture
def client_for() -> Iterator:
    clients: list[Client] = []

    def make(running: RunningListener, timeout: float = 10.0) -> Client:
        clients.append(Client(running.port, timeout))
        return clients[-1]

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def hospital(transactional_db):
    """The sources of the samples, bound to their urn:hl7:<MSH-3>:<MSH-4> URIs, allowed every type
    and the facility `north`."""
    return {
        # one EMR, two feeds (ADT and scheduling): one source, so ADT's patient context serves SIU
        "ghh": IntegrationSourceFactory(
            name="ghh", source_uris=["urn:hl7:adtapp:ghhsfacility", "urn:hl7:schapp:ghhsfacility"]
        ),
        "lab": IntegrationSourceFactory(name="lab", source_uris=["urn:hl7:somesystem:-"], facilities=["north"]),
        "phl": IntegrationSourceFactory(name="phl", source_uris=["urn:hl7:ia-phims-stage:ia-public-health-lab"]),
        "emr": IntegrationSourceFactory(name="emr", source_uris=["urn:hl7:emr:north"], facilities=["north"]),
    }


def build(
    message_type: str,
    control_id: str,
    *segments: str,
    app: str = "EMR",
    facility: str = "north",
    when: str = "20261201083000+0000",
    extra_msh: str = "",
) -> str:
    """A CR-separated message from `EMR`/`north` (source `emr` of the hospital fixture)."""
    msh = f"MSH|^~\\&|{app}|{facility}|CLINFLOW|CF|{when}||{message_type}|{control_id}|P|2.5{extra_msh}"
    return "\r".join([msh, *segments]) + "\r"


PID = "PID|1||MRN-1^^^EMR^MR||Doe^Jane||19800402|F"
