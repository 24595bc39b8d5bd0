from django.contrib import admin

from mlregistry.models import ModelVersion


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "state", "n_samples", "trained_at", "sha256")
    list_filter = ("name", "state")
    readonly_fields = ("name", "version", "path", "sha256", "metrics", "n_samples", "trained_at", "created_by")
