"""Safe model files (pure, no Django): skops, a sha256 checked before parsing, and a type allow-list.

Every trained model (triage classifier, no-show model) is saved as a plain dict payload with
`dump_payload` and read back with `load_payload`, so the rules for trusting a file live here once:
the registry's hash must match the file before anything is parsed, and any type in the file outside
the caller's allow-list refuses the whole file (never `trusted=True`, never bare pickle).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Plain containers and numpy values every model payload may hold; each model adds its estimators.
BASE_ALLOWED_TYPES: tuple[str, ...] = (
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "builtins.NoneType",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
)


class UntrustedModelError(ValueError):
    """The file holds types outside the allow-list, or is not the kind of model expected."""


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def dump_payload(payload: dict[str, Any], path: str | Path) -> str:
    """Write `payload` with skops atomically (temp file + rename); return the file's sha256."""
    import skops.io

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    skops.io.dump(payload, tmp)
    tmp.replace(path)
    return file_sha256(path)


def load_payload(path: str | Path, *, sha256: str, allowed_types: Iterable[str]) -> Any:
    """Read a payload written by `dump_payload`.

    Raises ValueError when the file's sha256 is not `sha256` (checked before anything is parsed) and
    UntrustedModelError (a ValueError) when the file holds a type outside `allowed_types`.
    """
    import skops.io

    path = Path(path)
    actual = file_sha256(path)
    if not sha256 or actual != sha256.lower():
        raise ValueError(f"sha256 mismatch for {path.name}: expected {sha256}, file has {actual}")
    data = path.read_bytes()
    allowed = set(allowed_types)
    untrusted = skops.io.get_untrusted_types(data=data)
    refused = sorted(set(untrusted) - allowed)
    if refused:
        raise UntrustedModelError(f"{path.name} holds types outside the allow-list: {', '.join(refused)}")
    return skops.io.loads(data, trusted=[t for t in untrusted if t in allowed])
