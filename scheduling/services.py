"""Writes of the scheduling app: appointments, no-show scores, suggestions, training the no-show
model (registered and served by mlregistry) and the scheduling policy."""

from __future__ import annotations

import logging
import math
import time
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from clinflow import problems
from clinflow.metrics import model_scored
from ingest.handlers import PermanentError
from ingest.models import Event
from ingest.schemas import parse_datetime_strict
from ingest.selectors import sources_acted_for
from mlregistry.models import ModelVersion
from mlregistry.services import ModelFileMissing, model_challenger, model_live, model_register
from queues.models import Facility, RoutingPolicy, WorkItem, WorkItemEvent
from queues.routing import Decision
from queues.selectors import rollout_effective
from queues.services.items import item_close_for_event, item_refresh_suggestion, item_route
from queues.services.policies import routing_policy_ensure
from queues.times import facility_tz, local_text
from scheduling.capacity import ALTERNATIVE_DAYS
from scheduling.models import Appointment, NoShowScore, ProviderSession, SchedulingPolicy

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
MODEL_NAME = "noshow"
POLICY_FIELDS = ("rollout", "reminder_threshold", "max_overbook_pct", "hold_urgent_share")
SITE_MINIMUM = 500  # labelled site appointments needed before training on the site's own history
UNDO_MINUTES = 10  # a scheduler may undo their own batch decision for this long


# --- policy -----------------------------------------------------------------------------------
def scheduling_policy_ensure(*, facility: Facility) -> SchedulingPolicy:
    policy, created = SchedulingPolicy.objects.get_or_create(facility=facility)
    if created:
        audit_record(
            action="scheduling_policy.created",
            object_type="scheduling_policy",
            object_id=policy.pk,
            data=_policy_snapshot(policy),
        )
    return policy


def _policy_snapshot(policy: SchedulingPolicy) -> dict[str, Any]:
    return {k: getattr(policy, k) for k in POLICY_FIELDS} | {
        "version": policy.version,
        "facility": policy.facility.slug,
    }


def scheduling_policy_update(*, policy: SchedulingPolicy, changes: dict[str, Any], actor: str) -> SchedulingPolicy:
    """Change the scheduling bounds (validated, versioned, audited with before/after)."""
    errors = []
    for key, value in changes.items():
        if key not in POLICY_FIELDS:
            errors.append({"field": key, "message": "is not a scheduling policy field"})
        elif key == "rollout" and value not in ("off", "shadow", "live"):
            errors.append({"field": key, "message": "must be off, shadow or live"})
        elif key == "reminder_threshold" and not (isinstance(value, (int, float)) and 0 <= value <= 1):
            errors.append({"field": key, "message": "must be between 0 and 1"})
        elif key == "max_overbook_pct" and not (isinstance(value, (int, float)) and 0 <= value <= 50):
            errors.append({"field": key, "message": "must be between 0 and 50 (%)"})
        elif key == "hold_urgent_share" and not (isinstance(value, (int, float)) and 0 <= value <= 0.5):
            errors.append({"field": key, "message": "must be between 0 and 0.5"})
    if errors:
        raise problems.PolicyInvalid("The scheduling policy is invalid.", errors=errors)
    with transaction.atomic():
        locked = SchedulingPolicy.objects.select_for_update(of=("self",)).select_related("facility").get(pk=policy.pk)
        before = _policy_snapshot(locked)
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.version += 1
        locked.updated_by = actor
        locked.save(update_fields=[*changes, "version", "updated_by", "updated_at"])
        audit_record(
            action="scheduling_policy.changed",
            object_type="scheduling_policy",
            object_id=locked.pk,
            actor=actor,
            actor_type="user",
            data={"before": before, "after": _policy_snapshot(locked)},
        )
    return locked


# --- model registry ---------------------------------------------------------------------------
def site_appointments() -> list:
    """The site's own history as model input (every appointment; outcomes where known)."""
    out = []
    for a in Appointment.objects.all().order_by("starts_at").iterator(chunk_size=2000):
        out.append(_appt(a))
    return out


