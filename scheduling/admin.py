from django.contrib import admin

from scheduling.models import Appointment, NoShowScore, ProviderSession, SchedulingPolicy


@admin.register(ProviderSession)
class ProviderSessionAdmin(admin.ModelAdmin):
    list_display = ("provider_id", "facility", "department", "starts_at", "ends_at", "slot_minutes")
    list_filter = ("facility", "department", "provider_id")
    date_hierarchy = "starts_at"


@admin.register(SchedulingPolicy)
class SchedulingPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "facility",
        "rollout",
        "reminder_threshold",
        "max_overbook_pct",
        "hold_urgent_share",
        "version",
        "updated_by",
        "updated_at",
    )
    readonly_fields = ("version", "updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        """Admin edits go through the service: validated, versioned and audited."""
        from scheduling.services import scheduling_policy_update

        if not change:
            super().save_model(request, obj, form, change)
            return
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in scheduling_policy_fields()}
        if changes:
            fresh = SchedulingPolicy.objects.get(pk=obj.pk)
            scheduling_policy_update(policy=fresh, changes=changes, actor=f"admin:{request.user.username}")

    def has_delete_permission(self, request, obj=None):
        return False


def scheduling_policy_fields():
    from scheduling.services import POLICY_FIELDS

    return POLICY_FIELDS


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("appointment_id", "facility", "provider_id", "starts_at", "visit_type", "status")
    list_filter = ("facility", "status", "department")
    search_fields = ("appointment_id", "patient_mrn")
    readonly_fields = [f.name for f in Appointment._meta.fields]


@admin.register(NoShowScore)
class NoShowScoreAdmin(admin.ModelAdmin):
    list_display = ("appointment", "probability", "model_version", "predicted_duration_min", "latency_ms")
    readonly_fields = [f.name for f in NoShowScore._meta.fields]
