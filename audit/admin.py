from django.contrib import admin

from audit.models import AuditChainHead, AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_type", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "actor_type", "object_type")
    search_fields = ("object_id", "actor", "action")

    # Append-only: the admin may read, never change (the database refuses anyway).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(admin.ModelAdmin):
    list_display = ("id", "seq", "hash")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
