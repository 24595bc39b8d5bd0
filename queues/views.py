"""Staff pages: a work queue, an item, delivery settings (server-rendered).

Reads go through `queues.selectors`; every page that shows patient data records the view through
`queues.services.items.item_view_record` exactly once per page view. The pages' actions (claim,
resolve, escalate, ...) call the REST API from `static/clinflow/*.js`; the settings form saves
through the `queues.services.delivery.preference_update` service. Rows carry the same fields as the
API and the websocket frames (`queues.representations.item_summary`). Live updates come over the
websocket `/ws/`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinflow import problems
from queues import representations, routing, selectors, visibility
from queues.models import DeliveryPreference, WorkItem
from queues.representations import item_summary, row_details
from queues.services import delivery, items
from queues.times import local_text
from vocabulary import URGENCIES, URGENCY_PRIORITY, CareLevel, Tier, Urgency, label

PAGE_SIZE = 50
STATE_LABELS = {
    "new": "",
    "claimed": "Claimed",
    "resolved": "Resolved",
    "escalated": "Escalated",
    "snoozed": "Snoozed",
    "reassigned": "Reassigned",
    "resolved_in_emr": "Resolved in the EMR",
}
EMR_EVENT_TEXT = {
    "ResultAcknowledged": "Result acknowledged in the EMR",
    "PatientMessageResolved": "Message resolved in the EMR",
    "AppointmentCancelled": "Appointment cancelled in the EMR",
    "AppointmentCompleted": "Appointment completed (the reminder is moot)",
    "AppointmentNoShow": "Appointment missed (no-show; the reminder is moot)",
}
EFFECT_LABELS = {"created": "first message", "updated": "folded in", "realerted": "folded in, raised the urgency"}


# --- pure helpers (no ORM) ---------------------------------------------------------------------
def duration_text(seconds: float) -> str:
    """A short human duration: 45 s, 12 min, 2 h 05 min, 3 d 4 h."""
    seconds = int(max(0, seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 86400} d {seconds % 86400 // 3600} h"


def age_text(created_at: datetime | None, now: datetime) -> str:
    if created_at is None:
        return ""
    seconds = (now - created_at).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} d ago"


def sla_text(due_at: datetime | None, now: datetime) -> tuple[str, bool]:
    """("due in 12 min", False) or ("overdue 3 min", True)."""
    if due_at is None:
        return "", False
    delta = (due_at - now).total_seconds()
    if delta >= 0:
        return f"due in {duration_text(delta)}", False
    return f"overdue {duration_text(-delta)}", True


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "rule" | "term"
    label: str


def highlight_segments(text: str, spans: list[Span]) -> list[dict[str, str]]:
    """Split `text` into plain and highlighted segments. Overlaps: rule spans win over term spans,
    then the earlier span wins; spans are clipped to the text."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.kind != "rule", s.start, -(s.end - s.start))):
        start, end = max(0, span.start), min(len(text), span.end)
        if start >= end or any(start < c.end and c.start < end for c in chosen):
            continue
        chosen.append(Span(start, end, span.kind, span.label))
    segments, pos = [], 0
    for span in sorted(chosen, key=lambda s: s.start):
        if span.start > pos:
            segments.append({"text": text[pos : span.start], "kind": "", "label": ""})
        segments.append({"text": text[span.start : span.end], "kind": span.kind, "label": span.label})
        pos = span.end
    if pos < len(text) or not segments:
        segments.append({"text": text[pos:], "kind": "", "label": ""})
    return segments


