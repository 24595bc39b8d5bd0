"""`manage.py simulate_emr`: a synthetic EMR sending CloudEvents to clinflow's real HTTP API.

    manage.py simulate_emr --rate 2 --duration 60                       # 2 events/s for a minute
    manage.py simulate_emr --rate 500 --batch 100 --duration 30         # batches of 100, 500 events/s
    manage.py simulate_emr --rate 0.5 --duration 0 --wait-ready --quiet # the `make run` demo stream

Events come from demo.simulator.EmrSimulator, stamped with real time. A connection error, a timeout,
a 5xx or a 429 leaves the same events pending: they are sent again on the next tick (an accepted
event sent twice answers 200, so nothing is stored twice), up to --max-attempts times. SIGINT and
SIGTERM stop the loop after the request in flight; the summary is printed either way.
"""

from __future__ import annotations

import json
import logging
import math
import secrets
import signal
import sys
import threading
import time
from collections import Counter, deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.simulator import DEFAULT_SOURCE, EmrSimulator

logger = logging.getLogger("demo.simulate_emr")

READY_TIMEOUT_SECONDS = 300
QUIET_LOG_EVERY_SECONDS = 60
RETRY_STATUSES = {429, 500, 502, 503, 504}


class Stats:
    """Counts per event (accepted, repeats, rejected by status) and latency per HTTP request."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.sent = 0  # events put on the wire, resends included
        self.requests = 0
        self.accepted = 0  # 202
        self.repeats = 0  # 200: the same event had been accepted before
        self.rejected: Counter[int] = Counter()  # other statuses, per event
        self.errors = 0  # requests that got no HTTP answer (connection refused, reset, timeout)
        self.dropped = 0  # events given up after --max-attempts
        self.latency_total_ms = 0.0
        self.latencies_ms: deque[float] = deque(maxlen=100_000)  # p99 over the most recent requests

    def record_latency(self, ms: float) -> None:
        self.requests += 1
        self.latency_total_ms += ms
        self.latencies_ms.append(ms)

    def record_status(self, status: int, count: int = 1) -> None:
        if status == 202:
            self.accepted += count
        elif status == 200:
            self.repeats += count
        else:
            self.rejected[status] += count

    def by_class(self) -> dict[str, int]:
        out = {"2xx": self.accepted + self.repeats, "4xx": 0, "5xx": 0}
        for status, n in self.rejected.items():
            key = f"{status // 100}xx"
            out[key] = out.get(key, 0) + n
        return out

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]

    def mean(self) -> float:
        return self.latency_total_ms / self.requests if self.requests else math.nan

    def rejected_text(self) -> str:
        return ", ".join(f"{status}: {n}" for status, n in sorted(self.rejected.items())) or "none"


class Command(BaseCommand):
    help = "Send synthetic EMR CloudEvents to a running clinflow through POST /api/v1/events (or /batch)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="clinflow's base URL")
        parser.add_argument("--token", help="the source's API token")
        parser.add_argument(
            "--token-file",
            default=str(settings.VAR_DIR / "demo-source-token"),
            help="file holding the token (its last non-empty line); used without --token",
        )
        parser.add_argument("--rate", type=float, default=1.0, help="events per second (default 1)")
        parser.add_argument("--duration", type=float, default=0.0, help="seconds to run; 0 = until stopped")
        parser.add_argument(
            "--batch",
            type=int,
            default=0,
            help="send batches of N events to /api/v1/events/batch (0 = one event per request)",
        )
        parser.add_argument("--seed", type=int, default=None, help="seed of the event generator (ids stay unique)")
        parser.add_argument("--source", default=DEFAULT_SOURCE, help="the CloudEvents 'source' attribute")
        parser.add_argument(
            "--wait-ready",
            action="store_true",
            help=f"poll GET /readyz until 200 (up to {READY_TIMEOUT_SECONDS} s) before sending",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar; one log line per minute")
        parser.add_argument("--timeout", type=float, default=10.0, help="HTTP timeout per request, seconds")
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=5,
            help="send an event at most this many times on connection errors / 5xx / 429",
        )

    def handle(self, *args, **options):
        rate, duration, batch = options["rate"], options["duration"], options["batch"]
        if not rate > 0:
            raise CommandError("--rate must be > 0")
        if duration < 0 or batch < 0 or options["max_attempts"] < 1:
            raise CommandError("--duration and --batch must be >= 0, --max-attempts >= 1")
        if batch > settings.BATCH_MAX_EVENTS:
            raise CommandError(f"--batch is at most {settings.BATCH_MAX_EVENTS} (BATCH_MAX_EVENTS)")
        self.base_url = options["url"].rstrip("/")
        httpx_logger = logging.getLogger("httpx")
        httpx_level = httpx_logger.level
        httpx_logger.setLevel(logging.WARNING)  # else it logs a line per request
        self.quiet = options["quiet"]
        self.stop = threading.Event()
        previous_handlers = self._install_signal_handlers()
        try:
            timeout = httpx.Timeout(options["timeout"], connect=min(options["timeout"], 3.0))
            # Drop idle connections before uvicorn does (its keep-alive timeout is 5 s).
            limits = httpx.Limits(max_connections=4, keepalive_expiry=4.0)
            headers = {"User-Agent": "clinflow-simulate-emr"}
            with httpx.Client(timeout=timeout, limits=limits, headers=headers) as client:
                if options["wait_ready"] and not self._wait_ready(client):
                    return
                token = self._token(options["token"], options["token_file"])
                client.headers["Authorization"] = f"Bearer {token}"
                try:
                    self._run(
                        client,
                        rate=rate,
                        duration=duration,
                        batch=batch,
                        seed=options["seed"],
                        source=options["source"],
                        max_attempts=options["max_attempts"],
                    )
                except KeyboardInterrupt:  # a second Ctrl-C; the summary has been printed
                    pass
        finally:
            for signum, handler in previous_handlers.items():
                signal.signal(signum, handler)
            httpx_logger.setLevel(httpx_level)

    # -- set-up ------------------------------------------------------------------------------------
    def _install_signal_handlers(self) -> dict[int, Any]:
        if threading.current_thread() is not threading.main_thread():
            return {}  # signals can only be handled in the main thread; Ctrl-C is then the caller's

        def on_signal(signum, _frame):
            if self.stop.is_set():  # a second Ctrl-C: stop even a request in flight
                raise KeyboardInterrupt
            self.stop.set()

        return {signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)}

    def _token(self, token: str | None, token_file: str) -> str:
        if token:
            return token.strip()
        path = Path(token_file)
        try:
            lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
        except OSError as exc:
            raise CommandError(f"no --token and the token file {path} cannot be read ({exc})") from exc
        if not lines:
            raise CommandError(f"the token file {path} is empty")
        return lines[-1]

    def _wait_ready(self, client: httpx.Client) -> bool:
        """Poll /readyz; False only if stopped while waiting. After the time limit, send anyway: events
        are stored even while (say) the worker is still starting, and are processed once it is up."""
        url = f"{self.base_url}/readyz"
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        last = "no answer yet"
        logger.info("simulate_emr: waiting for %s", url)
        while not self.stop.is_set():
            try:
                response = client.get(url)
                if response.status_code == 200:
                    logger.info("simulate_emr: %s is ready", self.base_url)
                    return True
                last = f"{response.status_code} {response.text[:200]}"
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}"
            if time.monotonic() >= deadline:
                logger.warning(
                    "simulate_emr: %s not ready after %d s (%s); sending anyway", url, READY_TIMEOUT_SECONDS, last
                )
                return True
            self.stop.wait(1.0)
        return False

    # -- the loop ----------------------------------------------------------------------------------
    def _run(
        self,
        client: httpx.Client,
        *,
        rate: float,
        duration: float,
        batch: int,
        seed: int | None,
        source: str,
        max_attempts: int,
    ) -> None:
        simulator = EmrSimulator(seed, source, clock=lambda: datetime.now(UTC), run_id=secrets.token_hex(4))
        per_request = max(batch, 1)
        path = "/api/v1/events/batch" if batch else "/api/v1/events"
        interval = per_request / rate
        stats = self.stats = Stats()
        start = time.monotonic()
        deadline = start + duration if duration else math.inf
        bar = self._progress_bar(rate, duration)
        next_tick, next_log = start, start + QUIET_LOG_EVERY_SECONDS
        pending: list[dict[str, Any]] | None = None
        attempts = 0
        warned: set[int] = set()
        try:
            while not self.stop.is_set():
                now = time.monotonic()
                if now >= deadline:
                    break
                if now < next_tick:
                    self.stop.wait(min(next_tick, deadline) - now)
                    continue
                next_tick += interval
                if next_tick < now - 1.0:  # the server (or this box) fell behind: do not burst to catch up
                    next_tick = now + interval
                if pending is None:
                    pending, attempts = [simulator.next_event() for _ in range(per_request)], 0
                attempts += 1
                if self._send(client, path, pending, batch=bool(batch), warned=warned):
                    pending = None
                elif attempts >= max_attempts:
                    stats.dropped += len(pending)
                    logger.warning("simulate_emr: dropped %d event(s) after %d attempts", len(pending), attempts)
                    pending = None
                if bar is not None:
                    bar.n = stats.sent
                    bar.set_postfix(self._postfix(), refresh=False)
                    bar.update(0)
                elif time.monotonic() >= next_log:
                    next_log += QUIET_LOG_EVERY_SECONDS
                    self._log_line()
        finally:
            if bar is not None:
                bar.close()
            self._summary(time.monotonic() - start)

    def _send(
        self, client: httpx.Client, path: str, events: list[dict[str, Any]], *, batch: bool, warned: set[int]
    ) -> bool:
        """POST once; True when done with these events (answered), False to send them again."""
        stats = self.stats
        if batch:
            body, content_type = json.dumps(events), "application/cloudevents-batch+json"
        else:
            body, content_type = json.dumps(events[0]), "application/cloudevents+json"
        stats.sent += len(events)
        began = time.perf_counter()
        try:
            try:
                response = client.post(
                    f"{self.base_url}{path}", content=body.encode(), headers={"Content-Type": content_type}
                )
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
                # Most likely a kept-alive connection the server closed just as we reused it: send again
                # at once on a new one (safe: a repeat of an accepted event answers 200).
                began = time.perf_counter()
                response = client.post(
                    f"{self.base_url}{path}", content=body.encode(), headers={"Content-Type": content_type}
                )
        except httpx.HTTPError as exc:
            stats.errors += 1
            if stats.errors == 1 or stats.errors % 100 == 0:
                logger.warning(
                    "simulate_emr: %s: %s (%d connection error(s) so far); retrying next tick",
                    type(exc).__name__,
                    exc,
                    stats.errors,
                )
            return False
        stats.record_latency((time.perf_counter() - began) * 1000)
        status = response.status_code
        if batch and status == 200:
            try:
                results = response.json()["results"]
                for row in results:
                    stats.record_status(int(row["status"]))
                    if row["status"] >= 400:
                        self._warn_once(warned, int(row["status"]), row)
            except (ValueError, KeyError, TypeError):
                stats.record_status(-1, len(events))
                self._warn_once(warned, -1, response.text[:300])
            return True
        if status in RETRY_STATUSES:
            stats.record_status(status, len(events))
            self._warn_once(warned, status, response.text[:300])
            return False
        stats.record_status(status, len(events))
        if status >= 400:
            self._warn_once(warned, status, response.text[:300])
        return True

    def _warn_once(self, warned: set[int], status: int, detail: Any) -> None:
        if status not in warned:
            warned.add(status)
            logger.warning("simulate_emr: first %s answer: %s", status if status > 0 else "unreadable", detail)

    # -- output ------------------------------------------------------------------------------------
    def _progress_bar(self, rate: float, duration: float):
        if self.quiet:
            return None
        from tqdm import tqdm

        total = int(rate * duration) if duration else None
        return tqdm(total=total, unit="ev", desc="simulate_emr", file=sys.stderr, dynamic_ncols=True, mininterval=0.25)

    def _postfix(self) -> dict[str, Any]:
        counts = self.stats.by_class()
        return {**counts, "err": self.stats.errors}

    def _log_line(self) -> None:
        s = self.stats
        counts = s.by_class()
        logger.info(
            "simulate_emr: sent %d in %.0f s; 202 %d, 200 %d, 4xx %d, 5xx %d, connection errors %d, "
            "dropped %d; latency mean %.1f ms, p99 %.1f ms",
            s.sent,
            time.monotonic() - s.started,
            s.accepted,
            s.repeats,
            counts["4xx"],
            counts["5xx"],
            s.errors,
            s.dropped,
            s.mean(),
            s.percentile(0.99),
        )

    def _summary(self, elapsed: float) -> None:
        s = self.stats
        lines = [
            f"simulate_emr: sent {s.sent} event(s) in {s.requests} answered request(s) over {elapsed:.1f} s "
            f"({s.sent / elapsed if elapsed else 0:.1f} events/s) to {self.base_url}",
            f"  accepted (202): {s.accepted}   repeats (200): {s.repeats}   rejected: {s.rejected_text()}",
            f"  connection errors: {s.errors}   dropped after retries: {s.dropped}",
            f"  latency per request: mean {s.mean():.1f} ms, p99 {s.percentile(0.99):.1f} ms",
        ]
        self.stdout.write("\n".join(lines))
