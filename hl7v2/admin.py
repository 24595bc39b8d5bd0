from django.contrib import admin

from hl7v2.models import FacilityAlias, Hl7Message, Hl7Patient


@admin.register(Hl7Message)
class Hl7MessageAdmin(admin.ModelAdmin):
    list_display = ("control_id", "message_type", "integration_source", "ack_code", "received_at", "receipts")
    list_filter = ("ack_code", "message_type")
    search_fields = ("control_id",)
    readonly_fields = [f.name for f in Hl7Message._meta.fields]


@admin.register(Hl7Patient)
class Hl7PatientAdmin(admin.ModelAdmin):
    list_display = ("mrn", "integration_source", "updated_at")
    search_fields = ("mrn",)


@admin.register(FacilityAlias)
class FacilityAliasAdmin(admin.ModelAdmin):
    list_display = ("integration_source", "field", "value", "facility")
