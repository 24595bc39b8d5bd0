#!/usr/bin/env python3
"""How often the demo stream interrupts someone: the demo simulator's event mix for N minutes of
demo traffic, each event scored and routed by the real code (no server, no worker).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinflow_demo .venv/bin/python benchmarks/demo_interrupts.py
    .venv/bin/python benchmarks/demo_interrupts.py --minutes 10 --seed 7   # zero-setup: SQLite in var/

Patient messages: `triage.scoring.score_text` with the live model, then `triage.services._route`
with the facility's triage policy (what the handler does). Lab results: `triage.results.classify_result`
then `queues.routing.route_result` with the results policy. Other events make no alert here.
An alert is an event the routing gives a tier (a work item); prints events, alerts, interrupts,
interrupts as % of alerts (target <= 30 %), emergencies (care level emergency) as % of messages —
for today's demo mix and, measured in the same run on the same seed, for the baseline mix (message
templates picked evenly, as before issue 11), with the ratio of the two interrupt shares.
Interrupts are counted at the routing tier: a user's cap or settings may still turn one into a task.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

DEMO_RATE = 0.5  # events per second of the `make run` demo stream (simulate_emr --rate 0.5)
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0, help="minutes of demo traffic")
    parser.add_argument(
        "--rate", type=float, default=DEMO_RATE, help=f"events per second (default {DEMO_RATE}, `make run`)"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["CLINFLOW_VAR_DIR"] = str(ROOT / "var" / "bench-demo-interrupts")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinflow.settings")
    os.environ.setdefault("CELERY_EAGER", "0")
    import django

    django.setup()
    from django.core.management import call_command

    from demo.simulator import EmrSimulator
    from queues import routing
    from queues.models import RoutingPolicy
    from queues.services.policies import routing_policy_ensure
    from triage.results import classify_result
    from triage.scoring import score_text
    from triage.services import _facility, _message_text, _policy_dict, _route, triage_model_live

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    _, model = triage_model_live()

    rate = args.rate
    count = max(1, round(rate * args.minutes * 60))

    def measure(mix_name: str, simulator: EmrSimulator) -> float:
        events = simulator.events(count)
        tiers: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        messages = emergencies = 0
        for event in events:
            data = event["data"]
            decision = None
            if event["type"] == "PatientMessageReceived":
                messages += 1
                policy = routing_policy_ensure(workflow=RoutingPolicy.Workflow.TRIAGE, facility=_facility(data))
                result = score_text(text=_message_text(data), model=model)
                emergencies += result["care_level"] == "emergency"
                decision = _route(result, policy)
            elif event["type"] == "LabResultFinalized":
                severity = classify_result(
                    code=data["code"]["code"],
                    value=data["value"],
                    flag=data.get("abnormal_flag"),
                    low=data.get("reference_low"),
                    high=data.get("reference_high"),
                )
                policy = routing_policy_ensure(workflow=RoutingPolicy.Workflow.RESULTS, facility=_facility(data))
                decision = routing.route_result(severity=severity.level, policy=_policy_dict(policy))
            if decision is not None:
                tiers[decision.tier] += 1
                if decision.tier == "interrupt":
                    kinds[event["type"]] += 1
        alerts = sum(tiers.values())
        interrupts = tiers["interrupt"]
        share = 100 * interrupts / alerts if alerts else 0.0
        print(f"== {mix_name}")
        print(f"events: {len(events)}")
        print(f"alerts: {alerts}  ({', '.join(f'{t} {n}' for t, n in sorted(tiers.items()))})")
        print(f"interrupts: {interrupts}  ({', '.join(f'{t} {n}' for t, n in sorted(kinds.items())) or 'none'})")
        print(f"interrupts as % of alerts: {share:.1f} %  (target <= 30 %)")
        print(f"emergencies: {100 * emergencies / messages if messages else 0:.1f} % of {messages} patient messages")
        return share

    print(f"minutes of demo traffic: {args.minutes:g} at {rate:g} events/s, seed {args.seed}")
    today = measure("demo mix (demo.simulator.MESSAGE_MIX)", EmrSimulator(seed=args.seed))
    baseline = measure("baseline: templates picked evenly", EmrSimulator(seed=args.seed, message_mix=None))
    ratio = f"{today / baseline:.2f}x" if baseline else "n/a"
    print(f"interrupt share, demo mix / baseline: {today:.1f} % / {baseline:.1f} % = {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
