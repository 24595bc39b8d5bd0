import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models

from vocabulary import Tier, Urgency


class Facility(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="UTC")
    oncall_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oncall_for",
        help_text="Last step of the escalation chain: the facility-wide on-call role",
    )

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
    owner_group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="owned_queues",
        help_text="Escalations go to this group (the queue's owner)",
    )

    class Meta:
        permissions = [("work_queue", "Can see and work the items of this queue")]
        constraints = [models.UniqueConstraint(fields=["facility", "kind"], name="queue_facility_kind_unique")]

    def __str__(self) -> str:
        return self.slug


class Workflow(models.Model):
    """One AI workflow of one facility. Who manages it (sees its dashboards, and later governs its
    rollout) is per object: django-guardian permission `queues.manage_workflow`, granted to a group
    by queues.services.workflow_grant."""

    class Name(models.TextChoices):
        TRIAGE = "triage"
        RESULTS = "results"
        SCHEDULING = "scheduling"
        DOCUMENTATION = "documentation"

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="workflows")
    name = models.CharField(max_length=32, choices=Name.choices)

    class Meta:
        permissions = [("manage_workflow", "Can see the dashboards of, and manage, this workflow")]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="workflow_facility_name")]

    def __str__(self) -> str:
        return f"{self.name}@{self.facility_id}"


class RoutingPolicy(models.Model):
    """Routing policy as data, per workflow and facility, edited by the workflow's owner.

    Every change bumps `version` and appends a RoutingPolicyVersion snapshot (queues.services).
    `tier_map` maps an output class (triage: care level, or urgency in a policy written before care
    levels; results: severity) to a tier; `queue_map` maps
    an intent (triage) or "*" to a queue kind of the facility; `sla_minutes` maps priority ("1".."4")
    to minutes until due; below `review_threshold` confidence an item goes to the human-review queue.
    """

    class Workflow(models.TextChoices):
        TRIAGE = "triage"
        RESULTS = "results"

    class Rollout(models.TextChoices):
        OFF = "off"  # no AI: every event is a plain human item, not scored, first in first out
        SHADOW = "shadow"  # scored and audited, no work items (compare with what humans did in the EMR)
        LIVE = "live"

    workflow = models.CharField(max_length=32, choices=Workflow.choices)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="policies")
    rollout = models.CharField(max_length=16, choices=Rollout.choices, default=Rollout.LIVE)
    review_threshold = models.FloatField(default=0.5)
    tier_map = models.JSONField(default=dict)
    queue_map = models.JSONField(default=dict)
    sla_minutes = models.JSONField(default=dict)
    suppression_minutes = models.PositiveIntegerField(default=60)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, default="system")
    rollout_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the rollout was last set (the kill switch's reason, shown to staff)"
    )
    rollout_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "routing policies"
        constraints = [models.UniqueConstraint(fields=["workflow", "facility"], name="policy_workflow_facility")]

    def __str__(self) -> str:
        return f"{self.workflow}@{self.facility.slug} v{self.version} ({self.rollout})"


class RoutingPolicyVersion(models.Model):
    policy = models.ForeignKey(RoutingPolicy, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = models.CharField(max_length=150)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "version"], name="policy_version_unique")]

    def __str__(self) -> str:
        return f"{self.policy_id} v{self.version}"


