"""model_register (numbering, one live version, audit, file) and model_live (per-process cache,
training when none is live, reloading when another version goes live)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.db import connections

from audit.models import AuditRecord
from mlregistry import modelfile
from mlregistry.models import ModelVersion
from mlregistry.selectors import model_has_live, model_version_live
from mlregistry.services import (
    ModelFileMissing,
    model_cache_clear,
    model_live,
    model_promote,
    model_register,
    models_dir,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # model files of these tests go to a directory of their own
    model_cache_clear()
    yield
    model_cache_clear()


def _save(payload):
    return lambda path: modelfile.dump_payload(payload, path)


def _register(name: str, n: int = 1, **kw) -> ModelVersion:
    return model_register(name=name, save=_save({"n": n}), metrics={"auc": 0.7}, n_samples=n, **kw)


def _load(calls: list):
    def load(path: Path, sha256: str):
        calls.append(path.name)
        return modelfile.load_payload(path, sha256=sha256, allowed_types=modelfile.BASE_ALLOWED_TYPES)

    return load


def _never_train():
    raise AssertionError("must not train")


def test_register_numbers_versions_per_name_and_training_never_promotes():
    first = _register("alpha")
    second = _register("alpha", 2)
    other = _register("beta")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    first.refresh_from_db()
    # a fresh install's first version goes live (the workflow needs a model); every later one is a candidate
    assert first.state == ModelVersion.State.LIVE and second.state == ModelVersion.State.CANDIDATE
    assert other.state == ModelVersion.State.LIVE  # another model's first version
    assert model_version_live(name="alpha") == first and model_has_live(name="beta")
    assert first.promoted_at is not None and second.promoted_at is None


def test_replace_live_retires_a_live_model_of_an_old_format():
    old = _register("alpha")
    new = _register("alpha", 2, replace_live=True)
    old.refresh_from_db()
    assert (old.state, new.state) == (ModelVersion.State.RETIRED, ModelVersion.State.LIVE)


def test_register_writes_the_file_and_its_audit_record():
    version = _register("alpha", 5, actor="trainer", audit_data={"origin": "synthetic"})
    path = models_dir() / version.path
    assert path.exists() and modelfile.file_sha256(path) == version.sha256
    assert version.path.startswith("alpha-v1-") and version.created_by == "trainer" and version.n_samples == 5
    record = AuditRecord.objects.get(action="model.registered", object_id=str(version.pk))
    assert record.actor == "trainer"
    assert record.data == {
        "name": "alpha",
        "version": 1,
        "sha256": version.sha256,
        "state": ModelVersion.State.LIVE,
        "origin": "synthetic",
    }


def test_a_failed_file_write_registers_nothing():
    def broken(path):
        raise OSError("disk full")

    with pytest.raises(OSError):
        model_register(name="alpha", save=broken, metrics={}, n_samples=0)
    assert not ModelVersion.objects.exists() and not AuditRecord.objects.filter(action="model.registered").exists()


def test_model_live_loads_once_per_process():
    version = _register("alpha", 3)
    calls: list[str] = []
    first = model_live(name="alpha", load=_load(calls), train=_never_train)
    again = model_live(name="alpha", load=_load(calls), train=_never_train)
    assert first == again == (version, {"n": 3})
    assert calls == [version.path]


def test_model_live_trains_one_when_none_is_live():
    trained: list[ModelVersion] = []

    def train():
        trained.append(_register("alpha", 7))
        return trained[-1]

    version, model = model_live(name="alpha", load=_load([]), train=train)
    assert trained == [version] and version.state == ModelVersion.State.LIVE and model == {"n": 7}
    model_live(name="alpha", load=_load([]), train=_never_train)


def test_model_live_reloads_when_another_version_goes_live():
    _register("alpha", 1)
    calls: list[str] = []
    assert model_live(name="alpha", load=_load(calls), train=_never_train)[1] == {"n": 1}
    newer = _register("alpha", 2)
    model_promote(name="alpha", version=newer.version, actor="owner", note="better")
    version, model = model_live(name="alpha", load=_load(calls), train=_never_train)
    assert version == newer and model == {"n": 2} and len(calls) == 2


def test_models_of_different_names_are_cached_apart():
    _register("alpha", 1)
    _register("beta", 2)
    calls: list[str] = []
    for _ in range(2):
        assert model_live(name="alpha", load=_load(calls), train=_never_train)[1] == {"n": 1}
        assert model_live(name="beta", load=_load(calls), train=_never_train)[1] == {"n": 2}
    assert len(calls) == 2


def test_a_missing_model_file_is_refused():
    version = _register("alpha")
    (models_dir() / version.path).unlink()
    with pytest.raises(ModelFileMissing, match=version.path):
        model_live(name="alpha", load=_load([]), train=_never_train)


@pytest.mark.django_db(transaction=True)
def test_threads_asking_at_once_load_the_model_once():
    _register("alpha", 4)
    calls: list[str] = []
    slow_load = _load(calls)

    def load(path, sha256):
        time.sleep(0.2)  # both threads are past the first cache check before the model is in
        return slow_load(path, sha256)

    results = []

    def ask():
        try:
            results.append(model_live(name="alpha", load=load, train=_never_train)[1])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [{"n": 4}] * 4 and len(calls) == 1
