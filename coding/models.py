"""The coding app's own data: each facility's documentation policy (signature thresholds, versioned)
and the unsigned orders and notes it tracks. Coding findings are `queues.WorkItem`s (the coding kinds)
whose score holds the finding; they need no table of their own."""

from django.db import models

from coding import thresholds


def _order_hours() -> dict[str, float]:
    return dict(thresholds.DEFAULT_ORDER_HOURS)


def _note_hours() -> dict[str, float]:
    return dict(thresholds.DEFAULT_NOTE_HOURS)


class DocumentationPolicy(models.Model):
    """Per facility, edited by the manager who owns its documentation workflow (versioned, audited):
    hours until an unsigned order / note becomes a clinical-ops task, per type (`*` for any other),
    the multiples of that threshold at which it turns urgent and overdue, and the SLA of a coding
    finding. Defaults and their sources: coding.thresholds."""

    facility = models.OneToOneField("queues.Facility", on_delete=models.PROTECT, related_name="documentation_policy")
    order_hours = models.JSONField(default=_order_hours)
    note_hours = models.JSONField(default=_note_hours)
    urgent_multiple = models.FloatField(default=thresholds.DEFAULT_URGENT_MULTIPLE)
    overdue_multiple = models.FloatField(default=thresholds.DEFAULT_OVERDUE_MULTIPLE)
    coding_sla_hours = models.PositiveIntegerField(default=thresholds.DEFAULT_CODING_SLA_HOURS)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.CharField(max_length=150, default="system")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "documentation policies"

    def __str__(self) -> str:
        return f"documentation@{self.facility_id} v{self.version}"


class DocumentationPolicyVersion(models.Model):
    policy = models.ForeignKey(DocumentationPolicy, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = models.CharField(max_length=150)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "version"], name="docpolicy_version_unique")]

    def __str__(self) -> str:
        return f"{self.policy_id} v{self.version}"


class UnsignedDocument(models.Model):
    """An order or note the EMR reported unsigned, keyed by (source, kind, id): a repeat of the
    report is the same row (never counted twice). A signature that arrives first makes the row too,
    already signed, so a late OrderUnsigned for it never makes a task."""

    class Kind(models.TextChoices):
        ORDER = "order"
        NOTE = "note"

    integration_source = models.ForeignKey("ingest.IntegrationSource", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    doc_id = models.CharField(max_length=255)
    facility = models.ForeignKey(
        "queues.Facility",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="None: only signed",
    )
    patient_mrn = models.CharField(max_length=64, blank=True)
    doc_type = models.CharField(max_length=255, blank=True)
    author_id = models.CharField(max_length=255, blank=True)
    encounter_id = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, help_text="ordered_at / created_at (None: only signed)")
    unsigned_event = models.ForeignKey(
        "ingest.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.CharField(max_length=150, blank=True)
    signed_event = models.ForeignKey("ingest.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(default=0, help_text="0 below threshold, 1 task, 2 urgent")
    next_check_at = models.DateTimeField(null=True, blank=True, help_text="When the next level begins")
    item = models.ForeignKey("queues.WorkItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["integration_source", "kind", "doc_id"], name="unsigned_source_kind_id")
        ]
        indexes = [models.Index(fields=["next_check_at"], name="unsigned_next_check")]

    def __str__(self) -> str:
        return f"{self.kind} {self.doc_id} ({'signed' if self.signed_at else 'unsigned'})"
