"""Models of the dashboards app: a manager's review of one shadow decision."""

import uuid

from django.conf import settings
from django.db import models


class ShadowReview(models.Model):
    """A manager's verdict on one AI output made in shadow (or live) beside what staff decided:
    agree / disagree with the AI, with a note kept with the case. One per case and reviewer."""

    class Verdict(models.TextChoices):
        AGREE = "agree", "I agree with the AI"
        DISAGREE = "disagree", "I disagree with the AI"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workflow = models.CharField(max_length=32)
    case_type = models.CharField(max_length=32, help_text="triage_score | noshow_score")
    case_id = models.CharField(max_length=64, help_text="The stored score's id")
    model_version = models.CharField(max_length=64, blank=True)
    facility = models.ForeignKey("queues.Facility", on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case_type", "case_id", "reviewer"], name="shadow_review_once"),
        ]
        indexes = [models.Index(fields=["workflow", "facility", "created_at"], name="shadow_review_when")]

    def __str__(self) -> str:
        return f"{self.case_type}:{self.case_id} {self.verdict} by {self.reviewer_id}"
