"""Writes of the triage app: message scores, lab-result alerts, labels, and training the triage
model (registered and served by mlregistry). Output shapes live in triage/representations.py."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from audit.services import audit_record
from clinflow.metrics import model_scored
from ingest.handlers import PermanentError
from ingest.selectors import sources_acted_for
from mlregistry.models import ModelVersion
from mlregistry.services import ModelFileMissing, model_challenger, model_live, model_register
from queues import routing
from queues.models import Facility, RoutingPolicy, WorkItem, WorkItemEvent
from queues.selectors import rollout_effective
from queues.services.items import (
    RoutedItem,
    item_close_for_event,
    item_resolve_message_in_emr,
    item_route,
    item_unscored,
)
from queues.services.policies import routing_policy_ensure
from triage import classifier, protocols
from triage.models import ResultAlertState, TriageLabel, TriageScore
from triage.representations import result_score_public, score_public
from triage.results import classify_result
from triage.scoring import score_text
from vocabulary import SEVERITY_RANK, URGENCY_CARE_LEVEL

if TYPE_CHECKING:
    from uuid import UUID

    from ingest.models import Event

logger = logging.getLogger(__name__)
MODEL_NAME = "triage-clf"


# --- model registry ---------------------------------------------------------------------------
def site_training_samples() -> list[tuple[str, str, str]]:
    """(text, urgency, intent) from the site's own resolved messages: the human's final urgency is
    the label; the intent is the model's own (humans do not relabel intent)."""
    samples = []
    labels = TriageLabel.objects.filter(message_event__isnull=False).select_related("message_event")
    latest: dict[UUID, TriageLabel] = {}
    for label in labels.order_by("labelled_at"):
        if label.message_event_id is not None:  # always, by the filter; said for the type checker
            latest[label.message_event_id] = label  # clinflow label after the EMR's wins (later)
    scores = {
        s.event_id: s.intent
        for s in TriageScore.objects.filter(event_id__in=list(latest))
        .exclude(rollout=CHALLENGER)
        .order_by("created_at")
    }
    for event_id, label in latest.items():
        assert label.message_event is not None
        text = _message_text(label.message_event.data)
        samples.append((text, label.final_urgency, scores.get(event_id, "symptom")))
    return samples


def triage_model_train(
    *, include_site: bool = True, actor: str = "system", folds: int = 5, replace_live: bool = False
) -> ModelVersion:
    """Train on the seed corpus (+ the site's labels), evaluate, save with skops, register.

    The new version is a `candidate` (mlregistry.model_register: training never promotes; only a
    fresh install's first model goes live, and `replace_live` replaces a live model of a format this
    code can no longer load). Its owner runs it in shadow and promotes it (model_state_set).
    """
    seed: list[tuple[str, ...]] = list(classifier.corpus_samples())
    site: list[tuple[str, ...]] = list(site_training_samples()) if include_site else []
    samples = seed + site
    report = classifier.evaluate(samples, folds=folds) if folds else {}
    model = classifier.train_triage_model(samples)
    return model_register(
        name=MODEL_NAME,
        save=lambda path: classifier.save_model(model, path),
        metrics=report,
        n_samples=len(samples),
        actor=actor,
        audit_data={"n_seed": len(seed), "n_site": len(site), "emergent_recall": report.get("emergent_recall")},
        training_data=_triage_training_summary(n_seed=len(seed), n_site=len(site)),
        replace_live=replace_live,
    )


def _triage_training_summary(*, n_seed: int, n_site: int) -> dict[str, Any]:
    """What the transparency page says the model was trained on."""
    labels = TriageLabel.objects.filter(message_event__isnull=False)
    span = labels.aggregate(first=Min("labelled_at"), last=Max("labelled_at")) if n_site else {}
    origins = sorted(set(labels.values_list("origin", flat=True))) if n_site else []
    return {
        "source": "the shipped seed corpus" + (" and this site's resolved messages" if n_site else ""),
        "rows": n_seed + n_site,
        "rows_seed": n_seed,
        "rows_site": n_site,
        "date_range": [span["first"].isoformat(), span["last"].isoformat()] if span.get("first") else None,
        "label_origin": (
            "seed: written and labelled by the project from public triage guidance; site: the final urgency "
            "nurses set (" + ", ".join(origins) + ")"
            if n_site
            else "seed: written and labelled by the project from public triage guidance"
        ),
    }