class WorkItem(models.Model):
    """A unit of work in a queue: made from an event's score by the routing policy."""

    Tier = Tier
    Urgency = Urgency

    class State(models.TextChoices):
        NEW = "new"
        CLAIMED = "claimed"
        RESOLVED = "resolved"
        ESCALATED = "escalated"
        SNOOZED = "snoozed"
        REASSIGNED = "reassigned"
        RESOLVED_IN_EMR = "resolved_in_emr"  # the EMR resolved it (message resolved, appointment cancelled, ...)

    OPEN_STATES = (State.NEW, State.CLAIMED, State.ESCALATED, State.SNOOZED, State.REASSIGNED)

    class Kind(models.TextChoices):
        MESSAGE = "message"
        LAB_RESULT = "lab_result"
        REMINDER_CALL = "reminder_call"  # scheduling suggestion: call a high no-show-risk patient
        OVERBOOK = "overbook"  # scheduling suggestion: overbook a provider-day within the cap
        SLOT_OFFER = "slot_offer"  # scheduling suggestion: slots for an AppointmentRequested
        # clinical ops (coding app): an order / a note unsigned past its threshold
        UNSIGNED_ORDER = "unsigned_order"
        UNSIGNED_NOTE = "unsigned_note"
        # coders (coding app): one kind per coding rule of coding.rules
        CODING_DX_MISSING = "coding_dx_missing"
        CODING_DX_UNSPECIFIED = "coding_dx_unspecified"
        CODING_EM_TIME = "coding_em_time"
        CODING_MODIFIER_MISSING = "coding_modifier_missing"
        CODING_DX_NOT_BILLABLE = "coding_dx_not_billable"

    SCHEDULING_KINDS = (Kind.REMINDER_CALL, Kind.OVERBOOK, Kind.SLOT_OFFER)
    SIGNATURE_KINDS = (Kind.UNSIGNED_ORDER, Kind.UNSIGNED_NOTE)
    CODING_KINDS = (
        Kind.CODING_DX_MISSING,
        Kind.CODING_DX_UNSPECIFIED,
        Kind.CODING_EM_TIME,
        Kind.CODING_MODIFIER_MISSING,
        Kind.CODING_DX_NOT_BILLABLE,
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    event = models.ForeignKey(
        "ingest.Event", on_delete=models.PROTECT, related_name="+", help_text="The event that created the item"
    )
    dedupe_key = models.CharField(max_length=255, help_text="patient + reason, for the suppression window")
    patient_mrn = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    tier = models.CharField(max_length=16, choices=Tier.choices)
    tier_rank = models.PositiveSmallIntegerField(help_text="0 interrupt, 1 task, 2 suggestion (sort key)")
    priority = models.PositiveSmallIntegerField(help_text="1 emergent … 4 non-clinical")
    urgency = models.CharField(max_length=16, choices=Urgency.choices)
    human_review = models.BooleanField(default=False, help_text="AI confidence below the policy threshold")
    score = models.JSONField(null=True, blank=True, help_text="Snapshot of the AI output that made/updated it")
    policy_version = models.PositiveIntegerField(null=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    due_at = models.DateTimeField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    alert_count = models.PositiveIntegerField(default=1, help_text="Times it alerted (re-alerts on rising urgency)")
    event_count = models.PositiveIntegerField(default=1, help_text="Events folded into this item")
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=32, blank=True)
    final_urgency = models.CharField(max_length=16, blank=True, choices=Urgency.choices)
    escalation_level = models.PositiveSmallIntegerField(
        default=0, help_text="0 not escalated, 1 the queue owner group, 2 the facility on-call role"
    )
    escalated_at = models.DateTimeField(null=True, blank=True, help_text="When the last escalation step was taken")
    acknowledged_at = models.DateTimeField(
        null=True, blank=True, help_text="Last time a person acknowledged it (interrupt ack or claim)"
    )
    delivered_alert_no = models.PositiveIntegerField(
        default=0, help_text="The last alert_count that per-user delivery ran for (a sweep redelivers lost ones)"
    )
    # Facts the manager dashboards aggregate in SQL (dashboards.metrics), kept by queues.services.
    received_at = models.DateTimeField(
        null=True, blank=True, help_text="When the creating event arrived (turnaround starts here; copied from it)"
    )
    rollout = models.CharField(
        max_length=16,
        blank=True,
        help_text="The workflow's rollout when the item was made: live (AI routed it), shadow or off (a plain item)",
    )
    model_version = models.CharField(
        max_length=64, blank=True, help_text="The AI model version whose output made (or last re-alerted) it"
    )
    first_action_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="First human action: claim, acknowledgement, snooze, reassign, escalate or decision",
    )
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the last claim began (handling time)")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.CharField(
        max_length=32, blank=True, help_text="The reason code of an override, dismissal or rejection"
    )
    snooze_count = models.PositiveIntegerField(default=0)
    reassign_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["queue", "created_at"], name="item_queue_created"),
            models.Index(fields=["queue", "state", "tier_rank", "priority", "due_at"], name="item_queue_sort"),
            models.Index(fields=["state", "due_at"], name="item_state_due"),
            models.Index(fields=["dedupe_key", "state"], name="item_dedupe"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.tier}/{self.state}]"


