import uuid

from django.db import models


def all_facilities() -> list[str]:
    return ["*"]


class IntegrationSource(models.Model):
    """A source system (an EMR or its interface engine) allowed to send events with an API token.

    Only the sha256 of the token is stored; the token itself is shown once, by create_source.
    """

    name = models.CharField(max_length=100, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(max_length=12, help_text="First characters of the token, to tell tokens apart")
    allowed_types = models.JSONField(default=list, help_text='Event types this source may send; ["*"] for all')
    source_uris = models.JSONField(
        default=list,
        blank=True,
        help_text='CloudEvents "source" URIs this token may send as; empty = bound to the first one it uses',
    )
    facilities = models.JSONField(
        default=all_facilities, help_text='Facility slugs this source may send for; ["*"] for all'
    )
    acts_for = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="delegates",
        help_text="Other sources whose events this one may acknowledge or resolve (e.g. an interface engine)",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    def may_send(self, event_type: str) -> bool:
        return "*" in self.allowed_types or event_type in self.allowed_types

    def may_use_uri(self, uri: str) -> bool:
        return "*" in self.source_uris or uri in self.source_uris

    def may_send_for(self, facility: str) -> bool:
        return "*" in self.facilities or facility in self.facilities


class Event(models.Model):
    """One accepted CloudEvent. Committed before anything is enqueued: this row is the record."""

    class Status(models.TextChoices):
        RECEIVED = "received"
        PROCESSING = "processing"
        PROCESSED = "processed"
        FAILED = "failed"

    class Lane(models.TextChoices):
        URGENT = "urgent"  # a cheap pre-check at intake says it may be an emergency
        STANDARD = "standard"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    integration_source = models.ForeignKey(IntegrationSource, on_delete=models.PROTECT, related_name="events")
    source = models.CharField(max_length=255, help_text="CloudEvents 'source' attribute")
    source_event_id = models.CharField(max_length=255, help_text="CloudEvents 'id' attribute")
    type = models.CharField(max_length=64, db_index=True)
    schema_version = models.PositiveSmallIntegerField(default=1)
    time = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    data = models.JSONField()
    envelope_hash = models.CharField(max_length=64, help_text="sha256 of the canonical JSON envelope")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0, help_text="Consecutive failures since the last success/replay")
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    processing_started_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    lane = models.CharField(
        max_length=16,
        choices=Lane.choices,
        default=Lane.STANDARD,
        help_text="Which Celery queue processes it: possible emergencies go first",
    )
    lease_until = models.DateTimeField(
        null=True, blank=True, help_text="While processing: the worker's claim, extended by its heartbeat"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_event_id"], name="event_source_id_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "enqueued_at"], name="event_status_enqueued"),
            models.Index(fields=["integration_source", "received_at"], name="event_source_received"),
            models.Index(fields=["type", "received_at"], name="event_type_received"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.source}#{self.source_event_id} ({self.status})"