def triage_retrain_candidate(*, actor: str = "system:scheduled-retrain") -> str:
    """Train a candidate from the seed corpus and the site's labels, unless no label arrived since
    the newest version was trained (nothing new to learn). Returns what it did, for the log."""
    newest = ModelVersion.objects.filter(name=MODEL_NAME).order_by("-trained_at").first()
    labels = TriageLabel.objects.filter(message_event__isnull=False)
    if newest is not None and not labels.filter(labelled_at__gt=newest.trained_at).exists():
        logger.info("scheduled retrain of %s: no new labels since v%s; skipped", MODEL_NAME, newest.version)
        return "skipped: no new labels"
    version = triage_model_train(include_site=True, actor=actor)
    logger.info("scheduled retrain of %s: registered v%s (%s)", MODEL_NAME, version.version, version.state)
    return f"registered v{version.version} ({version.state})"


def triage_model_live() -> tuple[ModelVersion, Any]:
    """The live model, loaded once per process (mlregistry.model_live). A fresh install has none:
    the first call trains one from the shipped seed corpus and registers it."""
    try:
        try:
            return model_live(
                name=MODEL_NAME, load=_load, train=lambda: triage_model_train(include_site=False, folds=0)
            )
        except classifier.OutdatedModelError:
            # the live model predates this version's format (no care-level head): train its successor
            logger.warning("live %s model is of an older format: training a new one", MODEL_NAME)
            triage_model_train(include_site=True, folds=0, actor="system:format-upgrade", replace_live=True)
            return model_live(
                name=MODEL_NAME, load=_load, train=lambda: triage_model_train(include_site=False, folds=0)
            )
    except ModelFileMissing as exc:
        raise PermanentError(f"{exc}; run manage.py train_triage") from exc


def _load(path, sha256: str):
    return classifier.load_model(path, sha256=sha256)


# --- messages ---------------------------------------------------------------------------------
def _message_text(data: dict[str, Any]) -> str:
    subject = (data.get("subject") or "").strip()
    body = data.get("body") or ""
    return f"{subject}\n{body}" if subject else body


def _facility(data: dict[str, Any]) -> Facility:
    facility = Facility.objects.filter(slug=data.get("facility")).first()
    if facility is None:
        raise PermanentError(f"unknown facility {data.get('facility')!r}; create it, then replay the event")
    return facility


def _score_once(
    *,
    event: Event,
    data: dict[str, Any],
    facility: Facility,
    policy: RoutingPolicy,
    version: ModelVersion,
    model: Any,
    rollout: str,
) -> TriageScore:
    """Score the message with this model version once (idempotent per event and version), audited
    `ai.triage_scored`. `rollout` is the workflow's (live / shadow), or `challenger` for the shadow
    version scoring beside the live one."""
    score = TriageScore.objects.filter(event=event, model_name=MODEL_NAME, model_version=str(version.version)).first()
    if score is None:
        result = score_text(text=_message_text(data), model=model)
        routed_to = _route(result, policy)
        score = TriageScore.objects.create(
            event=event,
            model_name=MODEL_NAME,
            model_version=str(version.version),
            ruleset_version=protocols.PROTOCOLSET_VERSION,
            care_level=result["care_level"],
            protocol=result["protocol"],
            basis=result["basis"],
            review=result["review"],
            urgency=result["urgency"],
            intent=result["intent"],
            confidence=result["confidence"],
            model_urgency=result["model_urgency"],
            model_confidence=result["model_confidence"],
            probabilities=result["probabilities"],
            tier=routed_to.tier,
            rationale=result["rationale"],
            findings=result["findings"],
            disposition=result["disposition"],
            latency_ms=result["latency_ms"],
            rollout=rollout,
            facility=facility,
        )
        audit_record(
            action="ai.triage_scored",
            object_type="event",
            object_id=event.pk,
            actor_type="ai",
            actor=f"{MODEL_NAME}:v{version.version}",
            data={
                **score_public(score),
                "model_urgency": score.model_urgency,
                "model_confidence": score.model_confidence,
                "model_care_level": result["model_care_level"],
                "decision": routed_to.reason,
                "queue_kind": routed_to.queue_kind,
                "rollout": rollout,
            },
        )
        model_scored(
            where=__name__,
            event_id=event.pk,
            model=MODEL_NAME,
            model_version=version.version,
            latency_ms=result["latency_ms"],
            outcome=result["care_level"],
        )
    return score


