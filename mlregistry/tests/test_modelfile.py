"""The safe model file format: hash checked before parsing, types outside the allow-list refused.
Pure: no database, and the module imports without Django."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import skops.io

from mlregistry import modelfile


class NotAllowed:
    """A custom class: a file holding one must be refused."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dump_returns_the_file_sha256_and_load_round_trips(tmp_path):
    path = tmp_path / "m.skops"
    payload = {"format": "test-1", "weights": [1.5, 2.0], "labels": ("a", "b"), "n": 3}
    sha = modelfile.dump_payload(payload, path)
    assert sha == _sha(path) == modelfile.file_sha256(path)
    assert not path.with_name(path.name + ".tmp").exists()
    assert modelfile.load_payload(path, sha256=sha.upper(), allowed_types=modelfile.BASE_ALLOWED_TYPES) == payload


@pytest.mark.parametrize("sha256", ["0" * 64, ""])
def test_a_hash_mismatch_is_refused_before_the_file_is_parsed(tmp_path, monkeypatch, sha256):
    path = tmp_path / "m.skops"
    modelfile.dump_payload({"n": 1}, path)
    parsed = []
    monkeypatch.setattr(skops.io, "get_untrusted_types", lambda **kw: parsed.append(kw) or [])
    monkeypatch.setattr(skops.io, "loads", lambda *a, **kw: parsed.append(a) or {})
    with pytest.raises(ValueError, match="sha256 mismatch"):
        modelfile.load_payload(path, sha256=sha256, allowed_types=modelfile.BASE_ALLOWED_TYPES)
    assert parsed == []


def test_a_tampered_file_is_refused(tmp_path):
    path = tmp_path / "m.skops"
    sha = modelfile.dump_payload({"n": 1}, path)
    skops.io.dump({"n": 2}, path)
    with pytest.raises(ValueError, match="sha256 mismatch"):
        modelfile.load_payload(path, sha256=sha, allowed_types=modelfile.BASE_ALLOWED_TYPES)


@pytest.mark.parametrize(("value", "named"), [(NotAllowed(), "NotAllowed"), (os.system, "system")])
def test_a_type_outside_the_allow_list_refuses_the_whole_file_even_with_the_right_hash(tmp_path, value, named):
    path = tmp_path / "m.skops"
    skops.io.dump({"n": 1, "extra": value}, path)
    with pytest.raises(modelfile.UntrustedModelError, match=named):
        modelfile.load_payload(path, sha256=_sha(path), allowed_types=modelfile.BASE_ALLOWED_TYPES)


def test_the_caller_allow_list_admits_its_own_types(tmp_path):
    path = tmp_path / "m.skops"
    skops.io.dump({"extra": NotAllowed()}, path)
    allowed = (*modelfile.BASE_ALLOWED_TYPES, f"{__name__}.NotAllowed")
    loaded = modelfile.load_payload(path, sha256=_sha(path), allowed_types=allowed)
    assert isinstance(loaded["extra"], NotAllowed)


def test_the_package_and_the_file_format_import_without_django():
    root = Path(__file__).resolve().parents[2]
    assert (root / "mlregistry" / "__init__.py").read_text().strip() == ""
    code = "import sys, mlregistry.modelfile; assert not [m for m in sys.modules if m.startswith('django')]"
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, env={**os.environ, "PYTHONPATH": str(root)})
