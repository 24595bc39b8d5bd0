"""The governance page (`/governance/`): each workflow owner's rollout controls, kill switch, policy
settings with their version history, and model lifecycle (shadow / promote / rollback), in the
browser. Plain forms (POST, CSRF, redirect after post); every write goes through a service that
validates, versions and audits it, and a refusal comes back as a message naming the field."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from clinflow import problems
from governance import forms, selectors, services
from mlregistry.models import ModelVersion
from mlregistry.services import LifecycleError
from queues.models import Facility


def _back(anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("governance") + (f"#{anchor}" if anchor else ""))


def _refused(request: HttpRequest, what: str, errors: list[dict[str, str]]) -> None:
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "refused"
    messages.error(request, f"{what} not saved — {detail}")


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/forbidden.html", status=403)


@login_required
@require_GET
def governance_page(request: HttpRequest) -> HttpResponse:
    governed = selectors.governed_for(user=request.user)
    models = selectors.models_for(user=request.user)
    may_site = selectors.may_switch_site(request.user)
    if not governed and not models and not may_site:
        return _forbidden(request)
    return render(
        request,
        "governance/index.html",
        {
            "governed": governed,
            "models": models,
            "may_site": may_site,
            "site": selectors.site(),
            "rollouts": services.ROLLOUTS,
            "states": ModelVersion.State,
        },
    )


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def _facility(request: HttpRequest) -> Facility | None:
    """The posted facility, or None (a value that cannot be a slug — NUL, surrogates, too long — is
    never sent to the database)."""
    slug = str(request.POST.get("facility") or "")
    return Facility.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None


def _governed_target(request: HttpRequest) -> tuple[str, Facility] | None:
    """The posted (workflow, facility) if the user governs it, else None (the view answers 403)."""
    workflow, facility = _workflow(request), _facility(request)
    if (
        not workflow
        or facility is None
        or not selectors.governs(user=request.user, workflow=workflow, facility=facility)
    ):
        return None
    return workflow, facility


def _workflow(request: HttpRequest) -> str:
    workflow = str(request.POST.get("workflow") or "")
    return workflow if workflow in selectors.GOVERNED else ""


@login_required
@require_POST
def rollout_post(request: HttpRequest) -> HttpResponse:
    target = _governed_target(request)
    if target is None:
        return _forbidden(request)
    workflow, facility = target
    rollout = str(request.POST.get("rollout") or "")
    try:
        before = services.rollout_set(
            workflow=workflow,
            facility=facility,
            rollout=rollout,
            reason=forms.note_of(request.POST),
            actor=request.user.get_username(),
        )
    except problems.ValidationProblem as exc:
        _refused(request, f"{workflow} at {facility.name}: rollout", exc.errors)
        return _back(f"{workflow}-{facility.slug}")
    messages.success(request, f"{workflow.capitalize()} at {facility.name}: {before} → {rollout}.")
    return _back(f"{workflow}-{facility.slug}")


@login_required
@require_POST
def policy_post(request: HttpRequest) -> HttpResponse:
    target = _governed_target(request)
    if target is None:
        return _forbidden(request)
    workflow, facility = target
    anchor = f"{workflow}-{facility.slug}"
    changes, errors = forms.policy_changes(workflow, request.POST)
    if errors:
        _refused(request, f"{workflow} at {facility.name}: settings", errors)
        return _back(anchor)
    try:
        changed = services.policy_set(
            workflow=workflow, facility=facility, changes=changes, actor=request.user.get_username()
        )
    except problems.ValidationProblem as exc:
        _refused(request, f"{workflow} at {facility.name}: settings", exc.errors)
        return _back(anchor)
    if changed:
        messages.success(request, f"{workflow.capitalize()} at {facility.name}: saved ({', '.join(sorted(changed))}).")
    else:
        messages.info(request, f"{workflow.capitalize()} at {facility.name}: nothing changed.")
    return _back(anchor)


@login_required
@require_POST
def site_post(request: HttpRequest) -> HttpResponse:
    if not selectors.may_switch_site(request.user):
        return _forbidden(request)
    ai_off = request.POST.get("ai_off") == "1"
    try:
        services.site_switch(ai_off=ai_off, reason=forms.note_of(request.POST), actor=request.user.get_username())
    except problems.ValidationProblem as exc:
        _refused(request, "The site-wide switch", exc.errors)
        return _back("site")
    messages.success(request, "The AI is now off across the site." if ai_off else "The site-wide switch is released.")
    return _back("site")


@login_required
@require_POST
def model_post(request: HttpRequest, name: str) -> HttpResponse:
    if not selectors.owns_model(user=request.user, name=name):
        return _forbidden(request)
    action = str(request.POST.get("action") or "")
    try:
        done = services.model_act(
            name=name,
            action=action,
            version_id=str(request.POST.get("version") or ""),
            actor=request.user.get_username(),
            note=forms.note_of(request.POST, "note"),
        )
    except LifecycleError as exc:
        _refused(request, f"{name}", [{"field": exc.field, "message": str(exc)}])
        return _back(f"model-{name}")
    if action == "rollback":
        messages.success(request, f"Rolled back: {name} v{done.version} is live again.")
        return _back(f"model-{name}")
    messages.success(request, f"{name} v{done.version} is now {done.state}.")
    return _back(f"model-{name}")