CHALLENGER = "challenger"  # the rollout of a score made by the shadow version beside the live one


def _challenger_score(
    *, event: Event, data: dict[str, Any], facility: Facility, policy: RoutingPolicy, live: ModelVersion
) -> None:
    """Champion/challenger: the shadow version (if any) scores every message the live one scores;
    its score is stored (rollout `challenger`) for agreement and the dashboards, and routes nothing.
    A failing challenger is logged and never stops the live scoring."""
    try:
        # one savepoint for all of it: a database error here must not poison the live path's transaction
        with transaction.atomic():
            found = model_challenger(name=MODEL_NAME, load=_load)
            if found is None or found[0].pk == live.pk:
                return
            _score_once(
                event=event,
                data=data,
                facility=facility,
                policy=policy,
                version=found[0],
                model=found[1],
                rollout=CHALLENGER,
            )
    except Exception:  # the challenger is an experiment: the live path must not depend on it
        logger.exception("challenger %s scoring failed for event %s", MODEL_NAME, event.pk)


def message_triage(*, event: Event) -> dict[str, Any]:
    """Handler of PatientMessageReceived: score (idempotent per event and model version), then route
    per the facility's triage policy. off (the policy's, or the site-wide kill switch) → a plain
    human item, not scored; shadow → score only (staff work in the EMR; the score is compared with
    their decision); live → the AI routes a work item."""
    data = event.data
    facility = _facility(data)
    policy = routing_policy_ensure(workflow=RoutingPolicy.Workflow.TRIAGE, facility=facility)
    rollout = rollout_effective(policy.rollout)
    if rollout == RoutingPolicy.Rollout.OFF:
        routed = item_unscored(
            event=event,
            facility=facility,
            kind=WorkItem.Kind.MESSAGE,
            reason="message",
            patient_mrn=data["patient"]["mrn"],
            title="Message (not scored)",
            policy=policy,
        )
        return {"triage": "off", "work_item": str(routed.item.pk), "effect": routed.effect}
    version, model = triage_model_live()
    score = _score_once(
        event=event, data=data, facility=facility, policy=policy, version=version, model=model, rollout=rollout
    )
    _challenger_score(event=event, data=data, facility=facility, policy=policy, live=version)
    if rollout == RoutingPolicy.Rollout.SHADOW:
        return {"triage": "shadow", "urgency": score.urgency}
    routed_to = _route(
        {
            "care_level": score.care_level or URGENCY_CARE_LEVEL.get(score.urgency, score.urgency),
            "intent": score.intent,
            "confidence": score.confidence,
            "basis": score.basis,
            "review": score.review,
            "why": score.protocol or score.basis,
        },
        policy,
    )
    routed = item_route(
        event=event,
        facility=facility,
        kind=WorkItem.Kind.MESSAGE,
        # a follow-up folds into the open item of the same patient and the same complaint protocol
        reason=f"protocol:{score.protocol}" if score.protocol else f"intent:{score.intent}",
        patient_mrn=data["patient"]["mrn"],
        title=_title(score),
        urgency=score.urgency,
        decision=routed_to,
        score=score_public(score),
        policy=policy,
    )
    return {"triage": "live", "urgency": score.urgency, "work_item": str(routed.item.pk), "effect": routed.effect}


def _route(result: dict[str, Any], policy: RoutingPolicy) -> routing.Decision:
    return routing.route_triage(
        care_level=result["care_level"],
        intent=result["intent"],
        confidence=result["confidence"],
        deterministic=result["basis"] == "protocol",
        review=bool(result["review"]),
        why=result.get("why") or "",
        policy=_policy_dict(policy),
    )


def _title(score: TriageScore) -> str:
    """The item's title names the intent, not the complaint: titles reach every role that sees the
    row (queues.visibility.SUMMARY_FIELDS), and "mental health" or "pregnancy" is patient data. The
    protocol is on the item page, for those who may see it."""
    return f"Message: {score.intent.replace('_', ' ')}"


