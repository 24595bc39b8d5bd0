"""OperationOutcome bodies (pure)."""

from __future__ import annotations

from typing import Any


def issue(severity: str, code: str, diagnostics: str, expression: str = "") -> dict[str, Any]:
    """One OperationOutcome.issue; `expression` is the FHIRPath-like element it is about."""
    out: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": diagnostics[:2000]}
    if expression:
        out["expression"] = [expression[:500]]
    return out


def operation_outcome(issues: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": issues}


# The FHIR issue type of each HTTP status a clinflow problem can carry
CODE_OF_STATUS = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    413: "too-costly",
    415: "not-supported",
    429: "throttled",
}