class WorkItemEvent(models.Model):
    """Which events made or updated which items."""

    class Effect(models.TextChoices):
        CREATED = "created"
        UPDATED = "updated"  # folded into an open item within the suppression window
        REALERTED = "realerted"  # folded in, and urgency rose: alert again
        CLOSED = "closed"  # e.g. ResultAcknowledged closed the item

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="links")
    event = models.ForeignKey("ingest.Event", on_delete=models.PROTECT, related_name="work_item_links")
    effect = models.CharField(max_length=16, choices=Effect.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # An event may lead to several items of different kinds (a booking: reminder call and
        # overbooking); never to two of the same kind.
        constraints = [models.UniqueConstraint(fields=["event", "item"], name="link_event_item")]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.item_id} ({self.effect})"


class DeliveryPreference(models.Model):
    """Per-user volume and timing controls for what reaches them live."""

    class SuggestionMode(models.TextChoices):
        IMMEDIATE = "immediate"
        DIGEST = "digest"

    class MinInterruptTier(models.TextChoices):
        INTERRUPT = "interrupt", "Only interrupts may interrupt me"
        TASK = "task", "Tasks may interrupt me too"
        NEVER = "never", "Never interrupt me (deliver interrupts as tasks)"

    DIGEST_CHOICES = [
        (5, "every 5 minutes"),
        (15, "every 15 minutes"),
        (30, "every 30 minutes"),
        (60, "every 60 minutes"),
    ]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery")
    follow_all = models.BooleanField(default=True, help_text="Follow every queue I may work")
    followed_queues = models.ManyToManyField(Queue, blank=True, related_name="followers")
    suggestion_mode = models.CharField(max_length=16, choices=SuggestionMode.choices, default=SuggestionMode.IMMEDIATE)
    digest_minutes = models.PositiveSmallIntegerField(choices=DIGEST_CHOICES, default=15)
    interrupt_cap_per_hour = models.PositiveSmallIntegerField(default=6)
    min_interrupt_tier = models.CharField(
        max_length=16, choices=MinInterruptTier.choices, default=MinInterruptTier.INTERRUPT
    )
    sound = models.BooleanField(default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"delivery of {self.user_id}"


class Connection(models.Model):
    """A live websocket of a user (presence): who is online to receive an interrupt."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections")
    channel_name = models.CharField(max_length=255, unique=True)
    connected_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}@{self.channel_name}"


class InterruptDelivery(models.Model):
    """One interrupt shown (or, over the user's cap, delivered as a task) to one user."""

    class As(models.TextChoices):
        INTERRUPT = "interrupt"
        TASK = "task"

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interrupts")
    alert_no = models.PositiveIntegerField(default=1)
    delivered_as = models.CharField(max_length=16, choices=As.choices)
    reason = models.CharField(max_length=200, blank=True)
    escalation = models.BooleanField(default=False, help_text="Sent to the queue owner on escalation")
    delivered_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user", "alert_no"], name="delivery_once")]
        indexes = [models.Index(fields=["user", "delivered_at"], name="delivery_user_time")]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.user_id} as {self.delivered_as}"


class DigestEntry(models.Model):
    """A suggestion held for a digest-mode user until their next digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_entries")
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="digest_once")]

    def __str__(self) -> str:
        return f"{self.item_id} for {self.user_id}"


class SiteControl(models.Model):
    """The site-wide AI kill switch (one row, pk 1). Engaged, every workflow at every facility runs
    as if its rollout were off: events become plain human items, nothing is scored or routed by the
    AI (queues.selectors.rollout_effective). Changed only through governance.services, audited with a
    reason."""

    ai_off = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "AI off site-wide" if self.ai_off else "AI allowed"