def _policy_dict(policy: RoutingPolicy) -> dict[str, Any]:
    return {
        "review_threshold": policy.review_threshold,
        "tier_map": policy.tier_map,
        "queue_map": policy.queue_map,
        "sla_minutes": policy.sla_minutes,
    }


def message_resolved_record(*, event: Event) -> dict[str, Any]:
    """Handler of PatientMessageResolved: keep the EMR's final urgency as a training label, and close
    the clinflow item of the message (`resolved_in_emr`) so nobody works it twice — an item that
    threads several messages closes once each is resolved (queues.services.items).

    Only messages of the resolving source, or of sources it may act for
    (`ingest.selectors.sources_acted_for`), are matched: another source's message is never labelled
    or closed by it."""
    data = event.data
    messages = _message_events(data["message_id"], sources=sources_acted_for(source=event.integration_source))
    message = messages[0] if messages else None
    label, _ = TriageLabel.objects.update_or_create(
        message_id=data["message_id"],
        origin=TriageLabel.Origin.EMR,
        defaults={
            "final_urgency": data["final_urgency"],
            "labelled_by": data.get("resolved_by") or "",
            "labelled_at": timezone.now(),
            "message_event": message,
        },
    )
    actor = data.get("resolved_by") or event.integration_source.name
    closed: list[str] = []
    still_open: list[str] = []
    links = (
        WorkItemEvent.objects.filter(
            event__in=messages, item__kind=WorkItem.Kind.MESSAGE, item__state__in=WorkItem.OPEN_STATES
        )
        .select_related("item")
        .order_by("pk")
    )
    for item in {link.item_id: link.item for link in links}.values():
        item = item_resolve_message_in_emr(item=item, event=event, actor=actor)
        (closed if item.state == WorkItem.State.RESOLVED_IN_EMR else still_open).append(str(item.pk))
    return {
        "label": label.final_urgency,
        "matched": message is not None,
        "closed_items": closed,
        "open_items": still_open,
    }


def _message_events(message_id: str, *, sources: list[int]) -> list:
    """The PatientMessageReceived events with this message_id from these sources, newest first."""
    from ingest.models import Event

    return list(
        Event.objects.filter(
            type="PatientMessageReceived", data__message_id=message_id, integration_source_id__in=sources
        ).order_by("-received_at")
    )


