"""Response shapes of the staff API for the OpenAPI document only: drf-spectacular reads these
serializers, the views answer the plain dicts of queues.representations. The fields name exactly
the keys those dicts have (queues/tests/test_api_schema.py builds each real body and compares), so
the document cannot drift from what the API sends.

Enum naming: drf-spectacular names an enum after its field and warns when one field name carries
two choice sets in several components. A field whose name another component uses for a different
choice set (a queue's `kind`, an item's `decision` and `final_urgency`) is therefore a string with
its values in the help text.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from clinflow.problems import PROBLEM_CONTENT_TYPE, TYPE_BASE
from queues.models import DeliveryPreference, InterruptDelivery, Queue, RoutingPolicy, WorkItem, WorkItemEvent

DIGEST_MINUTES = [5, 15, 30, 60]  # as the delivery controls' input (queues.api.views.DeliveryInput)


def _values(choices) -> str:
    return " | ".join(str(v) for v in choices)


# --- errors -----------------------------------------------------------------------------------
class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="the field's path, e.g. `until` or `items[0]`")
    message = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (application/problem+json), clinflow.problems."""

    type = serializers.URLField(help_text=f"stable: {TYPE_BASE}<slug>, e.g. {TYPE_BASE}not-found")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = ProblemErrorSerializer(many=True, required=False, help_text="validation failures: each bad field")  # type: ignore[assignment]  # the metaclass takes declared fields off the class


PROBLEM_WHEN = {
    400: "Invalid request: a problem naming each bad field",
    401: "Not signed in",
    403: "Signed in, but not allowed (or no CSRF token on a write)",
    404: "No such object that you may see",
    409: "The item's state does not allow the action (already resolved, claimed by someone else, ...)",
}


def answers(ok, *, status: int = 200, errors: tuple[int, ...] = ()) -> dict:
    """@extend_schema responses: `ok` at `status`, and for each code of `errors` (401 and 403
    always: session auth) the problem document as application/problem+json."""
    codes = sorted({401, 403, *errors})
    return {
        status: ok,
        **{
            (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=PROBLEM_WHEN[code])
            for code in codes
        },
    }


# --- work items -------------------------------------------------------------------------------
class ItemSummarySerializer(serializers.Serializer):
    """An item as a queue row, the item actions and every websocket item frame show it."""

    id = serializers.UUIDField()
    queue = serializers.CharField(allow_null=True, help_text="the queue's slug")
    kind = serializers.ChoiceField(choices=WorkItem.Kind.choices)
    title = serializers.CharField()
    patient_mrn = serializers.CharField()
    tier = serializers.ChoiceField(choices=WorkItem.Tier.choices)
    priority = serializers.IntegerField(help_text="1 emergent … 4 non-clinical")
    urgency = serializers.ChoiceField(choices=WorkItem.Urgency.choices)
    human_review = serializers.BooleanField(help_text="AI confidence below the policy's review threshold")
    state = serializers.ChoiceField(choices=WorkItem.State.choices)
    due_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    claimed_by = serializers.CharField(allow_null=True, help_text="the claim holder's username")
    claimed_until = serializers.DateTimeField(allow_null=True)
    alert_count = serializers.IntegerField()
    event_count = serializers.IntegerField()
    escalation_level = serializers.IntegerField(help_text="0 none, 1 queue owner, 2 facility on-call")
    confidence = serializers.FloatField(allow_null=True, help_text="the AI's confidence, if scored")
    scored = serializers.BooleanField(
        required=False, help_text="false: a plain item made while the AI was off (not scored); v1.4, optional"
    )


class ItemEventSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField(help_text="the event type, e.g. PatientMessageReceived")
    data = serializers.DictField(help_text="the event data this viewer's roles may see")  # type: ignore[assignment]  # the metaclass takes declared fields off the class


class ItemHistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    actor = serializers.CharField()
    actor_type = serializers.CharField()
    data = serializers.DictField(help_text="the audit record's data as this viewer may see it")  # type: ignore[assignment]  # the metaclass takes declared fields off the class


class ItemMessageSerializer(serializers.Serializer):
    event_id = serializers.UUIDField()
    received_at = serializers.DateTimeField()
    subject = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    effect = serializers.ChoiceField(choices=WorkItemEvent.Effect.choices)
    score = serializers.DictField(allow_null=True, help_text="this message's own AI score")


class ItemDetailSerializer(ItemSummarySerializer):
    """GET /api/v1/items/{id}: the summary, the AI output, the event data and history as this viewer
    may see them, and the thread's messages for roles that may see message bodies."""

    facility = serializers.CharField(help_text="the facility's slug")
    score = serializers.DictField(allow_null=True, help_text="the AI output that made or last updated the item")
    event = ItemEventSerializer()
    decision = serializers.CharField(
        allow_null=True, help_text="null until decided, else accept | override | dismiss | reject"
    )
    final_urgency = serializers.CharField(
        allow_null=True, help_text=f"the urgency decided, if any: {_values(WorkItem.Urgency.values)}"
    )
    history = ItemHistoryEntrySerializer(many=True)
    messages = ItemMessageSerializer(
        many=True, required=False, help_text="only for a message item and roles that may see message bodies"
    )


