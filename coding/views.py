"""The documentation policy page (`/coding/policy/`): the signature thresholds of unsigned orders
and notes, their escalation multiples and the coding findings' SLA, per facility, for the managers
of its documentation workflow. A refusal re-renders the form with each bad field named (400)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clinflow import problems
from coding import forms, selectors, services
from queues.models import Facility

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def _card(facility: Facility, *, posted: dict[str, str] | None = None, errors: list | None = None) -> dict[str, Any]:
    policy = services.documentation_policy_ensure(facility=facility)
    history = selectors.policy_history(policy=policy)
    versions = []
    for newer, older in zip(history, [*history[1:], None], strict=True):
        diff = []
        if older is not None:
            diff = [
                (forms.FIELD_LABELS.get(k, k), older.snapshot.get(k), newer.snapshot.get(k))
                for k in services.POLICY_FIELDS
                if older.snapshot.get(k) != newer.snapshot.get(k)
            ]
        versions.append({"version": newer.version, "by": newer.changed_by, "at": newer.changed_at, "diff": diff})
    values = posted or {
        "order_hours": forms.hours_lines(policy.order_hours),
        "note_hours": forms.hours_lines(policy.note_hours),
        "urgent_multiple": f"{policy.urgent_multiple:g}",
        "overdue_multiple": f"{policy.overdue_multiple:g}",
        "coding_sla_hours": str(policy.coding_sla_hours),
    }
    by_field: dict[str, list[str]] = {}
    for e in errors or []:
        by_field.setdefault(e["field"].split(".")[0], []).append(f"{e['field']}: {e['message']}")
    return {"facility": facility, "policy": policy, "values": values, "errors": by_field, "versions": versions}


@login_required
@require_http_methods(["GET", "POST"])
def policy_page(request: HttpRequest) -> HttpResponse:
    facilities = selectors.facilities_governed(user=request.user)
    if not facilities:
        return render(request, "coding/forbidden.html", status=403)
    status, refused = 200, None
    if request.method == "POST":
        slug = str(request.POST.get("facility") or "")
        facility = next((f for f in facilities if SLUG.fullmatch(slug) and f.slug == slug), None)
        if facility is None:
            return render(request, "coding/forbidden.html", status=403)
        changes, errors = forms.policy_changes(request.POST)
        if not errors:
            try:
                policy = services.documentation_policy_ensure(facility=facility)
                before = policy.version
                policy = services.documentation_policy_update(
                    policy=policy, changes=changes, actor=request.user.get_username()
                )
            except problems.ValidationProblem as exc:
                errors = exc.errors
            else:
                if policy.version == before:
                    messages.info(request, f"{facility.name}: nothing changed.")
                else:
                    messages.success(request, f"{facility.name}: saved as version {policy.version}.")
                return HttpResponseRedirect(reverse("coding-policy") + f"#policy-{facility.slug}")
        posted = {k: str(request.POST.get(k, ""))[: forms.MAX_TEXT] for k in services.POLICY_FIELDS}
        refused = (facility, posted, errors)
        status = 400
    cards = [
        _card(f, posted=refused[1], errors=refused[2]) if refused and refused[0] == f else _card(f) for f in facilities
    ]
    return render(
        request,
        "coding/policy.html",
        {"cards": cards, "defaults": forms.DEFAULTS_TEXT, "labels": forms.FIELD_LABELS},
        status=status,
    )