def _outcome(status: str) -> str | None:
    return {"completed": "attended", "no_show": "no_show", "cancelled": "cancelled"}.get(status)


def _age(birth: date | None, at: datetime) -> int | None:
    if not birth:
        return None
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def _appt(a: Appointment):
    from scheduling import noshow

    return noshow.Appt(
        appointment_id=a.appointment_id,
        patient_id=a.patient_mrn,
        booked_at=a.booked_at,
        starts_at=a.starts_at,
        age=_age(a.birth_date, a.booked_at),
        sex=a.sex or None,
        visit_type=a.visit_type,
        department=a.department,
        provider_id=a.provider_id or None,
        reminder_channel=a.reminder_channel or None,
        duration_min=a.duration_min,
        outcome=_outcome(a.status),
        extra={},
    )


def noshow_training_data(*, csv_path: str | None = None) -> tuple[list, str]:
    from scheduling import data

    if csv_path:
        loaded = data.load_public_csv(csv_path)
        return list(loaded), f"csv:{csv_path}"
    site = site_appointments()
    labelled = sum(1 for a in site if a.outcome in ("attended", "no_show"))
    if labelled >= SITE_MINIMUM:
        return site, "site"
    logger.info("only %d labelled site appointments: training on the synthetic history", labelled)
    return data.synthetic_history(seed=0), "synthetic"


def noshow_model_train(
    *, csv_path: str | None = None, actor: str = "system", kind: str = "logistic", appts_origin: tuple | None = None
) -> ModelVersion:
    """Train (honest split by patient and time, reported), save with skops, register as a candidate
    (training never promotes; a fresh install's first model goes live: mlregistry.model_register).
    `kind`: logistic (the live model) or gbm (the gradient-boosted challenger)."""
    from scheduling import noshow

    appts, origin = appts_origin or noshow_training_data(csv_path=csv_path)
    model, report = noshow.train_noshow(appts, kind=kind, calibration="isotonic" if kind == "gbm" else "sigmoid")
    report = {**report, "origin": origin}
    return model_register(
        name=MODEL_NAME,
        save=lambda path: noshow.save_model(model, path),
        metrics=report,
        n_samples=report.get("n_train", len(appts)),
        actor=actor,
        audit_data={"origin": origin, "auc": report.get("auc"), "brier": report.get("brier")},
        training_data=_noshow_training_summary(appts, origin),
    )


def noshow_retrain_candidates(*, actor: str = "system:scheduled-retrain") -> str:
    """The scheduled retrain (beat, every RETRAIN_NOSHOW_DAYS): the logistic model and the
    gradient-boosted challenger, from this site's own appointment outcomes only (never the synthetic
    history), each registered as a candidate (training never promotes). Skipped while the site has
    fewer than SITE_MINIMUM labelled appointments, or when no outcome was recorded since the newest
    version was trained. Returns what it did, for the log."""
    labelled = Appointment.objects.filter(status__in=[Appointment.Status.COMPLETED, Appointment.Status.NO_SHOW])
    n = labelled.count()
    if n < SITE_MINIMUM:
        logger.info(
            "scheduled retrain of %s: %d labelled site appointments (< %d); skipped", MODEL_NAME, n, SITE_MINIMUM
        )
        return f"skipped: {n} labelled site appointments, {SITE_MINIMUM} needed"
    newest = ModelVersion.objects.filter(name=MODEL_NAME).order_by("-trained_at").first()
    if newest is not None and not labelled.filter(outcome_at__gt=newest.trained_at).exists():
        logger.info("scheduled retrain of %s: no new outcomes since v%s; skipped", MODEL_NAME, newest.version)
        return "skipped: no new outcomes"
    appts = site_appointments()
    done = []
    for kind in ("logistic", "gbm"):
        version = noshow_model_train(actor=actor, kind=kind, appts_origin=(appts, "site"))
        done.append(f"v{version.version} {kind} ({version.state})")
    logger.info("scheduled retrain of %s: registered %s", MODEL_NAME, ", ".join(done))
    return "registered " + ", ".join(done)