class ItemPageSerializer(serializers.Serializer):
    """A page of items (queues.api.views.ItemPagination: `page`, `page_size` up to 200)."""

    count = serializers.IntegerField(help_text="items in all pages")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ItemSummarySerializer(many=True)


class BatchFailureSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="the item id as sent")
    detail = serializers.CharField()


class BatchDecisionResultSerializer(serializers.Serializer):
    decided = serializers.ListField(child=serializers.UUIDField())
    failed = BatchFailureSerializer(many=True, help_text="each one refused, and why (the others stand)")


# --- queues and policies ----------------------------------------------------------------------
class QueueSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Queue.Role.choices)
    kind = serializers.CharField(help_text=_values(Queue.Kind.values))
    facility = serializers.CharField(help_text="the facility's slug")
    open_count = serializers.IntegerField(allow_null=True, help_text="open items in the queue")


class PolicySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    workflow = serializers.ChoiceField(choices=RoutingPolicy.Workflow.choices)
    facility = serializers.CharField(help_text="the facility's slug")
    rollout = serializers.ChoiceField(choices=RoutingPolicy.Rollout.choices)
    review_threshold = serializers.FloatField()
    tier_map = serializers.DictField(help_text="output class → tier")
    queue_map = serializers.DictField(help_text="tier or output class → queue kind")
    sla_minutes = serializers.DictField(help_text="minutes to the due-by, per class")
    suppression_minutes = serializers.IntegerField()
    version = serializers.IntegerField()
    updated_by = serializers.CharField()
    updated_at = serializers.DateTimeField()


class PolicyChangesSerializer(serializers.Serializer):
    """PATCH /api/v1/policies/{id}: the fields to change (queues.services.policies.POLICY_FIELDS);
    the whole result is validated, any other key is refused by name."""

    rollout = serializers.ChoiceField(choices=RoutingPolicy.Rollout.choices, required=False)
    review_threshold = serializers.FloatField(required=False)
    tier_map = serializers.DictField(required=False)
    queue_map = serializers.DictField(required=False)
    sla_minutes = serializers.DictField(required=False)
    suppression_minutes = serializers.IntegerField(required=False)


# --- delivery and interrupts ------------------------------------------------------------------
class PreferencesSerializer(serializers.Serializer):
    suggestion_mode = serializers.ChoiceField(choices=DeliveryPreference.SuggestionMode.values)
    digest_minutes = serializers.ChoiceField(choices=DIGEST_MINUTES)
    interrupt_cap_per_hour = serializers.IntegerField()
    min_interrupt_tier = serializers.ChoiceField(choices=DeliveryPreference.MinInterruptTier.values)
    sound = serializers.BooleanField()
    follow_all = serializers.BooleanField()
    followed_queues = serializers.ListField(child=serializers.SlugField(), help_text="slugs, sorted")


class InterruptLabSerializer(serializers.Serializer):
    test = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_blank=True, help_text="value and unit")
    flag = serializers.CharField(allow_blank=True)


class InterruptAppointmentSerializer(serializers.Serializer):
    at = serializers.CharField(allow_blank=True, help_text="local time in the facility's zone, as shown")
    risk = serializers.CharField(allow_blank=True, help_text="no-show risk, e.g. 42%")


class InterruptWhatSerializer(serializers.Serializer):
    """What the interrupt card says of the work, for this recipient (queues.representations.WHAT_KEYS)."""

    complaint = serializers.CharField(allow_blank=True)
    rule = serializers.CharField(allow_blank=True)
    first_line = serializers.CharField(allow_blank=True, help_text="blank unless the recipient may see the body")
    patient_name = serializers.CharField(allow_blank=True)
    patient_age = serializers.IntegerField(allow_null=True)
    ai_label = serializers.CharField()
    model_url = serializers.CharField(
        allow_blank=True,
        help_text="the transparency page of the model version that scored it (/models/<name>/<version>/); "
        "blank for a plain item or a rules-only score",
    )
    lab = InterruptLabSerializer(allow_null=True)
    appointment = InterruptAppointmentSerializer(allow_null=True)


class InterruptFrameSerializer(serializers.Serializer):
    """One interrupt: the same frame as the websocket pushes (queues.representations.INTERRUPT_KEYS)."""

    type = serializers.ChoiceField(choices=["interrupt"])
    delivery = serializers.IntegerField(help_text="the id to acknowledge")
    delivered_as = serializers.ChoiceField(choices=InterruptDelivery.As.choices)
    escalation = serializers.BooleanField()
    level = serializers.IntegerField(allow_null=True, help_text="the escalation level, for an escalation")
    note = serializers.CharField(allow_blank=True, help_text="why it was delivered so")
    sound = serializers.BooleanField()
    delivered_at = serializers.DateTimeField()
    item = ItemSummarySerializer()
    what = InterruptWhatSerializer()


class InterruptAckSerializer(serializers.Serializer):
    delivery = serializers.IntegerField()
    acknowledged_at = serializers.DateTimeField()


class InterruptAckAllSerializer(serializers.Serializer):
    acknowledged = serializers.ListField(child=serializers.IntegerField(), help_text="the deliveries acknowledged")
