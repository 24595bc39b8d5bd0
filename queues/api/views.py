"""Staff work-queue API (CONTRACT.md "Staff API"). Session auth with CSRF; every view of patient
data goes through the audit service."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from clinflow import problems
from queues import representations, selectors
from queues.api import schemas
from queues.models import DeliveryPreference, WorkItem
from queues.representations import item_summary
from queues.services import delivery, items, policies


class ItemPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class QueueListView(APIView):
    @extend_schema(
        operation_id="queues_list",
        summary="Queues the user may work, with open counts",
        responses=schemas.answers(schemas.QueueSerializer(many=True)),
    )
    def get(self, request):
        queues = selectors.queues_with_open_counts(user=request.user)
        return Response([representations.queue_body(q) for q in queues])


class ItemFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=["open", "all", *WorkItem.State.values], required=False, default="open")
    tier = serializers.ChoiceField(choices=WorkItem.Tier.values, required=False)


class QueueItemsView(APIView):
    @extend_schema(
        operation_id="queue_items",
        summary="Items of a queue, ordered by tier, priority, due-by",
        parameters=[
            OpenApiParameter("state", str),
            OpenApiParameter("tier", str),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=schemas.answers(schemas.ItemPageSerializer, errors=(400, 404)),
    )
    def get(self, request, slug):
        queue = selectors.queue_get_for_user(user=request.user, slug=slug)
        if queue is None:
            raise problems.NotFound(f"No queue {slug!r} that you may work.")
        filters = ItemFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queue_items = selectors.items_for_queue(
            queue=queue, state=filters.validated_data["state"], tier=filters.validated_data.get("tier")
        )
        paginator = ItemPagination()
        page = paginator.paginate_queryset(queue_items, request, view=self)
        items.item_view_record(user=request.user, items=page, fields=["patient.mrn"], action="phi.listed")
        return paginator.get_paginated_response([item_summary(i) for i in page])


class ItemDetailView(APIView):
    @extend_schema(
        operation_id="item_detail",
        summary="An item with its AI output, event data and history",
        responses=schemas.answers(schemas.ItemDetailSerializer, errors=(404,)),
    )
    def get(self, request, item_id):
        item = selectors.item_get_for_user(user=request.user, item_id=item_id)
        if item is None:
            raise problems.NotFound("No such item in a queue you may work.")
        view = selectors.item_view_for_user(user=request.user, item=item)
        fields = sorted(view.data) + (["messages"] if view.messages is not None else [])
        items.item_view_record(user=request.user, items=[item], fields=fields)
        return Response(representations.item_detail(item, view))


class PolicyListView(APIView):
    @extend_schema(
        operation_id="policies_list",
        summary="Routing policies you own",
        responses=schemas.answers(schemas.PolicySerializer(many=True)),
    )
    def get(self, request):
        return Response([representations.policy_body(p) for p in selectors.policies_for_user(user=request.user)])


class PolicyDetailView(APIView):
    @extend_schema(
        operation_id="policy_detail",
        summary="A routing policy you own",
        responses=schemas.answers(schemas.PolicySerializer, errors=(404,)),
    )
    def get(self, request, policy_id):
        return Response(representations.policy_body(self._policy(request, policy_id)))

    @extend_schema(
        operation_id="policy_update",
        summary="Change a routing policy (versioned, audited)",
        request=schemas.PolicyChangesSerializer,
        responses=schemas.answers(schemas.PolicySerializer, errors=(400, 404)),
    )
    def patch(self, request, policy_id):
        policy = self._policy(request, policy_id)
        if not isinstance(request.data, dict):
            raise problems.PolicyInvalid("Send a JSON object of the fields to change.")
        updated = policies.routing_policy_update(policy=policy, changes=dict(request.data), actor=request.user.username)
        return Response(representations.policy_body(updated))

    def _policy(self, request, policy_id):
        policy = selectors.policies_for_user(user=request.user).filter(pk=policy_id).first()
        if policy is None:
            raise problems.NotFound("No such policy that you own.")
        return policy


# --- actions ----------------------------------------------------------------------------------
class _ItemAction(APIView):
    """One action call; the action itself checks the user may work the item's queue."""

    def done(self, item):
        item = WorkItem.objects.select_related("queue", "claimed_by").get(pk=item.pk)
        return Response(item_summary(item))


class ItemClaimView(_ItemAction):
    @extend_schema(
        operation_id="item_claim",
        summary="Claim (lease) the item",
        request=None,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(404, 409)),
    )
    def post(self, request, item_id):
        return self.done(items.item_claim(item_id=item_id, user=request.user))


class ItemReleaseView(_ItemAction):
    @extend_schema(
        operation_id="item_release",
        summary="Release your claim",
        request=None,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(404, 409)),
    )
    def post(self, request, item_id):
        return self.done(items.item_release(item_id=item_id, user=request.user))


class EscalateInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ItemEscalateView(_ItemAction):
    @extend_schema(
        operation_id="item_escalate",
        summary="Escalate one step: queue owner, then facility on-call",
        request=EscalateInput,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(400, 404, 409)),
    )
    def post(self, request, item_id):
        data = EscalateInput(data=request.data or {})
        data.is_valid(raise_exception=True)
        return self.done(
            items.item_escalate(item_id=item_id, user=request.user, comment=data.validated_data["comment"])
        )


