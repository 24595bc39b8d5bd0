"""`manage.py mllp_listen --port 2575`: receive HL7 v2 over MLLP (see README "HL7 v2 over MLLP")."""

from __future__ import annotations

import asyncio
import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hl7v2.listener import Limits, Listener
from hl7v2.services import ListenerConfig
from ingest.schemas import SLUG_RE


class Command(BaseCommand):
    help = "Listen for HL7 v2 messages over MLLP and acknowledge each one (AA only once stored)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2575)
        parser.add_argument(
            "--source",
            help="every message is this integration source's (default: the source whose source URIs "
            "hold urn:hl7:<MSH-3>:<MSH-4>)",
        )
        parser.add_argument(
            "--default-facility", help="facility slug when no alias maps PV1-3/MSH-4 and the source has several"
        )
        parser.add_argument("--max-frame-bytes", type=int, default=Limits.max_frame)
        parser.add_argument("--idle-timeout", type=float, default=Limits.idle_timeout)
        parser.add_argument("--frame-timeout", type=float, default=Limits.frame_timeout)
        parser.add_argument("--max-connections", type=int, default=Limits.max_connections)
        parser.add_argument("--workers", type=int, default=Limits.workers, help="database threads")
        parser.add_argument(
            "--metrics-port", type=int, help="also serve Prometheus metrics on this port (they reach /metrics anyway)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from hl7v2.selectors import source_named

        if opts["source"] and source_named(name=opts["source"]) is None:
            raise CommandError(f"no active integration source named {opts['source']!r}")
        if opts["default_facility"] and not SLUG_RE.match(opts["default_facility"]):
            raise CommandError("--default-facility must be a facility slug")
        for name in ("max_frame_bytes", "max_connections", "workers"):
            if opts[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1")
        limits = Limits(
            max_frame=opts["max_frame_bytes"],
            idle_timeout=opts["idle_timeout"],
            frame_timeout=opts["frame_timeout"],
            max_connections=opts["max_connections"],
            workers=opts["workers"],
        )
        config = ListenerConfig(source_name=opts["source"], default_facility=opts["default_facility"])
        if opts["metrics_port"]:
            from prometheus_client import CollectorRegistry, start_http_server
            from prometheus_client.multiprocess import MultiProcessCollector

            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            start_http_server(opts["metrics_port"], addr=opts["host"], registry=registry)
        asyncio.run(self._run(Listener(host=opts["host"], port=opts["port"], config=config, limits=limits)))

    async def _run(self, listener: Listener) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        host, port = await listener.start()
        self.stdout.write(f"mllp_listen: listening on {host}:{port}", ending="\n")
        self.stdout.flush()
        await stop.wait()
        await listener.close()
