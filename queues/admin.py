from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from queues.models import (
    Connection,
    DeliveryPreference,
    DigestEntry,
    Facility,
    InterruptDelivery,
    Queue,
    RoutingPolicy,
    RoutingPolicyVersion,
    SiteControl,
    Workflow,
    WorkItem,
    WorkItemEvent,
)
from queues.services.policies import POLICY_FIELDS, routing_policy_ensure, routing_policy_update


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "timezone")


@admin.register(Queue)
class QueueAdmin(GuardedModelAdmin):
    list_display = ("slug", "name", "facility", "role", "kind", "owner_group")
    list_filter = ("facility", "role", "kind")


@admin.register(Workflow)
class WorkflowAdmin(GuardedModelAdmin):
    list_display = ("name", "facility")
    list_filter = ("facility", "name")


class PolicyVersionInline(admin.TabularInline):
    model = RoutingPolicyVersion
    extra = 0
    can_delete = False
    readonly_fields = ("version", "snapshot", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RoutingPolicy)
class RoutingPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "workflow",
        "facility",
        "rollout",
        "review_threshold",
        "suppression_minutes",
        "version",
        "updated_by",
        "updated_at",
    )
    list_filter = ("workflow", "facility", "rollout")
    readonly_fields = ("version", "updated_by", "updated_at")
    inlines = [PolicyVersionInline]

    def save_model(self, request, obj, form, change):
        """Every admin edit goes through the service: validated, versioned and audited."""
        policy = obj if change else routing_policy_ensure(workflow=obj.workflow, facility=obj.facility)
        if change:
            policy = RoutingPolicy.objects.get(pk=obj.pk)
        changes = {f: form.cleaned_data[f] for f in POLICY_FIELDS if f in form.changed_data}
        if changes:
            updated = routing_policy_update(policy=policy, changes=changes, actor=f"admin:{request.user.username}")
            obj.pk, obj.version = updated.pk, updated.version
        else:
            obj.pk = policy.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    list_display = ("title", "queue", "tier", "priority", "state", "due_at", "created_at", "claimed_by")
    list_filter = ("queue", "tier", "state", "kind", "human_review")
    search_fields = ("id", "patient_mrn")
    readonly_fields = [f.name for f in WorkItem._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkItemEvent)
class WorkItemEventAdmin(admin.ModelAdmin):
    list_display = ("event", "item", "effect", "at")
    list_filter = ("effect",)
    readonly_fields = ("item", "event", "effect", "at")


@admin.register(RoutingPolicyVersion)
class RoutingPolicyVersionAdmin(admin.ModelAdmin):
    list_display = ("policy", "version", "changed_by", "changed_at")
    readonly_fields = ("policy", "version", "snapshot", "changed_by", "changed_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeliveryPreference)
class DeliveryPreferenceAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "follow_all",
        "suggestion_mode",
        "digest_minutes",
        "interrupt_cap_per_hour",
        "min_interrupt_tier",
        "sound",
    )
    filter_horizontal = ("followed_queues",)


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ("user", "channel_name", "connected_at", "last_seen")
    readonly_fields = ("user", "channel_name", "connected_at", "last_seen")


@admin.register(InterruptDelivery)
class InterruptDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "item",
        "user",
        "alert_no",
        "delivered_as",
        "escalation",
        "delivered_at",
        "acknowledged_at",
        "escalated_at",
    )
    list_filter = ("delivered_as", "escalation")
    readonly_fields = [f.name for f in InterruptDelivery._meta.fields]


@admin.register(DigestEntry)
class DigestEntryAdmin(admin.ModelAdmin):
    list_display = ("user", "item", "created_at", "delivered_at")
    readonly_fields = ("user", "item", "created_at", "delivered_at")


@admin.register(SiteControl)
class SiteControlAdmin(admin.ModelAdmin):
    """Read-only: the site-wide kill switch is flipped with a reason through governance.services
    (`manage.py ai_switch --site off --reason ...`), which audits it."""

    list_display = ("ai_off", "reason", "changed_by", "changed_at")
    readonly_fields = ("ai_off", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
