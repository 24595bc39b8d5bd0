from django.contrib import admin

from triage.models import ResultAlertState, TriageLabel, TriageScore


@admin.register(TriageScore)
class TriageScoreAdmin(admin.ModelAdmin):
    list_display = ("event", "urgency", "intent", "confidence", "tier", "model_name", "model_version", "latency_ms")
    list_filter = ("urgency", "intent", "tier", "model_version")
    readonly_fields = [f.name for f in TriageScore._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(TriageLabel)
class TriageLabelAdmin(admin.ModelAdmin):
    list_display = ("message_id", "final_urgency", "origin", "labelled_by", "labelled_at")
    list_filter = ("origin", "final_urgency")


@admin.register(ResultAlertState)
class ResultAlertStateAdmin(admin.ModelAdmin):
    list_display = ("result_id", "patient_mrn", "code", "alerted_severity", "acknowledged_severity", "acknowledged_at")
