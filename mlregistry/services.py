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
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.services import audit_record
from ingest.schemas import text_problem
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
    actor: str = "system",
    audit_data: dict[str, Any] | None = None,
    training_data: dict[str, Any] | None = None,
    replace_live: bool = False,
) -> ModelVersion:
    """Register the next version of model `name`: `save(path)` writes the file and returns its sha256.

    Training never promotes: the new version is a `candidate`, promoted (or run in shadow) by its
    owner through `model_state_set`. Only when the model has no live version at all (a fresh
    install) does the first one go `live`, so the workflow can run; and `replace_live` (a live model
    of a format this code can no longer load) retires the unusable one. Transaction: numbering, the
    file write, the row and its audit record (`model.registered`, with `audit_data` added) are one
    transaction; two registrations of one name at once cannot take the same number (unique
    `(name, version)`: the second one fails).
    """
    with transaction.atomic():
        version_no = (ModelVersion.objects.filter(name=name).aggregate(m=Max("version"))["m"] or 0) + 1
        # A unique file name: several databases (dev, tests, a second site) may share the models directory.
        filename = f"{name}-v{version_no}-{uuid.uuid4().hex[:12]}.skops"
        sha = save(models_dir() / filename)
        has_live = ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).exists()
        promote = replace_live or not has_live
        now = timezone.now()
        if replace_live:
            ModelVersion.objects.filter(name=name, state=ModelVersion.State.LIVE).update(
                state=ModelVersion.State.RETIRED,
                state_changed_at=now,
                state_changed_by=actor,
                state_note="retired: its format can no longer be loaded",
            )
        version = ModelVersion.objects.create(
            name=name,
            version=version_no,
            path=filename,
            sha256=sha,
            metrics=metrics,
            n_samples=n_samples,
            trained_at=now,
            created_by=actor,
            state=ModelVersion.State.LIVE if promote else ModelVersion.State.CANDIDATE,
            training_data=training_data or {},
            promoted_at=now if promote else None,
            state_changed_at=now,
            state_changed_by=actor,
            state_note=("the first version of a fresh install" if not has_live else "format upgrade")
            if promote
            else "",
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


# --- lifecycle: candidate -> shadow -> live -> retired ----------------------------------------------


class LifecycleError(Exception):
    """A state change the lifecycle does not allow; `field` names what is wrong."""

    def __init__(self, message: str, *, field: str = "state"):
        super().__init__(message)
        self.field = field


NOTE_MAX = 2000
STATES = tuple(ModelVersion.State.values)


def _note(note: Any) -> str:
    if not isinstance(note, str) or not note.strip():
        raise LifecycleError("a note is required: say why", field="note")
    text = note.strip()
    problem = text_problem(text)
    if problem:
        raise LifecycleError(f"the note {problem}", field="note")
    if len(text) > NOTE_MAX:
        raise LifecycleError(f"the note is longer than {NOTE_MAX} characters", field="note")
    return text


def model_state_set(*, version_id: int, state: str, actor: str, note: str, action: str = "") -> ModelVersion:
    """The one way a model version's state changes (the governance page, `model_promote` /
    `model_rollback`, the admin): audited `model.state_changed` with the note.

    - live: the previous live version of the name is retired (one live at a time); the workflow's
      next event is scored by this one (workers reload on the next call: `model_live`).
    - shadow: the challenger. It scores every event beside the live one, and only the live one
      routes; one challenger per name (a previous one goes back to candidate).
    - candidate / retired: out of service. The live version cannot be retired directly (the
      workflow would have no model): promote another, roll back, or turn the AI off (the kill switch).
    Locking: every version of the name, so two owners acting at once are serialised.
    """
    if state not in STATES:
        raise LifecycleError(f"state must be one of: {', '.join(STATES)}")
    text = _note(note)
    with transaction.atomic():
        target = ModelVersion.objects.filter(pk=version_id).first()
        if target is None:
            raise LifecycleError(f"no model version {version_id}", field="version")
        siblings = list(ModelVersion.objects.select_for_update().filter(name=target.name).order_by("version"))
        target = next(v for v in siblings if v.pk == version_id)
        before = target.state
        if before == state:
            raise LifecycleError(f"{target.name} v{target.version} is already {state}")
        if before == ModelVersion.State.LIVE:
            raise LifecycleError(
                f"{target.name} v{target.version} is live: promote another version or roll back instead"
            )
        now = timezone.now()
        displaced: list[dict[str, Any]] = []
        for other in siblings:
            if other.pk == target.pk:
                continue
            if state == ModelVersion.State.LIVE and other.state == ModelVersion.State.LIVE:
                other.state = ModelVersion.State.RETIRED
            elif state == ModelVersion.State.SHADOW and other.state == ModelVersion.State.SHADOW:
                other.state = ModelVersion.State.CANDIDATE
            else:
                continue
            other.state_changed_at, other.state_changed_by = now, actor
            other.state_note = f"replaced by v{target.version}: {text}"
            other.save(update_fields=["state", "state_changed_at", "state_changed_by", "state_note"])
            displaced.append({"version": other.version, "state": other.state})
        target.state = state
        target.state_changed_at, target.state_changed_by, target.state_note = now, actor, text
        fields = ["state", "state_changed_at", "state_changed_by", "state_note"]
        # A rollback keeps the restored version's first promotion time, so rolling back again goes
        # one further back (a stack: v3 -> v2 -> v1), never forth to the version just rolled back.
        if state == ModelVersion.State.LIVE and not (action == "rollback" and target.promoted_at):
            # (a version from before promotions were recorded went live when it was trained)
            target.promoted_at = target.trained_at if action == "rollback" else now
            fields.append("promoted_at")
        target.save(update_fields=fields)
        audit_record(
            action="model.state_changed",
            object_type="model",
            object_id=target.pk,
            actor=actor,
            actor_type="user",
            data={
                "name": target.name,
                "version": target.version,
                "before": before,
                "after": state,
                "note": text,
                "how": action or "state_set",
                "displaced": displaced,
            },
        )
    return target


def model_promote(*, name: str, version: int, actor: str, note: str) -> ModelVersion:
    """Promote `name` v`version` (a candidate or the shadow challenger, or a retired one) to live."""
    found = ModelVersion.objects.filter(name=name, version=version).first()
    if found is None:
        raise LifecycleError(f"no {name} v{version}", field="version")
    return model_state_set(version_id=found.pk, state=ModelVersion.State.LIVE, actor=actor, note=note, action="promote")


def model_rollback(*, name: str, actor: str, note: str) -> ModelVersion:
    """Put the version that was live before the current one back live (the current one retired):
    the retired version promoted last before the current one was first promoted."""
    current = model_version_live(name=name)
    if current is None:
        raise LifecycleError(f"{name} has no live version to roll back", field="name")
    # A version registered before promotions were recorded counts as promoted when it was trained
    # (until then every retired version had been live: training promoted).
    went_live = Coalesce("promoted_at", "trained_at")
    since = current.promoted_at or current.trained_at
    previous = (
        ModelVersion.objects.filter(name=name, state=ModelVersion.State.RETIRED)
        .exclude(pk=current.pk)
        .annotate(went_live=went_live)
        .filter(went_live__lt=since)
        .order_by("-went_live", "-version")
        .first()
    )
    if previous is None:
        raise LifecycleError(f"{name} has no earlier live version to roll back to", field="name")
    return model_state_set(
        version_id=previous.pk, state=ModelVersion.State.LIVE, actor=actor, note=note, action="rollback"
    )


def model_challenger(*, name: str, load: Callable[[Path, str], Any]) -> tuple[ModelVersion, Any] | None:
    """The shadow version of `name` (the challenger) and its loaded model, or None. Cached per
    process like the live one (a slot of its own); a missing file is logged and skipped: a
    challenger never stops the live scoring."""
    version = ModelVersion.objects.filter(name=name, state=ModelVersion.State.SHADOW).order_by("-version").first()
    if version is None:
        return None
    slot = f"{name}#challenger"
    key = (version.pk, version.sha256)
    cached = _loaded.get(slot)
    if cached is None or cached[0] != key:
        with _lock_for(slot):
            cached = _loaded.get(slot)
            if cached is None or cached[0] != key:
                path = models_dir() / version.path
                if not path.exists():
                    logger.error("challenger %s v%s: model file %s is missing", name, version.version, path)
                    return None
                cached = (key, load(path, version.sha256))
                _loaded[slot] = cached
    return version, cached[1]