def _noshow_training_summary(appts: list, origin: str) -> dict[str, Any]:
    """What the transparency page says the model was trained on."""
    starts = [a.starts_at for a in appts if getattr(a, "starts_at", None)]
    return {
        "source": {"site": "this site's appointments", "synthetic": "the shipped synthetic history"}.get(
            origin, origin.replace("csv:", "a file in the public Medical Appointment No Shows format: ")
        ),
        "rows": len(appts),
        "date_range": [min(starts).isoformat(), max(starts).isoformat()] if starts else None,
        "label_origin": "appointment outcomes (completed or no-show) recorded by the EMR",
    }


def noshow_model_live() -> tuple[ModelVersion, Any]:
    """The live no-show model, loaded once per process (mlregistry.model_live); a fresh install
    trains one first."""
    from scheduling import noshow

    try:
        return model_live(
            name=MODEL_NAME,
            load=lambda path, sha256: noshow.load_model(path, sha256=sha256),
            train=noshow_model_train,
        )
    except ModelFileMissing as exc:
        raise PermanentError(f"{exc}; run manage.py train_noshow") from exc


# --- events -----------------------------------------------------------------------------------
def _facility(slug: str) -> Facility:
    facility = Facility.objects.filter(slug=slug).first()
    if facility is None:
        raise PermanentError(f"unknown facility {slug!r}; create it, then replay the event")
    return facility


def _dt(value: str | None) -> datetime | None:
    return parse_datetime_strict(value) if value else None


def _dt_required(value: str) -> datetime:
    """A required timestamp of an event the envelope schema accepted (so it parses)."""
    parsed = parse_datetime_strict(value)
    if parsed is None:  # pragma: no cover - validate_envelope refuses such an event
        raise PermanentError(f"not a timestamp the event may hold: {value!r}")
    return parsed


CHALLENGER = "challenger"  # the rollout of a score made by the shadow version beside the live one


def _score_once(
    *, event: Event, appt: Appointment, policy: SchedulingPolicy, version: ModelVersion, model: Any, rollout: str
) -> NoShowScore:
    """Score the booking with this model version once (idempotent per appointment and version),
    audited `ai.noshow_scored`; `rollout` is the policy's, or `challenger`."""
    score = NoShowScore.objects.filter(
        appointment=appt, model_name=MODEL_NAME, model_version=str(version.version)
    ).first()
    if score is None:
        history = [
            _appt(a)
            for a in Appointment.objects.filter(patient_mrn=appt.patient_mrn, starts_at__lt=appt.booked_at).exclude(
                pk=appt.pk
            )
        ]
        started = time.perf_counter()
        prediction = model.predict_one(_appt(appt), history)
        duration = model.predict_duration(_appt(appt), history) if hasattr(model, "predict_duration") else None
        # The booked score is the appointment's first: the live one, made before any challenger's in the
        # same handler. A second worker racing on the same appointment hits noshow_one_booked and retries.
        first = not NoShowScore.objects.filter(appointment=appt).exists()
        score = NoShowScore.objects.create(
            appointment=appt,
            booked=first,
            model_name=MODEL_NAME,
            model_version=str(version.version),
            probability=round(float(prediction.probability), 4),
            factors=prediction.factors,
            predicted_duration_min=duration,
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            rollout=rollout,
        )
        audit_record(
            action="ai.noshow_scored",
            object_type="event",
            object_id=event.pk,
            actor_type="ai",
            actor=f"{MODEL_NAME}:v{version.version}",
            data={
                "appointment": appt.appointment_id,
                "probability": score.probability,
                "factors": score.factors,
                "predicted_duration_min": duration,
            },
        )
        model_scored(
            where=__name__,
            event_id=event.pk,
            model=MODEL_NAME,
            model_version=version.version,
            latency_ms=score.latency_ms,
            outcome="high_risk" if score.probability >= policy.reminder_threshold else "low_risk",
        )
    return score


