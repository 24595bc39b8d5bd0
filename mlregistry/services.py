"""Writes of the model registry: register a trained model file, and serve the live model per process.

Every model (the triage classifier, the no-show model) goes through the same two calls:
`model_register` numbers, writes and records a trained model; `model_live` returns the live one,
loaded once per process, training one first on a fresh install.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import audit_record
from mlregistry.models import ModelVersion
from mlregistry.selectors import model_version_live

logger = logging.getLogger(__name__)


class ModelFileMissing(FileNotFoundError):
    """The registry names a live model whose file is not in the models directory."""


def models_dir() -> Path:
    """Where model files live (VAR_DIR/models); created on first use."""
    path = Path(settings.VAR_DIR) / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def model_register(
    *,
    name: str,
    save: Callable[[Path], str],
    metrics: dict[str, Any],
    n_samples: int,
    promote: bool = True,
    actor: str = "system",
    audit_data: dict[str, Any] | None = None,
) -> ModelVersion:
    """Register the next version of model `name`: `save(path)` writes the file and returns its sha256.

    With `promote` the new version goes `live` and the previous live one `retired`; otherwise it is a
    `candidate`. Transaction: numbering, the file write, the retirement, the row and its audit record
    (`model.registered`, with `audit_data` added) are one transaction; two registrations of one name
    at once cannot take the same number (unique `(name, version)`: the second one fails).
    """
    with transaction.atomic():
        version_no = (ModelVersion.objects.filter(name=name).aggregate(m=Max("version"))["m"] or 0) + 1
        # A unique file name: several databases (dev, tests, a second site) may share the models directory.
        filename = f"{name}-v{version_no}-{uuid.uuid4().hex[:12]}.skops"
        sha = save(models_dir() / filename)
        if promote:
            ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).update(
                state=ModelVersion.State.RETIRED
            )
        version = ModelVersion.objects.create(
            name=name,
            version=version_no,
            path=filename,
            sha256=sha,
            metrics=metrics,
            n_samples=n_samples,
            trained_at=timezone.now(),
            created_by=actor,
            state=ModelVersion.State.LIVE if promote else ModelVersion.State.CANDIDATE,
        )
        audit_record(
            action="model.registered",
            object_type="model",
            object_id=version.pk,
            actor=actor,
            data={"name": name, "version": version_no, "sha256": sha, "state": version.state, **(audit_data or {})},
        )
    return version


# Per model name: its lock and the one model loaded in this process, keyed by (row id, sha256), so a
# new live version (or a re-trained file) is loaded on the next call and the old one let go.
_locks_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}
_loaded: dict[str, tuple[tuple[int, str], Any]] = {}


def _lock_for(name: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(name, threading.Lock())


def model_live(
    *, name: str, load: Callable[[Path, str], Any], train: Callable[[], ModelVersion]
) -> tuple[ModelVersion, Any]:
    """The live version of model `name` and the model loaded from its file (`load(path, sha256)`).

    Loaded once per process and reloaded when another version goes live. A fresh install has none:
    the first call runs `train()` (which registers a live version). Thread-safe: one lock per name,
    so two threads never train or load the same model twice at once. Raises ModelFileMissing when the
    live version's file is gone.
    """
    version = model_version_live(name=name)
    lock = _lock_for(name)
    if version is None:
        with lock:
            version = model_version_live(name=name)
            if version is None:
                logger.info("no live %s model: training one", name)
                version = train()
    key = (version.pk, version.sha256)
    cached = _loaded.get(name)
    if cached is None or cached[0] != key:
        with lock:
            cached = _loaded.get(name)
            if cached is None or cached[0] != key:
                path = models_dir() / version.path
                if not path.exists():
                    raise ModelFileMissing(f"model file {path} of {version} is missing")
                cached = (key, load(path, version.sha256))
                _loaded[name] = cached
    return version, cached[1]


def model_cache_clear() -> None:
    """Forget the models loaded in this process (tests)."""
    with _locks_guard:
        _loaded.clear()
