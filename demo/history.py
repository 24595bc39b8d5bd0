"""A generated year (or any number of days) of history, so the manager dashboards have something to show.

``generate_history(days=365)`` (``manage.py generate_history``) writes what clinflow would hold after
that long in production: the events the EMR sent (from ``demo.simulator.EmrSimulator``: the same
data shapes, synthetic patients and MRNs, message texts from its templates) and what processing and
people made of them:

- triage: every PatientMessageReceived gets a TriageScore (model ``triage.services.MODEL_NAME``,
  version "1" for the first half of the period and "2" after a model change midway, with a different
  error rate, confidence and latency). Rollout: shadow for the first ~6 weeks (scores only; nurses
  resolve in the EMR: PatientMessageResolved events and TriageLabel origin emr), a short off period
  (no scores), then live: WorkItems in the triage or review queue per confidence, tier, priority and
  due_at from the facility's policy (``queues.routing.route_triage``), and the nurses' actions on
  them — claims, snoozes, reassignments, escalations, decisions with reason codes, labels origin
  clinflow —, follow-up messages folded into open items (event_count, re-alerts on a rising urgency,
  WorkItemEvent links), interrupt deliveries within each user's hourly cap, a few items nobody
  touched, and the ones still open now.
- results: LabResultFinalized graded by ``triage.results.classify_result``; abnormal and critical ones
  become items (``queues.routing.route_result``) that a nurse decides or the EMR's ResultAcknowledged
  closes first; repeat draws fold into the open item.
- scheduling: AppointmentBooked → Appointment + NoShowScore (v1, then v2 after the change; shadow, then
  live) + reminder-call suggestions above the policy's threshold that the scheduler accepts or
  rejects; outcomes (Completed / NoShow / Cancelled) are drawn from a true no-show probability close
  to the score but not equal to it, that differs by subgroup and drifts after the model change.
- Orders, notes, encounters and appointment requests are stored as plain processed events.

Time has the shape of a clinic's week: most traffic on weekday business hours (clinic time UTC-5),
little at night and at weekends, a little more in winter; staff act in business hours (emergencies
around the clock, slower at night). The last seven days are an overload week (more and more acute
messages, slower and more dismissive staff, more left alone), so the negative signals can flag.

Generated history is not audited activity: nothing here writes audit records (no person or model
did any of it). It is marked instead: every event belongs to the IntegrationSource named "history"
with CloudEvents source "urn:clinflow:history", and every other row hangs off those events, so
``history_delete`` removes exactly what a run made (in foreign-key order) and nothing else.
Rows are written with bulk_create in batches (no save() per row, no signals); the same code runs
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import random
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from demo import simulator as sim_module
from demo.simulator import NO_SHOW_REASONS, TEMPLATES_BY_URGENCY, EmrSimulator, Patient, Template
from ingest.models import Event, IntegrationSource
from queues import routing
from queues.models import Facility, InterruptDelivery, Queue, RoutingPolicy, WorkItem, WorkItemEvent
from queues.services.items import (
    DISMISS_REASONS,
    OVERRIDE_REASONS,
    UNSCORED_PRIORITY,
    UNSCORED_URGENCY,
    item_dedupe_key,
)
from scheduling.models import Appointment, NoShowScore, SchedulingPolicy
from scheduling.services import MODEL_NAME as NOSHOW_MODEL_NAME
from triage import disposition, protocols
from triage.models import TriageLabel, TriageScore
from triage.representations import result_score_public
from triage.results import classify_result
from triage.services import MODEL_NAME as TRIAGE_MODEL_NAME
from vocabulary import CARE_LEVEL_URGENCY, TIER_RANK, URGENCIES, URGENCY_RANK

HISTORY_SOURCE_NAME = "history"
HISTORY_SOURCE_URI = "urn:clinflow:history"
PRIMARIES_PER_DAY = 2100  # new events a day at scale 1; their follow-ups make ~1.1 million events a year
PATIENTS_PER_SCALE = 30_000
BATCH = 5000  # events per flush (each flush is one transaction)

# Phases as shares of the period (a year: 6 weeks shadow, a week off, then live; model change midway).
SHADOW_SHARE = 42 / 365
OFF_SHARE = 7 / 365
MODEL_CHANGE_SHARE = 0.5
OVERLOAD_DAYS = 7  # the last week
SURGE_MIX = (("emergent", 6), ("urgent", 26), ("routine", 45), ("non_clinical", 23))  # vs simulator.MESSAGE_MIX

CLINIC_OFFSET = sim_module.CLINIC_UTC_OFFSET  # clinic wall-clock = UTC - 5 h
WEEKDAY_RATE = (1.25, 1.12, 1.1, 1.08, 1.05, 0.45, 0.32)  # Monday first
HOUR_RATE = (
    0.12, 0.09, 0.08, 0.08, 0.1, 0.18, 0.35, 0.75, 1.55, 1.85, 1.9, 1.8,
    1.55, 1.7, 1.75, 1.65, 1.45, 1.1, 0.8, 0.65, 0.5, 0.38, 0.26, 0.17,
)  # fmt: skip
_MEAN_RATE = (sum(WEEKDAY_RATE) / 7) * (sum(HOUR_RATE) / 24)

FACILITY_NURSE = {"north": "nurse", "south": "nurse2"}
INTERRUPT_CAP = 6  # DeliveryPreference.interrupt_cap_per_hour default
# In the history, the south nurse lets tasks interrupt her (DeliveryPreference.min_interrupt_tier "task"),
# so her urgent tasks interrupt her too, until the hourly cap turns them into tasks.
TASKS_INTERRUPT = {"nurse2"}
OVERRIDE_WEIGHTS = {
    "clinical_judgement": 44,
    "patient_context": 24,
    "incorrect_data": 9,
    "already_addressed": 9,
    "not_applicable": 7,
    "patient_declined": 2,
    "other": 5,
}
REJECT_WEIGHTS = {"patient_declined": 30, "already_addressed": 35, "not_applicable": 25, "other": 10}
DISMISS_WEIGHTS = {"duplicate": 35, "handled_in_emr": 30, "not_actionable": 25, "wrong_patient_or_queue": 10}
INTENT_OF_TEMPLATE = {
    "symptom": "symptom",
    "refill": "medication",
    "scheduling": "appointment",
    "results": "test_results",
    "billing": "billing_admin",
    "admin": "billing_admin",
    "other": "other",
}
ROUTINE_CARE_LEVELS = ("within_3_days", "within_2_weeks", "self_care")

assert set(OVERRIDE_WEIGHTS) <= set(OVERRIDE_REASONS) and set(REJECT_WEIGHTS) <= set(OVERRIDE_REASONS)
assert set(DISMISS_WEIGHTS) <= set(DISMISS_REASONS)

Log = Callable[[str], None]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return low * (high / low) ** rng.random()


_DEFAULTS: dict[type[models.Model], dict[str, Any]] = {}


def _new(model: type[Any], **values: Any) -> Any:
    """An unsaved instance without Model.__init__ (a third of the run's time otherwise): the
    fields' defaults, then `values` by attname (foreign keys as `<name>_id`)."""
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = {
            f.attname: None if f.primary_key else f.get_default() for f in model._meta.concrete_fields
        }
    obj = object.__new__(model)
    obj._state = ModelState()
    obj.__dict__.update(defaults)
    obj.__dict__.update(values)
    return obj


# --- the simulator, with the clock of a clinic and its follow-ups in our hands ---------------------
class HistorySimulator(EmrSimulator):
    """EmrSimulator whose clock follows `rate_at` (events per unit of the mean rate) and whose
    follow-ups scheduled while making a primary event are handed to the caller (`captured`), who
    decides which of them happen (and schedules them with `push`)."""

    def __init__(self, *args: Any, rate_at: Callable[[datetime], float], **kwargs: Any) -> None:
        self.rate_at = rate_at
        self.captured: list[tuple[datetime, str, dict[str, Any]]] | None = None
        super().__init__(*args, **kwargs)

    def _tick(self) -> None:
        gap = self.rng.expovariate(1 / self.mean_gap_seconds) / max(self.rate_at(self.now), 0.01)
        self.now += timedelta(seconds=round(gap, 1))

    def _schedule(self, delay: timedelta, kind: str, data: dict[str, Any]) -> None:
        if self.captured is not None:
            self.captured.append((self.now + delay, kind, data))
        else:
            super()._schedule(delay, kind, data)

    def push(self, due: datetime, kind: str, data: dict[str, Any]) -> None:
        super()._schedule(due - self.now, kind, data)

    def _envelope(self, event_type: str, data: dict[str, Any]) -> dict[str, Any]:
        # The simulator deep-copies each envelope so callers may change it; the generator never
        # changes one (it copies before it does), and the copy costs a minute a year.
        self._seq += 1
        return {
            "specversion": "1.0",
            "id": f"{self.run_id}-{self._seq:08d}",
            "source": self.source,
            "type": event_type,
            "time": sim_module._iso(self.now),
            "dataschema": f"clinflow:{event_type}:1",
            "datacontenttype": "application/json",
            "data": data,
        }

    def make_primary(self) -> tuple[dict[str, Any], list[tuple[datetime, str, dict[str, Any]]]]:
        """The next primary event (never a follow-up) and the follow-ups it would schedule."""
        self.captured = []
        try:
            event_type = self.rng.choices(self._primary_types, self._primary_weights)[0]
            event_type, data = self._makers[event_type]()
            return self._envelope(event_type, data), self.captured
        finally:
            self.captured = None

    def next_due(self) -> datetime | None:
        return self._scheduled[0].due if self._scheduled else None

    def pop_follow_up(self) -> dict[str, Any]:
        follow_up = heapq.heappop(self._scheduled)
        if follow_up.kind in ("PatientMessageReceived", "LabResultFinalized"):  # ours: already rendered
            return self._envelope(follow_up.kind, dict(follow_up.data))
        return self._envelope(follow_up.kind, self._render_follow_up(follow_up))

    def render(self, template: Template, patient: Patient, facility: str, department: str, channel: str) -> str:
        return self._render_text(template, patient, facility, department, channel)

    def new_id(self, prefix: str) -> str:
        return self._next_id(prefix)


# --- what one run knows ---------------------------------------------------------------------------
@dataclass
class _Buffers:
    events: list[Event] = field(default_factory=list)
    scores: list[TriageScore] = field(default_factory=list)
    labels: list[TriageLabel] = field(default_factory=list)
    items: list[WorkItem] = field(default_factory=list)
    links: list[WorkItemEvent] = field(default_factory=list)
    deliveries: list[InterruptDelivery] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    noshow: list[tuple[Appointment, NoShowScore]] = field(default_factory=list)


@dataclass
class HistoryResult:
    counts: dict[str, int]
    seconds: float
    start: datetime
    end: datetime


class _Generator:
    def __init__(self, *, days: float, seed: int, scale: float, end: datetime, log: Log) -> None:
        self.days, self.seed, self.scale, self.end, self.log = days, seed, scale, end, log
        self.start = end - timedelta(days=days)
        span = end - self.start
        self.shadow_until = self.start + span * SHADOW_SHARE
        self.off_until = self.shadow_until + max(span * OFF_SHARE, min(timedelta(hours=4), span / 10))
        self.model_change = self.start + span * MODEL_CHANGE_SHARE
        self.overload_from = end - timedelta(days=min(OVERLOAD_DAYS, days / 4))
        self.stop_at = end - timedelta(minutes=2)  # the last event is received before "now"
        self.rng = random.Random(seed * 7919 + 1)
        self.sim = HistorySimulator(
            seed=seed,
            source=HISTORY_SOURCE_URI,
            start=self.start,
            run_id=f"h{seed}",
            mean_gap_seconds=86400 / (PRIMARIES_PER_DAY * scale),
            patients=max(300, int(PATIENTS_PER_SCALE * scale)),
            rate_at=self.rate_at,
        )
        self.buf = _Buffers()
        self.writer = _Writer()
        self.counts: dict[str, int] = {}
        self.started = time.perf_counter()
        self.source = self._source()
        self._setup_places()
        self.assessments: dict[str, dict[str, Any]] = {}
        self.msg_plans: dict[str, dict[str, Any]] = {}  # message_id -> what its resolution does
        self.result_plans: dict[str, dict[str, Any]] = {}  # result_id -> what its acknowledgement does
        self.appt_plans: dict[str, dict[str, Any]] = {}  # appointment_id -> its outcome
        self.pending_follow_ups: dict[str, dict[str, Any]] = {}  # message_id of a follow-up -> its plan
        self.pending_repeats: dict[str, WorkItem] = {}  # result_id of a repeat draw -> the item it folds into
        self.interrupts_per_hour: dict[tuple[int, datetime], int] = {}

    # -- set-up ------------------------------------------------------------------------------------
    def _source(self) -> IntegrationSource:
        source, _ = IntegrationSource.objects.get_or_create(
            name=HISTORY_SOURCE_NAME,
            defaults={
                # a token nobody knows: the history source never sends anything over the API
                "token_hash": hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                "token_prefix": "history",
                "allowed_types": ["*"],
                "source_uris": [HISTORY_SOURCE_URI],
                "facilities": ["*"],
                "is_active": False,
            },
        )
        return source

    def _setup_places(self) -> None:
        self.facilities = {f.slug: f for f in Facility.objects.filter(slug__in=sim_module.FACILITIES)}
        missing = set(sim_module.FACILITIES) - set(self.facilities)
        if missing:
            raise ValueError(f"facilities {sorted(missing)} are missing: run seed_demo first")
        self.queues = {(q.facility.slug, q.kind): q for q in Queue.objects.select_related("facility")}
        self.policies = {
            (p.facility.slug, p.workflow): p for p in RoutingPolicy.objects.select_related("facility").all()
        }
        self.sched_policies = {p.facility.slug: p for p in SchedulingPolicy.objects.select_related("facility")}
        for slug in self.facilities:
            for workflow in ("triage", "results"):
                if (slug, workflow) not in self.policies:
                    raise ValueError(f"no {workflow} policy at {slug}: run seed_demo first")
            if slug not in self.sched_policies:
                raise ValueError(f"no scheduling policy at {slug}: run seed_demo first")
        users = {u.username: u for u in get_user_model().objects.filter(username__in=self._usernames())}
        missing_users = set(self._usernames()) - set(users)
        if missing_users:
            raise ValueError(f"users {sorted(missing_users)} are missing: run seed_demo first")
        self.users = users
        self.usernames = {u.pk: u.username for u in users.values()}
        self.queue_facility = {q.pk: q.facility.slug for q in self.queues.values()}

    @staticmethod
    def _usernames() -> tuple[str, ...]:
        return ("nurse", "nurse2", "scheduler", "manager", "oncall")

    # -- time ----------------------------------------------------------------------------------------
    def rate_at(self, moment: datetime) -> float:
        local = moment + CLINIC_OFFSET
        season = 1 + 0.12 * math.cos(2 * math.pi * (local.timetuple().tm_yday - 20) / 365)
        overload = 1.3 if moment >= self.overload_from else 1.0
        return WEEKDAY_RATE[local.weekday()] * HOUR_RATE[local.hour] * season * overload / _MEAN_RATE

    def overloaded(self, moment: datetime) -> bool:
        return moment >= self.overload_from

    def business(self, moment: datetime, *, saturday: bool = True) -> datetime:
        """`moment` if the clinic is staffed then (weekdays 08–18, Saturday 09–13 clinic time), else a
        little after the next opening."""
        local = moment + CLINIC_OFFSET
        for _ in range(8):
            weekday, hour = local.weekday(), local.hour + local.minute / 60
            opens, closes = (8, 18) if weekday < 5 else (9, 13) if weekday == 5 and saturday else (0, 0)
            if opens <= hour < closes:
                return local - CLINIC_OFFSET
            if hour < opens:
                local = local.replace(hour=opens, minute=0, second=0) + timedelta(minutes=self.rng.uniform(2, 40))
                return local - CLINIC_OFFSET
            local = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0)
        return local - CLINIC_OFFSET

    def staff_delay(self, created: datetime, priority: int, *, review: bool = False) -> datetime:
        """When a person first acts on an item of this priority created at `created`."""
        rng = self.rng
        low, high = {1: (0.5, 9), 2: (4, 150), 3: (20, 900), 4: (45, 2400)}[priority]
        minutes = _log_uniform(rng, low, high) * (1.3 if review else 1.0)
        if self.overloaded(created):
            minutes *= 2.4
        if priority == 1:  # covered around the clock, slower at night
            local_hour = (created + CLINIC_OFFSET).hour
            return created + timedelta(minutes=minutes * (2.0 if local_hour < 7 or local_hour >= 20 else 1.0))
        return self.business(created + timedelta(minutes=minutes))

    def phase(self, moment: datetime) -> str:
        return "shadow" if moment < self.shadow_until else "off" if moment < self.off_until else "live"

    def model_version(self, moment: datetime) -> str:
        return "1" if moment < self.model_change else "2"

    # -- ids and counts ------------------------------------------------------------------------------
    def new_uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    # -- the stream ----------------------------------------------------------------------------------
    def run(self) -> HistoryResult:
        sim = self.sim
        while True:
            due = sim.next_due()
            if due is not None and due <= sim.now:
                self.emit_follow_up(due)
            else:
                sim._tick()
                if sim.now >= self.stop_at:
                    break
                if sim.now >= self.overload_from:  # the overload week is also a surge of sicker patients
                    sim.message_mix = SURGE_MIX
                envelope, captured = sim.make_primary()
                self.primary(envelope, captured)
            if len(self.buf.events) >= BATCH:
                self.flush()
        while (due := sim.next_due()) is not None and due < self.stop_at:  # what was due before the end
            self.emit_follow_up(due)
            if len(self.buf.events) >= BATCH:
                self.flush()
        self.flush()
        return HistoryResult(dict(self.counts), time.perf_counter() - self.started, self.start, self.end)

    def emit_follow_up(self, due: datetime) -> None:
        """A follow-up happens at its due time (the simulator renders it at that moment)."""
        sim = self.sim
        later, sim.now = sim.now, due
        envelope = sim.pop_follow_up()
        sim.now = max(later, due)
        self.follow_up(envelope, due)

    # -- events --------------------------------------------------------------------------------------
    def event(self, envelope: dict[str, Any], at: datetime, *, urgent: bool = False) -> Event:
        """The stored Event of an envelope sent at `at`: received, queued, processed."""
        rng = self.rng
        received = at + timedelta(seconds=rng.uniform(0.05, 1.5))
        wait = rng.lognormvariate(math.log(0.03 if urgent else 0.09), 0.6)
        if self.overloaded(at):
            wait *= 4
        started = received + timedelta(seconds=wait)
        processed = started + timedelta(seconds=rng.lognormvariate(math.log(0.012), 0.5))
        # the canonical JSON of ingest.services.envelope_hash, assembled around the data's JSON
        # (which is also what is stored: one encoding per event instead of two)
        data_json = json.dumps(envelope["data"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        head = {k: v for k, v in envelope.items() if k != "data"}
        head["time"] = _iso(at)
        canonical = (
            '{"data":'
            + data_json
            + ","
            + json.dumps(head, sort_keys=True, separators=(",", ":"), ensure_ascii=False)[1:]
        )
        row = _new(
            Event,
            id=self.new_uuid(),
            integration_source_id=self.source.pk,
            source=HISTORY_SOURCE_URI,
            source_event_id=envelope["id"],
            type=envelope["type"],
            schema_version=1,
            time=at,
            data=envelope["data"],
            envelope_hash=hashlib.sha256(canonical.encode()).hexdigest(),
            status=Event.Status.PROCESSED,
            attempts=1,
            received_at=received,
            enqueued_at=received,
            processing_started_at=started,
            processed_at=processed,
            lane=Event.Lane.URGENT if urgent else Event.Lane.STANDARD,
        )
        row.__dict__["_data_json"] = data_json
        self.buf.events.append(row)
        self.count(f"event {envelope['type']}")
        return row

    def primary(self, envelope: dict[str, Any], captured: list[tuple[datetime, str, dict[str, Any]]]) -> None:
        kind = envelope["type"]
        at = _dt(envelope["time"])
        if kind == "PatientMessageReceived":
            assert self.sim.last_template is not None
            self.message(envelope, at, self.sim.last_template, captured)
        elif kind == "LabResultFinalized":
            self.lab_result(envelope, at, captured)
        elif kind == "AppointmentBooked":
            self.booked(envelope, at, captured)
        else:  # requests, encounters, unsigned orders and notes: stored as sent
            for due, follow_kind, data in captured:
                self.sim.push(due, follow_kind, data)
            self.event(envelope, at)

    def follow_up(self, envelope: dict[str, Any], due: datetime) -> None:
        kind, data = envelope["type"], envelope["data"]
        if kind == "PatientMessageResolved":
            self.message_resolved(envelope, due)
        elif kind == "PatientMessageReceived":
            self.message_follow_up(envelope, due)
        elif kind == "LabResultFinalized":
            self.lab_repeat(envelope, due)
        elif kind == "ResultAcknowledged":
            plan = self.result_plans.pop(data["result_id"], {})
            event = self.event(envelope, due)
            if plan.get("closes"):
                self.link(plan["closes"], event, WorkItemEvent.Effect.CLOSED)
        elif kind in ("AppointmentCompleted", "AppointmentNoShow", "AppointmentCancelled"):
            plan = self.appt_plans.pop(data["appointment_id"], {})
            event = self.event(envelope, due)
            if plan.get("closes"):
                self.link(plan["closes"], event, WorkItemEvent.Effect.CLOSED)
        else:  # EncounterClosed after a visit
            self.event(envelope, due)

    def link(self, item_id: uuid.UUID, event: Event, effect: str) -> None:
        self.buf.links.append(
            _new(WorkItemEvent, item_id=item_id, event_id=event.id, effect=effect, at=event.processed_at)
        )

    # -- triage --------------------------------------------------------------------------------------
    def assessment(self, template: Template, body: str) -> dict[str, Any]:
        """The complaint protocols' verdict on a template (assessed once, on its first rendering)."""
        cached = self.assessments.get(template.text)
        if cached is None:
            a = protocols.assess(body)
            decided = a.decided_by
            cached = {
                "care_level": a.care_level,
                "basis": ("protocol" if decided.kind == "criterion" else "protocol_default") if decided else "",
                "protocol": a.protocol or "",
                "hits": [hit.as_dict() for hit in a.hits[:3]],
                "disposition": a.disposition,
            }
            self.assessments[template.text] = cached
        return cached

    def care_for(self, urgency: str, template: Template) -> str:
        if urgency == "emergent":
            return "emergency"
        if urgency == "urgent":
            return "same_day"
        if urgency == "non_clinical":
            return "administrative"
        return ROUTINE_CARE_LEVELS[int(hashlib.sha1(template.text.encode()).hexdigest(), 16) % 3]

    def ai_call(self, template: Template, body: str, truth: str, at: datetime) -> dict[str, Any]:
        """What the triage model (protocols + classifier) said about one message."""
        rng, version = self.rng, self.model_version(at)
        a = self.assessment(template, body)
        accuracy = 0.80 if version == "1" else 0.87
        right = rng.random() < accuracy
        if right:
            model_urgency = truth
        else:
            rank = URGENCY_RANK[truth]
            up = rng.random() < (0.62 if version == "1" else 0.7)  # over-triage is the safer error
            rank = min(3, rank + 1) if (up and rank < 3) or rank == 0 else max(0, rank - 1)
            model_urgency = next(u for u, r in URGENCY_RANK.items() if r == rank)
        model_conf = rng.uniform(0.55, 0.98) if right else rng.uniform(0.3, 0.8)
        if version == "2":
            model_conf = min(0.99, model_conf + 0.04)
        review = False
        if a["care_level"] and a["basis"] == "protocol":
            care, basis, confidence = a["care_level"], "protocol", 1.0
        elif a["care_level"]:
            care, basis, confidence = a["care_level"], "protocol_default", round(rng.uniform(0.6, 0.9), 4)
        else:
            care, basis, confidence = self.care_for(model_urgency, template), "classifier", round(model_conf, 4)
            if care == "emergency":  # the classifier alone never says emergency
                care, basis, review = "same_day", "classifier_capped", True
        urgency = CARE_LEVEL_URGENCY[care]
        others = [u for u in URGENCIES if u != model_urgency]
        rest = [rng.random() for _ in others]
        scale = (1 - model_conf) / (sum(rest) or 1)
        probabilities = {
            model_urgency: round(model_conf, 4),
            **{u: round(r * scale, 4) for u, r in zip(others, rest, strict=True)},
        }
        rationale = []
        low = body.lower()
        for hit in a["hits"]:
            entry = dict(hit)
            found = low.find((hit.get("text") or "").lower()) if hit.get("text") else -1
            entry["span"] = [found, found + len(hit["text"])] if found >= 0 else None
            entry["text"] = body[found : found + len(hit["text"])] if found >= 0 else ""
            rationale.append(entry)
        words = sorted({w.strip(".,!?;:") for w in body.split() if len(w.strip(".,!?;:")) >= 6}, key=len)[-3:]
        for word in words:
            found = body.find(word)
            rationale.append(
                {
                    "kind": "term",
                    "term": word.lower(),
                    "weight": round(rng.uniform(0.05, 0.6), 4),
                    "span": [found, found + len(word)],
                }
            )
        intent = INTENT_OF_TEMPLATE.get(template.intent, "other")
        if basis in ("protocol", "protocol_default") and a["disposition"]:
            text = a["disposition"]
        else:
            text = disposition.recommend(urgency=urgency, intent=intent, rules=[], care_level=care)
        if review:
            text = f"Review: classifier said emergency without a protocol criterion. {text}"
        median = 3.1 if version == "1" else 4.0
        latency = rng.lognormvariate(math.log(median), 0.35 if version == "1" else 0.28)
        if rng.random() < 0.006:
            latency *= rng.uniform(4, 12)
        return {
            "care_level": care,
            "urgency": urgency,
            "basis": basis,
            "review": review,
            "confidence": confidence,
            "protocol": a["protocol"] if basis.startswith("protocol") else "",
            "intent": intent,
            "model_urgency": model_urgency,
            "model_confidence": round(model_conf, 4),
            "probabilities": {"urgency": probabilities},
            "rationale": rationale,
            "disposition": text[:300],
            "latency_ms": round(latency, 3),
        }

    def triage_policy(self, facility: str) -> dict[str, Any]:
        p = self.policies[(facility, "triage")]
        return {
            "review_threshold": p.review_threshold,
            "tier_map": p.tier_map,
            "queue_map": p.queue_map,
            "sla_minutes": p.sla_minutes,
        }

    def score_row(self, event: Event, facility: str, ai: dict[str, Any], rollout: str, tier: str) -> TriageScore:
        row = _new(
            TriageScore,
            event_id=event.id,
            model_name=TRIAGE_MODEL_NAME,
            model_version=self.model_version(event.received_at),
            ruleset_version=protocols.PROTOCOLSET_VERSION,
            urgency=ai["urgency"],
            care_level=ai["care_level"],
            protocol=ai["protocol"],
            basis=ai["basis"],
            review=ai["review"],
            findings={},
            intent=ai["intent"],
            confidence=ai["confidence"],
            model_urgency=ai["model_urgency"],
            model_confidence=ai["model_confidence"],
            probabilities=ai["probabilities"],
            tier=tier,
            rationale=ai["rationale"],
            disposition=ai["disposition"],
            latency_ms=ai["latency_ms"],
            rollout=rollout,
            facility_id=self.facilities[facility].pk,
            created_at=event.processed_at,
        )
        self.buf.scores.append(row)
        self.count("TriageScore")
        return row

    @staticmethod
    def score_public(row: TriageScore) -> dict[str, Any]:
        return {
            "urgency": row.urgency,
            "care_level": row.care_level,
            "protocol": row.protocol or None,
            "intent": row.intent,
            "confidence": row.confidence,
            "basis": row.basis or None,
            "tier": row.tier or None,
            "rationale": row.rationale,
            "findings": {},
            "disposition": row.disposition,
            "model": row.model_name,
            "model_version": row.model_version,
            "ruleset_version": row.ruleset_version,
            "latency_ms": row.latency_ms,
            "rollout": row.rollout,
        }

    def message(
        self,
        envelope: dict[str, Any],
        at: datetime,
        template: Template,
        captured: list[tuple[datetime, str, dict[str, Any]]],
    ) -> None:
        rng, data = self.rng, envelope["data"]
        facility = data["facility"]
        resolution = next(((due, d) for due, kind, d in captured if kind == "PatientMessageResolved"), None)
        truth = resolution[1]["final_urgency"] if resolution else template.urgency
        body = (f"{data['subject']}\n" if data.get("subject") else "") + data["body"]
        ai = self.ai_call(template, body, truth, at)
        event = self.event(envelope, at, urgent=ai["care_level"] == "emergency")
        phase = self.phase(at)
        decision = self.route(ai, facility)
        if phase == "off":  # no AI: a plain human item, not scored, first in first out (item_unscored)
            policy = self.triage_policy(facility)
            plain = self.item(
                event=event,
                facility=facility,
                kind=WorkItem.Kind.MESSAGE,
                queue_kind=policy["queue_map"].get("*", "triage"),
                reason="unscored:message",
                patient_mrn=data["patient"]["mrn"],
                title="Message (not scored)",
                tier="task",
                priority=UNSCORED_PRIORITY,
                urgency=UNSCORED_URGENCY,
                sla_minutes=int(policy["sla_minutes"].get(str(UNSCORED_PRIORITY), 120)),
                human_review=False,
                score=None,
                model_version="",
                rollout="off",
            )
            emr_due = resolution[0] if resolution and rng.random() < 0.14 else None
            self.timeline(plain, truth=truth, emr_close_at=emr_due, user=self.users[FACILITY_NURSE[facility]])
            if emr_due is not None:
                closes = plain.state == WorkItem.State.RESOLVED_IN_EMR and plain.resolved_at == emr_due
                self.resolve_in_emr_later(data["message_id"], event, resolution, closes=plain.id if closes else None)
            self.label_from_item(plain, event, data["message_id"])
            return
        score = self.score_row(event, facility, ai, phase, decision.tier)
        if phase == "shadow":  # nurses resolve in the EMR
            self.resolve_in_emr_later(data["message_id"], event, resolution)
            return
        # live: a work item, and what people do with it
        emr_due = resolution[0] if resolution and rng.random() < (0.3 if self.overloaded(at) else 0.14) else None
        item = self.item(
            event=event,
            facility=facility,
            kind=WorkItem.Kind.MESSAGE,
            queue_kind=decision.queue_kind,
            reason=f"protocol:{score.protocol}" if score.protocol else f"intent:{score.intent}",
            patient_mrn=data["patient"]["mrn"],
            title=f"Message: {score.intent.replace('_', ' ')}",
            tier=decision.tier,
            priority=decision.priority,
            urgency=score.urgency,
            sla_minutes=decision.sla_minutes,
            human_review=decision.human_review,
            score=self.score_public(score),
        )
        self.timeline(item, truth=truth, emr_close_at=emr_due, user=self.users[FACILITY_NURSE[facility]])
        self.deliver(item)
        self.plan_message_follow_up(item, envelope, template, truth)
        if emr_due is not None:
            closes = item.state == WorkItem.State.RESOLVED_IN_EMR and item.resolved_at == emr_due
            self.resolve_in_emr_later(data["message_id"], event, resolution, closes=item.id if closes else None)
        self.label_from_item(item, event, data["message_id"])

    def label_from_item(self, item: WorkItem, event: Event, message_id: str) -> None:
        """The nurse's final urgency as a training label (triage's on_item_resolved hook does this live)."""
        if item.decision in ("accept", "override") and item.final_urgency and item.resolved_at:
            self.buf.labels.append(
                _new(
                    TriageLabel,
                    message_event_id=event.id,
                    message_id=message_id,
                    final_urgency=item.final_urgency,
                    origin=TriageLabel.Origin.CLINFLOW,
                    labelled_by=self.usernames.get(item.resolved_by_id or 0, ""),
                    labelled_at=item.resolved_at,
                )
            )
            self.count("TriageLabel clinflow")

    def route(self, ai: dict[str, Any], facility: str) -> routing.Decision:
        return routing.route_triage(
            care_level=ai["care_level"],
            intent=ai["intent"],
            confidence=ai["confidence"],
            policy=self.triage_policy(facility),
            deterministic=ai["basis"] == "protocol",
            review=ai["review"],
        )

    def resolve_in_emr_later(
        self,
        message_id: str,
        event: Event,
        resolution: tuple[datetime, dict[str, Any]] | None,
        *,
        closes: uuid.UUID | None = None,
    ) -> None:
        if resolution is None:
            return
        self.msg_plans[message_id] = {"event": event.id, "closes": closes}
        self.sim.push(resolution[0], "PatientMessageResolved", resolution[1])

    def open_window(self, item: WorkItem, *, minutes: float) -> tuple[datetime, datetime] | None:
        """From a little after creation until someone acted (or it closed), at most `minutes`."""
        until = min(
            t
            for t in (
                item.first_action_at,
                item.resolved_at,
                item.created_at + timedelta(minutes=minutes),
                self.stop_at,
            )
            if t
        )
        begin = item.created_at + timedelta(minutes=2)
        return (begin, until) if until - begin > timedelta(minutes=3) else None

    def plan_message_follow_up(self, item: WorkItem, envelope: dict[str, Any], template: Template, truth: str) -> None:
        """Some patients write again before anyone answered: the follow-up folds into the item; one
        that reads more urgent re-alerts (alert_count + 1; the item's urgency, priority and tier rise)."""
        rng = self.rng
        if rng.random() > (0.1 if self.overloaded(item.created_at) else 0.065):
            return
        window = self.open_window(item, minutes=120)
        if window is None:
            return
        at = window[0] + (window[1] - window[0]) * rng.random()
        data = envelope["data"]
        follow_template = template
        rank = URGENCY_RANK[item.urgency]
        if rng.random() < 0.3 and rank < 3:
            higher = next(u for u, r in URGENCY_RANK.items() if r == rank + 1)
            same_intent = [t for t in TEMPLATES_BY_URGENCY.get(higher, ()) if t.intent == template.intent]
            if same_intent:
                follow_template = rng.choice(same_intent)
        patient = Patient(
            mrn=data["patient"]["mrn"],
            name=data["patient"]["name"],
            birth_date=data["patient"].get("birth_date", ""),
            sex=data["patient"].get("sex", ""),
            facility=data["facility"],
            group="adult",
        )
        department = data.get("department") or "family-medicine"
        follow: dict[str, Any] = {
            "message_id": self.sim.new_id("msg"),
            "patient": data["patient"],
            "facility": data["facility"],
        }
        if "department" in data:
            follow["department"] = data["department"]
        follow["channel"] = data["channel"]
        follow["body"] = self.sim.render(follow_template, patient, data["facility"], department, data["channel"])
        follow["received_at"] = _iso(at)
        realert = URGENCY_RANK[follow_template.urgency] > rank
        self.pending_follow_ups[follow["message_id"]] = {"item": item, "template": follow_template, "realert": realert}
        self.sim.push(at, "PatientMessageReceived", follow)
        item.event_count += 1
        if realert:
            self.apply_realert(item, follow_template, truth)

    def apply_realert(self, item: WorkItem, template: Template, truth: str) -> None:
        """A more urgent follow-up came while the item was open: urgency, priority and tier rise, and
        the decision (if any) is about the item at its new urgency."""
        urgency = template.urgency
        item.urgency = urgency
        item.priority = min(item.priority, {"emergent": 1, "urgent": 2, "routine": 3, "non_clinical": 4}[urgency])
        care = self.care_for(urgency, template)
        tier = self.policies[(self.queue_facility[item.queue_id], "triage")].tier_map.get(care, "task")
        if TIER_RANK[tier] < item.tier_rank:
            item.tier, item.tier_rank = tier, TIER_RANK[tier]
        item.alert_count += 1
        item.delivered_alert_no = item.alert_count
        if item.decision in ("accept", "override"):
            if truth == item.urgency:
                item.decision, item.decision_reason, item.final_urgency = "accept", "", item.urgency
            else:
                item.decision, item.final_urgency = "override", truth
                item.decision_reason = item.decision_reason or _pick(self.rng, OVERRIDE_WEIGHTS)

    def message_follow_up(self, envelope: dict[str, Any], due: datetime) -> None:
        data = envelope["data"]
        plan = self.pending_follow_ups.pop(data["message_id"])
        item: WorkItem = plan["item"]
        template: Template = plan["template"]
        ai = self.ai_call(template, data["body"], template.urgency, due)
        event = self.event(envelope, due, urgent=ai["care_level"] == "emergency")
        self.score_row(event, data["facility"], ai, "live", self.route(ai, data["facility"]).tier)
        self.link(item.id, event, WorkItemEvent.Effect.REALERTED if plan["realert"] else WorkItemEvent.Effect.UPDATED)
        if plan["realert"] and item.tier == "interrupt":
            assert event.processed_at is not None
            self.delivery(
                item, self.users[FACILITY_NURSE[self.queue_facility[item.queue_id]]], event.processed_at, alert_no=2
            )

    def message_resolved(self, envelope: dict[str, Any], due: datetime) -> None:
        data = envelope["data"]
        plan = self.msg_plans.pop(data["message_id"], None)
        if plan is None:
            return
        event = self.event(envelope, due)
        assert event.processed_at is not None
        self.buf.labels.append(
            _new(
                TriageLabel,
                message_event_id=plan["event"],
                message_id=data["message_id"],
                final_urgency=data["final_urgency"],
                origin=TriageLabel.Origin.EMR,
                labelled_by=data.get("resolved_by") or "",
                labelled_at=event.processed_at,
            )
        )
        self.count("TriageLabel emr")
        if plan.get("closes"):
            self.link(plan["closes"], event, WorkItemEvent.Effect.CLOSED)

    # -- work items ----------------------------------------------------------------------------------
    def item(
        self,
        *,
        event: Event,
        facility: str,
        kind: str,
        queue_kind: str,
        reason: str,
        patient_mrn: str,
        title: str,
        tier: str,
        priority: int,
        urgency: str,
        sla_minutes: int,
        human_review: bool,
        score: dict[str, Any] | None,
        model_version: str | None = None,
        policy_version: int | None = None,
        rollout: str = "live",
    ) -> WorkItem:
        queue = self.queues[(facility, queue_kind)]
        created = event.processed_at
        assert created is not None
        workflow = "results" if kind == WorkItem.Kind.LAB_RESULT else "triage"
        item = _new(
            WorkItem,
            id=self.new_uuid(),
            queue_id=queue.pk,
            kind=kind,
            event_id=event.id,
            received_at=event.received_at,
            rollout=rollout,
            dedupe_key=item_dedupe_key(
                facility_id=queue.facility_id, kind=kind, reason=reason, patient_mrn=patient_mrn
            ),
            patient_mrn=patient_mrn[:64],
            title=title[:200],
            tier=tier,
            tier_rank=TIER_RANK[tier],
            priority=priority,
            urgency=urgency,
            human_review=human_review,
            score=score,
            policy_version=policy_version or self.policies[(facility, workflow)].version,
            state=WorkItem.State.NEW,
            due_at=created + timedelta(minutes=sla_minutes),
            created_at=created,
            updated_at=created,
            delivered_alert_no=1,
            model_version=model_version if model_version is not None else str((score or {}).get("model_version") or ""),
        )
        self.buf.items.append(item)
        self.buf.links.append(
            _new(WorkItemEvent, item_id=item.id, event_id=event.id, effect=WorkItemEvent.Effect.CREATED, at=created)
        )
        self.count(f"WorkItem {kind}")
        return item

    def timeline(
        self,
        item: WorkItem,
        *,
        truth: str,
        emr_close_at: datetime | None,
        user: Any,
        scheduling: bool = False,
        emr_decision: str = "resolved_in_emr",
    ) -> None:
        """What people did with an item, decided once: first action (claim, snooze or reassign),
        claim, decision — or the EMR closing it first, or nobody at all — up to now."""
        rng, now = self.rng, self.end
        created = item.created_at
        overload = self.overloaded(created)
        untouched_share = 0.004 if not scheduling else 0.01
        if overload:
            untouched_share *= 4
        if rng.random() < untouched_share:
            first = None  # never touched: expires open (or the EMR closes it)
        elif scheduling:
            first = self.business(created + timedelta(minutes=_log_uniform(rng, 15, 2200)), saturday=False)
        else:
            first = self.staff_delay(created, item.priority, review=item.human_review)
        if emr_close_at is not None and (first is None or emr_close_at < first):
            if emr_close_at < self.stop_at:  # its event is sent before the end
                self.close(item, emr_close_at, emr_decision)
            return
        if first is None:
            self.escalate(item, None)
            return
        claimed = first
        if not scheduling and item.priority >= 3 and rng.random() < 0.04:
            item.snooze_count = 1
            claimed = self.business(first + timedelta(minutes=rng.uniform(30, 240)))
        elif not scheduling and rng.random() < 0.03:
            item.reassign_count = 1
            claimed = first + timedelta(minutes=rng.uniform(2, 90))
            if item.priority > 1:
                claimed = self.business(claimed)
        handling = rng.lognormvariate(math.log(6.0 if item.human_review else 3.5), 0.6)
        if overload:
            handling *= 1.3
        resolved = claimed + timedelta(minutes=handling)
        if emr_close_at is not None and emr_close_at < resolved:
            # touched, but the EMR got there first
            self._touch(item, first, claimed, user, min(now, emr_close_at))
            self.escalate(item, first)
            if emr_close_at < self.stop_at:
                self.close(item, emr_close_at, emr_decision)
            return
        self._touch(item, first, claimed, user, now)
        self.escalate(item, first)
        if resolved > now:
            return
        # the decision
        if scheduling:
            decision = "accept" if rng.random() < 0.72 else "reject"
            reason = _pick(rng, REJECT_WEIGHTS) if decision == "reject" else ""
            final = ""
        else:
            dismiss_p = 0.1 if overload else 0.045
            if rng.random() < dismiss_p:
                decision, reason, final = "dismiss", _pick(rng, DISMISS_WEIGHTS), ""
            elif item.score is None:  # a plain item: the nurse's own triage
                decision, reason, final = "override", "not_scored", truth
            elif truth == item.urgency:
                decision, reason, final = "accept", "", item.urgency
            else:
                decision, reason, final = "override", _pick(rng, OVERRIDE_WEIGHTS), truth
        item.state = WorkItem.State.RESOLVED
        item.resolved_at = resolved
        item.updated_at = resolved
        item.decision, item.decision_reason, item.final_urgency = decision, reason, final
        item.resolved_by_id = (self.users["oncall"] if item.escalation_level >= 2 and rng.random() < 0.3 else user).pk
        item.claimed_by_id, item.claimed_until = None, None

    def _touch(self, item: WorkItem, first: datetime, claimed: datetime, user: Any, now: datetime) -> None:
        if first > now:
            return
        item.first_action_at = first
        item.updated_at = first
        item.acknowledged_at = first if item.tier == "interrupt" else None
        if item.snooze_count:
            item.state = WorkItem.State.SNOOZED
            item.snoozed_until = claimed
        elif item.reassign_count:
            item.state = WorkItem.State.REASSIGNED
        if claimed <= now:
            item.state = WorkItem.State.CLAIMED
            item.claimed_at = claimed
            item.claimed_by_id = user.pk
            item.claimed_until = claimed + timedelta(minutes=15)
            item.updated_at = claimed

    def close(self, item: WorkItem, at: datetime, decision: str) -> None:
        item.state = WorkItem.State.RESOLVED_IN_EMR
        item.resolved_at = at
        item.updated_at = at
        item.decision = decision
        item.claimed_by_id, item.claimed_until = None, None

    def escalate(self, item: WorkItem, first: datetime | None) -> None:
        """Overdue urgent and emergent items escalate: the queue owner (manager), then on-call."""
        if item.priority > 2 or item.kind in WorkItem.SCHEDULING_KINDS:
            return
        now = self.end
        late = item.due_at + timedelta(minutes=self.rng.uniform(1, 3))
        if late > now or (first is not None and first <= late):
            return
        item.escalation_level, item.escalated_at = 1, late
        if item.state == WorkItem.State.NEW:
            item.state = WorkItem.State.ESCALATED
        if item.first_action_at is not None:
            item.acknowledged_at = item.first_action_at
        self.delivery(item, self.users["manager"], late, alert_no=routing.ESCALATION_ALERT_BASE + 1, escalation=True)
        second = late + timedelta(minutes=15 if item.priority == 1 else 60)
        if second <= now and (first is None or first > second):
            item.escalation_level, item.escalated_at = 2, second
            self.delivery(
                item, self.users["oncall"], second, alert_no=routing.ESCALATION_ALERT_BASE + 2, escalation=True
            )

    def delivery(self, item: WorkItem, user: Any, at: datetime, *, alert_no: int = 1, escalation: bool = False) -> None:
        hour = at.replace(minute=0, second=0, microsecond=0)
        key = (user.pk, hour)
        n = self.interrupts_per_hour.get(key, 0)
        # as queues.services.delivery decides: the hourly cap demotes to a task, never an emergency
        min_tier = "task" if user.username in TASKS_INTERRUPT else "interrupt"
        care = (item.score or {}).get("care_level")
        delivered_as, reason = routing.interrupt_delivery(
            tier="interrupt" if escalation else item.tier,
            min_interrupt_tier=min_tier,
            over_cap=not escalation and n >= INTERRUPT_CAP,
            care_level=care,
        )
        if delivered_as == "interrupt":
            self.interrupts_per_hour[key] = n + 1
        ack = item.first_action_at
        if ack is not None and ack < at:
            ack = at + timedelta(seconds=self.rng.uniform(5, 120))
        if ack is not None and (ack > self.end or self.rng.random() < 0.1):
            ack = None
        self.buf.deliveries.append(
            _new(
                InterruptDelivery,
                item_id=item.id,
                user_id=user.pk,
                alert_no=alert_no,
                delivered_as=delivered_as,
                reason=reason,
                escalation=escalation,
                delivered_at=at,
                acknowledged_at=ack,
                escalated_at=at if escalation else None,
            )
        )
        self.count("InterruptDelivery")

    def deliver(self, item: WorkItem) -> None:
        """An interrupt goes to the facility's nurse (and to the manager when online); a nurse who
        let tasks interrupt her (TASKS_INTERRUPT) also gets the urgent tasks, within her hourly cap."""
        nurse = self.users[FACILITY_NURSE[self.queue_facility[item.queue_id]]]
        at = item.created_at + timedelta(seconds=self.rng.uniform(0.3, 3))
        if item.tier == "task" and item.priority <= 2 and nurse.username in TASKS_INTERRUPT:
            self.delivery(item, nurse, at)
        if item.tier != "interrupt":
            return
        self.delivery(item, nurse, at)
        if self.rng.random() < 0.25:
            self.delivery(item, self.users["manager"], at + timedelta(seconds=0.2))

    # -- results -------------------------------------------------------------------------------------
    def lab_result(self, envelope: dict[str, Any], at: datetime, captured: list) -> None:
        data = envelope["data"]
        severity = classify_result(
            code=data["code"]["code"],
            value=data["value"],
            flag=data.get("abnormal_flag"),
            low=data.get("reference_low"),
            high=data.get("reference_high"),
        )
        event = self.event(envelope, at, urgent=severity.level == "critical")
        ack = next(((due, d) for due, kind, d in captured if kind == "ResultAcknowledged"), None)
        p = self.policies[(data["facility"], "results")]
        decision = routing.route_result(
            severity=severity.level,
            policy={"tier_map": p.tier_map, "queue_map": p.queue_map, "sla_minutes": p.sla_minutes},
        )
        closes = None
        if decision is not None:
            code = data["code"]
            item = self.item(
                event=event,
                facility=data["facility"],
                kind=WorkItem.Kind.LAB_RESULT,
                queue_kind=decision.queue_kind,
                reason=code["code"],
                patient_mrn=data["patient"]["mrn"],
                title=f"{severity.level.capitalize()} result: {code.get('display') or code['code']}",
                tier=decision.tier,
                priority=decision.priority,
                urgency="emergent" if severity.level == "critical" else "urgent",
                sla_minutes=decision.sla_minutes,
                human_review=False,
                score=result_score_public(severity=severity, tier=decision.tier),
                model_version="1",
            )
            # the nurse agrees with the rules almost always; some were already handled elsewhere
            self.timeline(
                item,
                truth=item.urgency if self.rng.random() < 0.9 else "routine",
                emr_close_at=ack[0] if ack else None,
                user=self.users[FACILITY_NURSE[data["facility"]]],
                emr_decision="acknowledged_in_emr",
            )
            if item.state == WorkItem.State.RESOLVED_IN_EMR:
                closes = item.id
            self.deliver(item)
            if self.rng.random() < 0.08:  # a repeat draw before anyone acted folds into the item
                self.plan_lab_repeat(item, envelope)
        if ack:
            self.result_plans[data["result_id"]] = {"closes": closes}
            self.sim.push(ack[0], "ResultAcknowledged", ack[1])

    def plan_lab_repeat(self, item: WorkItem, envelope: dict[str, Any]) -> None:
        window = self.open_window(item, minutes=360)
        if window is None:
            return
        at = window[0] + (window[1] - window[0]) * self.rng.random()
        data = {**envelope["data"], "result_id": self.sim.new_id("lab"), "resulted_at": _iso(at)}
        self.pending_repeats[data["result_id"]] = item
        item.event_count += 1
        self.sim.push(at, "LabResultFinalized", data)

    def lab_repeat(self, envelope: dict[str, Any], due: datetime) -> None:
        item = self.pending_repeats.pop(envelope["data"]["result_id"])
        event = self.event(envelope, due)
        self.link(item.id, event, WorkItemEvent.Effect.UPDATED)

    # -- scheduling ----------------------------------------------------------------------------------
    def true_noshow(self, data: dict[str, Any], at: datetime, starts: datetime) -> tuple[float, float]:
        """(true probability, the model's score) of a booking: the score is close to the truth but
        not equal; v1 misjudges young adults and unreminded patients, v2 less; after the model
        change no-shows drift up (the world moved on)."""
        rng = self.rng
        lead = max((starts - at).total_seconds() / 86400, 0)
        birth = data["patient"].get("birth_date")
        age = (starts.date() - date.fromisoformat(birth)).days / 365.25 if birth else 40
        channel = data.get("reminder_channel") or "none"
        x = -2.45 + 0.024 * min(lead, 60)
        x += {"none": 0.75, "email": 0.25, "phone": -0.2, "sms": 0.0}.get(channel, 0.3)
        band_effect = 0.15 if age < 18 else 0.6 if age < 40 else 0.0 if age < 65 else -0.35
        x += band_effect
        x += 0.12 if data["patient"].get("sex") == "male" else 0.0
        x += 0.3 if data.get("visit_type") == "new-patient" else 0.0
        unobserved = rng.gauss(0, 0.45)
        version = self.model_version(at)
        if version == "1":
            seen = -2.3 + 0.022 * min(lead, 60) + 0.7 * (x + 2.45 - 0.024 * min(lead, 60)) - 0.35 * (18 <= age < 40)
            seen += -0.3 * (channel == "none") + rng.gauss(0, 0.3)
        else:
            seen = x + 0.04 + rng.gauss(0, 0.22) - 0.1 * (18 <= age < 40)
        if at >= self.model_change:
            drift = (at - self.model_change) / (self.end - self.model_change)
            x += 0.55 * drift
        p_true = 1 / (1 + math.exp(-(x + unobserved)))
        p_score = 1 / (1 + math.exp(-seen))
        return p_true, round(p_score, 4)

    def booked(self, envelope: dict[str, Any], at: datetime, captured: list) -> None:
        rng, data = self.rng, envelope["data"]
        event = self.event(envelope, at)
        created = event.processed_at
        assert created is not None
        starts = _dt(data["starts_at"])
        p_true, p_score = self.true_noshow(data, at, starts)
        facility = self.facilities[data["facility"]]
        appt = _new(
            Appointment,
            appointment_id=data["appointment_id"],
            event_id=event.id,
            facility_id=facility.pk,
            patient_mrn=data["patient"]["mrn"],
            birth_date=date.fromisoformat(data["patient"]["birth_date"]) if data["patient"].get("birth_date") else None,
            sex=data["patient"].get("sex") or "",
            department=data["department"],
            provider_id=data.get("provider_id") or "",
            visit_type=data["visit_type"],
            booked_at=_dt(data["booked_at"]),
            starts_at=starts,
            duration_min=data.get("duration_min"),
            reminder_channel=data.get("reminder_channel") or "",
        )
        rollout = "shadow" if at < self.shadow_until else "live"
        version = self.model_version(at)
        factors = []
        if data.get("reminder_channel") in ("none", None):
            factors.append({"factor": "no reminder channel", "direction": "up"})
        if (starts - at).days > 14:
            factors.append({"factor": f"booked {(starts - at).days} days ahead", "direction": "up"})
        score = _new(
            NoShowScore,
            model_name=NOSHOW_MODEL_NAME,
            model_version=version,
            probability=p_score,
            factors=factors,
            predicted_duration_min=data.get("duration_min"),
            latency_ms=round(rng.lognormvariate(math.log(1.6 if version == "1" else 2.1), 0.3), 3),
            rollout=rollout,
            created_at=created,
            booked=True,  # one score per generated appointment: its booked score
        )
        self.buf.appointments.append(appt)
        self.buf.noshow.append((appt, score))
        self.count("Appointment")
        self.count("NoShowScore")
        # the outcome: cancellations as the simulator drew them, attendance from the true probability
        cancelled = next(((due, d) for due, kind, d in captured if kind == "AppointmentCancelled"), None)
        item = None
        policy = self.sched_policies[data["facility"]]
        if rollout == "live" and p_score >= policy.reminder_threshold:
            minutes = max(5, math.ceil((starts - created).total_seconds() / 60))
            item = self.item(
                event=event,
                facility=data["facility"],
                kind=WorkItem.Kind.REMINDER_CALL,
                queue_kind="scheduling",
                reason=f"reminder:{data['appointment_id']}",
                patient_mrn=data["patient"]["mrn"],
                title=f"Reminder call: {p_score:.0%} no-show risk",
                tier="suggestion",
                priority=3 if p_score >= 0.5 else 4,
                urgency="non_clinical",
                sla_minutes=minutes,
                human_review=False,
                score={
                    "kind": "reminder_call",
                    "appointment_id": data["appointment_id"],
                    "provider_id": data.get("provider_id") or "",
                    "starts_at": starts.isoformat(),
                    "risk": p_score,
                    "factors": factors,
                    "disposition": "Call the patient to confirm or rebook",
                    "policy": {"reminder_threshold": policy.reminder_threshold, "version": policy.version},
                    "model": NOSHOW_MODEL_NAME,
                    "model_version": version,
                    "urgency": "non_clinical",
                    "tier": "suggestion",
                    "confidence": p_score,
                },
                model_version=version,
            )
        if cancelled:
            due, outcome_kind, outcome_data = cancelled[0], "AppointmentCancelled", cancelled[1]
        else:
            called = False
            if item is not None:
                self.timeline(item, truth="", emr_close_at=starts, user=self.users["scheduler"], scheduling=True)
                called = item.decision == "accept"
            no_show = rng.random() < p_true * (0.75 if called else 1.0)
            if no_show:
                due = starts + timedelta(minutes=rng.randint(15, 40))
                outcome_kind = "AppointmentNoShow"
                outcome_data = {"appointment_id": data["appointment_id"], "reason": rng.choice(NO_SHOW_REASONS)}
            else:
                due = starts + timedelta(minutes=(data.get("duration_min") or 20) + rng.randint(0, 25))
                outcome_kind = "AppointmentCompleted"
                outcome_data = {"appointment_id": data["appointment_id"], "_visit": data}
        if item is not None and cancelled:
            self.timeline(item, truth="", emr_close_at=due, user=self.users["scheduler"], scheduling=True)
        status = {
            "AppointmentCancelled": "cancelled",
            "AppointmentNoShow": "no_show",
            "AppointmentCompleted": "completed",
        }
        outcome = status[outcome_kind]
        closes = None
        if item is not None and item.state not in (WorkItem.State.RESOLVED,):
            # nobody called in time: the outcome (or the cancellation) closes the suggestion
            if due < self.stop_at:
                self.close(item, due, f"appointment_{outcome}")
                closes = item.id
            elif item.state == WorkItem.State.RESOLVED_IN_EMR:  # not yet: still open now
                self.reopen(item)
        if due < self.stop_at:
            appt.status = outcome
            appt.outcome_at = due
            self.appt_plans[data["appointment_id"]] = {"closes": closes}
            self.sim.push(due, outcome_kind, outcome_data)
        elif closes is not None and item is not None:  # the outcome is after the end: still open
            self.reopen(item)

    def reopen(self, item: WorkItem) -> None:
        """A suggestion the outcome would close after `now`: still open now."""
        item.state = WorkItem.State.CLAIMED if item.claimed_at else WorkItem.State.NEW
        item.claimed_by_id = self.users["scheduler"].pk if item.claimed_at else None
        item.resolved_at, item.decision, item.updated_at = None, "", item.claimed_at or item.created_at

    # -- writing -------------------------------------------------------------------------------------
    def flush(self) -> None:
        buf, started, w = self.buf, time.perf_counter(), self.writer
        with transaction.atomic():
            w.insert(Event, buf.events)
            w.insert(Appointment, buf.appointments, returning=True)
            for appt, score in buf.noshow:
                score.appointment_id = appt.pk
            w.insert(NoShowScore, [s for _, s in buf.noshow])
            w.insert(TriageScore, buf.scores)
            w.insert(WorkItem, buf.items)
            w.insert(WorkItemEvent, buf.links)
            w.insert(InterruptDelivery, buf.deliveries)
            w.insert(TriageLabel, buf.labels)
        parts = (buf.events, buf.appointments, buf.noshow, buf.scores, buf.items, buf.links, buf.deliveries, buf.labels)
        rows = sum(len(x) for x in parts)
        total = sum(v for k, v in self.counts.items() if k.startswith("event "))
        elapsed = time.perf_counter() - self.started
        if buf.events:
            self.log(
                f"to {buf.events[-1].received_at:%Y-%m-%d %H:%M}: {len(buf.events)} events, {len(buf.scores)} scores, "
                f"{len(buf.items)} items, {len(buf.links)} links, {len(buf.deliveries)} deliveries, "
                f"{len(buf.appointments)} appointments, {len(buf.labels)} labels "
                f"({rows / max(time.perf_counter() - started, 1e-6):,.0f} rows/s written); "
                f"{total:,} events in all, {total / max(elapsed, 1e-6):,.0f}/s"
            )
        self.buf = _Buffers()


class _Writer:
    """Multi-row INSERTs of unsaved model instances, with the database adapters Django itself uses
    (``connection.ops.adapt_*``) chosen once per column instead of once per value: what bulk_create
    does, at a fraction of its per-value cost. No save(), no signals, no auto_now stamping (the
    instances carry their own times). Auto-increment keys are left to the database; `returning`
    reads them back (PostgreSQL and SQLite >= 3.35 both return rows in VALUES order)."""

    def __init__(self) -> None:
        self.specs: dict[type[models.Model], tuple[str, list[str], list[Callable[[Any], Any]]]] = {}

    def _spec(self, model: type[models.Model]) -> tuple[str, list[str], list[Callable[[Any], Any]]]:
        if model not in self.specs:
            fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
            columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
            self.specs[model] = (
                f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ",
                [f.attname for f in fields],
                [self._adapter(f) for f in fields],
            )
        return self.specs[model]

    def _copy(self, model: type[models.Model], objs: list[Any], *, returning: bool) -> None:
        """PostgreSQL: COPY FROM STDIN (several times faster than INSERT); keys the rows need back
        are taken from the table's sequence first."""
        table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if returning or not isinstance(f, models.AutoField)]
        json_dump = {f.attname: f.encoder for f in fields if isinstance(f, models.JSONField)}
        with connection.cursor() as cursor:
            if returning:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(objs)]
                )
                for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                    obj.pk = pk
            columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
            names = [f.attname for f in fields]
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
                for obj in objs:
                    values = obj.__dict__
                    row = [values[name] for name in names]
                    for i, name in enumerate(names):
                        if name in json_dump and row[i] is not None:
                            pre = values.get("_data_json") if name == "data" else None
                            row[i] = pre if pre is not None else json.dumps(row[i], cls=json_dump[name])
                    copy.write_row(row)

    @staticmethod
    def _adapter(f: Any) -> Callable[[Any], Any]:
        target = f.target_field if isinstance(f, models.ForeignKey) else f
        ops = connection.ops
        if isinstance(target, models.JSONField):
            encoder = target.encoder
            return lambda v: None if v is None else ops.adapt_json_value(v, encoder)
        if isinstance(target, models.DateTimeField):
            if connection.vendor == "sqlite":  # what adapt_datetimefield_value does there, for UTC values
                return lambda v: (
                    None
                    if v is None
                    else (v if v.tzinfo is UTC else v.astimezone(UTC)).replace(tzinfo=None).isoformat(" ")
                )
            return ops.adapt_datetimefield_value
        if isinstance(target, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(target, models.UUIDField) and not connection.features.has_native_uuid_field:
            return lambda v: None if v is None else v.hex
        return lambda v: v

    def insert(self, model: type[models.Model], objs: list[Any], *, returning: bool = False) -> None:
        if not objs:
            return
        if connection.vendor == "postgresql":
            self._copy(model, objs, returning=returning)
            return
        head, attnames, adapters = self._spec(model)
        pairs = list(zip(attnames, adapters, strict=True))
        per_row = "(" + ", ".join(["%s"] * len(pairs)) + ")"
        chunk = max(1, min(500, 30_000 // len(pairs)))
        with connection.cursor() as cursor:
            for i in range(0, len(objs), chunk):
                part = objs[i : i + chunk]
                params = [adapt(getattr(obj, name)) for obj in part for name, adapt in pairs]
                sql = head + ", ".join([per_row] * len(part))
                if returning:
                    cursor.execute(sql + " RETURNING id", params)
                    for obj, (pk,) in zip(part, cursor.fetchall(), strict=True):
                        obj.pk = pk
                else:
                    cursor.execute(sql, params)


# --- public -----------------------------------------------------------------------------------------
def history_exists() -> bool:
    return Event.objects.filter(integration_source__name=HISTORY_SOURCE_NAME).exists()


def history_delete(*, log: Log = lambda _: None) -> dict[str, int]:
    """Delete everything a previous run generated, children first, and nothing else: every row
    here hangs off an event of the history source (raw DELETEs: no Python loop over rows)."""
    source = IntegrationSource.objects.filter(name=HISTORY_SOURCE_NAME).first()
    if source is None:
        return {}
    sid = source.pk
    models_ = (Event, WorkItem, WorkItemEvent, InterruptDelivery, TriageScore, TriageLabel, Appointment, NoShowScore)
    t = {m.__name__: connection.ops.quote_name(m._meta.db_table) for m in models_}
    events = f"SELECT id FROM {t['Event']} WHERE integration_source_id = %s"
    items = f"SELECT id FROM {t['WorkItem']} WHERE event_id IN ({events})"
    statements = [
        ("InterruptDelivery", f"DELETE FROM {t['InterruptDelivery']} WHERE item_id IN ({items})"),
        # two statements, not one with OR: an OR of two IN (subquery) cannot be a semi-join, and on
        # PostgreSQL a subquery too big for work_mem is then re-run per row
        ("WorkItemEvent", f"DELETE FROM {t['WorkItemEvent']} WHERE item_id IN ({items})"),
        ("WorkItemEvent", f"DELETE FROM {t['WorkItemEvent']} WHERE event_id IN ({events})"),
        ("WorkItem", f"DELETE FROM {t['WorkItem']} WHERE event_id IN ({events})"),
        ("TriageLabel", f"DELETE FROM {t['TriageLabel']} WHERE message_event_id IN ({events})"),
        ("TriageScore", f"DELETE FROM {t['TriageScore']} WHERE event_id IN ({events})"),
        (
            "NoShowScore",
            f"DELETE FROM {t['NoShowScore']} WHERE appointment_id IN "
            f"(SELECT id FROM {t['Appointment']} WHERE event_id IN ({events}))",
        ),
        ("Appointment", f"DELETE FROM {t['Appointment']} WHERE event_id IN ({events})"),
        ("Event", f"DELETE FROM {t['Event']} WHERE integration_source_id = %s"),
    ]
    counts: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for name, sql in statements:
            cursor.execute(sql, [sid] * sql.count("%s"))
            counts[name] = counts.get(name, 0) + cursor.rowcount
            log(f"deleted {cursor.rowcount:,} {name}")
        source.delete()
    return counts


def generate_history(
    *,
    days: float = 365,
    seed: int = 1,
    scale: float = 1.0,
    replace: bool = False,
    end: datetime | None = None,
    log: Log = lambda _: None,
) -> HistoryResult:
    """Generate `days` of history ending at `end` (default now). Refuses when history exists unless
    `replace` (which deletes the previous run's rows first). Writes in one transaction per batch."""
    if days <= 0 or scale <= 0:
        raise ValueError("days and scale must be positive")
    if history_exists():
        if not replace:
            raise ValueError("history exists already: pass replace=True (--replace) to regenerate it")
        history_delete(log=log)
    generator = _Generator(days=days, seed=seed, scale=scale, end=end or timezone.now(), log=log)
    return generator.run()
