from typing import Any

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from mlregistry.models import ModelFactSheet, ModelVersion
from mlregistry.services import LifecycleError, model_state_set


class ModelVersionForm(forms.ModelForm):
    """A state change in the admin goes through the lifecycle service (audited, the previous live
    version retired, a note required), never a bare field edit."""

    change_state_to = forms.ChoiceField(
        choices=[("", "— keep —"), *ModelVersion.State.choices], required=False, label="Change state to"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Why (required)")

    class Meta:
        model = ModelVersion
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("change_state_to") and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the state changes.")
        return data


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    form = ModelVersionForm
    list_display = ("name", "version", "state", "n_samples", "trained_at", "promoted_at", "sha256")
    list_filter = ("name", "state")
    readonly_fields = (
        "name",
        "version",
        "state",
        "path",
        "sha256",
        "metrics",
        "training_data",
        "n_samples",
        "trained_at",
        "created_by",
        "promoted_at",
        "state_changed_at",
        "state_changed_by",
        "state_note",
    )

    def has_add_permission(self, request: Any) -> bool:
        return False  # versions come from training (train_triage, train_noshow)

    def save_model(self, request: Any, obj: ModelVersion, form: Any, change: bool) -> None:
        state = form.cleaned_data.get("change_state_to")
        if not state:
            return
        try:
            model_state_set(
                version_id=obj.pk,
                state=state,
                actor=request.user.username,
                note=form.cleaned_data["note"],
                action="admin",
            )
        except LifecycleError as exc:
            messages.error(request, str(exc))


@admin.register(ModelFactSheet)
class ModelFactSheetAdmin(admin.ModelAdmin):
    """The reviewed text of a model's transparency page; saving it records who reviewed it and when."""

    list_display = ("name", "reviewed_by", "reviewed_at")
    readonly_fields = ("reviewed_by", "reviewed_at")

    def save_model(self, request: Any, obj: ModelFactSheet, form: Any, change: bool) -> None:
        obj.reviewed_by, obj.reviewed_at = request.user.get_username(), timezone.now()
        super().save_model(request, obj, form, change)