def _challenger_score(*, event: Event, appt: Appointment, policy: SchedulingPolicy, live: ModelVersion) -> None:
    """Champion/challenger: the shadow no-show version (if any) scores every booking beside the live
    one (stored with rollout `challenger`, routing nothing); a failing challenger is only logged."""
    from scheduling import noshow

    try:
        # one savepoint for all of it: a database error here must not poison the live path's transaction
        with transaction.atomic():
            found = model_challenger(name=MODEL_NAME, load=lambda path, sha256: noshow.load_model(path, sha256=sha256))
            if found is None or found[0].pk == live.pk:
                return
            _score_once(event=event, appt=appt, policy=policy, version=found[0], model=found[1], rollout=CHALLENGER)
    except Exception:  # the challenger is an experiment: the live path must not depend on it
        logger.exception("challenger %s scoring failed for event %s", MODEL_NAME, event.pk)


def appointment_booked(*, event: Event) -> dict[str, Any]:
    """AppointmentBooked: store the appointment, score no-show risk (idempotent per model version),
    and make the suggestions the facility's scheduling policy allows."""
    d = event.data
    facility = _facility(d["facility"])
    patient = d["patient"]
    appt, _ = Appointment.objects.update_or_create(
        appointment_id=d["appointment_id"],
        defaults={
            "event": event,
            "facility": facility,
            "patient_mrn": patient["mrn"],
            "birth_date": date.fromisoformat(patient["birth_date"]) if patient.get("birth_date") else None,
            "sex": patient.get("sex") or "",
            "department": d["department"],
            "provider_id": d.get("provider_id") or "",
            "visit_type": d["visit_type"],
            "booked_at": _dt_required(d["booked_at"]),
            "starts_at": _dt_required(d["starts_at"]),
            "duration_min": d.get("duration_min"),
            "reminder_channel": d.get("reminder_channel") or "",
        },
    )
    policy = scheduling_policy_ensure(facility=facility)
    # The site-wide kill switch makes every workflow off. Off here makes no item: the appointment
    # itself is the EMR's, and the suggestions (reminder calls, overbooking) exist only as AI output.
    rollout = rollout_effective(policy.rollout)
    if rollout == "off":
        return {"scheduling": "off"}
    version, model = noshow_model_live()
    score = _score_once(event=event, appt=appt, policy=policy, version=version, model=model, rollout=rollout)
    _challenger_score(event=event, appt=appt, policy=policy, live=version)
    if rollout == "shadow":
        return {"scheduling": "shadow", "probability": score.probability}
    out: dict[str, Any] = {"probability": score.probability}
    if score.probability >= policy.reminder_threshold and appt.status == Appointment.Status.BOOKED:
        item = _suggest(
            event=event,
            facility=facility,
            kind=WorkItem.Kind.REMINDER_CALL,
            reason=f"reminder:{appt.appointment_id}",
            patient=appt.patient_mrn,
            title=f"Reminder call: {score.probability:.0%} no-show risk, {local_text(appt.starts_at, facility)}",
            priority=3 if score.probability >= 0.5 else 4,
            # the real deadline: a reminder is worth nothing once the appointment has begun
            due=appt.starts_at,
            detail={
                "kind": "reminder_call",
                "appointment_id": appt.appointment_id,
                "provider_id": appt.provider_id,
                "day": appt.starts_at.astimezone(facility_tz(facility)).date().isoformat(),
                "starts_at": appt.starts_at.isoformat(),
                "risk": score.probability,
                "model_version": score.model_version,
                "factors": score.factors,
                "disposition": "Call the patient to confirm or rebook",
                "policy": {"reminder_threshold": policy.reminder_threshold, "version": policy.version},
            },
        )
        out["reminder_item"] = str(item.pk)
    plan_item = _overbook_check(event=event, facility=facility, policy=policy, appt=appt)
    if plan_item:
        out["overbook_item"] = str(plan_item.pk)
    return out


