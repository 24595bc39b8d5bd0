from django.contrib.auth.models import Group
from django.db import models


class Facility(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="UTC")

    class Meta:
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name


class Queue(models.Model):
    """A role-scoped work queue of one facility. Who may work it is per object (django-guardian
    permission `queues.work_queue`, granted to the role's group)."""

    class Role(models.TextChoices):
        NURSE = "nurse"
        SCHEDULER = "scheduler"
        CODER = "coder"
        CLINICAL_OPS = "clinical_ops"

    class Kind(models.TextChoices):
        TRIAGE = "triage"
        REVIEW = "review"  # low-confidence AI output for a human to review
        RESULTS = "results"
        SCHEDULING = "scheduling"
        CODING = "coding"
        CLINICAL_OPS = "clinical_ops"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="queues")
    role = models.CharField(max_length=32, choices=Role.choices)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    owner_group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="owned_queues",
                                    help_text="Escalations go to this group (the queue's owner)")

    class Meta:
        permissions = [("work_queue", "Can see and work the items of this queue")]
        constraints = [models.UniqueConstraint(fields=["facility", "kind"], name="queue_facility_kind_unique")]

    def __str__(self) -> str:
        return self.slug
