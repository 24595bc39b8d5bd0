"""`manage.py generate_history --days 365 [--seed N] [--replace] [--scale F] [--if-missing]`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.history import generate_history, history_exists
from queues.models import Facility


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic generated history ending now (events, scores, work items and "
        "what people did with them), for the manager dashboards. Not audited: it is marked by the "
        'integration source "history" instead (see demo/history.py).'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=float, default=365.0, help="how many days, ending now (default 365)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0, help="share of the default volume (~1.1M events/year)")
        parser.add_argument("--replace", action="store_true", help="delete the previous generated history first")
        parser.add_argument("--if-missing", action="store_true", help="do nothing when a generated history exists")

    def handle(self, *args: Any, **options: Any) -> None:
        days, scale = options["days"], options["scale"]
        if not 0 < days <= 3660:
            raise CommandError("--days must be between 0 and 3660")
        if not 0 < scale <= 20:
            raise CommandError("--scale must be between 0 and 20")
        if history_exists():
            if options["if_missing"]:
                self.stdout.write("generated history exists: nothing to do")
                return
            if not options["replace"]:
                raise CommandError("a generated history exists: pass --replace to regenerate it")
        if (
            not Facility.objects.filter(slug__in=("north", "south")).count() == 2
            or not get_user_model()
            .objects.filter(username__in=("nurse", "nurse2", "scheduler", "manager", "oncall"))
            .count()
            == 5
        ):
            self.stdout.write("demo facilities or users missing: running seed_demo first")
            call_command("seed_demo", stdout=self.stdout)
        try:
            result = generate_history(
                days=days, seed=options["seed"], scale=scale, replace=options["replace"], log=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        events = sum(v for k, v in result.counts.items() if k.startswith("event "))
        self.stdout.write(
            f"generated {days:g} days ({result.start:%Y-%m-%d %H:%M} – {result.end:%Y-%m-%d %H:%M} UTC): "
            f"{events:,} events in {result.seconds:.1f} s ({events / max(result.seconds, 1e-6):,.0f} events/s)"
        )
        for name, n in sorted(result.counts.items()):
            self.stdout.write(f"  {name}: {n:,}")