def provider_day(*, facility: Facility, provider_id: str, day: date) -> dict[str, Any]:
    """Capacity, bookings and expected attendance of one provider-day."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    end = start + timedelta(days=1)
    sessions = ProviderSession.objects.filter(
        facility=facility, provider_id=provider_id, starts_at__gte=start, starts_at__lt=end
    )
    slots = sum(s.slots for s in sessions)
    appts = list(
        Appointment.objects.filter(
            facility=facility,
            provider_id=provider_id,
            starts_at__gte=start,
            starts_at__lt=end,
            status=Appointment.Status.BOOKED,
        )
    )
    probs = _latest_probabilities(appts)
    return {"slots": slots, "booked": len(appts), "probabilities": probs, "expected": sum(1 - p for p in probs)}


def _latest_probabilities(appts: list[Appointment]) -> list[float]:
    latest: dict[int, float] = {}
    for s in NoShowScore.objects.filter(appointment__in=appts).exclude(rollout="challenger").order_by("created_at"):
        latest[s.appointment_id] = s.probability
    return [latest.get(a.pk, 0.0) for a in appts]


def _overbook_check(*, event: Event, facility, policy, appt) -> WorkItem | None:
    from scheduling import capacity

    if not appt.provider_id:
        return None
    day = appt.starts_at.date()
    info = provider_day(facility=facility, provider_id=appt.provider_id, day=day)
    if not info["slots"]:
        return None
    plan = capacity.overbook_suggestions(
        capacity=info["slots"],
        booked=info["probabilities"],
        max_overbook_pct=policy.max_overbook_pct,
        hold_urgent_share=policy.hold_urgent_share,
    )
    # Overbooking means booking beyond the bookable slots: only once the day is full.
    if plan.k <= 0 or info["booked"] < plan.usable:
        return None
    first = (
        ProviderSession.objects.filter(
            facility=facility,
            provider_id=appt.provider_id,
            starts_at__date=day,
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return _suggest(
        event=event,
        facility=facility,
        kind=WorkItem.Kind.OVERBOOK,
        reason=f"overbook:{appt.provider_id}:{day.isoformat()}",
        patient=f"provider:{appt.provider_id}",
        title=f"Overbook {plan.k} on {day:%a %d %b} for {appt.provider_id}",
        priority=4,
        # the real deadline: the extra bookings must be made before the provider's day begins
        due=first or appt.starts_at,
        detail={
            "kind": "overbook",
            "provider_id": appt.provider_id,
            "day": day.isoformat(),
            "k": plan.k,
            "expected_attendance": round(plan.expected, 2),
            "usable_capacity": plan.usable,
            "cap": plan.cap,
            "booked": info["booked"],
            "disposition": plan.reason,
            "policy": {
                "max_overbook_pct": policy.max_overbook_pct,
                "hold_urgent_share": policy.hold_urgent_share,
                "version": policy.version,
            },
        },
    )


def _suggest(*, event: Event, facility, kind, reason, patient, title, priority, due, detail) -> WorkItem:
    routing_policy = routing_policy_ensure(workflow=RoutingPolicy.Workflow.TRIAGE, facility=facility)
    # rounded up, so the due-by shown is the deadline itself, not the minute before it
    minutes = max(5, math.ceil((due - timezone.now()).total_seconds() / 60))
    score = {
        **detail,
        "model": MODEL_NAME,
        "urgency": "non_clinical",
        "tier": "suggestion",
        "confidence": detail.get("risk"),
    }
    # A week-long suppression window folds a re-suggestion for the same appointment or provider-day
    # into the open item instead of piling up duplicates.
    routed = item_route(
        event=event,
        facility=facility,
        kind=kind,
        reason=reason,
        patient_mrn=patient,
        title=title,
        urgency="non_clinical",
        decision=Decision("suggestion", "scheduling", priority, minutes, False, reason),
        score=score,
        policy=routing_policy,
        suppression_minutes=7 * 24 * 60,
        rollout="live",  # suggestions are made only when the scheduling policy is live
    )
    if routed.effect in ("updated", "existing") and routed.item.score != score:
        # A rescheduled appointment (the same appointment_id booked again) moves its reminder's deadline.
        moved = due if kind == WorkItem.Kind.REMINDER_CALL else None
        return item_refresh_suggestion(item=routed.item, score=score, title=title, event=event, due_at=moved)
    return routed.item


def appointment_outcome(*, event: Event) -> dict[str, Any]:
    """AppointmentCompleted / NoShow / Cancelled: close the loop for calibration and retraining, and
    close the appointment's open reminder-call suggestion (`resolved_in_emr`): a reminder is moot
    once the appointment is over or gone. (Overbooking and slot offers are left as they are.)

    Only appointments booked by the sending source, or by a source it may act for
    (`ingest.selectors.sources_acted_for`), are matched."""
    status = {"AppointmentCompleted": "completed", "AppointmentNoShow": "no_show", "AppointmentCancelled": "cancelled"}[
        event.type
    ]
    appointment_id = event.data["appointment_id"]
    sources = sources_acted_for(source=event.integration_source)
    updated = Appointment.objects.filter(
        appointment_id=appointment_id, event__integration_source_id__in=sources
    ).update(status=status, outcome_at=_dt(event.data["at"]))
    links = (
        WorkItemEvent.objects.filter(
            event__type="AppointmentBooked",
            event__data__appointment_id=appointment_id,
            event__integration_source_id__in=sources,
            item__kind=WorkItem.Kind.REMINDER_CALL,
            item__state__in=WorkItem.OPEN_STATES,
        )
        .select_related("item")
        .order_by("pk")
    )
    closed = []
    for item in {link.item_id: link.item for link in links}.values():
        item_close_for_event(
            item=item, event=event, decision=f"appointment_{status}", actor=event.integration_source.name
        )
        closed.append(str(item.pk))
    return {"outcome": status, "matched": bool(updated), "closed_items": closed}


def _free_slots(
    facility: Facility, policy: SchedulingPolicy, *, start: datetime, end: datetime, department: str | None, limit: int
) -> list[datetime]:
    """Free slot starts between start and end (held urgent slots excluded), earliest first."""
    from scheduling import capacity

    sessions = ProviderSession.objects.filter(facility=facility, starts_at__lt=end, ends_at__gt=start)
    if department:
        sessions = sessions.filter(department=department)
    booked = set(
        Appointment.objects.filter(
            facility=facility, starts_at__gte=start, starts_at__lt=end, status=Appointment.Status.BOOKED
        ).values_list("starts_at", flat=True)
    )
    return capacity.slot_suggestions(
        preferred_start=start,
        preferred_end=end,
        sessions=[(s.starts_at, s.ends_at, s.slot_minutes) for s in sessions],
        booked_starts=booked,
        held_share=policy.hold_urgent_share,
        limit=limit,
    )


def appointment_requested(*, event: Event) -> dict[str, Any]:
    """AppointmentRequested: offer free slots inside the preferred window (held slots excluded)."""
    d = event.data
    facility = _facility(d["facility"])
    policy = scheduling_policy_ensure(facility=facility)
    rollout = rollout_effective(policy.rollout)
    if rollout != "live":
        return {"scheduling": rollout}
    start = _dt(d.get("preferred_start")) or timezone.now()
    end = _dt(d.get("preferred_end")) or start + timedelta(days=14)
    slots = _free_slots(facility, policy, start=start, end=end, department=d.get("department"), limit=5)
    alternative = None
    if not slots:
        # nothing in the preferred window: the nearest free slot after it, within ALTERNATIVE_DAYS
        found = _free_slots(
            facility,
            policy,
            start=end,
            end=end + timedelta(days=ALTERNATIVE_DAYS),
            department=d.get("department"),
            limit=1,
        )
        alternative = found[0] if found else None
    visit = d.get("visit_type") or "visit"
    if slots:
        title = f"Offer {local_text(slots[0], facility)}" + (f" (+{len(slots) - 1} more)" if len(slots) > 1 else "")
        disposition = "Offer these slots to the patient"
    elif alternative:
        title = f"Offer {local_text(alternative, facility)} (nearest free slot)"
        disposition = "No free slot in the preferred window: offer the nearest alternative"
    else:
        title = f"No slot within {ALTERNATIVE_DAYS} days"
        disposition = f"No free slot within {ALTERNATIVE_DAYS} days of the preferred window: call the patient"
    first_offer = slots[0] if slots else alternative
    item = _suggest(
        event=event,
        facility=facility,
        kind=WorkItem.Kind.SLOT_OFFER,
        reason=f"request:{d['request_id']}",
        patient=d["patient"]["mrn"],
        title=f"{title} for {visit}",
        priority=3,
        # the real deadline: the offered slot itself (or two days to call back when none is free)
        due=min(first_offer or end, timezone.now() + timedelta(days=2)),
        detail={
            "kind": "slot_offer",
            "request_id": d["request_id"],
            "day": (slots[0] if slots else start).date().isoformat(),
            "provider_id": "",
            "slots": [s.isoformat() for s in slots],
            "alternative": alternative.isoformat() if alternative else None,
            "alternative_days": ALTERNATIVE_DAYS,
            "window": [start.isoformat(), end.isoformat()],
            "disposition": disposition,
            "policy": {"hold_urgent_share": policy.hold_urgent_share, "version": policy.version},
        },
    )
    return {"slots": len(slots), "item": str(item.pk)}


# --- batch review -----------------------------------------------------------------------------
def suggestions_undo(*, item_ids: list[str], user: User) -> dict[str, list]:
    """Undo the user's own batch decision on scheduling suggestions: each item they resolved within
    UNDO_MINUTES goes back to new, audited (`work_item.reopened`, with the decision it undoes).

    One transaction per item, each row locked (select_for_update through the queue-permission
    selector): a concurrent decision or a second undo of the same item sees the reopened row and is
    refused instead of reopening twice. Items that cannot be undone are reported, not raised."""
    from audit.models import AuditRecord
    from queues.selectors import item_lock
    from queues.services.items import _audit, _push

    reopened: list[str] = []
    failed: list[dict[str, str]] = []
    for item_id in item_ids:
        now = timezone.now()
        with transaction.atomic():
            item = item_lock(item_id=item_id, user=user)
            if item is None or item.kind not in WorkItem.SCHEDULING_KINDS:
                failed.append({"id": str(item_id), "detail": "No such suggestion in a queue you may work."})
                continue
            last = (
                AuditRecord.objects.filter(object_type="work_item", object_id=str(item.pk))
                .order_by("-pk")
                .values("action", "actor")
                .first()
            )
            if (
                item.state != WorkItem.State.RESOLVED
                or last is None
                or last["action"] != "work_item.resolved"
                or last["actor"] != user.username
                or item.resolved_at is None
                or item.resolved_at < now - timedelta(minutes=UNDO_MINUTES)
            ):
                failed.append({"id": str(item.pk), "detail": "Only your own decision of the last minutes is undone."})
                continue
            undone = item.decision
            item.state, item.resolved_at, item.updated_at = WorkItem.State.NEW, None, now
            item.decision, item.final_urgency = "", ""
            item.save(update_fields=["state", "resolved_at", "updated_at", "decision", "final_urgency"])
            _audit(item, user, "reopened", {"undo_of": undone})
            _push(item, "item.updated")
        reopened.append(str(item.pk))
    return {"reopened": reopened, "failed": failed}