def message_highlights(subject: str, body: str, rationale: list[dict[str, Any]]) -> dict[str, list]:
    """Highlight the AI's rule hits and top terms in the subject and body.

    The score was computed on `subject + "\\n" + body` (subject stripped) when there is a subject,
    so spans are shifted by that offset; a span whose text does not match where it points is found
    again by searching for the hit's text in the body (case-insensitive)."""
    subject = (subject or "").strip()
    scored = f"{subject}\n{body}" if subject else body
    offset = len(subject) + 1 if subject else 0
    spans: list[Span] = []
    for entry in rationale or []:
        kind = entry.get("kind")
        if kind not in ("rule", "term", "protocol"):
            continue
        if kind == "protocol":
            if not entry.get("span"):
                continue
            label = (
                f"{entry.get('protocol_title', '')}: {entry.get('criterion_text', '')} ({entry.get('care_level', '')})"
            )
            kind = "rule"  # highlighted as a rule hit: the words a criterion matched
        elif kind == "rule":
            label = f"Rule: {entry.get('rule', '').replace('_', ' ')} ({entry.get('urgency', '')})"
        else:
            label = f"Top term: {entry.get('term', '')}"
        wanted = entry.get("term") if kind == "term" else entry.get("text")
        start, end = ([*(entry.get("span") or [])] + [None, None])[:2]
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and (not wanted or scored[start:end].lower() == str(wanted).lower())
        ):
            spans.append(Span(start, end, kind, label))
            continue
        if wanted:  # fall back to finding the text in the body
            found = body.lower().find(str(wanted).lower())
            if found >= 0:
                spans.append(Span(found + offset, found + offset + len(wanted), kind, label))
    subject_spans = [Span(s.start, min(s.end, len(subject)), s.kind, s.label) for s in spans if s.start < len(subject)]
    body_spans = [Span(s.start - offset, s.end - offset, s.kind, s.label) for s in spans if s.end > offset]
    return {
        "subject": highlight_segments(subject, subject_spans) if subject else [],
        "body": highlight_segments(body, body_spans),
    }


def message_card(message: selectors.ItemMessage) -> dict[str, Any]:
    """One message of an item's thread as the item page shows it: its own AI score and spans."""
    score = message.score or {}
    rationale = score.get("rationale") or []
    return {
        "event_id": message.event_id,
        "received_at": message.received_at,
        "channel": message.channel,
        "effect": message.effect,
        "effect_label": EFFECT_LABELS.get(message.effect, message.effect),
        "score": message.score,
        "urgency_label": label(Urgency, score.get("urgency")),
        "care_level_label": label(CareLevel, score.get("care_level")),
        "highlights": message_highlights(message.subject, message.body, rationale),
        "protocol_hits": [r for r in rationale if r.get("kind") == "protocol"],
        "rules": [r for r in rationale if r.get("kind") == "rule"],
        "terms": [r for r in rationale if r.get("kind") == "term"],
    }


def state_display(item: WorkItem) -> str:
    return STATE_LABELS.get(item.state) or item.get_state_display()


# what a row shows of the event, by the audit's field name (row_details' keys)
ROW_AUDIT_FIELDS = (
    ("patient_name", "patient.name"),
    ("patient_age", "patient.birth_date"),
    ("snippet", "body"),
    ("lab", "lab.value"),
    ("appointment", "appointment.starts_at"),
)


def row_fields_shown(rows: list[dict[str, Any]]) -> list[str]:
    """The patient data these rows put on a page, for its `phi.listed` audit record: the MRN always,
    and each field of `ROW_AUDIT_FIELDS` some row actually shows."""
    return ["patient.mrn"] + [
        field for key, field in ROW_AUDIT_FIELDS if any(row.get(key) not in (None, "", {}) for row in rows)
    ]


def item_row(item: WorkItem, *, now: datetime, user, roles=None, tz_name: str = "UTC") -> dict[str, Any]:
    """What a queue row shows (the same fields the websocket frames and the items API carry), and
    with `roles` (the viewer's roles at the item's facility) what the work is (`row_details`)."""
    row = item_summary(item)
    sla, overdue = sla_text(item.due_at, now)
    if roles is not None:
        data = visibility.visible_data(item.event.data or {}, roles) if item.event_id else {}
        row.update(row_details(item, data=data, now=now, tz_name=tz_name))
    row.update(
        tier_label=label(Tier, item.tier),
        urgency_label=label(Urgency, item.urgency),
        state_label=STATE_LABELS.get(item.state, item.state),
        age_text=age_text(item.created_at, now),
        sla_text=sla,
        overdue=overdue,
        mine=item.claimed_by_id == user.pk,
    )
    return row


