"""Writes of the dashboards: the audit record of every dashboard page view, CSV export and metrics
API read. The record names the workflow, the facilities and queues (slugs), the period and the
model version: aggregates only, no patient data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from audit.models import AuditRecord
from audit.services import audit_record

VIEWED = "dashboard.viewed"
EXPORTED = "dashboard.exported"
READ = "metrics.read"
ACTIONS = (VIEWED, EXPORTED, READ)


def dashboard_access_record(
    *,
    user: AbstractBaseUser | AnonymousUser,
    action: str,
    workflow: str,
    filters: dict[str, Any],
    metric: str = "",
) -> None:
    """Audit one read of dashboard data (`action`: dashboard.viewed | dashboard.exported |
    metrics.read). `filters` is the resolved filter (forms.Resolved.echo: facility and queue slugs,
    from, to, model_version). One transaction; the audit chain takes its own lock."""
    if action not in ACTIONS:
        raise ValueError(f"unknown dashboard audit action {action!r}")
    data: dict[str, Any] = {"workflow": workflow, "facilities": list(filters.get("facility", [])), "filters": filters}
    if metric:
        data["metric"] = metric
    with transaction.atomic():
        audit_record(
            action=action,
            object_type="dashboard",
            object_id=f"{workflow}/{metric}" if metric else workflow,
            actor=user.get_username(),
            actor_type=AuditRecord.ActorType.USER,
            data=data,
        )
