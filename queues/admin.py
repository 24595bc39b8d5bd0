from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from queues.models import Facility, Queue


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "timezone")


@admin.register(Queue)
class QueueAdmin(GuardedModelAdmin):
    list_display = ("slug", "name", "facility", "role", "kind", "owner_group")
    list_filter = ("facility", "role", "kind")
