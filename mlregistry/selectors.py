"""Reads of the model registry."""

from __future__ import annotations

from mlregistry.models import ModelVersion


def model_version_live(*, name: str) -> ModelVersion | None:
    """The live version of model `name` (the newest, should two ever be live), or None."""
    return ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).order_by("-version").first()


def model_has_live(*, name: str) -> bool:
    return ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).exists()
