"""Appointment histories for the no-show model: the public CSV format, and a synthetic generator.

Pure (no Django). ``load_public_csv`` / ``write_public_csv`` read and write the public "Medical
Appointment No Shows" format (Brazil 2016, 110,527 rows); ``synthetic_history`` generates a history
with a documented, realistic signal for tests and demos.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from scheduling.noshow import Appt

PUBLIC_COLUMNS = (
    "PatientId",
    "AppointmentID",
    "Gender",
    "ScheduledDay",
    "AppointmentDay",
    "Age",
    "Neighbourhood",
    "Scholarship",
    "Hipertension",
    "Diabetes",
    "Alcoholism",
    "Handcap",
    "SMS_received",
    "No-show",
)
# The public file has no appointment time, only the day: starts_at = that day (UTC) at 08:00 plus a
# deterministic jitter of 0-39 quarter hours (08:00-17:45) from the AppointmentID, never before
# the booking. Such appointments carry extra["_time_estimated"] = True: the model then ignores
# their hour, and their outcome counts as known only once their day is over.
PUBLIC_DAY_START = time(8, 0)
PUBLIC_SLOTS = 40  # quarter hours
_FLAGS = (
    ("Scholarship", "scholarship"),
    ("Hipertension", "hypertension"),
    ("Diabetes", "diabetes"),
    ("Alcoholism", "alcoholism"),
    ("Handcap", "handicap"),
)


@dataclass
class LoadResult:
    """Appointments read from a public-format CSV, and the rows skipped (with reasons)."""

    appointments: list[Appt]
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)

    def __iter__(self):
        return iter(self.appointments)

    def __len__(self) -> int:
        return len(self.appointments)


def _public_id(text: str) -> str:
    """The public file's ids are numbers, sometimes written as floats ("29872499824296.0", "9.8e+11");
    integral values become plain digits (exactly, via Decimal), anything else is kept as written."""
    text = text.strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if value.is_finite() and value == value.to_integral_value():
        return str(int(value))
    return text


def _utc(text: str) -> datetime:
    text = text.strip()
    parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def public_start(appointment_id: str, day: datetime) -> datetime:
    """The documented start time given to a public-file appointment on ``day`` (see PUBLIC_DAY_START)."""
    seed = (
        int(appointment_id)
        if appointment_id.isdigit()
        else int(hashlib.sha256(appointment_id.encode()).hexdigest(), 16)
    )
    quarter = (seed * 7919) % PUBLIC_SLOTS
    return datetime.combine(day.date(), PUBLIC_DAY_START, tzinfo=UTC) + timedelta(minutes=15 * quarter)


def load_public_csv(path: str | Path) -> LoadResult:
    """Read a "Medical Appointment No Shows" CSV into ``Appt`` objects.

    Mapping: PatientId -> patient_id, AppointmentID -> appointment_id, Gender F/M -> sex,
    ScheduledDay -> booked_at (UTC), AppointmentDay -> starts_at (see ``public_start``; a same-day
    appointment whose jittered time falls before its booking starts at the booking time), Age,
    SMS_received 1/0 -> reminder_channel "sms"/"none", No-show "Yes"/"No" -> "no_show"/"attended",
    Neighbourhood, Scholarship, Hipertension, Diabetes, Alcoholism, Handcap -> extra (neighbourhood,
    scholarship, hypertension, diabetes, alcoholism, handicap). department "general", visit_type
    "visit", no provider, facility or duration.

    Skipped and counted (``LoadResult.skipped``, ``reasons``): negative or unreadable age,
    AppointmentDay before the ScheduledDay's date, unreadable dates, flags or No-show value.
    Raises ValueError when a column is missing.
    """
    appts: list[Appt] = []
    reasons: Counter = Counter()
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in PUBLIC_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"not a public no-show CSV: missing column(s) {', '.join(missing)}")
        for row in reader:
            try:
                booked_at = _utc(row["ScheduledDay"])
                day = _utc(row["AppointmentDay"])
            except ValueError:
                reasons["unreadable date"] += 1
                continue
            try:
                age = int(row["Age"].strip())
            except ValueError:
                reasons["unreadable age"] += 1
                continue
            if age < 0:
                reasons["negative age"] += 1
                continue
            if day.date() < booked_at.date():
                reasons["appointment day before scheduled day"] += 1
                continue
            outcome = {"yes": "no_show", "no": "attended"}.get(row["No-show"].strip().lower())
            if outcome is None:
                reasons["unknown No-show value"] += 1
                continue
            try:
                flags = {name: int(row[column].strip()) for column, name in _FLAGS}
                sms = int(row["SMS_received"].strip())
            except ValueError:
                reasons["unreadable flag"] += 1
                continue
            appointment_id = _public_id(row["AppointmentID"])
            gender = row["Gender"].strip().upper()
            appts.append(
                Appt(
                    appointment_id=appointment_id,
                    patient_id=_public_id(row["PatientId"]),
                    booked_at=booked_at,
                    starts_at=max(public_start(appointment_id, day), booked_at),
                    age=age,
                    sex=gender if gender in ("F", "M") else None,
                    visit_type="visit",
                    department="general",
                    provider_id=None,
                    reminder_channel="sms" if sms else "none",
                    duration_min=None,
                    outcome=outcome,
                    extra={**flags, "neighbourhood": row["Neighbourhood"].strip(), "_time_estimated": True},
                )
            )
    return LoadResult(appointments=appts, skipped=sum(reasons.values()), reasons=reasons)


def _flag(value) -> str:
    return str(int(value or 0))


def write_public_csv(appts: Iterable[Appt], path: str | Path) -> int:
    """Write appointments in the public format (same header, "2016-04-29T18:38:08Z" / "...T00:00:00Z"
    dates in UTC, 0/1 flags, "Yes"/"No"); returns the rows written.

    Only attended / no-show appointments fit the format: others are left out. Ids are written as
    given (the public file has numeric ids). Age None is written as -1 (a row the loader skips).
    """
    written = 0
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PUBLIC_COLUMNS)
        for a in appts:
            if a.outcome not in ("attended", "no_show"):
                continue
            extra = a.extra
            writer.writerow(
                [
                    a.patient_id,
                    a.appointment_id,
                    (a.sex or "").upper(),
                    a.booked_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    a.starts_at.astimezone(UTC).strftime("%Y-%m-%dT00:00:00Z"),
                    -1 if a.age is None else a.age,
                    extra.get("neighbourhood", ""),
                    _flag(extra.get("scholarship")),
                    _flag(extra.get("hypertension")),
                    _flag(extra.get("diabetes")),
                    _flag(extra.get("alcoholism")),
                    _flag(extra.get("handicap")),
                    "1" if a.reminder_channel == "sms" else "0",
                    "Yes" if a.outcome == "no_show" else "No",
                ]
            )
            written += 1
    return written


# ---------------------------------------------------------------------------------------------
# Synthetic history
# ---------------------------------------------------------------------------------------------
# provider -> (facility, department)
PROVIDERS: dict[str, tuple[str, str]] = {
    "dr-lee": ("north", "primary-care"),
    "dr-patel": ("north", "primary-care"),
    "dr-garcia": ("south", "primary-care"),
    "dr-okafor": ("south", "primary-care"),
    "dr-novak": ("north", "pediatrics"),
    "dr-silva": ("south", "pediatrics"),
    "dr-kim": ("north", "cardiology"),
    "dr-haddad": ("south", "cardiology"),
    "dr-moreau": ("north", "dermatology"),
    "dr-tanaka": ("south", "orthopedics"),
}
# visit type -> (booked slot minutes, share among repeat visits, no-show log-odds effect)
VISIT_TYPES: dict[str, tuple[int, float, float]] = {
    "new": (40, 0.0, 0.10),
    "follow-up": (20, 0.50, 0.0),
    "annual": (30, 0.15, 0.15),
    "procedure": (45, 0.10, -0.45),
    "acute": (15, 0.15, -0.30),
    "telehealth": (15, 0.10, -0.20),
}
NEIGHBOURHOODS = (
    "ALDER",
    "BAYSIDE",
    "CEDAR HILL",
    "DOCKS",
    "ELM PARK",
    "FAIRVIEW",
    "GRANITE",
    "HARBOR",
    "IRONWOOD",
    "JUNIPER",
    "KINGS ROW",
    "LAKESHORE",
)
_REMINDERS = ("sms", "phone", "email", "none")
_REMINDER_EFFECT = {"sms": -0.20, "phone": -0.55, "email": 0.05, "none": 0.60}
_WEEKDAY_EFFECT = (0.15, 0.0, -0.05, 0.0, 0.20)
_AGE_EFFECT = ((0, -0.30), (12, 0.50), (18, 0.75), (30, 0.30), (45, 0.0), (65, -0.60), (80, -0.20))
NOSHOW_INTERCEPT = -2.8
LATENT_WEIGHT = 0.6
PERSISTENCE = 0.8
FIRST_VISIT_NEW = 0.7
ESTABLISHED_SHARE = 0.4
LEAD_SLOPE = 0.55


def _age_effect(age: int) -> float:
    effect = 0.0
    for low, value in _AGE_EFFECT:
        if age >= low:
            effect = value
    return effect


def _lead_effect(lead: int) -> float:
    return -1.8 if lead == 0 else LEAD_SLOPE * math.log1p(lead) - 0.3


def synthetic_history(
    n_patients: int = 3000,
    days: int = 365,
    seed: int = 0,
    start: datetime | None = None,
) -> list[Appt]:
    """A synthetic appointment history, deterministic per ``seed``, sorted by booking time.

    Generating process (times in UTC, clinic hours 08:00-17:00 on weekdays):

    * Patients: age (15 % children 0-17, adults ~N(50, 18) clipped to 18-95; a year older per 365 days),
      sex (58 % F), a latent no-show propensity z ~ N(0, 1), a home facility (north 55 % / south),
      one of 12 neighbourhoods (each with a fixed effect ~N(0, 0.2)), flags: scholarship
      (P = sigmoid(-2.3 + 0.6 z), so it partly reveals z), hypertension (rising with age),
      diabetes, alcoholism (~4 % of adults, more with high z), handicap 0-2 (~3 %), and a reminder
      channel (65+: sms 30 %, phone 40 %, email 10 %, none 20 %; else 55/10/15/20).
    * Half the patients are established from day 0; the others join on a uniform day. Each books
      appointments as a Poisson process (rate ~ Gamma(2, 2.5) per year, +2 each for hypertension and
      diabetes). Department: children pediatrics; adults primary care (cardiology more likely with
      hypertension; some dermatology and orthopedics), mostly kept per patient. Provider: one of
      ``PROVIDERS`` for that department, at the home facility if it has one.
    * Visit type: a newly joined patient's first booking is "new"; later ones follow-up 50 %,
      annual 15 %, acute 15 %, procedure 10 %, telehealth 10 %. Lead time (days): acute 0 (60 %) or 1;
      new 3 + Exp(18); follow-up Exp(20); annual 7 + Exp(35); procedure 5 + Exp(20); telehealth
      Exp(7); at most 120; a weekend start moves to Monday. booked_at is during the day (07-18h);
      starts_at a quarter hour from 08:00 to 16:45 (same-day: at least 30 min after booking).
    * Outcome, in start order per patient: cancelled with P = 0.05 (+0.04 if lead > 30 days); else a
      no-show with log-odds -1.9 + 0.85 z + lead (same day -1.3, else 0.28 log(1 + days) - 0.25)
      + weekday (Mon +0.15, Wed -0.05, Fri +0.20) + hour (08h +0.20, 15h or later +0.15) + age band
      (0-11 -0.20, 12-17 +0.30, 18-29 +0.45, 30-44 +0.20, 65-79 -0.35, 80+ -0.10) + reminder (none
      +0.40, email +0.05, sms -0.10, phone -0.35) + visit type (``VISIT_TYPES``) + scholarship +0.25
      + alcoholism +0.35 + hypertension -0.10 + neighbourhood + persistence (+0.6 if the patient's
      previous visit, attended or missed, was missed). Base rate about 20 %.
      Appointments starting after ``start + days`` have outcome None (not happened yet).
    * duration_min: attended = slot minutes x a per-patient factor ~LogNormal(0, 0.2) x noise
      ~LogNormal(0, 0.15), rounded; otherwise the booked slot minutes.
    * Ids are numeric strings (patients from 10000000, appointments from 5000000 by booking order),
      so ``write_public_csv`` output looks like the public file.
    """
    rng = np.random.default_rng(seed)
    start = start or datetime(2024, 1, 1, tzinfo=UTC)
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    end = start + timedelta(days=days)
    neighbourhood_effect = rng.normal(0, 0.3, len(NEIGHBOURHOODS))
    by_department: dict[str, dict[str, list[str]]] = {}
    for provider, (facility, department) in PROVIDERS.items():
        by_department.setdefault(department, {}).setdefault(facility, []).append(provider)
    repeat_types = [t for t, (_, share, _) in VISIT_TYPES.items() if share > 0]
    repeat_shares = np.array([VISIT_TYPES[t][1] for t in repeat_types])
    repeat_shares = repeat_shares / repeat_shares.sum()

    drafts: list[dict] = []
    for i in range(n_patients):
        child = rng.random() < 0.15
        age0 = int(rng.integers(0, 18)) if child else int(np.clip(round(rng.normal(50, 18)), 18, 95))
        sex = "F" if rng.random() < 0.58 else "M"
        z = float(rng.normal())
        facility = "north" if rng.random() < 0.55 else "south"
        hood = int(rng.integers(len(NEIGHBOURHOODS)))
        scholarship = int(rng.random() < 1 / (1 + math.exp(2.3 - 0.6 * z)))
        hypertension = int(not child and rng.random() < min(0.6, max(0.0, (age0 - 25) / 90)))
        diabetes = int(not child and rng.random() < min(0.3, max(0.0, (age0 - 30) / 200)))
        alcoholism = int(not child and rng.random() < 0.03 + 0.02 * max(z, 0))
        handicap = int(rng.choice([0, 1, 2], p=[0.97, 0.025, 0.005]))
        channel_p = [0.30, 0.40, 0.10, 0.20] if age0 >= 65 else [0.55, 0.10, 0.15, 0.20]
        reminder = str(rng.choice(_REMINDERS, p=channel_p))
        if child:
            home_department = "pediatrics"
        else:
            cardio = 0.25 if hypertension else 0.08
            home_department = str(
                rng.choice(
                    ["primary-care", "cardiology", "dermatology", "orthopedics"],
                    p=[0.84 - cardio, cardio, 0.08, 0.08],
                )
            )
        patient_factor = float(rng.lognormal(0, 0.2))
        established = rng.random() < ESTABLISHED_SHARE
        t = 0.0 if established else float(rng.uniform(0, days))
        rate = float(rng.gamma(2.0, 2.5)) + 2 * hypertension + 2 * diabetes
        first = not established
        while True:
            t += float(rng.exponential(365 / rate))
            if t >= days:
                break
            department = home_department if rng.random() < 0.85 or child else "primary-care"
            if first and rng.random() < FIRST_VISIT_NEW:
                visit_type = "new"
            else:
                visit_type = str(rng.choice(repeat_types, p=repeat_shares))
            first = False
            lead = {
                "acute": lambda: 0 if rng.random() < 0.6 else 1,
                "new": lambda: 3 + rng.exponential(18),
                "follow-up": lambda: rng.exponential(20),
                "annual": lambda: 7 + rng.exponential(35),
                "procedure": lambda: 5 + rng.exponential(20),
                "telehealth": lambda: rng.exponential(7),
            }[visit_type]()
            lead = min(int(lead), 120)
            booked_at = start + timedelta(days=math.floor(t), hours=float(rng.uniform(7, 18)))
            booked_at = booked_at.replace(second=0, microsecond=0)
            day = booked_at.replace(hour=0, minute=0) + timedelta(days=lead)
            quarter = int(rng.integers(0, 36))  # 08:00 .. 16:45
            starts_at = day + timedelta(hours=8, minutes=15 * quarter)
            if lead == 0 and starts_at < booked_at + timedelta(minutes=30):
                earliest = booked_at + timedelta(minutes=30)
                quarters = math.ceil(((earliest - day).total_seconds() / 60 - 8 * 60) / 15)
                starts_at = day + timedelta(hours=8, minutes=15 * quarters)
                if quarters >= 36:
                    starts_at = day + timedelta(days=1, hours=8, minutes=15 * quarter)
            while starts_at.weekday() >= 5:
                starts_at += timedelta(days=1)
            providers = by_department[department]
            pool = providers.get(facility) or next(iter(providers.values()))
            drafts.append(
                {
                    "patient": i,
                    "booked_at": booked_at,
                    "starts_at": starts_at,
                    "age": age0 + int(t // 365),
                    "sex": sex,
                    "visit_type": visit_type,
                    "department": department,
                    "provider_id": str(pool[int(rng.integers(len(pool)))]),
                    "facility": facility,
                    "reminder": reminder,
                    "z": z,
                    "patient_factor": patient_factor,
                    "extra": {
                        "scholarship": scholarship,
                        "hypertension": hypertension,
                        "diabetes": diabetes,
                        "alcoholism": alcoholism,
                        "handicap": handicap,
                        "neighbourhood": NEIGHBOURHOODS[hood],
                    },
                    "hood_effect": float(neighbourhood_effect[hood]),
                }
            )

    # Outcomes in start order per patient (persistence needs the previous visit's outcome).
    drafts.sort(key=lambda d: (d["patient"], d["starts_at"], d["booked_at"]))
    last_missed: dict[int, bool] = {}
    for d in drafts:
        slot = VISIT_TYPES[d["visit_type"]][0]
        lead = (d["starts_at"].date() - d["booked_at"].date()).days
        u_cancel, u_show, u_duration = rng.random(), rng.random(), float(rng.lognormal(0, 0.15))
        if d["starts_at"] >= end:
            d["outcome"], d["duration"] = None, slot
            continue
        if u_cancel < 0.05 + 0.04 * (lead > 30):
            d["outcome"], d["duration"] = "cancelled", slot
            continue
        extra = d["extra"]
        hour = d["starts_at"].hour
        logit = (
            NOSHOW_INTERCEPT
            + LATENT_WEIGHT * d["z"]
            + _lead_effect(lead)
            + _WEEKDAY_EFFECT[d["starts_at"].weekday()]
            + (0.20 if hour == 8 else 0.15 if hour >= 15 else 0.0)
            + _age_effect(d["age"])
            + _REMINDER_EFFECT[d["reminder"]]
            + VISIT_TYPES[d["visit_type"]][2]
            + 0.35 * extra["scholarship"]
            + 0.50 * extra["alcoholism"]
            - 0.10 * extra["hypertension"]
            + d["hood_effect"]
            + (PERSISTENCE if last_missed.get(d["patient"]) else 0.0)
        )
        missed = u_show < 1 / (1 + math.exp(-logit))
        last_missed[d["patient"]] = missed
        d["outcome"] = "no_show" if missed else "attended"
        d["duration"] = slot if missed else max(5, round(slot * d["patient_factor"] * u_duration))

    drafts.sort(key=lambda d: (d["booked_at"], d["patient"], d["starts_at"]))
    return [
        Appt(
            appointment_id=str(5_000_000 + j),
            patient_id=str(10_000_000 + d["patient"]),
            booked_at=d["booked_at"],
            starts_at=d["starts_at"],
            age=d["age"],
            sex=d["sex"],
            visit_type=d["visit_type"],
            department=d["department"],
            provider_id=d["provider_id"],
            reminder_channel=d["reminder"],
            duration_min=d["duration"],
            outcome=d["outcome"],
            extra=dict(d["extra"]),
            facility=d["facility"],
        )
        for j, d in enumerate(drafts)
    ]
