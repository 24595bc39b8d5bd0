import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from ingest.models import IntegrationSource
from ingest.services import source_authenticate, source_create, source_rotate_token
from queues.models import DeliveryPreference, Queue, RoutingPolicy
from queues.services.facilities import facility_setup, queue_grant
from queues.services.policies import routing_policy_ensure

DEMO_SOURCE = "demo-emr"
FACILITIES = {"north": "North Hospital", "south": "South Clinic"}


# Demo providers per facility: (provider, department). Sessions 08:00–12:00 and 13:00–17:00 UTC on
# weekdays for the next three weeks, 20-minute slots (12 + 12 a day).
DEMO_PROVIDERS = {
    "north": [("dr-lee", "cardiology"), ("dr-patel", "family-medicine")],
    "south": [("dr-okafor", "family-medicine"), ("dr-nguyen", "pediatrics")],
}


def _seed_scheduling(facility) -> None:
    from datetime import UTC, datetime, time, timedelta

    from django.utils import timezone

    from scheduling.models import ProviderSession
    from scheduling.services import scheduling_policy_ensure

    scheduling_policy_ensure(facility=facility)
    today = timezone.now().date()
    for provider_id, department in DEMO_PROVIDERS.get(facility.slug, []):
        for offset in range(-7, 21):
            day = today + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for start, end in ((time(8), time(12)), (time(13), time(17))):
                ProviderSession.objects.get_or_create(
                    facility=facility,
                    provider_id=provider_id,
                    starts_at=datetime.combine(day, start, tzinfo=UTC),
                    defaults={
                        "department": department,
                        "slot_minutes": 20,
                        "ends_at": datetime.combine(day, end, tzinfo=UTC),
                    },
                )


def _seed_documentation(facility) -> None:
    """The facility's documentation policy (signature thresholds), at its defaults."""
    from coding.services import documentation_policy_ensure

    documentation_policy_ensure(facility=facility)


def _read_token(path: str | None) -> str | None:
    try:
        return open(path).read().strip() if path else None
    except OSError:
        return None


class Command(BaseCommand):
    help = "Create the demo facilities, queues, users and integration source (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--token-file", help="Also write the demo source token to this file")

    def handle(self, *args, token_file=None, **options):
        password = settings.DEMO_PASSWORD or secrets.token_urlsafe(9)
        User = get_user_model()
        with transaction.atomic():
            groups = {
                name: Group.objects.get_or_create(name=name)[0]
                for name in (
                    "nurse-north",
                    "nurse-south",
                    "schedulers",
                    "coders",
                    "managers",
                    "clinical-ops",
                    *(f"oncall-{slug}" for slug in FACILITIES),
                )
            }
            for slug, name in FACILITIES.items():
                oncall = groups[f"oncall-{slug}"]
                _, queues = facility_setup(slug=slug, name=name, owner_group=groups["managers"], oncall_group=oncall)
                nurses = groups[f"nurse-{slug}"]
                for kind in (Queue.Kind.TRIAGE, Queue.Kind.REVIEW, Queue.Kind.RESULTS):
                    queue_grant(queue=queues[kind], group=nurses)
                queue_grant(queue=queues[Queue.Kind.SCHEDULING], group=groups["schedulers"])
                queue_grant(queue=queues[Queue.Kind.CODING], group=groups["coders"])
                queue_grant(queue=queues[Queue.Kind.CLINICAL_OPS], group=groups["clinical-ops"])
                for queue in queues.values():
                    queue_grant(queue=queue, group=groups["managers"])
                # The facility's on-call role (the last step of the escalation chain) may open the
                # clinical items that reach them.
                for kind in (Queue.Kind.TRIAGE, Queue.Kind.REVIEW, Queue.Kind.RESULTS, Queue.Kind.CLINICAL_OPS):
                    queue_grant(queue=queues[kind], group=oncall)
                facility = queues[Queue.Kind.TRIAGE].facility
                for workflow in RoutingPolicy.Workflow.values:
                    routing_policy_ensure(workflow=workflow, facility=facility)
                _seed_scheduling(facility)
                _seed_documentation(facility)

            users = {
                "nurse": ["nurse-north"],
                "nurse2": ["nurse-south"],
                "scheduler": ["schedulers"],
                "coder": ["coders"],
                "clinops": ["clinical-ops"],  # clinical operations: unsigned orders and notes
                "manager": ["managers"],
                "oncall": [f"oncall-{slug}" for slug in FACILITIES],
                "admin": [],
            }
            for username, group_names in users.items():
                user, _ = User.objects.get_or_create(username=username)
                user.set_password(password)
                user.is_staff = user.is_superuser = username == "admin"
                user.save()
                user.groups.set([groups[g] for g in group_names])
            # The manager follows exactly the queues the managers group owns, so an escalated or
            # undeliverable item always reaches a human; the on-call user is reached by escalation
            # steps only and follows no queue.
            for username in ("manager", "oncall"):
                prefs, _ = DeliveryPreference.objects.get_or_create(user=User.objects.get(username=username))
                prefs.follow_all = False
                prefs.save(update_fields=["follow_all"])
                owned = Queue.objects.filter(owner_group=groups["managers"]) if username == "manager" else []
                prefs.followed_queues.set(owned)

            source = IntegrationSource.objects.filter(name=DEMO_SOURCE).first()
            kept = _read_token(token_file)
            if source and kept and source_authenticate(token=kept) == source:
                token = kept  # a restart keeps the demo token that is already in use
            elif source:
                token = source_rotate_token(source=source)
            else:
                _, token = source_create(name=DEMO_SOURCE, types="all")

        if token_file:
            with open(token_file, "w") as fh:
                fh.write(token)
        self.stdout.write("facilities: " + ", ".join(FACILITIES))
        self.stdout.write("queues: " + ", ".join(Queue.objects.order_by("slug").values_list("slug", flat=True)))
        self.stdout.write(
            f"users: {', '.join(users)}  password: " + ("(from DEMO_PASSWORD)" if settings.DEMO_PASSWORD else password)
        )
        self.stdout.write(f"demo integration source {DEMO_SOURCE!r} token:")
        self.stdout.write(token)