def history_line(action: str, data: dict[str, Any], tz: Any = "UTC") -> str:
    """One readable line for an audit record of a work item (times in `tz`: a facility or a zone)."""
    human, ai = data.get("human") or {}, data.get("ai") or {}
    if action == "work_item.created":
        return (
            f"Routed to {data.get('queue')} as {data.get('tier')} (priority {data.get('priority')}); "
            f"{data.get('reason', '')}"
        )
    if action == "work_item.resolved":
        parts = [f"Decision: {human.get('decision')}"]
        if human.get("final_urgency"):
            parts.append(f"final urgency {label(Urgency, human['final_urgency'])}")
        if human.get("reason_code"):
            reason = items.OVERRIDE_REASONS.get(human["reason_code"]) or items.DISMISS_REASONS.get(
                human["reason_code"], human["reason_code"]
            )
            parts.append(f"reason: {reason}")
        if human.get("disposition"):
            parts.append(f"disposition: {human['disposition']}")
        if human.get("comment"):
            parts.append(f"comment: “{human['comment']}”")
        if ai:
            parts.append(
                f"AI had said {label(Urgency, ai.get('urgency'))}"
                + (f" ({ai['confidence']:.0%})" if isinstance(ai.get("confidence"), int | float) else "")
            )
        parts.append("agrees with AI" if human.get("agrees_with_ai") else "differs from AI")
        return " · ".join(parts)
    if action == "work_item.claimed":
        return f"Claimed until {local_text(human.get('until'), tz)}".rstrip()
    if action == "work_item.escalated":
        verb = "Re-notified" if data.get("why") == "renotify" else "Escalated to"
        text = data.get("reason") or human.get("comment")  # records before the chain had only the comment
        line = f"{verb} {data.get('to_group', 'the queue owner')}" + (f": {text}" if text else "")
        if data.get("level") in routing.ESCALATION_LEVEL_NAMES:
            line += f" · level {data['level']} ({routing.ESCALATION_LEVEL_NAMES[data['level']]})"
        return line + (" · no on-call group: sent to the superusers" if data.get("fallback") else "")
    if action == "work_item.snoozed":
        return f"Snoozed until {local_text(human.get('until'), tz)}".rstrip()
    if action == "work_item.reassigned":
        return f"Moved from {human.get('from')} to {human.get('to')}"
    if action == "work_item.closed_by_emr":
        line = EMR_EVENT_TEXT.get(str(data.get("event_type")), "Closed by an EMR event")
        if data.get("by"):
            line += f" by {data['by']}"
        if isinstance(data.get("messages"), int) and data["messages"] > 1:
            line += f" (all {data['messages']} messages)"
        return line + "; nothing left to do here"
    if action == "work_item.message_resolved_in_emr":
        return (
            f"Message {data.get('message_id', '')} resolved in the EMR"
            + (f" by {data['by']}" if data.get("by") else "")
            + f" ({data.get('resolved')} of {data.get('messages')}); open for the others"
        )
    if action in ("work_item.updated", "work_item.realerted"):
        return f"Another message folded in (urgency {label(Urgency, data.get('urgency'))})"
    if action == "delivery.interrupt":
        parts = []
        if data.get("interrupted"):
            parts.append("interrupted " + ", ".join(data["interrupted"]))
        if data.get("as_task"):
            parts.append("delivered as a task to " + ", ".join(data["as_task"]))
        return "; ".join(parts) or "delivered"
    if action == "interrupt.acknowledged" and data.get("escalation"):
        return "Escalation acknowledged: the escalation chain stops"
    if action == "phi.viewed":
        return "Viewed: " + ", ".join(data.get("fields", []))
    return ""


HISTORY_LABELS = {
    "work_item.created": "Created by AI routing",
    "work_item.claimed": "Claimed",
    "work_item.released": "Released",
    "work_item.resolved": "Resolved",
    "work_item.escalated": "Escalated",
    "work_item.snoozed": "Snoozed",
    "work_item.reassigned": "Reassigned",
    "work_item.woke": "Snooze ended",
    "work_item.claim_expired": "Claim expired",
    "work_item.updated": "Updated",
    "work_item.realerted": "Re-alerted (urgency rose)",
    "work_item.closed_by_emr": "Closed in the EMR",
    "work_item.message_resolved_in_emr": "Message resolved in the EMR",
    "delivery.interrupt": "Interrupt delivered",
    "interrupt.acknowledged": "Interrupt acknowledged",
    "phi.viewed": "Viewed",
}


# --- pages -------------------------------------------------------------------------------------
def _live_context(request) -> dict[str, Any]:
    return {"idle_seconds": settings.SESSION_COOKIE_AGE}


