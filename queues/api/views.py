"""Staff work-queue API (CONTRACT.md "Staff API"). Session auth with CSRF; every view of patient
data goes through the audit service."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.selectors import audit_records_for
from clinflow import problems
from queues import selectors, services
from queues.models import WorkItem
from queues.publish import item_summary

MESSAGE_FIELDS = ("message_id", "channel", "subject", "body", "received_at", "department")
LAB_FIELDS = ("result_id", "code", "value", "unit", "reference_low", "reference_high", "abnormal_flag",
              "resulted_at", "ordering_provider_id")
PATIENT_FIELDS = ("mrn", "name", "birth_date", "sex")


class ItemPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class QueueListView(APIView):
    @extend_schema(operation_id="queues_list", summary="Queues the user may work, with open counts")
    def get(self, request):
        queues = selectors.queues_with_open_counts(user=request.user)
        return Response([{"slug": q.slug, "name": q.name, "role": q.role, "kind": q.kind,
                          "facility": q.facility.slug, "open_count": q.open_count} for q in queues])


class ItemFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=["open", "all", *WorkItem.State.values], required=False, default="open")
    tier = serializers.ChoiceField(choices=WorkItem.Tier.values, required=False)


class QueueItemsView(APIView):
    @extend_schema(operation_id="queue_items", summary="Items of a queue, ordered by tier, priority, due-by",
                   parameters=[OpenApiParameter("state", str), OpenApiParameter("tier", str),
                               OpenApiParameter("page", int), OpenApiParameter("page_size", int)])
    def get(self, request, slug):
        queue = selectors.queue_get_for_user(user=request.user, slug=slug)
        if queue is None:
            raise problems.NotFound(f"No queue {slug!r} that you may work.")
        filters = ItemFilter(data=request.query_params)
        filters.is_valid(raise_exception=True)
        items = selectors.items_for_queue(queue=queue, state=filters.validated_data["state"],
                                          tier=filters.validated_data.get("tier"))
        paginator = ItemPagination()
        page = paginator.paginate_queryset(items, request, view=self)
        services.item_view_record(user=request.user, items=page, fields=["patient.mrn"], action="phi.listed")
        return paginator.get_paginated_response([item_summary(i) for i in page])


def visible_event_data(item: WorkItem) -> dict:
    """The triggering event's data a worker of this item's queue needs to act — nothing more."""
    data = item.event.data
    fields = MESSAGE_FIELDS if item.kind == WorkItem.Kind.MESSAGE else LAB_FIELDS
    shown = {k: data[k] for k in fields if k in data}
    patient = data.get("patient") or {}
    shown["patient"] = {k: patient[k] for k in PATIENT_FIELDS if k in patient}
    return shown


class ItemDetailView(APIView):
    @extend_schema(operation_id="item_detail", summary="An item with its AI output, event data and history")
    def get(self, request, item_id):
        item = selectors.item_get_for_user(user=request.user, item_id=item_id)
        if item is None:
            raise problems.NotFound("No such item in a queue you may work.")
        data = visible_event_data(item)
        services.item_view_record(user=request.user, items=[item], fields=sorted(data))
        history = [{"at": r.at.isoformat(), "action": r.action, "actor": r.actor, "actor_type": r.actor_type,
                    "data": r.data} for r in audit_records_for(object_type="work_item", object_id=item.pk)]
        return Response({**item_summary(item), "facility": item.queue.facility.slug, "score": item.score,
                         "event": {"id": str(item.event_id), "type": item.event.type, "data": data},
                         "decision": item.decision or None, "final_urgency": item.final_urgency or None,
                         "history": history})


class PolicyListView(APIView):
    @extend_schema(operation_id="policies_list", summary="Routing policies you own")
    def get(self, request):
        return Response([policy_body(p) for p in selectors.policies_for_user(user=request.user)])


class PolicyDetailView(APIView):
    @extend_schema(operation_id="policy_detail", summary="A routing policy you own")
    def get(self, request, policy_id):
        return Response(policy_body(self._policy(request, policy_id)))

    @extend_schema(operation_id="policy_update", summary="Change a routing policy (versioned, audited)")
    def patch(self, request, policy_id):
        policy = self._policy(request, policy_id)
        if not isinstance(request.data, dict):
            raise problems.ValidationProblem("Send a JSON object of the fields to change.")
        updated = services.routing_policy_update(policy=policy, changes=dict(request.data),
                                                 actor=request.user.username)
        return Response(policy_body(updated))

    def _policy(self, request, policy_id):
        policy = selectors.policies_for_user(user=request.user).filter(pk=policy_id).first()
        if policy is None:
            raise problems.NotFound("No such policy that you own.")
        return policy


def policy_body(policy) -> dict:
    return {"id": policy.pk, "workflow": policy.workflow, "facility": policy.facility.slug,
            "rollout": policy.rollout, "review_threshold": policy.review_threshold, "tier_map": policy.tier_map,
            "queue_map": policy.queue_map, "sla_minutes": policy.sla_minutes,
            "suppression_minutes": policy.suppression_minutes, "version": policy.version,
            "updated_by": policy.updated_by, "updated_at": policy.updated_at.isoformat()}
