#!/usr/bin/env python3
"""HL7 v2 over MLLP: messages/s and ACK latency of the real listener, beside a bare asyncio echo server.

    .venv/bin/python benchmarks/mllp.py                          # zero-setup: SQLite + embedded Valkey
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_bench REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python benchmarks/mllp.py --json var/bench-mllp-pg.json

What it does: migrates the database, creates a source bound to `urn:hl7:bench:<random>`, starts
`manage.py mllp_listen` (a real process; DATABASE_POOL=1 on PostgreSQL, as `make run` does) and, as the
baseline, a bare asyncio MLLP echo server in a process of its own (`--echo-server`: the same framing,
no parsing, no database; it sends each frame straight back). Then, for one connection and for 8
connections, it sends the same realistic messages (ORU^R01 with two results and SIU^S12, each with a
control id never sent before) to the echo server and to the listener, one message in flight per
connection (original-mode acknowledgement, as interface engines send), and times each ACK. Every
listener ACK must be AA. No Celery worker runs: the publish after commit still goes to Redis (part of
the real cost); the tasks are deleted from the queue at the end unless --keep-tasks.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import Services, delete_published_tasks, free_port, log, percentile  # noqa: E402
from hl7v2.mllp import Frame, FrameDecoder, frame  # noqa: E402

PY = sys.executable


# --- the baseline ----------------------------------------------------------------------------------
async def echo_server(port: int) -> None:
    """Bare MLLP: the listener's framing and socket handling, each frame sent straight back."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        decoder = FrameDecoder(max_frame=1024 * 1024)
        try:
            while data := await reader.read(64 * 1024):
                for item in decoder.feed(data):
                    if isinstance(item, Frame):
                        writer.write(frame(item.payload))
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    print(f"echo listening on 127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


# --- messages --------------------------------------------------------------------------------------
class Messages:
    """Realistic messages with control ids never sent before: ORU^R01 (two OBX) and SIU^S12."""

    def __init__(self, app: str) -> None:
        self.app, self.n = app, 0

    def next(self) -> bytes:
        self.n += 1
        cid = f"{self.app}-{self.n}"
        msh = f"MSH|^~\\&|{self.app.upper()}|north|CLINFLOW|CF|20261201083000+0000||"
        pid = f"PID|1||MRN-{self.n % 5000}^^^EMR^MR||Doe^Jane||19800402|F"
        if self.n % 2:
            segments = [
                f"{msh}ORU^R01^ORU_R01|{cid}|P|2.5.1",
                pid,
                "PV1|1|O|north^^^north",
                f"OBR|1|PL-{self.n}|FL-{self.n}|24321-2^Basic metabolic panel^LN|||20261201070000+0000"
                "|||||||||dr-lee||||||20261201080000+0000|||F",
                f"OBX|1|NM|2823-3^Potassium^LN||{3 + self.n % 40 / 10:.1f}|mmol/L|3.5-5.1|N|||F",
                "OBX|2|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||F",
            ]
        else:
            day = 10 + self.n % 15
            segments = [
                f"{msh}SIU^S12^SIU_S12|{cid}|P|2.5.1",
                f"SCH||APT-{cid}||||ROUTINE|follow-up^Follow-up|||||||||||||||Booked",
                f"TQ1|||||||202612{day:02d}0900+0000|202612{day:02d}0920+0000",
                pid,
                "PV1|1|O|north^^^north||||dr-lee|||cardiology",
                "AIP|1||dr-lee^Lee^Ann|D",
            ]
        return ("\r".join(segments) + "\r").encode()


# --- load ------------------------------------------------------------------------------------------
@dataclass
class CaseResult:
    case: str
    server: str
    connections: int
    messages: int
    seconds: float
    messages_per_s: float
    p50_ms: float
    p99_ms: float
    failures: int
    ratio: float | None = None
    first_failure: str = ""


async def drive(
    port: int, payloads: list[bytes], connections: int, *, expect_aa: bool
) -> tuple[float, list[float], list[str]]:
    """Send the payloads over `connections` connections, one in flight each; (seconds, latencies, failures)."""
    latencies: list[float] = []
    failures: list[str] = []
    shares = [payloads[i::connections] for i in range(connections)]

    async def one(share: list[bytes]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        decoder = FrameDecoder(max_frame=1024 * 1024)
        pending: list[bytes] = []
        try:
            for payload in share:
                started = time.perf_counter()
                writer.write(frame(payload))
                await writer.drain()
                while not pending:
                    data = await asyncio.wait_for(reader.read(64 * 1024), 30)
                    if not data:
                        raise ConnectionError("closed by the server")
                    pending.extend(f.payload for f in decoder.feed(data) if isinstance(f, Frame))
                answer = pending.pop(0)
                latencies.append((time.perf_counter() - started) * 1000)
                if expect_aa and b"\rMSA|AA|" not in answer:
                    failures.append(answer.decode("utf-8", "replace")[:300])
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(one(s) for s in shares))
    return time.perf_counter() - started, latencies, failures


async def run_cases(listener_port: int, echo_port: int, args: argparse.Namespace) -> list[CaseResult]:
    results: list[CaseResult] = []
    messages = Messages(args.app)
    log(f"warm-up: {args.warmup} messages to each server ...")
    await drive(echo_port, [messages.next() for _ in range(args.warmup)], 1, expect_aa=False)
    _, _, failed = await drive(listener_port, [messages.next() for _ in range(args.warmup)], 1, expect_aa=True)
    if failed:
        raise RuntimeError(f"the listener did not accept a warm-up message: {failed[0]}")
    for connections in (1, 8):
        payloads = [messages.next() for _ in range(args.messages)]
        case = f"{connections} connection{'s' if connections > 1 else ''}"
        baseline: CaseResult | None = None
        for server, port, expect in (("echo", echo_port, False), ("clinflow", listener_port, True)):
            log(f"{case}: {len(payloads)} messages to {server} ...")
            if server == "clinflow":  # fresh control ids: the echo run saw these bytes, the listener never did
                payloads = [messages.next() for _ in range(args.messages)]
            seconds, latencies, failures = await drive(port, payloads, connections, expect_aa=expect)
            result = CaseResult(
                case=case,
                server=server,
                connections=connections,
                messages=len(payloads),
                seconds=round(seconds, 3),
                messages_per_s=round(len(payloads) / seconds, 1),
                p50_ms=round(percentile(latencies, 0.50), 2),
                p99_ms=round(percentile(latencies, 0.99), 2),
                failures=len(failures),
                first_failure=failures[0] if failures else "",
            )
            if baseline is None:
                baseline = result
            else:
                result.ratio = round(result.messages_per_s / baseline.messages_per_s, 4)
            log(f"  {result.messages_per_s:,.0f} msg/s, p50 {result.p50_ms} ms, p99 {result.p99_ms} ms")
            results.append(result)
    return results


def render_table(results: list[CaseResult]) -> str:
    header = ("case", "server", "messages", "msg/s", "ACK p50 ms", "ACK p99 ms", "ratio vs echo")
    rows = []
    for r in results:
        ratio = "baseline" if r.ratio is None else f"{r.ratio:.3f}x"
        if r.failures:
            ratio += f" ({r.failures} not AA)"
        rows.append(
            (
                r.case,
                r.server,
                f"{r.messages:,}",
                f"{r.messages_per_s:,.0f}",
                f"{r.p50_ms:.2f}",
                f"{r.p99_ms:.2f}",
                ratio,
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    aligns = ["<", "<", ">", ">", ">", ">", "<"]
    lines = [" | ".join(f"{h:{a}{w}}" for h, a, w in zip(header, aligns, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(f"{c:{a}{w}}" for c, a, w in zip(row, aligns, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def start(
    argv: list[str], env: dict[str, str], log_file: Path, ready: str, timeout: float = 90.0
) -> tuple[subprocess.Popen, int]:
    """Start a process that prints `<ready> on host:PORT`; returns it and the port."""
    out = open(log_file, "w")  # noqa: SIM115 - the process writes it for its whole life
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=out, text=True, start_new_session=True
    )
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise RuntimeError(f"{argv[1]} exited ({proc.returncode}); see {log_file}")
        if ready in line:
            return proc, int(line.strip().rsplit(":", 1)[1])
    raise RuntimeError(f"{argv[1]} did not start; see {log_file}")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=2000, help="messages per case and server")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4, help="the listener's database threads")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--keep-tasks", action="store_true", help="leave the published Celery tasks in Redis")
    parser.add_argument("--echo-server", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo_server is not None:
        asyncio.run(echo_server(args.echo_server))
        return 0
    args.app = f"bench{secrets.token_hex(3)}"

    os.chdir(ROOT)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    sqlite_file: Path | None = None
    if not env.get("DATABASE_URL"):
        sqlite_file = bench_dir / "bench-mllp.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    database = "SQLite" if sqlite_file else env["DATABASE_URL"].split("@")[-1]
    is_pg = env["DATABASE_URL"].startswith(("postgres", "pgsql"))

    services = Services(env)
    listener = echo = None

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        redis_note = services.start_valkey_if_needed()
        log(f"database: {database}; redis: {redis_note}")
        log("migrating ...")
        services.manage("migrate", "--noinput", "-v", "0")
        services.manage(
            "create_source", f"bench-{args.app}", "--types", "all", "--source-uri", f"urn:hl7:{args.app}:north"
        )
        listener_env = dict(services.env, **({"DATABASE_POOL": "1"} if is_pg else {}))
        log("starting manage.py mllp_listen and the echo server ...")
        listener, listener_port = start(
            [PY, "manage.py", "mllp_listen", "--port", str(free_port()), "--workers", str(args.workers)],
            listener_env,
            bench_dir / "mllp-listener.log",
            "listening on",
        )
        echo, echo_port = start(
            [PY, str(Path(__file__).resolve()), "--echo-server", str(free_port())],
            env,
            bench_dir / "mllp-echo.log",
            "echo listening on",
        )
        results = asyncio.run(run_cases(listener_port, echo_port, args))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        stop(listener)
        stop(echo)
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
        "listener_workers": args.workers,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(
        f"\nclinflow MLLP benchmark: {database}, mllp_listen with {args.workers} database threads, "
        f"{os.cpu_count()} CPUs, client on the same machine, one message in flight per connection"
    )
    print(render_table(results))
    failed = sum(r.failures for r in results)
    if failed:
        print(
            f"\nWARNING: {failed} messages were not acknowledged AA; first: "
            + next(r.first_failure for r in results if r.failures)
        )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"config": config, "results": [asdict(r) for r in results]}, indent=2))
        log(f"wrote {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
