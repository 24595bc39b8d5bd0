from django.db import models
from django.db.models import Q
from django.utils import timezone


class ProviderSession(models.Model):
    """A provider's bookable session on a day (capacity is data a manager edits)."""

    facility = models.ForeignKey("queues.Facility", on_delete=models.PROTECT, related_name="sessions")
    provider_id = models.CharField(max_length=64)
    department = models.SlugField(max_length=64)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    slot_minutes = models.PositiveSmallIntegerField(default=20)

    class Meta:
        indexes = [models.Index(fields=["facility", "provider_id", "starts_at"], name="session_provider_day")]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    @property
    def slots(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60 // self.slot_minutes)


class SchedulingPolicy(models.Model):
    """Bounds set by the access-centre manager / supervisor, per facility (versioned, audited)."""

    facility = models.OneToOneField("queues.Facility", on_delete=models.PROTECT, related_name="scheduling_policy")
    rollout = models.CharField(
        max_length=16, default="live", choices=[("off", "off"), ("shadow", "shadow"), ("live", "live")]
    )
    reminder_threshold = models.FloatField(default=0.3, help_text="No-show risk above which to suggest a call")
    max_overbook_pct = models.FloatField(default=10.0, help_text="Supervisor cap: max overbooking per provider-day")
    hold_urgent_share = models.FloatField(default=0.1, help_text="Share of slots held for urgent add-ons")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.CharField(max_length=150, default="system")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "scheduling policies"

    def __str__(self) -> str:
        return f"scheduling@{self.facility_id} v{self.version}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked"
        COMPLETED = "completed"
        NO_SHOW = "no_show"
        CANCELLED = "cancelled"

    appointment_id = models.CharField(max_length=255, unique=True)
    event = models.ForeignKey("ingest.Event", on_delete=models.PROTECT, related_name="+")
    facility = models.ForeignKey("queues.Facility", on_delete=models.PROTECT, related_name="appointments")
    patient_mrn = models.CharField(max_length=64, db_index=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, blank=True)
    department = models.SlugField(max_length=64)
    provider_id = models.CharField(max_length=64, blank=True)
    visit_type = models.CharField(max_length=64)
    booked_at = models.DateTimeField()
    starts_at = models.DateTimeField(db_index=True)
    duration_min = models.PositiveIntegerField(null=True, blank=True)
    reminder_channel = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["facility", "provider_id", "starts_at"], name="appt_provider_day")]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.starts_at:%Y-%m-%d %H:%M} ({self.status})"


class NoShowScore(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="scores")
    model_name = models.CharField(max_length=64)
    model_version = models.CharField(max_length=16)
    probability = models.FloatField()
    factors = models.JSONField(default=list)
    predicted_duration_min = models.PositiveIntegerField(null=True, blank=True)
    latency_ms = models.FloatField()
    rollout = models.CharField(max_length=16, default="live", help_text="The scheduling policy's rollout when scored")
    created_at = models.DateTimeField(default=timezone.now)
    booked = models.BooleanField(
        default=False,
        help_text="The appointment's first score (made at booking): what the dashboards judge against the outcome",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appointment", "model_name", "model_version"], name="noshow_score_once"),
            models.UniqueConstraint(fields=["appointment"], condition=Q(booked=True), name="noshow_one_booked"),
        ]
        indexes = [models.Index(fields=["created_at"], name="noshow_score_when")]

    def __str__(self) -> str:
        return f"{self.appointment_id}: {self.probability:.2f} ({self.model_name} v{self.model_version})"
