#!/usr/bin/env python3
"""Triage scoring throughput and latency, each beside a bare INSERT measured in the same run.

    .venv/bin/python benchmarks/triage.py                     # zero-setup: SQLite in var/bench-triage
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_bench .venv/bin/python benchmarks/triage.py

Cases (messages from the seed corpus and the EMR simulator, N of each):
  - the parts alone, one message at a time: the red-flag rules (`triage.redflags.find_red_flags`,
    the rule layer before protocols), the complaint protocols (`triage.protocols.assess`: all
    protocols, findings and NEWS2), the classifier (`predict_one`)
  - protocols + classifier, one message at a time (`triage.scoring.score_text`, what the handler
    runs: protocols, red-flag rationale, classifier, decision): msg/s, p50/p99 per message
  - classifier in batches of 1,000 plus the rules per message: msg/s
  - the whole handler per event in the database (`ingest.services.event_process` of a stored
    PatientMessageReceived: claim, rules, classifier, score row, routing, work item, audit): msg/s, p99
  - baseline: one bare INSERT per message into a scratch table, same database connection: rows/s, p99
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="messages per case")
    parser.add_argument("--db-n", type=int, default=300, help="events for the in-database case")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["CLINFLOW_VAR_DIR"] = str(ROOT / "var" / "bench-triage")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinflow.settings")
    os.environ.setdefault("CELERY_EAGER", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from tqdm import tqdm

    from demo.simulator import EmrSimulator
    from ingest.models import Event
    from ingest.services import event_process, source_create
    from triage import classifier, protocols, redflags
    from triage.scoring import score_text
    from triage.services import triage_model_live

    print("[bench] migrate, seed, model ...", file=sys.stderr, flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    _, model = triage_model_live()

    sim = EmrSimulator(seed=7)
    texts = [t for t, _, _ in classifier.load_seed_corpus()]
    # plus long clinician-style cases (vitals, exam, labs), as the evaluation sets have
    from triage.evaluation import DEFAULT_SETS, load_cases

    texts += [c.text for path in DEFAULT_SETS if path.exists() for c in load_cases(path)]
    while len(texts) < args.n:
        event = sim.next_event()
        if event["type"] == "PatientMessageReceived":
            texts.append(event["data"]["body"])
    texts = texts[: args.n]
    rows = []

    # the parts alone, then together, one by one
    parts = [
        ("red-flag rules alone (before protocols)", redflags.find_red_flags),
        (f"protocols alone ({len(protocols.PROTOCOLS)})", protocols.assess),
        ("classifier alone", model.predict_one),
        ("protocols + classifier, one by one", lambda text: score_text(text=text, model=model)),
    ]
    for name, fn in parts:
        lat = []
        for text in tqdm(texts, desc=name, file=sys.stderr):
            t0 = time.perf_counter()
            fn(text)
            lat.append((time.perf_counter() - t0) * 1000)
        rows.append((name, len(lat) / (sum(lat) / 1000), pct(lat, 50), pct(lat, 99)))

    # batches of 1,000
    t0 = time.perf_counter()
    for start in tqdm(range(0, len(texts), 1000), desc="batches", file=sys.stderr):
        chunk = texts[start : start + 1000]
        model.predict(chunk)
        for text in chunk:
            protocols.assess(text)
    batch_s = time.perf_counter() - t0
    rows.append(("protocols + classifier, batches of 1,000", len(texts) / batch_s, float("nan"), float("nan")))

    # bare INSERT baseline (same DB, same connection)
    id_col = "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS bench_triage_bare (id {id_col}, body text NOT NULL)")
        cur.execute("DELETE FROM bench_triage_bare")
    lat = []
    for text in tqdm(texts[: args.db_n], desc="bare INSERT", file=sys.stderr):
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("INSERT INTO bench_triage_bare (body) VALUES (%s)", [text])
        lat.append((time.perf_counter() - t0) * 1000)
    bare = ("bare INSERT per message (baseline)", len(lat) / (sum(lat) / 1000), pct(lat, 50), pct(lat, 99))

    # the whole handler, in the database
    _, token = source_create(name=f"bench-{time.time_ns()}", types="all")
    from ingest.models import IntegrationSource
    from ingest.services import event_ingest

    source = IntegrationSource.objects.order_by("-pk").first()
    ids = []
    for i, text in enumerate(texts[: args.db_n]):
        envelope = {
            "specversion": "1.0",
            "id": f"bench-{time.time_ns()}-{i}",
            "source": "urn:bench:triage",
            "type": "PatientMessageReceived",
            "data": {
                "message_id": f"m-{time.time_ns()}-{i}",
                "patient": {"mrn": f"B-{time.time_ns()}-{i}"},
                "facility": "north",
                "channel": "portal",
                "body": text,
                "received_at": "2026-11-25T08:00:00Z",
            },
        }
        ids.append(event_ingest(source=source, envelope=envelope).event_id)
    lat = []
    for event_id in tqdm(ids, desc="handler in DB", file=sys.stderr):
        t0 = time.perf_counter()
        assert event_process(event_id=event_id) == "processed"
        lat.append((time.perf_counter() - t0) * 1000)
    rows.append(("whole handler per event, in the DB", len(lat) / (sum(lat) / 1000), pct(lat, 50), pct(lat, 99)))
    assert Event.objects.filter(pk__in=ids, status="processed").count() == len(ids)

    print(f"\ntriage scoring ({connection.vendor}, 1 process, n={args.n}, in-DB n={args.db_n})")
    print(f"{'case':<44}{'msg/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'vs bare INSERT':>16}")
    for name, rate, p50, p99 in [*rows, bare]:
        ratio = "baseline" if name == bare[0] else f"x{rate / bare[1]:.2f}"
        print(f"{name:<44}{rate:>10.0f}{p50:>9.2f}{p99:>9.2f}{ratio:>16}")
    rules_rate = rows[0][1]
    print(f"protocols vs the red-flag rules they replace: x{rows[1][1] / rules_rate:.2f} the throughput")
    print(f"mean one-by-one latency {statistics.fmean(lat):.2f} ms in DB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
