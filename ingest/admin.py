from django.contrib import admin, messages

from ingest.models import Event, IntegrationSource
from ingest.services import events_replay, source_revoke


@admin.register(IntegrationSource)
class IntegrationSourceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "token_prefix",
        "allowed_types",
        "source_uris",
        "facilities",
        "is_active",
        "created_at",
        "revoked_at",
    )
    readonly_fields = ("token_hash", "token_prefix", "created_at", "revoked_at")
    filter_horizontal = ("acts_for",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are created with `manage.py create_source`, which prints them once

    @admin.action(description="Revoke the token of the selected sources")
    def revoke(self, request, queryset):
        for source in queryset:
            source_revoke(source=source)
        messages.success(request, f"Revoked {queryset.count()} source(s).")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "type",
        "source",
        "source_event_id",
        "status",
        "lane",
        "attempts",
        "received_at",
        "processed_at",
    )
    list_filter = ("status", "lane", "type", "integration_source")
    search_fields = ("id", "source_event_id")
    date_hierarchy = "received_at"
    readonly_fields = [f.name for f in Event._meta.fields]
    actions = ["replay"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Replay (re-run processing of) the selected events")
    def replay(self, request, queryset):
        count = events_replay(events=queryset, actor=f"admin:{request.user.username}")
        messages.success(request, f"Re-enqueued {count} event(s).")
