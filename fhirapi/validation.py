"""FHIR R4 validation with fhir.resources' R4B models (pure): a resource dict -> the list of problems,
each at a FHIRPath-like element ("Communication.payload[0].contentString")."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError


def element_path(root: str, loc: tuple[Any, ...]) -> str:
    """('payload', 0, 'contentString') under Communication -> Communication.payload[0].contentString."""
    out = root
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part) not in ("__root__",):
            out += f".{part}"
    return out


def validate_resource(resource: Any, *, path: str | None = None) -> list[dict[str, str]]:
    """Problems of one resource as [{"expression": path, "diagnostics": text}] ([] when valid R4)."""
    if not isinstance(resource, dict):
        return [{"expression": path or "", "diagnostics": "must be a JSON object (a FHIR resource)"}]
    rt = resource.get("resourceType")
    where = path or (str(rt) if isinstance(rt, str) else "")
    if not isinstance(rt, str) or not rt:
        return [{"expression": f"{where}.resourceType".lstrip("."), "diagnostics": "is required"}]
    try:
        model = get_fhir_model_class(rt)
    except (ValueError, KeyError, AttributeError):
        return [
            {
                "expression": f"{where}.resourceType" if path else "resourceType",
                "diagnostics": f"{rt[:64]!r} is not a FHIR R4 resource type",
            }
        ]
    try:
        model.model_validate(resource)
    except ValidationError as exc:
        return [
            {"expression": element_path(where, tuple(err.get("loc") or ())), "diagnostics": str(err.get("msg"))[:500]}
            for err in exc.errors()[:50]
        ]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # a malformed value the models raise on directly (a contained resource of an unknown type ...)
        return [{"expression": where, "diagnostics": f"not a valid R4 {rt}: {type(exc).__name__} {str(exc)[:400]}"}]
    return []
