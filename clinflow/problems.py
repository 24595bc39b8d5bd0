"""RFC 9457 problem details: the one place where errors become HTTP answers.

Every 4xx from the API is `application/problem+json` with a stable `type`, a `title`, the `status`,
a human `detail` and, for validation failures, an `errors` list of `{"field", "message"}` using the
envelope's field paths (`data.body`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)
PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://clinflow.dev/problems/"


class Problem(Exception):
    """A domain error with its HTTP status; raised by services, rendered here."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, *, errors: list[dict[str, str]] | None = None, status: int | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        if status is not None:
            self.status = status

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors:
            body["errors"] = self.errors
        return body


class ValidationProblem(Problem):
    """A 400 naming each bad field. Subclasses give each kind of request its own title (the `type`
    stays `.../validation`, so clients that switch on it keep working)."""

    status, slug, title = 400, "validation", "The request is invalid"


class EventInvalid(ValidationProblem):
    title = "The event is invalid"


class ActionInvalid(ValidationProblem):
    title = "The action on the item is invalid"


class PolicyInvalid(ValidationProblem):
    title = "The policy is invalid"


class SettingsInvalid(ValidationProblem):
    title = "The delivery settings are invalid"


class MalformedJSON(Problem):
    status, slug, title = 400, "malformed-json", "The body is not valid JSON"


class Unauthenticated(Problem):
    status, slug, title = 401, "unauthenticated", "Authentication required"


class Forbidden(Problem):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(Problem):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(Problem):
    status, slug, title = 409, "conflict", "Conflict"


class PayloadTooLarge(Problem):
    status, slug, title = 413, "payload-too-large", "The body is too large"


class UnsupportedMediaType(Problem):
    status, slug, title = 415, "unsupported-media-type", "Unsupported content type"


def problem_response(problem: Problem, *, headers: dict[str, str] | None = None) -> HttpResponse:
    response = HttpResponse(json.dumps(problem.as_dict()), status=problem.status, content_type=PROBLEM_CONTENT_TYPE)
    if problem.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="clinflow"'
    for key, value in (headers or {}).items():
        response[key] = value
    return response


_DRF_MAP: list[tuple[type[Exception], type[Problem]]] = [
    (drf_exceptions.NotAuthenticated, Unauthenticated),
    (drf_exceptions.AuthenticationFailed, Unauthenticated),
    (drf_exceptions.PermissionDenied, Forbidden),
    (drf_exceptions.NotFound, NotFound),
    (drf_exceptions.UnsupportedMediaType, UnsupportedMediaType),
    (drf_exceptions.ParseError, MalformedJSON),
    (drf_exceptions.ValidationError, ValidationProblem),
]


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, path))
        return out
    if isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            return [{"field": prefix or "body", "message": str(v)} for v in detail]
        out = []
        for i, value in enumerate(detail):
            out.extend(_flatten(value, f"{prefix}[{i}]"))
        return out
    return [{"field": prefix or "body", "message": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]):
    """DRF exception handler: domain Problems and DRF's own errors both become problem details."""
    if isinstance(exc, Problem):
        return _as_drf(problem_response(exc))
    for drf_type, problem_type in _DRF_MAP:
        if isinstance(exc, drf_type):
            if isinstance(exc, drf_exceptions.ValidationError):
                problem = problem_type("The request is invalid.", errors=_flatten(exc.detail))
            else:
                problem = problem_type(str(getattr(exc, "detail", exc)))
            return _as_drf(problem_response(problem))
    response = drf_exception_handler(exc, context)
    if response is not None:
        problem = Problem(str(getattr(exc, "detail", exc)), status=response.status_code)
        problem.slug, problem.title = "error", response.status_text
        return _as_drf(problem_response(problem))
    # A bug, not a client error: logged with its traceback, answered as a problem document (never
    # Django's HTML page, and never the exception text, which may hold patient data).
    logger.error("unhandled error in %s", type(context.get("view")).__name__, exc_info=exc)
    problem = Problem("An internal error occurred; it has been logged.", status=500)
    problem.slug, problem.title = "internal-error", "Internal error"
    return _as_drf(problem_response(problem))


def _as_drf(response: HttpResponse):
    from rest_framework.response import Response

    body = json.loads(response.content)
    out = Response(body, status=response.status_code, content_type=PROBLEM_CONTENT_TYPE)
    if response.has_header("WWW-Authenticate"):
        out["WWW-Authenticate"] = response["WWW-Authenticate"]
    return out
