"""Reads of the queues app. Permission filtering lives here so no view can forget it."""

from __future__ import annotations

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from queues.models import Queue


def queues_for_user(*, user) -> QuerySet[Queue]:
    """The queues a user may work (guardian object permission, via user or group)."""
    if not user or not user.is_authenticated:
        return Queue.objects.none()
    return get_objects_for_user(user, "queues.work_queue", klass=Queue, accept_global_perms=False).select_related(
        "facility"
    )
