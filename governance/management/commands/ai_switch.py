"""The AI kill switch for on-call operators:

manage.py ai_switch --workflow triage --facility north off --reason "model incident INC-42"
manage.py ai_switch --workflow triage --facility north live --reason "incident closed"
manage.py ai_switch --site off --reason "EMR upgrade weekend"
manage.py ai_switch --site on --reason "upgrade done"
manage.py ai_switch --status
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clinflow import problems
from governance import services
from queues.models import Facility, RoutingPolicy
from queues.selectors import site_control


class Command(BaseCommand):
    help = "Turn a workflow's AI off / shadow / live at a facility, or the whole site's AI off / on (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("state", nargs="?", choices=["off", "shadow", "live", "on"], help="the new state")
        parser.add_argument("--workflow", choices=services.WORKFLOWS)
        parser.add_argument("--facility", help="facility slug")
        parser.add_argument("--site", action="store_true", help="the site-wide switch (off / on)")
        parser.add_argument("--reason", default="", help="why (required for a change; shown to staff)")
        parser.add_argument("--actor", default="operator", help="who is acting (for the audit trail)")
        parser.add_argument("--status", action="store_true", help="print the switches and exit")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["status"]:
            control = site_control()
            self.stdout.write(f"site: AI {'OFF' if control.ai_off else 'allowed'} {control.reason}".rstrip())
            for p in RoutingPolicy.objects.select_related("facility").order_by("facility__slug", "workflow"):
                self.stdout.write(f"{p.facility.slug:<12} {p.workflow:<10} {p.rollout:<7} {p.rollout_reason}".rstrip())
            return
        state = opts["state"]
        if state is None:
            raise CommandError("give a state (off / shadow / live, or with --site off / on) or --status")
        try:
            if opts["site"]:
                if state not in ("off", "on"):
                    raise CommandError("the site-wide switch is off or on")
                services.site_switch(ai_off=state == "off", reason=opts["reason"], actor=opts["actor"])
                self.stdout.write(f"site-wide AI {'off' if state == 'off' else 'on'}")
                return
            if not opts["workflow"] or not opts["facility"]:
                raise CommandError("--workflow and --facility are required (or --site)")
            if state == "on":
                raise CommandError("a workflow is off, shadow or live")
            facility = Facility.objects.filter(slug=opts["facility"]).first()
            if facility is None:
                raise CommandError(f"no facility {opts['facility']!r}")
            before = services.rollout_set(
                workflow=opts["workflow"], facility=facility, rollout=state, reason=opts["reason"], actor=opts["actor"]
            )
        except problems.ValidationProblem as exc:
            details = "; ".join(f"{e['field']}: {e['message']}" for e in exc.errors or [])
            raise CommandError(f"{exc.detail} {details}".strip()) from exc
        self.stdout.write(f"{opts['workflow']} at {facility.slug}: {before} -> {state}")
