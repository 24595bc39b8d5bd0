from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from ingest.models import Event
from ingest.schemas import EVENT_TYPES
from ingest.services import events_replay


class Command(BaseCommand):
    help = "Re-run processing of events chosen by type, source, status and time range."

    def add_arguments(self, parser):
        parser.add_argument("--type", choices=EVENT_TYPES)
        parser.add_argument("--source", help="Integration source name or CloudEvents source")
        parser.add_argument("--status", choices=[s.value for s in Event.Status if s != Event.Status.PROCESSING])
        parser.add_argument("--since", help="ISO date-time: received at or after")
        parser.add_argument("--until", help="ISO date-time: received before")
        parser.add_argument("--event", action="append", default=[], help="An event id (repeatable)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **opts):
        events = Event.objects.all()
        if opts["type"]:
            events = events.filter(type=opts["type"])
        if opts["source"]:
            events = events.filter(integration_source__name=opts["source"]) | events.filter(source=opts["source"])
        if opts["status"]:
            events = events.filter(status=opts["status"])
        for name, lookup in (("since", "received_at__gte"), ("until", "received_at__lt")):
            if opts[name]:
                when = parse_datetime(opts[name])
                if when is None or when.tzinfo is None:
                    raise CommandError(f"--{name} must be an ISO date-time with a timezone, e.g. 2026-11-25T08:00:00Z")
                events = events.filter(**{lookup: when})
        if opts["event"]:
            events = events.filter(pk__in=opts["event"])
        if not any(opts[k] for k in ("type", "source", "status", "since", "until", "event")):
            raise CommandError("name at least one filter (--status failed, --type, --source, --since, ...)")
        count = events.count()
        if opts["dry_run"]:
            self.stdout.write(f"{count} event(s) would be replayed")
            return
        replayed = events_replay(events=events, actor="replay_events")
        self.stdout.write(f"replayed {replayed} event(s) ({count - replayed} skipped: processing now)")