class SnoozeInput(serializers.Serializer):
    until = serializers.DateTimeField()


class ItemSnoozeView(_ItemAction):
    @extend_schema(
        operation_id="item_snooze",
        summary="Snooze until a time",
        request=SnoozeInput,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(400, 404, 409)),
    )
    def post(self, request, item_id):
        data = SnoozeInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(items.item_snooze(item_id=item_id, user=request.user, until=data.validated_data["until"]))


class ReassignInput(serializers.Serializer):
    queue = serializers.SlugField()


class ItemReassignView(_ItemAction):
    @extend_schema(
        operation_id="item_reassign",
        summary="Move to another queue you may work",
        request=ReassignInput,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(400, 404, 409)),
    )
    def post(self, request, item_id):
        data = ReassignInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(
            items.item_reassign(item_id=item_id, user=request.user, queue_slug=data.validated_data["queue"])
        )


class ResolveInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=items.DECISIONS)
    final_urgency = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    disposition = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=1000)
    reason_code = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ItemResolveView(_ItemAction):
    @extend_schema(
        operation_id="item_resolve",
        summary="Accept, override or dismiss",
        request=ResolveInput,
        responses=schemas.answers(schemas.ItemSummarySerializer, errors=(400, 404, 409)),
    )
    def post(self, request, item_id):
        data = ResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        return self.done(
            items.item_resolve(
                item_id=item_id,
                user=request.user,
                decision=v["decision"],
                final_urgency=v.get("final_urgency") or None,
                disposition=v.get("disposition") or None,
                reason_code=v.get("reason_code") or None,
                comment=v.get("comment") or "",
            )
        )


class PendingInterruptsView(APIView):
    @extend_schema(
        operation_id="interrupts_pending",
        summary="Your unacknowledged interrupts of open items",
        responses=schemas.answers(schemas.InterruptFrameSerializer(many=True)),
    )
    def get(self, request):
        sound = selectors.preference_for(user=request.user).sound
        roles = selectors.viewer_roles_by_facility(user=request.user)
        now = timezone.now()
        return Response(
            [
                representations.interrupt_frame(
                    d,
                    sound=sound,
                    what=representations.interrupt_what_for(
                        d.item, roles=roles.get(d.item.queue.facility_id, frozenset()), now=now
                    ),
                )
                for d in selectors.interrupts_pending_for(user=request.user)
            ]
        )


class InterruptAckView(APIView):
    @extend_schema(
        operation_id="interrupt_ack",
        summary="Acknowledge an interrupt toast",
        request=None,
        responses=schemas.answers(schemas.InterruptAckSerializer, errors=(404,)),
    )
    def post(self, request, delivery_id):
        d = delivery.interrupt_acknowledge(delivery_id=delivery_id, user=request.user)
        return Response({"delivery": d.pk, "acknowledged_at": d.acknowledged_at.isoformat()})


class DeliveryInput(serializers.Serializer):
    follow_all = serializers.BooleanField(required=False)
    followed_queues = serializers.ListField(child=serializers.SlugField(), required=False)
    suggestion_mode = serializers.ChoiceField(choices=DeliveryPreference.SuggestionMode.values, required=False)
    digest_minutes = serializers.ChoiceField(choices=[5, 15, 30, 60], required=False)
    interrupt_cap_per_hour = serializers.IntegerField(min_value=0, max_value=60, required=False)
    min_interrupt_tier = serializers.ChoiceField(choices=DeliveryPreference.MinInterruptTier.values, required=False)
    sound = serializers.BooleanField(required=False)


class MyDeliveryView(APIView):
    @extend_schema(
        operation_id="delivery_get",
        summary="Your delivery controls",
        responses=schemas.answers(schemas.PreferencesSerializer),
    )
    def get(self, request):
        prefs = selectors.preference_for(user=request.user)
        return Response(_preferences_body(prefs))

    @extend_schema(
        operation_id="delivery_update",
        summary="Change your delivery controls",
        request=DeliveryInput,
        responses=schemas.answers(schemas.PreferencesSerializer, errors=(400,)),
    )
    def put(self, request):
        data = DeliveryInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        followed = v.pop("followed_queues", None)
        prefs = delivery.preference_update(user=request.user, changes=v, followed=followed)
        return Response(_preferences_body(prefs))


def _preferences_body(prefs: DeliveryPreference) -> dict:
    followed = selectors.preference_followed_queues(prefs=prefs)
    return representations.preferences_body(prefs, followed=[q.slug for q in followed])


class BatchDecisionInput(serializers.Serializer):
    items = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=500)
    decision = serializers.ChoiceField(choices=["accept", "reject"])
    reason_code = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ItemsBatchDecisionView(APIView):
    @extend_schema(
        operation_id="items_decide_batch",
        summary="Accept or reject many suggestions at once",
        request=BatchDecisionInput,
        responses=schemas.answers(schemas.BatchDecisionResultSerializer, errors=(400,)),
    )
    def post(self, request):
        data = BatchDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        return Response(
            items.item_decide_batch(
                item_ids=v["items"],
                user=request.user,
                decision=v["decision"],
                reason_code=v.get("reason_code") or None,
                comment=v.get("comment") or "",
            )
        )
