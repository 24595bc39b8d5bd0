"""The MLLP listener: an asyncio TCP server that answers each framed HL7 message with its ACK.

The event loop only frames bytes and writes ACKs; each message's database work runs in a thread
pool (`workers` threads, each with its own Django connection, checked before and after every
message), so a slow database never stalls other connections' reads. Messages of one connection
are answered in order (original-mode acknowledgement: a sender waits for each ACK).

Nothing is closed silently: every framing problem, timeout and refused connection is one
structured log line (`mllp framing error`, reason, peer, bytes) and a count in
`clinflow_mllp_framing_errors{reason}`; every answered message is one line (`mllp message`) and a
count in `clinflow_hl7_messages{message_type, ack, repeat}`.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import structlog
from django.db import connections

from hl7v2.ack import build_ack
from hl7v2.metrics import ACK_SECONDS, CONNECTIONS, FRAMING_ERRORS, MESSAGES, OPEN_CONNECTIONS
from hl7v2.mllp import Frame, FrameDecoder, FramingError, frame
from hl7v2.parse import INTERNAL_ERROR, Hl7Problem, normalise, read_header
from hl7v2.services import Answer, ListenerConfig, message_receive

logger = structlog.stdlib.get_logger("hl7v2.listener")


@dataclass(frozen=True)
class Limits:
    max_frame: int = 1024 * 1024  # bytes of one message
    idle_timeout: float = 300.0  # seconds without a byte between messages
    frame_timeout: float = 30.0  # seconds for one frame to arrive in full once it started
    write_timeout: float = 10.0  # seconds for the peer to take an ACK
    max_connections: int = 200
    workers: int = 4  # database threads


class Listener:
    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 2575,
        config: ListenerConfig | None = None,
        limits: Limits | None = None,
    ):
        self.host, self.port = host, port
        self.config = config or ListenerConfig()
        self.limits = limits or Limits()
        self.executor = ThreadPoolExecutor(max_workers=self.limits.workers, thread_name_prefix="hl7-db")
        self.server: asyncio.base_events.Server | None = None
        self.open = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._busy: set[asyncio.Task[Any]] = set()  # connections with a message in hand
        self._stopping = False  # set by close(): a connection ends after the message in hand

    async def start(self) -> tuple[str, int]:
        self.server = await asyncio.start_server(self._handle, self.host, self.port, limit=64 * 1024)
        sock = self.server.sockets[0].getsockname()
        self.port = sock[1]
        logger.info(
            "mllp listening", host=self.host, port=self.port, source=self.config.source_name or "by MSH-3/MSH-4"
        )
        return sock[0], sock[1]

    async def close(self, grace: float = 10.0) -> None:
        """Stop accepting, let connections finish the message in hand (up to `grace` seconds), then
        close the database threads' connections."""
        self._stopping = True
        if self.server is not None:
            self.server.close()
        for task in self._tasks - self._busy:  # idle between messages: nothing to finish
            task.cancel()
        # a busy connection sees _stopping once its ACK is written and ends (see _serve)
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=grace)
            for task in pending:
                task.cancel()
        await asyncio.get_running_loop().run_in_executor(None, self._close_db_threads)
        logger.info("mllp stopped", port=self.port)

    def _close_db_threads(self) -> None:
        # One job per thread, held at a barrier so each lands on a different thread.
        barrier = threading.Barrier(self.limits.workers)

        def close() -> None:
            connections.close_all()
            try:
                barrier.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass

        for future in [self.executor.submit(close) for _ in range(self.limits.workers)]:
            future.result()
        self.executor.shutdown(wait=True)

    def _framing(self, reason: str, peer: str, size: int = 0) -> None:
        FRAMING_ERRORS.labels(reason=reason).inc()
        logger.warning("mllp framing error", reason=reason, peer=peer, bytes=size)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        peername = writer.get_extra_info("peername")
        peer = f"{peername[0]}:{peername[1]}" if isinstance(peername, tuple) else str(peername)
        if self.open >= self.limits.max_connections:
            self._framing("too_many_connections", peer)
            await self._close(writer)
            if task is not None:
                self._tasks.discard(task)
            return
        self.open += 1
        CONNECTIONS.inc()
        OPEN_CONNECTIONS.inc()
        try:
            await self._serve(reader, writer, peer)
        except asyncio.CancelledError:
            pass  # close() ended an idle connection: the end of this handler, not an error
        except Exception:  # one bad connection must never take the listener down
            logger.exception("mllp connection failed", peer=peer)
        finally:
            self.open -= 1
            OPEN_CONNECTIONS.dec()
            await self._close(writer)
            if task is not None:
                self._tasks.discard(task)

    async def _close(self, writer: asyncio.StreamWriter) -> None:
        try:
            writer.close()
            await asyncio.wait_for(writer.wait_closed(), 2)
        except (OSError, TimeoutError, asyncio.CancelledError):
            pass

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, peer: str) -> None:
        loop = asyncio.get_running_loop()
        decoder = FrameDecoder(max_frame=self.limits.max_frame)
        frame_started = 0.0
        while True:
            if decoder.in_frame:
                timeout = max(0.0, self.limits.frame_timeout - (loop.time() - frame_started))
            else:
                timeout = self.limits.idle_timeout
            begun = decoder.begun
            try:
                data = await asyncio.wait_for(reader.read(64 * 1024), timeout)
            except TimeoutError:
                self._framing("frame_timeout" if decoder.in_frame else "idle_timeout", peer)
                return
            except (ConnectionError, OSError) as exc:
                logger.info("mllp connection lost", peer=peer, error=type(exc).__name__)
                for error in decoder.eof():
                    self._framing(error.reason, peer, error.size)
                return
            if not data:
                for error in decoder.eof():
                    self._framing(error.reason, peer, error.size)
                return
            task = asyncio.current_task()
            if task is not None:
                self._busy.add(task)
            try:
                if not await self._answer(decoder.feed(data), writer, peer):
                    return
            finally:
                if task is not None:
                    self._busy.discard(task)
            if self._stopping and not decoder.in_frame:
                return  # the listener is stopping: the message in hand is answered, end here
            if decoder.begun != begun:  # a frame (still open, or completed) started in these bytes
                frame_started = loop.time()

    async def _answer(self, items: list[Frame | FramingError], writer: asyncio.StreamWriter, peer: str) -> bool:
        """Answer what these bytes completed, in order; False when the connection must end."""
        loop = asyncio.get_running_loop()
        for item in items:
            if isinstance(item, Frame):
                started = time.perf_counter()
                answer = await loop.run_in_executor(self.executor, self._receive, item.payload)
                if not await self._send(writer, answer, peer, started):
                    return False
            elif item.reason == "oversize":
                self._framing("oversize", peer, item.size)
                answer = self._oversize_answer(item)
                if not await self._send(writer, answer, peer, time.perf_counter()):
                    return False
            else:
                self._framing(item.reason, peer, item.size)
        return True

    def _receive(self, payload: bytes) -> Answer:
        return message_receive(raw=payload, config=self.config)

    def _oversize_answer(self, item: FramingError) -> Answer:
        header = read_header(normalise(item.head.decode("utf-8", "replace")))
        problem = Hl7Problem("", f"the message is larger than {self.limits.max_frame} bytes", INTERNAL_ERROR, True)
        return Answer(
            code="AR",
            ack=build_ack(code="AR", header=header, problems=[problem]),
            control_id=header.control_id[:199] if header else "",
            message_type=header.type_text[:16] if header else "",
            problems=[problem],
        )

    async def _send(self, writer: asyncio.StreamWriter, answer: Answer, peer: str, started: float) -> bool:
        try:
            writer.write(frame(answer.ack_bytes))
            await asyncio.wait_for(writer.drain(), self.limits.write_timeout)
        except (ConnectionError, OSError, TimeoutError) as exc:
            logger.warning(
                "mllp ack not delivered",
                peer=peer,
                control_id=answer.control_id,
                ack=answer.code,
                error=type(exc).__name__,
            )
            return False
        elapsed = time.perf_counter() - started
        ACK_SECONDS.labels(ack=answer.code).observe(elapsed)
        MESSAGES.labels(
            message_type=answer.message_type or "-", ack=answer.code, repeat=str(answer.repeat).lower()
        ).inc()
        log = logger.info if answer.code == "AA" else logger.warning
        log(
            "mllp message",
            peer=peer,
            source=answer.source,
            message_type=answer.message_type,
            control_id=answer.control_id,
            ack=answer.code,
            repeat=answer.repeat,
            events=len(answer.event_ids),
            errors=[p.location for p in answer.problems][:20],
            ms=round(elapsed * 1000, 2),
        )
        return True