# --- lab results ------------------------------------------------------------------------------
def lab_result_route(*, event: Event) -> dict[str, Any]:
    """Handler of LabResultFinalized: abnormal → task, critical → interrupt (per policy), unless the
    result was already acknowledged at this severity or higher (a new threshold re-alerts). With the
    results AI off (the policy's rollout, or the site-wide kill switch) every result is a plain human
    item, not scored."""
    data = event.data
    facility = _facility(data)
    policy = routing_policy_ensure(workflow=RoutingPolicy.Workflow.RESULTS, facility=facility)
    rollout = rollout_effective(policy.rollout)
    if rollout == RoutingPolicy.Rollout.OFF:
        # No rules, no suppression: every result is a plain item for a person to review, in order.
        code = data["code"]
        routed_plain = item_unscored(
            event=event,
            facility=facility,
            kind=WorkItem.Kind.LAB_RESULT,
            reason=code["code"],
            patient_mrn=data["patient"]["mrn"],
            title=f"Result (not scored): {code.get('display') or code['code']}"[:200],
            policy=policy,
        )
        return {"results": "off", "work_item": str(routed_plain.item.pk), "effect": routed_plain.effect}
    started = time.perf_counter()
    severity = classify_result(
        code=data["code"]["code"],
        value=data["value"],
        flag=data.get("abnormal_flag"),
        low=data.get("reference_low"),
        high=data.get("reference_high"),
    )
    latency_ms = (time.perf_counter() - started) * 1000
    # the results rules' name and version, as result_score_public reports them
    model_scored(
        where=__name__,
        event_id=event.pk,
        model="results-rules",
        model_version="1",
        latency_ms=latency_ms,
        outcome=severity.level,
    )
    summary: dict[str, Any] = {"severity": severity.level, "reasons": list(severity.reasons)}
    decision = routing.route_result(severity=severity.level, policy=_policy_dict(policy))
    if decision is None:
        return {**summary, "work_item": None}
    state, _ = ResultAlertState.objects.select_for_update().get_or_create(
        result_id=result_alert_key(source_id=event.integration_source_id, result_id=data["result_id"]),
        defaults={"patient_mrn": data["patient"]["mrn"], "code": data["code"]["code"]},
    )
    acked = SEVERITY_RANK.get(state.acknowledged_severity or "normal", 0)
    if state.acknowledged_at and SEVERITY_RANK[severity.level] <= acked:
        audit_record(
            action="work_item.suppressed",
            object_type="event",
            object_id=event.pk,
            actor_type="ai",
            actor="results-rules",
            data={**summary, "why": "already acknowledged at this severity"},
        )
        return {**summary, "work_item": None, "suppressed": "acknowledged"}
    if rollout == RoutingPolicy.Rollout.SHADOW:
        return {**summary, "results": "shadow"}
    score = result_score_public(severity=severity, tier=decision.tier)
    code = data["code"]
    routed: RoutedItem = item_route(
        event=event,
        facility=facility,
        kind=WorkItem.Kind.LAB_RESULT,
        reason=code["code"],
        patient_mrn=data["patient"]["mrn"],
        title=f"{severity.level.capitalize()} result: {code.get('display') or code['code']}",
        urgency=score["urgency"],
        decision=decision,
        score=score,
        policy=policy,
    )
    if SEVERITY_RANK[severity.level] > SEVERITY_RANK.get(state.alerted_severity or "normal", 0):
        state.alerted_severity = severity.level
        state.save(update_fields=["alerted_severity"])
    return {**summary, "work_item": str(routed.item.pk), "effect": routed.effect}


def result_alert_key(*, source_id: int, result_id: str) -> str:
    """The suppression state's key: a result_id is the sending source's, so it is namespaced by the
    source id ("12:lab-1"). `ResultAlertState.result_id` holds 255 characters and a result_id may
    have 255 itself: a key that would not fit uses the result_id's sha256 instead."""
    key = f"{source_id}:{result_id}"
    if len(key) <= (ResultAlertState._meta.get_field("result_id").max_length or 255):
        return key
    return f"{source_id}:sha256:{hashlib.sha256(result_id.encode()).hexdigest()}"


def result_acknowledge(*, event: Event) -> dict[str, Any]:
    """Handler of ResultAcknowledged: close the pending alert items of the result and remember the
    acknowledged severity so the same or a lower severity does not alert again.

    Only results of the acknowledging source, or of sources it may act for
    (`ingest.selectors.sources_acted_for`), are acknowledged: another source's result_id is its own,
    and an acknowledgement from elsewhere must neither close its alert nor silence it later."""
    data = event.data
    sources = sources_acted_for(source=event.integration_source)
    keys = [result_alert_key(source_id=s, result_id=data["result_id"]) for s in sources]
    states = list(ResultAlertState.objects.select_for_update().filter(result_id__in=keys).order_by("pk"))
    if not states:  # acknowledged before the result arrived: remember it for the source's own result
        states = [
            ResultAlertState.objects.create(
                result_id=result_alert_key(source_id=event.integration_source_id, result_id=data["result_id"]),
                patient_mrn="",
                code="",
            )
        ]
    for state in states:
        state.acknowledged_severity = state.alerted_severity or "critical"
        state.acknowledged_by = data["acknowledged_by"]
        state.acknowledged_at = timezone.now()
        state.save(update_fields=["acknowledged_severity", "acknowledged_by", "acknowledged_at"])
    closed = []
    result_events = WorkItemEvent.objects.filter(
        event__type="LabResultFinalized",
        event__data__result_id=data["result_id"],
        event__integration_source_id__in=sources,
    ).values_list("item_id", flat=True)
    for item in WorkItem.objects.filter(pk__in=list(result_events), state__in=WorkItem.OPEN_STATES):
        item_close_for_event(item=item, event=event, decision="acknowledged_in_emr", actor=data["acknowledged_by"])
        closed.append(str(item.pk))
    return {"closed_items": closed}
