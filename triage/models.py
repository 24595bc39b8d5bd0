from django.db import models
from django.utils import timezone

from vocabulary import CareLevel


class TriageScore(models.Model):
    """The AI output for one patient message under one model version (idempotent per pair)."""

    event = models.ForeignKey("ingest.Event", on_delete=models.PROTECT, related_name="triage_scores")
    model_name = models.CharField(max_length=64)
    model_version = models.CharField(max_length=16)
    ruleset_version = models.CharField(max_length=16)
    urgency = models.CharField(max_length=16)
    # CONTRACT v1.1; blank on scores from before care levels (their urgency stands for one)
    care_level = models.CharField(max_length=16, blank=True, choices=CareLevel.choices)
    protocol = models.CharField(max_length=64, blank=True, help_text="The complaint protocol that decided, if any")
    basis = models.CharField(
        max_length=24,
        blank=True,
        help_text="protocol | protocol_default | classifier | classifier_capped (triage.decision)",
    )
    review = models.BooleanField(default=False, help_text="The decision asked for a person to look")
    findings = models.JSONField(default=dict, blank=True, help_text="Ages, vitals and lab values read from the text")
    intent = models.CharField(max_length=32)
    confidence = models.FloatField()
    model_urgency = models.CharField(max_length=16, help_text="What the classifier alone said")
    model_confidence = models.FloatField()
    probabilities = models.JSONField(default=dict)
    tier = models.CharField(max_length=16, blank=True)
    rationale = models.JSONField(default=list)
    disposition = models.CharField(max_length=300)
    latency_ms = models.FloatField()
    rollout = models.CharField(max_length=16, default="live")
    facility = models.ForeignKey(
        "queues.Facility", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="For dashboards"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "model_name", "model_version"], name="score_event_model"),
        ]
        indexes = [models.Index(fields=["facility", "created_at"], name="triage_score_when")]

    def __str__(self) -> str:
        return f"{self.urgency}/{self.intent} {self.confidence:.2f} ({self.model_name} v{self.model_version})"


class TriageLabel(models.Model):
    """Ground truth for retraining: the human's final urgency for a message."""

    class Origin(models.TextChoices):
        EMR = "emr"  # PatientMessageResolved
        CLINFLOW = "clinflow"  # a nurse resolved the work item here

    message_event = models.ForeignKey(
        "ingest.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The PatientMessageReceived event, once matched",
    )
    message_id = models.CharField(max_length=255, db_index=True)
    final_urgency = models.CharField(max_length=16)
    origin = models.CharField(max_length=16, choices=Origin.choices)
    labelled_by = models.CharField(max_length=150, blank=True)
    labelled_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message_id", "origin"], name="label_message_origin")]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.final_urgency} ({self.origin})"


class ResultAlertState(models.Model):
    """Per lab result: the highest severity alerted and acknowledged, for suppression."""

    result_id = models.CharField(max_length=255, unique=True)
    patient_mrn = models.CharField(max_length=64)
    code = models.CharField(max_length=64)
    alerted_severity = models.CharField(max_length=16, blank=True)
    acknowledged_severity = models.CharField(max_length=16, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.result_id}: alerted {self.alerted_severity or '-'}, ack {self.acknowledged_severity or '-'}"