@login_required
def home_page(request):
    """The queues the user may work, with their open counts; a nurse lands on "My work"."""
    if selectors.queues_for_user(user=request.user).filter(role="nurse").exists():
        return redirect("my-work")
    return render(
        request,
        "home.html",
        {"queues": selectors.queues_with_open_counts(user=request.user), "idle_seconds": settings.SESSION_COOKIE_AGE},
    )


@login_required
def queue_page(request, slug: str):
    """One queue's open items (tier, priority, due-by), 50 a page; live over the websocket."""
    queues = list(selectors.queues_with_work_counts(user=request.user))
    queue = next((q for q in queues if q.slug == slug), None)
    if queue is None:
        raise Http404("No such queue that you may work.")
    paginator = Paginator(selectors.items_for_queue(queue=queue, state="open"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    now = timezone.now()
    roles = selectors.viewer_roles_by_facility(user=request.user)
    rows = [
        item_row(
            item,
            now=now,
            user=request.user,
            roles=roles.get(item.queue.facility_id, frozenset()),
            tz_name=item.queue.facility.timezone,
        )
        for item in shown
    ]
    items.item_view_record(user=request.user, items=shown, fields=row_fields_shown(rows), action="phi.listed")
    return render(
        request,
        "queues/queue.html",
        {
            **_live_context(request),
            "queue": queue,
            "queues": queues,
            "rows": rows,
            "view_from": queue.slug,
            "page": page,
            "page_config": {
                "queue": queue.slug,
                "page": page.number,
                "page_size": PAGE_SIZE,
                "count": paginator.count,
                "me": request.user.username,
                "items": rows,
            },
        },
    )


MY_WORK_URGENCIES = URGENCIES  # the filter offers every urgency, most serious first


@login_required
def my_work_page(request):
    """Every open item of every queue the user works: emergent first, then due-by, queue as a
    column; filters `queue`, `urgency`, `overdue=1` (unknown values are ignored, never a 500).

    For the live page (queue.js): `format=json` answers the same page's rows as JSON (its re-sync
    on every socket `hello`; audited as the page is), `format=counts` only the filtered count and
    the sidebar's per-queue open / emergent / overdue counts (no patient data, so no audit record)."""
    fmt = request.GET.get("format", "")
    queues = list(selectors.queues_with_work_counts(user=request.user))
    nav_counts = [
        {
            "slug": q.slug,
            "open_count": q.open_count,
            "emergent_count": q.emergent_count,
            "overdue_count": q.overdue_count,
        }
        for q in queues
    ]
    slugs = {q.slug for q in queues}
    queue_slug = request.GET.get("queue", "")
    queue_slug = queue_slug if queue_slug in slugs else ""
    urgency = request.GET.get("urgency", "")
    urgency = urgency if urgency in MY_WORK_URGENCIES else ""
    overdue = request.GET.get("overdue") == "1"
    now = timezone.now()
    listed = selectors.items_my_work(
        user=request.user, queue_slug=queue_slug, urgency=urgency, overdue=overdue, now=now
    )
    if fmt == "counts":
        return JsonResponse({"count": listed.count(), "queues": nav_counts})
    paginator = Paginator(listed, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    roles = selectors.viewer_roles_by_facility(user=request.user)
    rows = []
    for item in shown:
        row = item_row(
            item,
            now=now,
            user=request.user,
            roles=roles.get(item.queue.facility_id, frozenset()),
            tz_name=item.queue.facility.timezone,
        )
        row["queue_name"] = item.queue.name
        rows.append(row)
    items.item_view_record(user=request.user, items=shown, fields=row_fields_shown(rows), action="phi.listed")
    if fmt == "json":
        return JsonResponse({"count": paginator.count, "page": page.number, "items": rows, "queues": nav_counts})
    return render(
        request,
        "queues/my_work.html",
        {
            **_live_context(request),
            "queues": queues,
            "rows": rows,
            "page": page,
            "view_from": "my-work",
            "filters": {"queue": queue_slug, "urgency": urgency, "overdue": overdue},
            "urgencies": [(u, label(Urgency, u)) for u in MY_WORK_URGENCIES],
            "page_config": {
                "view": "my-work",
                "queue": None,
                "page": page.number,
                "page_size": PAGE_SIZE,
                "count": paginator.count,
                "me": request.user.username,
                "items": rows,
                # what queue.js needs to place live rows as this page does: the filters, the
                # urgency rank (selectors.items_my_work), each queue's name for the queue column
                "filters": {"queue": queue_slug, "urgency": urgency, "overdue": overdue},
                "urgency_rank": URGENCY_PRIORITY,
                "queue_names": {q.slug: q.name for q in queues},
            },
        },
    )


ESCALATION_STEP_LABELS = {1: "Queue owner", 2: "On-call"}
ESCALATION_HANDLED_HOURS = 24
INBOX_AUDIT_FIELDS = (("patient_name", "patient.name"), ("patient_age", "patient.birth_date"), ("first_line", "body"))


def escalation_card(entry: selectors.EscalationEntry, *, now: datetime, roles, may_open: bool) -> dict[str, Any]:
    """One escalated item of the inbox, as this viewer may see it."""
    item, latest = entry.item, entry.latest
    tz = item.queue.facility.timezone
    if entry.pending_ids:
        status = ""
    elif latest.acknowledged_at is not None:
        status = f"Acknowledged {local_text(latest.acknowledged_at, tz)}"
    else:
        status = f"Closed: {STATE_LABELS.get(item.state) or item.state}"
    return {
        "id": str(item.pk),
        "title": item.title,
        "patient_mrn": item.patient_mrn,
        "urgency": item.urgency,
        "urgency_label": label(Urgency, item.urgency),
        "tier": item.tier,
        "queue_name": item.queue.name,
        "level": item.escalation_level,
        "step": ESCALATION_STEP_LABELS.get(min(item.escalation_level, routing.ESCALATION_ONCALL), ""),
        "escalated_at": local_text(latest.delivered_at, tz),
        "escalated_iso": latest.delivered_at.isoformat(),
        "waiting_text": duration_text((now - latest.delivered_at).total_seconds()),
        "reason": latest.reason.removeprefix("escalated: "),
        "what": representations.interrupt_what_for(item, roles=roles, now=now),
        "pending_ids": entry.pending_ids,
        "status": status,
        "may_open": may_open,
        "state_label": STATE_LABELS.get(item.state, item.state),
    }


def escalation_counts(cards: list[dict[str, Any]], *, oldest_text: str) -> dict[str, Any]:
    """The inbox's counts from its waiting cards (pure): waiting, emergent, per step, per queue."""
    by_queue: dict[str, int] = {}
    for card in cards:
        by_queue[card["queue_name"]] = by_queue.get(card["queue_name"], 0) + 1
    return {
        "waiting": len(cards),
        "emergent": sum(1 for c in cards if c["urgency"] == Urgency.EMERGENT),
        "owner_step": sum(1 for c in cards if c["level"] < routing.ESCALATION_ONCALL),
        "oncall_step": sum(1 for c in cards if c["level"] >= routing.ESCALATION_ONCALL),
        "by_queue": sorted(by_queue.items(), key=lambda kv: (-kv[1], kv[0])),
        "oldest": oldest_text,
    }


@login_required
def escalation_inbox(request):
    """The escalations that reached this user (queue owner or on-call), with counts: what waits,
    most serious first, and what was handled in the last day. Audited as a listing of patient data."""
    now = timezone.now()
    waiting, handled = selectors.escalations_for(
        user=request.user, since=now - timedelta(hours=ESCALATION_HANDLED_HOURS)
    )
    workable = set(selectors.queues_for_user(user=request.user).values_list("pk", flat=True))
    roles = selectors.viewer_roles_by_facility(user=request.user)

    def cards(entries):
        return [
            escalation_card(
                e,
                now=now,
                roles=roles.get(e.item.queue.facility_id, frozenset()),
                may_open=e.item.queue_id in workable,
            )
            for e in entries
        ]

    waiting_cards, handled_cards = cards(waiting), cards(handled)
    shown_cards = waiting_cards + handled_cards
    fields = ["patient.mrn"] + [
        field for key, field in INBOX_AUDIT_FIELDS if any(c["what"].get(key) not in (None, "") for c in shown_cards)
    ]
    items.item_view_record(
        user=request.user, items=[e.item for e in waiting + handled], fields=fields, action="phi.listed"
    )
    oldest = min((e.latest.delivered_at for e in waiting), default=None)
    oldest_text = duration_text((now - oldest).total_seconds()) if oldest else ""
    counts = escalation_counts(waiting_cards, oldest_text=oldest_text)
    return render(
        request,
        "queues/escalations.html",
        {
            **_live_context(request),
            "waiting": waiting_cards,
            "handled": handled_cards,
            "counts": counts,
            "handled_hours": ESCALATION_HANDLED_HOURS,
        },
    )


@login_required
def item_page(request, item_id):
    """One item: the message (or result), the AI suggestion with its rule spans highlighted,
    patient context, history, and the actions. Audited once per page view."""
    item = selectors.item_get_for_user(user=request.user, item_id=item_id)
    if item is None:
        raise Http404("No such item in a queue you may work.")
    view = selectors.item_view_for_user(user=request.user, item=item)
    data = view.data
    items.item_view_record(
        user=request.user, items=[item], fields=sorted(data) + (["messages"] if view.messages is not None else [])
    )
    score = view.score or {}
    rationale = score.get("rationale") or []
    thread = [message_card(m) for m in view.messages] if view.messages is not None else None
    history = [
        {
            "at": r.at,
            "actor": r.actor,
            "actor_type": r.actor_type,
            "action": r.action,
            "label": HISTORY_LABELS.get(r.action, r.action),
            "line": history_line(r.action, shown, item.queue.facility),
        }
        for r, shown in view.history
    ]
    resolved = next((r for r, _ in reversed(view.history) if r.action == "work_item.resolved"), None)
    emr_closed = next((h["line"] for h in reversed(history) if h["action"] == "work_item.closed_by_emr"), "")
    hidden = view.full is False
    details = [(key.replace("_", " ").capitalize(), value) for key, value in data.items() if key != "patient"]
    other_queues = [
        q
        for q in selectors.queues_for_user(user=request.user).order_by("slug")
        if q.pk != item.queue_id
        and q.facility_id == item.queue.facility_id
        and visibility.role_may_hold(q.role, item.kind)
    ]
    now = timezone.now()
    row = item_row(item, now=now, user=request.user)
    view_from = request.GET.get("from", "")
    next_item = selectors.item_next_in_view(user=request.user, item=item, view_from=view_from)
    view_query = f"?from={view_from}" if view_from in ("my-work", item.queue.slug) else ""
    undo_id = request.GET.get("undo", "")
    return render(
        request,
        "queues/item.html",
        {
            **_live_context(request),
            "item": item,
            "row": row,
            "data": data,
            "patient": data.get("patient") or {},
            "score": score,
            "care_level_label": label(CareLevel, score.get("care_level")),
            "protocol_hits": [r for r in rationale if r.get("kind") == "protocol"],
            "rules": [r for r in rationale if r.get("kind") == "rule"],
            "terms": [r for r in rationale if r.get("kind") == "term"],
            "result_reasons": [r for r in rationale if r.get("kind") == "result"],
            "thread": thread,
            "view_full": view.full,
            "data_hidden": hidden,
            "details": details,
            "history": history,
            "resolved": resolved,
            "emr_closed": emr_closed,
            "state_display": state_display(item),
            "is_open": item.state in WorkItem.OPEN_STATES,
            "other_queues": other_queues,
            "urgencies": Urgency.choices,
            # a plain item's own triage is "not_scored"; a scored item's override never is
            "override_reasons": (
                {k: v for k, v in items.OVERRIDE_REASONS.items() if k in ("not_scored", "other")}
                if item.score is None
                else {**items.CODING_OVERRIDE_REASONS, "other": items.OVERRIDE_REASONS["other"]}
                if item.kind in WorkItem.CODING_KINDS
                else {
                    k: v
                    for k, v in items.OVERRIDE_REASONS.items()
                    if k != "not_scored" and k not in items.CODING_OVERRIDE_REASONS
                }
            ),
            "coding_kind": item.kind in WorkItem.CODING_KINDS,
            "dismiss_reasons": items.DISMISS_REASONS,
            "page_config": {
                "item": row,
                "me": request.user.username,
                "queue_url": "/work/" if view_from == "my-work" else f"/queues/{item.queue.slug}/",
                "do": request.GET.get("do", ""),
                "next_url": (f"/items/{next_item.pk}/{view_query or '?'}" if next_item else "")
                or ("/work/" if view_from == "my-work" else f"/queues/{item.queue.slug}/"),
                "undo": undo_id if _is_uuid(undo_id) else "",
                "undo_seconds": items.UNDO_SECONDS,
            },
        },
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@require_POST
def item_undo(request, item_id):
    """Take back one's decision on an item within a few seconds (audited; see item_resolve_undo)."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "signed out"}, status=401)
    try:
        item = items.item_resolve_undo(item_id=item_id, user=request.user)
    except problems.NotFound as exc:
        return JsonResponse({"detail": str(exc)}, status=404)
    except items.ItemConflict as exc:
        return JsonResponse({"detail": str(exc)}, status=409)
    return JsonResponse({"id": str(item.pk), "state": item.state, "url": f"/items/{item.pk}/"})


class DeliveryForm(forms.Form):
    follow = forms.ChoiceField(
        label="Queues to follow",
        widget=forms.RadioSelect,
        choices=[("all", "Follow every queue I may work"), ("pick", "Only the queues I pick")],
    )
    followed_queues: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label="Queues", queryset=None, required=False, to_field_name="slug", widget=forms.CheckboxSelectMultiple
    )
    suggestion_mode = forms.ChoiceField(
        label="Suggestions",
        widget=forms.RadioSelect,
        choices=[("immediate", "Show suggestions as they arrive"), ("digest", "Collect suggestions in a digest")],
    )
    digest_minutes = forms.TypedChoiceField(label="Digest every", coerce=int, choices=DeliveryPreference.DIGEST_CHOICES)
    interrupt_cap_per_hour = forms.IntegerField(
        label="At most this many interrupts per hour",
        min_value=0,
        max_value=60,
        help_text="Interrupts over the cap arrive as tasks, marked so. Emergent items always reach someone.",
    )
    min_interrupt_tier = forms.ChoiceField(
        label="What may interrupt me", widget=forms.RadioSelect, choices=DeliveryPreference.MinInterruptTier.choices
    )
    sound = forms.BooleanField(label="Play a sound with interrupts", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_queues"].queryset = selectors.queues_for_user(user=user).order_by("slug")
        self.fields["followed_queues"].label_from_instance = lambda q: q.name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow") == "pick" and not cleaned.get("followed_queues"):
            self.add_error("followed_queues", "Pick at least one queue, or follow every queue.")
        return cleaned


@login_required
def delivery_settings(request):
    """Which queues to follow, suggestions now or as a digest, interrupt cap, minimum tier, sound."""
    prefs = selectors.preference_for(user=request.user)
    if request.method == "POST":
        form = DeliveryForm(request.POST, user=request.user)
        if form.is_valid():
            v = form.cleaned_data
            delivery.preference_update(
                user=request.user,
                changes={
                    "follow_all": v["follow"] == "all",
                    "suggestion_mode": v["suggestion_mode"],
                    "digest_minutes": v["digest_minutes"],
                    "interrupt_cap_per_hour": v["interrupt_cap_per_hour"],
                    "min_interrupt_tier": v["min_interrupt_tier"],
                    "sound": v["sound"],
                },
                followed=[q.slug for q in v["followed_queues"]],
            )
            messages.success(request, "Your delivery settings are saved.")
            return redirect("delivery-settings")
    else:
        form = DeliveryForm(
            user=request.user,
            initial={
                "follow": "all" if prefs.follow_all else "pick",
                "followed_queues": selectors.preference_followed_queues(prefs=prefs),
                "suggestion_mode": prefs.suggestion_mode,
                "digest_minutes": prefs.digest_minutes,
                "interrupt_cap_per_hour": prefs.interrupt_cap_per_hour,
                "min_interrupt_tier": prefs.min_interrupt_tier,
                "sound": prefs.sound,
            },
        )
    return render(
        request,
        "queues/settings.html",
        {**_live_context(request), "form": form, "queues": selectors.queues_with_open_counts(user=request.user)},
    )


@require_POST
def session_keepalive(request):
    """The page saw the user active: touch the session (it is saved on every request, so its idle
    timeout restarts). 401 when the session has already ended."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "signed out"}, status=401)
    return HttpResponse(status=204)
