"""A synthetic EMR: realistic CloudEvents of every contract type, for the demo stream, tests and load.

Pure module: no ORM, no network. ``EmrSimulator(seed).next_event()`` returns one CloudEvent (a dict
valid per ``ingest.schemas.validate_envelope``). Everything random comes from one ``random.Random``,
so a seed (and a fixed ``start``) gives the same stream every time.

What it models
--------------
- Primary events are drawn from a weighted mix (messages, bookings, lab results, ...). Each primary
  may schedule follow-ups for later: a message is resolved minutes to days later, a result is
  acknowledged (critical results fast, normal ones slowly), a booked appointment is cancelled before
  it starts or ends as Completed / NoShow after its start time, and a completed visit closes an
  encounter. Follow-ups therefore always reference ids this stream sent earlier.
- Time: by default a simulated clock that advances a random gap per event (``mean_gap_seconds``);
  pass ``clock`` (e.g. ``lambda: datetime.now(UTC)``) to stamp events with real time instead.
- Patients: a fixed pool of made-up people (infants, children, adults, seniors) with MRNs; caregiver
  messages ("my daughter ...", "mom's ...") are about a patient of the right age.
- Patient messages: ~90 templates with slot fillers across emergencies, urgent and routine symptoms,
  refills, scheduling, results, billing and admin, rendered as portal text, SMS shorthand or a phone
  note, with lowercase, missing punctuation and typos mixed in.

Every name, MRN and id here is synthetic.
"""

from __future__ import annotations

import copy
import heapq
import random
import re
import string
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from coding.rules import EM_TIME
from vocabulary import URGENCIES

DEFAULT_SOURCE = "urn:emr:demo"
# A seeded simulator without an explicit start begins here (a Monday, 08:00 at the clinics), so the
# same seed gives the same stream on any day.
DEFAULT_START = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
CLINIC_UTC_OFFSET = timedelta(hours=-5)  # clinic hours below are local wall-clock times
FACILITIES = ("north", "south")

# Primary (spontaneous) events and how often each is drawn; follow-ups come from the schedule.
PRIMARY_WEIGHTS: dict[str, float] = {
    "PatientMessageReceived": 30,
    "LabResultFinalized": 24,
    "AppointmentBooked": 18,
    "AppointmentRequested": 8,
    "EncounterClosed": 8,
    "NoteUnsigned": 7,
    "OrderUnsigned": 5,
}
FOLLOW_UP_SHARE = 0.8  # when a follow-up is due, send it (rather than a new primary) this often
MAX_SCHEDULED = 20_000  # memory bound on pending follow-ups (far-future ones are dropped first)

# --- people -------------------------------------------------------------------------------------
FEMALE_NAMES = (
    "Maria",
    "Aisha",
    "Emily",
    "Grace",
    "Sofia",
    "Olivia",
    "Priya",
    "Hannah",
    "Mei",
    "Fatima",
    "Chloe",
    "Ana",
    "Keisha",
    "Rosa",
    "Linh",
    "Sarah",
    "Noor",
    "Julia",
    "Amara",
    "Ingrid",
    "Beatriz",
    "Tamar",
    "Yuki",
    "Carmen",
    "Deborah",
    "Ruth",
    "Lucia",
    "Nadia",
    "Zoe",
    "Elena",
)
MALE_NAMES = (
    "James",
    "Mohammed",
    "Daniel",
    "Luis",
    "Wei",
    "Samuel",
    "Omar",
    "Jacob",
    "Arjun",
    "Kwame",
    "Mateo",
    "Ethan",
    "Tomas",
    "Andre",
    "Hiroshi",
    "David",
    "Ivan",
    "Noah",
    "Carlos",
    "Elijah",
    "Felix",
    "Gabriel",
    "Henry",
    "Isaac",
    "Jonah",
    "Kenji",
    "Liam",
    "Marcus",
    "Nikolai",
    "Oscar",
)
LAST_NAMES = (
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Nakamura",
    "Moreno",
    "Kowalski",
    "Brennan",
    "Adeyemi",
    "Castillo",
    "Petrov",
    "Nguyen",
    "Fitzgerald",
    "Oyelaran",
    "Sandoval",
    "Varga",
    "Holm",
    "Delacroix",
    "Mensah",
    "Ibarra",
    "Tanaka",
    "Whitfield",
    "Rahman",
    "Abernathy",
    "Quintero",
    "Sorensen",
    "Achebe",
    "Lombardi",
    "Park",
    "Duarte",
    "Kaplan",
    "Mbeki",
    "Ferreira",
    "Yilmaz",
    "Novak",
    "Osei",
    "Calloway",
    "Estrada",
    "Halvorsen",
    "Iqbal",
    "Jovanovic",
)
AGE_GROUPS = (  # (group, share of the pool, min age in days, max age in days)
    ("infant", 0.04, 14, 330),
    ("child", 0.16, 366, 17 * 365),
    ("adult", 0.55, 18 * 365, 64 * 365),
    ("senior", 0.25, 65 * 365, 94 * 365),
)


@dataclass(frozen=True)
class Patient:
    mrn: str
    name: str
    birth_date: str
    sex: str
    facility: str
    group: str  # infant | child | adult | senior

    def as_data(self) -> dict[str, str]:
        return {"mrn": self.mrn, "name": self.name, "birth_date": self.birth_date, "sex": self.sex}


# --- departments, providers, visits -------------------------------------------------------------
DEPARTMENTS: dict[str, tuple[str, ...]] = {  # department -> provider ids (shared by both facilities)
    "family-medicine": ("dr-lee", "dr-okonkwo", "np-garcia", "dr-haddad"),
    "internal-medicine": ("dr-patel", "dr-schultz", "pa-kim"),
    "pediatrics": ("dr-nguyen", "dr-oduya", "np-walsh"),
    "cardiology": ("dr-abrams", "dr-fontaine"),
    "endocrinology": ("dr-rahman",),
    "dermatology": ("dr-salazar", "pa-obi"),
    "orthopedics": ("dr-lindgren", "pa-moss"),
    "ob-gyn": ("dr-achebe", "cnm-rivera"),
    "behavioral-health": ("dr-stein", "lcsw-morgan"),
    "urgent-care": ("dr-reyes", "np-chen", "pa-doyle"),
}
PROVIDER_NAMES = {
    "dr-lee": "Dr. Lee",
    "dr-okonkwo": "Dr Okonkwo",
    "np-garcia": "Garcia",
    "dr-haddad": "dr haddad",
    "dr-patel": "Dr. Patel",
    "dr-schultz": "Dr Schultz",
    "pa-kim": "Kim",
    "dr-nguyen": "Dr. Nguyen",
    "dr-oduya": "dr oduya",
    "np-walsh": "Nurse Walsh",
    "dr-abrams": "Dr. Abrams",
    "dr-fontaine": "Dr Fontaine",
    "dr-rahman": "Dr. Rahman",
    "dr-salazar": "Dr. Salazar",
    "pa-obi": "Obi",
    "dr-lindgren": "Dr Lindgren",
    "pa-moss": "Moss",
    "dr-achebe": "Dr. Achebe",
    "cnm-rivera": "Rivera",
    "dr-stein": "Dr. Stein",
    "lcsw-morgan": "Morgan",
    "dr-reyes": "Dr. Reyes",
    "np-chen": "Chen",
    "pa-doyle": "Doyle",
}
ALL_PROVIDERS = tuple(p for providers in DEPARTMENTS.values() for p in providers)
PRIMARY_CARE = ("family-medicine", "internal-medicine")
VISIT_TYPES: dict[str, tuple[int, ...]] = {  # visit type -> typical durations (minutes)
    "follow-up": (15, 20, 20, 30),
    "new-patient": (40, 45, 60),
    "annual-physical": (30, 40),
    "well-child": (20, 30),
    "sick-visit": (15, 20),
    "telehealth": (15, 20, 30),
    "procedure": (30, 45, 60),
    "post-op": (15, 20),
    "consult": (30, 45, 60),
    "therapy": (45, 50, 60),
}
DEPARTMENT_VISITS: dict[str, tuple[str, ...]] = {
    "family-medicine": ("follow-up", "follow-up", "annual-physical", "sick-visit", "telehealth", "new-patient"),
    "internal-medicine": ("follow-up", "follow-up", "annual-physical", "telehealth", "new-patient"),
    "pediatrics": ("well-child", "well-child", "sick-visit", "follow-up"),
    "cardiology": ("follow-up", "consult", "new-patient", "procedure"),
    "endocrinology": ("follow-up", "new-patient", "telehealth"),
    "dermatology": ("new-patient", "follow-up", "procedure"),
    "orthopedics": ("consult", "follow-up", "post-op", "procedure"),
    "ob-gyn": ("follow-up", "annual-physical", "new-patient", "procedure"),
    "behavioral-health": ("therapy", "therapy", "new-patient", "telehealth"),
    "urgent-care": ("sick-visit",),
}
REMINDER_CHANNELS = (("sms", 55), ("email", 20), ("phone", 15), ("none", 10))
CANCEL_REASONS = (
    "patient request",
    "scheduling conflict",
    "feeling better",
    "transportation problem",
    "provider unavailable",
    "weather",
    "insurance not active",
    "rescheduled by clinic",
    "patient hospitalized",
    "duplicate booking",
    "childcare issue",
)
NO_SHOW_REASONS = ("", "", "", "no answer to reminder call", "patient forgot", "late arrival, could not be seen")
REQUEST_REASONS: dict[str, tuple[str, ...]] = {
    "family-medicine": (
        "BP check",
        "med follow up",
        "annual physical",
        "rash on arm",
        "back pain",
        "med refill visit",
        "cough for 2 weeks",
        "headaches",
        "new patient, establishing care",
        "wants to discuss weight loss",
        "follow up after ER visit",
    ),
    "internal-medicine": (
        "diabetes follow-up",
        "BP check",
        "pre-op clearance",
        "annual physical",
        "med follow up",
        "fatigue",
        "new patient, establishing care",
    ),
    "pediatrics": ("well child check", "sports physical", "ear pain", "school forms and shots", "cough", "rash"),
    "cardiology": ("palpitations", "follow up after ER visit", "echo results review", "BP not controlled"),
    "endocrinology": ("diabetes follow-up", "thyroid nodule", "insulin pump training"),
    "dermatology": ("mole check", "rash on arm", "acne", "psoriasis follow up", "skin check"),
    "orthopedics": (
        "knee pain getting worse",
        "shoulder pain",
        "second opinion",
        "post-op check",
        "physical therapy eval",
    ),
    "ob-gyn": ("pregnancy confirmation", "annual exam", "birth control consult", "irregular periods"),
    "behavioral-health": ("anxiety", "depression follow up", "med management", "new patient intake"),
    "urgent-care": ("sore throat", "ear pain", "sprained ankle"),
}


# --- lab catalogue ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lab:
    code: str
    display: str
    unit: str
    low: float | None
    high: float | None
    crit_low: float | None
    crit_high: float | None
    decimals: int
    panel_low: float  # plausible extremes for generated abnormal values
    panel_high: float


LABS: tuple[Lab, ...] = (
    Lab("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.1, 2.8, 6.2, 1, 2.3, 7.4),
    Lab("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 136, 145, 120, 160, 0, 112, 168),
    Lab("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70, 99, 40, 450, 0, 28, 620),
    Lab("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3, None, 7.0, 2, 0.3, 9.5),
    Lab("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 7, 20, None, 100, 0, 3, 130),
    Lab("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 8.6, 10.3, 6.5, 13.0, 1, 5.8, 14.2),
    Lab("19123-9", "Magnesium [Mass/volume] in Serum or Plasma", "mg/dL", 1.7, 2.2, 1.0, 4.7, 1, 0.8, 5.2),
    Lab("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 17.5, 7.0, 20.0, 1, 5.4, 21.5),
    Lab("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.0, 11.0, 2.0, 30.0, 1, 1.1, 42.0),
    Lab("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 150, 400, 50, 1000, 0, 18, 1100),
    Lab("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0, 5.6, None, None, 1, 4.0, 13.5),
    Lab("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", None, 200, None, None, 0, 120, 340),
    Lab("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", None, 150, None, None, 0, 40, 900),
    Lab(
        "13457-7",
        "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation",
        "mg/dL",
        None,
        100,
        None,
        None,
        0,
        40,
        240,
    ),
    Lab("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 40, None, None, None, 0, 22, 95),
    Lab("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 0.4, 4.0, None, None, 2, 0.01, 48.0),
    Lab("6301-6", "INR in Platelet poor plasma by Coagulation assay", "{INR}", 0.8, 1.2, None, 5.0, 1, 0.9, 8.5),
    Lab(
        "1742-6",
        "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
        "U/L",
        7,
        56,
        None,
        None,
        0,
        4,
        640,
    ),
    Lab(
        "1920-8",
        "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
        "U/L",
        10,
        40,
        None,
        None,
        0,
        6,
        520,
    ),
    Lab("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.1, 1.2, None, 15.0, 1, 0.1, 18.0),
    Lab("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", "mL/min/{1.73_m2}", 60, None, 15, None, 0, 8, 120),
    Lab("2524-7", "Lactate [Moles/volume] in Serum or Plasma", "mmol/L", 0.5, 2.2, None, 4.0, 1, 0.4, 8.8),
    Lab("10839-9", "Troponin I.cardiac [Mass/volume] in Serum or Plasma", "ng/mL", None, 0.04, None, 0.4, 2, 0.0, 4.2),
    Lab("2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ng/mL", 24, 336, None, None, 0, 4, 1200),
    Lab("1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "mg/L", None, 10, None, None, 1, 0.2, 240),
    Lab("2857-1", "Prostate specific Ag [Mass/volume] in Serum or Plasma", "ng/mL", None, 4.0, None, None, 2, 0.1, 22),
)
LAB_WEIGHTS = (9, 8, 9, 8, 6, 4, 2, 8, 7, 6, 6, 5, 3, 5, 3, 6, 3, 3, 3, 2, 5, 1, 2, 2, 2, 1)
# Qualitative results: (code, display, normal value, abnormal value, abnormal flag)
QUALITATIVE: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "94500-6",
        "SARS-CoV-2 RNA [Presence] in Respiratory specimen by NAA with probe detection",
        "Not detected",
        "Detected",
        "A",
    ),
    (
        "92142-9",
        "Influenza virus A RNA [Presence] in Respiratory specimen by NAA with probe detection",
        "Not detected",
        "Detected",
        "A",
    ),
    ("2106-3", "Choriogonadotropin (pregnancy test) [Presence] in Urine", "Negative", "Positive", "A"),
    ("630-4", "Bacteria identified in Urine by Culture", "No growth", ">100,000 CFU/mL Escherichia coli", "A"),
    (
        "600-7",
        "Bacteria identified in Blood by Culture",
        "No growth at 5 days",
        "Gram-positive cocci in clusters",
        "AA",
    ),
    ("5196-1", "Hepatitis B virus surface Ag [Presence] in Serum", "Nonreactive", "Reactive", "A"),
    (
        "6463-4",
        "Bacteria identified in Specimen by Culture (throat)",
        "Normal flora",
        "Streptococcus pyogenes (group A)",
        "A",
    ),
)

# --- coding -------------------------------------------------------------------------------------
DIAGNOSES: dict[str, tuple[str, ...]] = {
    "family-medicine": (
        "I10",
        "E11.9",
        "E78.5",
        "J06.9",
        "M54.50",
        "Z00.00",
        "K21.9",
        "R51.9",
        "N39.0",
        "J02.9",
        "E66.9",
        "F41.1",
    ),
    "internal-medicine": ("I10", "E11.65", "E78.5", "N18.3", "E03.9", "Z00.01", "I48.91", "D64.9", "J44.9"),
    "pediatrics": ("Z00.129", "J06.9", "H66.90", "J45.909", "L20.9", "R50.9", "J02.0", "Z23"),
    "cardiology": ("I48.91", "I25.10", "I50.9", "I10", "R07.9", "R00.2", "I35.0"),
    "endocrinology": ("E11.65", "E11.9", "E05.90", "E03.9", "E21.3", "E66.01"),
    "dermatology": ("L70.0", "L40.0", "D22.5", "L57.0", "L30.9", "C44.319"),
    "orthopedics": ("M17.11", "M25.511", "S83.511A", "M75.101", "M54.16", "Z96.651"),
    "ob-gyn": ("Z34.01", "Z01.419", "N92.0", "O26.891", "Z30.011"),
    "behavioral-health": ("F32.A", "F41.1", "F33.1", "F43.10", "F90.0", "F41.0"),
    "urgent-care": ("J06.9", "J02.0", "N39.0", "S93.401A", "R10.9", "H10.9", "S61.411A", "U07.1"),
}
VISIT_CPT: dict[str, tuple[str, ...]] = {
    "follow-up": ("99213", "99213", "99214", "99212", "99215"),
    "new-patient": ("99203", "99204", "99205", "99202"),
    "annual-physical": ("99396", "99395", "99397", "99386"),
    "well-child": ("99391", "99392", "99393", "99394"),
    "sick-visit": ("99213", "99214", "99203"),
    "telehealth": ("99213", "99214", "99442"),
    "procedure": ("99213", "99214"),
    "post-op": ("99024",),
    "consult": ("99204", "99244", "99214"),
    "therapy": ("90837", "90834", "90791"),
}
ADD_ON_CPT = (
    "93000",
    "36415",
    "81002",
    "87880",
    "90471",
    "90686",
    "11102",
    "17000",
    "20610",
    "96127",
    "94640",
    "83036",
    "85610",
)
# What a coder's checks (coding.rules) find in the demo: documentation flags that name a specificity
# an unspecified code lacks, a share of category headers (not billable) and of encounters with no
# diagnosis at all. Drawn from a separate random stream, so the rest of the feed is unchanged.
SPECIFIC_FLAGS: dict[str, tuple[str, ...]] = {
    "I50.9": ("type_systolic", "acuity_chronic"),
    "J45.909": ("severity_moderate", "pattern_persistent"),
    "H10.9": ("acuity_acute", "laterality_right"),
    "M25.569": ("laterality_left",),
    "F32.A": ("episode_single", "severity_moderate"),
}
SPECIFIC_FLAG_SHARE = 0.6
COHERENT_TIME_SHARE = 0.8  # the documented time fits the billed E/M level
CATEGORY_ONLY_SHARE = 0.05  # a diagnosis sent as its category ("E11" for "E11.65")
NO_DIAGNOSIS_SHARE = 0.03
# Signatures of unsigned orders and notes: most soon (before a threshold), some late, some never.
SIGNED_SOON_SHARE, SIGNED_LATE_SHARE = 0.6, 0.25
DOC_FLAGS = (
    "missing_ros",
    "missing_exam",
    "unsigned_note",
    "no_diagnosis_pointer",
    "time_not_documented",
    "missing_hpi",
    "copy_forward_detected",
    "missing_assessment",
)
ORDER_TYPES = (("medication", 40), ("lab", 30), ("imaging", 12), ("referral", 10), ("dme", 3), ("procedure", 5))
NOTE_TYPES = (
    ("progress", 45),
    ("telephone", 20),
    ("procedure", 8),
    ("h&p", 7),
    ("consult", 10),
    ("patient-message", 6),
    ("discharge", 4),
)
DISPOSITIONS: dict[str, tuple[str, ...]] = {
    "emergent": (
        "Called patient, advised 911; patient taken to ED",
        "Advised ED now; daughter driving patient",
        "911 called from clinic line; EMS dispatched",
        "Spoke with patient, sent to ED for evaluation",
        "Called crisis line with patient; mobile crisis team dispatched",
    ),
    "urgent": (
        "Same-day appointment booked",
        "Advised urgent care today",
        "Triaged by phone; seen in clinic at 3 pm",
        "Antibiotic prescribed per protocol; follow up if worse",
        "Provider called patient back",
    ),
    "routine": (
        "Refill sent to pharmacy",
        "Booked follow-up visit",
        "Results reviewed with patient, no action needed",
        "Home care advice given; call back if worse",
        "Appointment rescheduled",
        "Forwarded to provider inbox",
        "Prior authorization submitted",
        "Message answered via portal",
    ),
    "non_clinical": (
        "Forwarded to billing office",
        "Records request sent to HIM",
        "Form completed and mailed",
        "Answered via portal",
        "Transferred to scheduling",
        "Address updated",
    ),
}


# --- patient messages ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Template:
    urgency: str  # what a careful nurse would call it: emergent | urgent | routine | non_clinical
    intent: str  # symptom | refill | scheduling | results | billing | admin | other
    who: str  # self | child | infant | elder: whose message it is about (picks the patient's age)
    text: str
    subjects: tuple[str, ...] = ()
    channels: tuple[str, ...] = ("portal", "sms", "phone")
    sex: str = ""  # "female" when the text only fits a female patient


def _t(
    urgency: str,
    intent: str,
    who: str,
    text: str,
    subjects: str = "",
    channels: str = "portal sms phone",
    sex: str = "",
) -> Template:
    subject_list = tuple(s for s in subjects.split("|") if s)
    return Template(urgency, intent, who, text, subject_list, tuple(channels.split()), sex)


_SYM = "Symptom question|question|Not feeling well|Need advice|"
_REF = "Medication refill|Refill|Refill request|Rx|"
_APPT = "Appointment|Appointment request|Scheduling|Reschedule|"
_RES = "Test results|Lab results|Question about results|"
_BILL = "Billing question|Bill|Insurance|"
_ADM = "Records request|Forms|Question|"

TEMPLATES: tuple[Template, ...] = (
    # -- emergent --------------------------------------------------------------------------------
    _t(
        "emergent",
        "symptom",
        "self",
        "I have chest pain that started {onset} and it goes down my left arm. Should I come in?",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "My chest feels tight and heavy, like someone is sitting on it. Im sweaty and kind of nauseous",
        _SYM,
    ),
    _t("emergent", "symptom", "self", "cant breathe well at all tonight, inhaler not helping, lips feel tingly", _SYM),
    _t("emergent", "symptom", "self", "having a hard time catching my breath even sitting still, this is new", _SYM),
    _t(
        "emergent",
        "symptom",
        "elder",
        "{elder} woke up and the right side of {pos} face is drooping and {pos} speech is slurred. What do we do??",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "elder",
        "{elder} is confused and cant lift {pos} left arm since about {clock_time}",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "I took all my {med_name} pills because I don't want to be here anymore",
        "",
        "portal sms",
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "been thinking about ending my life. i have a plan. i dont know who else to tell",
        "",
        "portal sms",
    ),
    _t(
        "emergent",
        "symptom",
        "infant",
        "My {infant_age} baby has a fever of {high_temp} and won't feed. is that normal??",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "child",
        "{child} ate something with peanuts, {pos} throat is swelling and {sub} is wheezing. we used the epipen",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "I fainted at work today and hit my head, now I have the worst headache of my life and I'm throwing up",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "bleeding wont stop after my {procedure} yesterday, soaked through 4 pads in an hour",
        _SYM,
        sex="female",
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "Pt called stating crushing chest pain x 30 min, radiating to jaw, hx of MI",
        "",
        "phone",
    ),
    _t(
        "emergent",
        "symptom",
        "elder",
        "Daughter called: {elder_short} found on floor, not making sense, BP {high_bp}",
        "",
        "phone",
    ),
    _t("emergent", "symptom", "self", "my sugar is {low_sugar} and I'm shaky and confused, juice isnt helping", _SYM),
    _t(
        "emergent",
        "symptom",
        "child",
        "{child} had a seizure for about 5 minutes, never had one before. {sub} is really sleepy now",
        _SYM,
    ),
    _t(
        "emergent",
        "symptom",
        "self",
        "I'm {weeks} weeks pregnant and have really bad belly pain and bleeding",
        _SYM,
        sex="female",
    ),
    _t("emergent", "symptom", "self", "chest pain and cant breathe pls call me back asap", "", "sms"),
    # -- urgent ----------------------------------------------------------------------------------
    _t("urgent", "symptom", "self", "I've had a fever of {temp} for {duration} and a bad cough with green stuff", _SYM),
    _t("urgent", "symptom", "self", "burning when I pee and going every 10 min, now my lower back hurts too", _SYM),
    _t("urgent", "symptom", "child", "{child} has had diarrhea and vomiting since {onset}, cant keep water down", _SYM),
    _t("urgent", "symptom", "self", "The rash around my incision is red, warm and spreading. Started {onset}.", _SYM),
    _t(
        "urgent",
        "symptom",
        "self",
        "I started {med} {duration} ago and now my face is puffy and itchy. should i stop it?",
        _SYM,
    ),
    _t("urgent", "symptom", "self", "my BP at home was {high_bp} this morning and I have a headache", _SYM),
    _t(
        "urgent",
        "symptom",
        "child",
        "{child} is pulling at {pos} ear and has a fever of {temp}, crying all night",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "elder",
        "{elder} has been more confused than usual for {duration} and is not eating. Could it be a UTI?",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "my ankle is swollen and purple after I twisted it {onset}, cant put weight on it",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "Sugars running {high_sugar}-{higher_sugar} for {duration} even with my insulin",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "pt called, states sore throat x {duration}, fever {temp}, white patches on tonsils",
        "",
        "phone",
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "I think my eye is infected, its red and goopy and my vision is a little blurry",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "ran out of my {med_name} {duration} ago and feel dizzy and my heart is racing",
        _SYM,
    ),
    _t(
        "urgent",
        "symptom",
        "self",
        "fell yesterday, wrist is really swollen and hurts to move. do i need an xray?",
        _SYM,
    ),
    # -- routine symptoms ------------------------------------------------------------------------
    _t(
        "routine",
        "symptom",
        "self",
        "I've had a stuffy nose and mild cough for {duration}, no fever. Anything I can take OTC?",
        _SYM,
    ),
    _t("routine", "symptom", "self", "Is it ok to take ibuprofen with my {med_name}?", _SYM),
    _t(
        "routine",
        "symptom",
        "self",
        "my lower back has been sore since I moved furniture last weekend, getting a little better",
        _SYM,
    ),
    _t(
        "routine",
        "symptom",
        "child",
        "{child} has a little rash on {pos} cheeks, no fever, acting totally normal. should we worry?",
        _SYM,
    ),
    _t(
        "routine",
        "symptom",
        "self",
        "The {med_name} is giving me an upset stomach. Is there something else I can try?",
        _SYM,
    ),
    _t(
        "routine",
        "symptom",
        "self",
        "been having trouble sleeping for a few weeks, stress from work. any suggestions",
        _SYM,
    ),
    _t("routine", "symptom", "self", "I noticed a mole on my back that looks a little darker than before", _SYM),
    _t(
        "routine",
        "symptom",
        "self",
        "No chest pain or shortness of breath, just wanted to report my BP log: {normal_bp}, {normal_bp2}",
        _SYM,
    ),
    _t(
        "routine",
        "symptom",
        "elder",
        "{elder} keeps forgetting to take {pos} pills. do you have any ideas? pill box?",
        _SYM,
    ),
    _t("routine", "symptom", "self", "my knee clicks when I go up stairs, doesnt really hurt", _SYM),
    _t("routine", "symptom", "self", "Had the flu shot {onset} and my arm is sore. Normal?", _SYM),
    _t("routine", "other", "self", "Thank you {provider} and team for taking such good care of me!", "Thank you|"),
    # -- refills ---------------------------------------------------------------------------------
    _t("routine", "refill", "self", "I need a refill on my {med} please. I use {pharmacy}.", _REF),
    _t(
        "routine",
        "refill",
        "self",
        "Can you send a new prescription for {med_name} to {pharmacy}? I have {pills} pills left",
        _REF,
    ),
    _t("routine", "refill", "self", "refill {med_name} pls", _REF, "sms portal"),
    _t(
        "routine",
        "refill",
        "elder",
        "{elder} needs {pos} {med} refilled, {sub} is almost out. Same pharmacy as last time",
        _REF,
    ),
    _t(
        "routine", "refill", "child", "Could we get a refill of {child}'s albuterol inhaler? school needs one too", _REF
    ),
    _t("routine", "refill", "self", "pharmacy says they need a new rx from {provider} for my {med_name}", _REF),
    _t("routine", "refill", "self", "Pt requesting 90 day supply of {med} to {pharmacy}", "", "phone"),
    _t("routine", "refill", "self", "hi my insurance wants a 90 day supply now for {med_name}, can u change it", _REF),
    _t(
        "urgent",
        "refill",
        "self",
        "I'm completely out of my {med} and the pharmacy says no refills left. I need it today",
        _REF,
    ),
    _t("routine", "refill", "self", "can I get my {med_name} dose increased? its not working as good", _REF),
    # -- scheduling ------------------------------------------------------------------------------
    _t("routine", "scheduling", "self", "I need to reschedule my appointment on {weekday}. Anything next week?", _APPT),
    _t(
        "routine",
        "scheduling",
        "self",
        "Can I get in to see {provider} for my {visit_reason}? mornings are best",
        _APPT,
    ),
    _t(
        "routine",
        "scheduling",
        "child",
        "{child} needs a sports physical before {weekday}, do you have anything?",
        _APPT,
    ),
    _t("routine", "scheduling", "self", "need to cancel appt tmrw, will call to rebook", _APPT, "sms portal"),
    _t("routine", "scheduling", "self", "is there a telehealth option for my follow up with {provider}?", _APPT),
    _t(
        "routine",
        "scheduling",
        "elder",
        "Scheduling a visit for {elder} - {sub} needs a ride, do you have anything after 2?",
        _APPT,
    ),
    _t("routine", "scheduling", "self", "I'm a new patient, how do I book with {provider}?", _APPT),
    _t("routine", "scheduling", "self", "running 15 min late for my {clock_time} appointment sorry!", _APPT, "sms"),
    _t(
        "routine",
        "scheduling",
        "infant",
        "our baby is due for {pos} {checkup_age} checkup and shots, when can we come?",
        _APPT,
    ),
    _t("routine", "scheduling", "self", "C", _APPT, "sms"),  # an SMS reply to "reply C to confirm"
    # -- results ---------------------------------------------------------------------------------
    _t("routine", "results", "self", "I saw my {test} results in the portal. What does high {lab_word} mean?", _RES),
    _t("routine", "results", "self", "Any news on my {test} from {weekday}?", _RES),
    _t("routine", "results", "self", "my A1C was {a1c}, is that better than last time?", _RES),
    _t("routine", "results", "elder", "{elder} had {test} done last week, nobody called us with the results", _RES),
    _t("routine", "results", "self", "should I be worried about the {lab_word} level on my labs? it's flagged", _RES),
    _t("routine", "results", "self", "Do I need to fast before my {test}?", _RES),
    _t("routine", "results", "self", "results from my {test}? thx", _RES, "sms portal"),
    _t("routine", "results", "child", "{child}'s strep test came back, does {sub} need antibiotics?", _RES),
    # -- billing / admin -------------------------------------------------------------------------
    _t(
        "non_clinical",
        "billing",
        "self",
        "I got a bill for ${amount} for my visit on {weekday}, I thought it was covered by my insurance",
        _BILL,
    ),
    _t("non_clinical", "billing", "self", "Can I set up a payment plan for my balance?", _BILL),
    _t("non_clinical", "billing", "self", "i have new insurance, how do i update it", _BILL, "portal sms"),
    _t("non_clinical", "billing", "self", "why was I charged twice for the same copay??", _BILL),
    _t(
        "non_clinical",
        "billing",
        "elder",
        "I manage {elder_poss} bills. Medicare denied {pos} claim from {weekday}, what do we need to do?",
        _BILL,
    ),
    _t("non_clinical", "admin", "self", "Can you fax my records to my new specialist? Fax number is {fax}", _ADM),
    _t("non_clinical", "admin", "self", "I need a work note for the days I was sick ({weekday} and {weekday2})", _ADM),
    _t("non_clinical", "admin", "child", "{child} needs {pos} immunization record for school, can you send it?", _ADM),
    _t("non_clinical", "admin", "self", "my FMLA paperwork needs to be filled out by {provider} by friday", _ADM),
    _t("non_clinical", "admin", "self", "i moved, new address is {street}", _ADM, "portal sms"),
    _t("non_clinical", "admin", "self", "how do I give my daughter access to my portal?", _ADM),
    _t("non_clinical", "admin", "self", "STOP", "", "sms"),
    _t("non_clinical", "other", "self", "whats the parking situation at the {facility} clinic", "Question|"),
    # -- mixed: routine framing around a red flag, and red-flag words that are not red flags -----
    _t(
        "emergent",
        "refill",
        "self",
        "need my {med_name} refilled. also been having chest pressure when I walk up stairs the last 2 days",
        _REF,
    ),
    _t(
        "emergent",
        "scheduling",
        "self",
        "want to schedule a visit, ive been short of breath since {onset} and my legs are swollen, worse lying down",
        _APPT,
    ),
    _t(
        "routine",
        "symptom",
        "self",
        "No chest pain anymore, the heartburn went away after I took the omeprazole. Thanks!",
        _SYM,
    ),
    _t("routine", "symptom", "self", "My dad had a stroke years ago, should I be screened for anything?", _SYM),
    _t(
        "urgent",
        "symptom",
        "self",
        "I feel really hopeless lately and can't get out of bed. not going to hurt myself but I need help",
        _SYM,
        "portal sms",
    ),
    _t("urgent", "results", "self", "the portal says my potassium is {k_high}, the note says call the office?", _RES),
)

FILLERS: dict[str, tuple[str, ...]] = {
    "onset": (
        "this morning",
        "an hour ago",
        "last night",
        "around lunch",
        "yesterday",
        "2 days ago",
        "on sunday",
        "tonight",
        "after dinner",
        "while i was at the gym",
    ),
    "duration": (
        "2 days",
        "three days",
        "a week",
        "since yesterday",
        "4 days",
        "since monday",
        "almost 2 weeks",
        "5 days",
        "a couple days",
    ),
    "med": (
        "lisinopril 10 mg",
        "metformin 500mg",
        "atorvastatin 40 mg",
        "levothyroxine 50 mcg",
        "amlodipine 5mg",
        "sertraline 50 mg",
        "albuterol inhaler",
        "omeprazole 20mg",
        "losartan 50 mg",
        "gabapentin 300 mg",
        "hydrochlorothiazide 25mg",
        "metoprolol succinate 25 mg",
        "montelukast 10 mg",
        "escitalopram 10mg",
        "insulin glargine",
        "amoxicillin 500 mg",
        "eliquis 5mg",
        "jardiance 10 mg",
        "ozempic 0.5mg",
    ),
    "med_name": (
        "lisinopril",
        "metformin",
        "atorvastatin",
        "levothyroxine",
        "amlodipine",
        "sertraline",
        "albuterol",
        "omeprazole",
        "losartan",
        "gabapentin",
        "metoprolol",
        "montelukast",
        "lexapro",
        "synthroid",
        "eliquis",
        "zoloft",
        "wellbutrin",
        "trazodone",
    ),
    "pharmacy": (
        "the CVS on Main St",
        "Walgreens on 5th Ave",
        "the Walmart pharmacy",
        "Costco pharmacy",
        "Kroger on Elm",
        "the mail order pharmacy",
        "Rite Aid downtown",
        "the hospital outpatient pharmacy",
    ),
    "pills": ("2", "3", "five", "a couple", "4", "no"),
    "test": (
        "blood work",
        "labs",
        "A1C",
        "cholesterol test",
        "MRI",
        "x-ray",
        "ultrasound",
        "urine test",
        "thyroid test",
        "CT scan",
        "mammogram",
        "colonoscopy",
        "echo",
        "stress test",
    ),
    "lab_word": (
        "potassium",
        "glucose",
        "creatinine",
        "TSH",
        "ALT",
        "white count",
        "cholesterol",
        "LDL",
        "triglycerides",
        "sodium",
        "hemoglobin",
        "platelet",
    ),
    "temp": ("100.4", "100.9", "101", "101.5", "102", "102.3", "101.8", "100.7"),
    "high_temp": ("100.6", "101.2", "102", "100.9"),
    "high_bp": ("182/110", "190/104", "176/112", "201/98", "184/120"),
    "normal_bp": ("124/78", "118/76", "130/82", "127/80", "121/74"),
    "normal_bp2": ("122/80", "126/79", "119/75", "128/84"),
    "low_sugar": ("42", "38", "51", "45"),
    "high_sugar": ("280", "310", "265", "340"),
    "higher_sugar": ("350", "390", "410", "372"),
    "a1c": ("6.8", "7.2", "8.1", "6.4", "9.0", "7.6"),
    "k_high": ("5.9", "6.1", "5.7"),
    "weeks": ("8", "11", "14", "22", "31", "6"),
    "procedure": ("tooth extraction", "biopsy", "D&C", "colonoscopy", "polyp removal"),
    "weekday": ("monday", "Tuesday", "wednesday", "Thursday", "friday", "the 12th", "last week", "tomorrow"),
    "weekday2": ("Tuesday", "wednesday", "Thursday", "friday"),
    "clock_time": ("9am", "10:30", "2 pm", "3:15", "8:45", "noon", "4pm"),
    "visit_reason": (
        "knee",
        "BP check",
        "annual physical",
        "diabetes f/u",
        "rash",
        "back pain",
        "med check",
        "anxiety",
        "physical",
        "follow up",
    ),
    "amount": ("245.00", "89.50", "1,320", "412.18", "60", "175"),
    "fax": ("555-0134", "(555) 0188", "555 0102", "555-0199"),
    "street": ("1204 Birch Ln Apt 3", "88 Harbor View Rd", "417 W Maple St", "9 Orchard Ct"),
    "facility": FACILITIES,
    "infant_age": ("2 month old", "6 week old", "4 month old", "10 week old", "7 week old"),
    "checkup_age": ("2 month", "4 month", "6 month", "9 month", "2 mo"),
}
RELATIONS: dict[tuple[str, str], tuple[str, ...]] = {  # (who, sex) -> how a caregiver names the patient
    ("child", "female"): ("my daughter", "My daughter {first}", "my 4 yo", "our little one", "{first}"),
    ("child", "male"): ("my son", "My son {first}", "my 6yo", "our little guy", "{first}"),
    ("elder", "female"): ("my mom", "My mother", "my grandmother", "my wife", "My mother in law", "Mom"),
    ("elder", "male"): ("my dad", "My father", "my grandfather", "my husband", "My father in law", "Dad"),
}
# Share of patient messages per urgency (per mille-ish weights): ~3 % emergent, ~14 % same-day.
MESSAGE_MIX = (("emergent", 3), ("urgent", 14), ("routine", 53), ("non_clinical", 30))
TEMPLATES_BY_URGENCY = {u: tuple(t for t in TEMPLATES if t.urgency == u) for u, _ in MESSAGE_MIX}

PRONOUNS = {"female": ("she", "her"), "male": ("he", "his")}
PHONE_CALLERS = {
    "self": ("Pt",),
    "child": ("Mother", "Father", "Parent"),
    "infant": ("Mother", "Father"),
    "elder": ("Daughter", "Son", "Spouse", "Caregiver"),
}
SMS_SHORTHAND = (
    (r"\byou\b", "u"),
    (r"\bplease\b", "pls"),
    (r"\bappointment\b", "appt"),
    (r"\bthanks\b", "thx"),
    (r"\btomorrow\b", "tmrw"),
    (r"\bbecause\b", "bc"),
    (r"\bprescription\b", "rx"),
    (r"\bI am\b", "im"),
    (r"\bgoing to\b", "gonna"),
    (r"\bright now\b", "rn"),
    (r"\bwith\b", "w/"),
)
_SLOT_RE = re.compile(r"\{([a-z_0-9]+)\}")


# --- the simulator ------------------------------------------------------------------------------
def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(order=True)
class _FollowUp:
    due: datetime
    seq: int
    kind: str = field(compare=False)  # an event type
    data: dict[str, Any] = field(compare=False)


class EmrSimulator:
    """Generates CloudEvents as an EMR would send them.

    seed: makes the stream reproducible (with the same `start`, `run_id` and no `clock`).
    source: the CloudEvents `source` attribute.
    start: the simulated clock's first moment (default: DEFAULT_START when seeded, else now).
    clock: a function returning the current aware datetime; when given, it stamps events instead of the
        simulated clock (the live command passes real time).
    run_id: prefix of every id, so separate runs never reuse an id (default: from the seed's stream).
    """

    def __init__(
        self,
        seed: int | None = None,
        source: str = DEFAULT_SOURCE,
        *,
        start: datetime | None = None,
        clock: Callable[[], datetime] | None = None,
        run_id: str | None = None,
        mean_gap_seconds: float = 30.0,
        patients: int = 400,
        message_mix: tuple[tuple[str, int], ...] | None = MESSAGE_MIX,
    ) -> None:
        """`message_mix`: the share of patient messages per urgency; None picks templates evenly
        (the mix before issue 11, about a fifth of them emergencies: a benchmark's baseline)."""
        self.rng = random.Random(seed)
        # the coding extras (findings, signatures) draw from their own stream (see SPECIFIC_FLAGS)
        self.coding_rng = random.Random(None if seed is None else f"coding-{seed}")
        self.message_mix = message_mix
        self.source = source
        self.clock = clock
        if start is None:
            start = clock() if clock else (DEFAULT_START if seed is not None else datetime.now(UTC))
        self.now = start.replace(microsecond=0)
        self.mean_gap_seconds = mean_gap_seconds
        self.run_id = run_id or "".join(self.rng.choice(string.ascii_lowercase + string.digits) for _ in range(6))
        self._seq = 0
        self.last_template: Template | None = None  # the template of the latest patient message
        self._schedule_seq = 0
        self._counters: dict[str, int] = {}
        self._scheduled: list[_FollowUp] = []
        self._encounters: deque[dict[str, Any]] = deque(maxlen=300)  # recently closed encounters
        self.patients = self._make_patients(patients)
        self._by_group: dict[str, list[Patient]] = {}
        for patient in self.patients:
            self._by_group.setdefault(patient.group, []).append(patient)
        self._primary_types = list(PRIMARY_WEIGHTS)
        self._primary_weights = list(PRIMARY_WEIGHTS.values())
        self._makers: dict[str, Callable[[], tuple[str, dict[str, Any]]]] = {
            "PatientMessageReceived": self._message,
            "LabResultFinalized": self._lab_result,
            "AppointmentBooked": self._booked,
            "AppointmentRequested": self._requested,
            "EncounterClosed": self._encounter_closed,
            "NoteUnsigned": self._note_unsigned,
            "OrderUnsigned": self._order_unsigned,
        }

    # -- public ---------------------------------------------------------------------------------
    def next_event(self) -> dict[str, Any]:
        """The next CloudEvent of the stream (a follow-up when one is due, else a new primary)."""
        self._tick()
        if self._scheduled and self._scheduled[0].due <= self.now and self.rng.random() < FOLLOW_UP_SHARE:
            follow_up = heapq.heappop(self._scheduled)
            event_type, data = follow_up.kind, self._render_follow_up(follow_up)
        else:
            event_type = self.rng.choices(self._primary_types, self._primary_weights)[0]
            event_type, data = self._makers[event_type]()
        return self._envelope(event_type, data)

    def events(self, count: int) -> list[dict[str, Any]]:
        return [self.next_event() for _ in range(count)]

    @property
    def pending_follow_ups(self) -> int:
        return len(self._scheduled)

    # -- plumbing -------------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.clock is not None:
            self.now = max(self.now, self.clock().replace(microsecond=0))
        else:
            self.now += timedelta(seconds=round(self.rng.expovariate(1 / self.mean_gap_seconds), 1))

    def _next_id(self, prefix: str) -> str:
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}-{self.run_id}-{n:06d}"

    def _envelope(self, event_type: str, data: dict[str, Any]) -> dict[str, Any]:
        self._seq += 1
        envelope: dict[str, Any] = {
            "specversion": "1.0",
            "id": f"{self.run_id}-{self._seq:08d}",
            "source": self.source,
            "type": event_type,
            "time": _iso(self.now),
            "dataschema": f"clinflow:{event_type}:1",
            "datacontenttype": "application/json",
            "data": data,
        }
        return copy.deepcopy(envelope)  # callers may change it; the simulator's memory must not

    def _schedule(self, delay: timedelta, kind: str, data: dict[str, Any]) -> None:
        self._schedule_seq += 1
        heapq.heappush(self._scheduled, _FollowUp(self.now + delay, self._schedule_seq, kind, data))
        if len(self._scheduled) > MAX_SCHEDULED:  # keep the soonest; forget the far future
            self._scheduled = sorted(self._scheduled)[: int(MAX_SCHEDULED * 0.8)]
            heapq.heapify(self._scheduled)

    def _weighted(self, pairs: tuple[tuple[str, int], ...]) -> str:
        return self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]

    def _minutes(self, low: float, high: float) -> timedelta:
        """A log-uniform delay between low and high minutes (many short ones, a long tail)."""
        return timedelta(minutes=round(low * (high / low) ** self.rng.random(), 1))

    def _make_patients(self, count: int) -> list[Patient]:
        rng, today = self.rng, self.now.date()
        patients: list[Patient] = []
        mrns: set[str] = set()
        for group, share, min_days, max_days in AGE_GROUPS:
            for _ in range(max(3, round(count * share))):
                sex = rng.choices(("female", "male", "other", "unknown"), (49, 48, 1.5, 1.5))[0]
                pool = FEMALE_NAMES if sex == "female" else MALE_NAMES if sex == "male" else FEMALE_NAMES + MALE_NAMES
                mrn = f"MRN{rng.randrange(1_000_000, 9_999_999)}"
                while mrn in mrns:
                    mrn = f"MRN{rng.randrange(1_000_000, 9_999_999)}"
                mrns.add(mrn)
                birth: date = today - timedelta(days=rng.randint(min_days, max_days))
                patients.append(
                    Patient(
                        mrn=mrn,
                        name=f"{rng.choice(pool)} {rng.choice(LAST_NAMES)}",
                        birth_date=birth.isoformat(),
                        sex=sex,
                        facility=rng.choice(FACILITIES),
                        group=group,
                    )
                )
        return patients

    def _patient(self, group: str | None = None) -> Patient:
        if group is None:
            group = self.rng.choices(("infant", "child", "adult", "senior"), (3, 12, 55, 30))[0]
        return self.rng.choice(self._by_group[group])

    def _facility(self, patient: Patient) -> str:
        return patient.facility if self.rng.random() < 0.85 else self.rng.choice(FACILITIES)

    def _department_for(self, patient: Patient) -> str:
        if patient.group in ("infant", "child"):
            return "pediatrics" if self.rng.random() < 0.8 else self.rng.choice(("urgent-care", "dermatology"))
        if self.rng.random() < 0.55:
            return self.rng.choice(PRIMARY_CARE)
        options = [d for d in DEPARTMENTS if d != "pediatrics"]
        if patient.sex == "male":
            options.remove("ob-gyn")
        return self.rng.choice(options)

    # -- patient messages -----------------------------------------------------------------------
    def _message(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        # Portal traffic is mostly routine and administrative; emergencies are a few per cent.
        if self.message_mix is None:
            template = rng.choice(TEMPLATES)
        else:
            template = rng.choice(TEMPLATES_BY_URGENCY[self._weighted(self.message_mix)])
        self.last_template = template
        channel = rng.choice(template.channels)
        group = {
            "self": rng.choice(("adult", "adult", "adult", "senior")),
            "child": "child",
            "infant": "infant",
            "elder": "senior",
        }[template.who]
        patient = self._patient(group)
        while template.sex and patient.sex != template.sex:
            patient = self._patient("adult")
        facility = self._facility(patient)
        department = self._department_for(patient)
        body = self._render_text(template, patient, facility, department, channel)
        received = self.now - timedelta(seconds=rng.randint(0, 90))
        message_id = self._next_id("msg")
        data: dict[str, Any] = {"message_id": message_id, "patient": patient.as_data(), "facility": facility}
        if channel != "sms" or rng.random() < 0.5:
            data["department"] = department
        data["channel"] = channel
        if channel == "portal" and template.subjects:
            data["subject"] = rng.choice(template.subjects) or "(no subject)"
        data["body"] = body
        data["received_at"] = _iso(received)

        if rng.random() < 0.93:  # most messages are resolved; some are closed without a recorded outcome
            urgency = template.urgency
            if rng.random() < 0.08:  # the nurse's final call differs from the template's
                urgency = rng.choice(URGENCIES)
            delay = {"emergent": (2, 20), "urgent": (10, 180), "routine": (30, 1440), "non_clinical": (60, 4320)}
            resolver = "nurse" if facility == "north" else "nurse2"
            if template.intent in ("billing", "admin") or rng.random() < 0.1:
                resolver = rng.choice(("scheduler", "frontdesk-amy", "billing-team", resolver))
            self._schedule(
                self._minutes(*delay[urgency]),
                "PatientMessageResolved",
                {"message_id": message_id, "final_urgency": urgency, "resolved_by": resolver},
            )
        return "PatientMessageReceived", data

    def _render_text(self, template: Template, patient: Patient, facility: str, department: str, channel: str) -> str:
        rng = self.rng
        first = patient.name.split()[0]
        providers = DEPARTMENTS[department]
        sex = patient.sex if patient.sex in PRONOUNS else rng.choice(("female", "male"))
        subject_pronoun, possessive = PRONOUNS[sex]
        values = {
            "child": rng.choice(RELATIONS[("child", sex)]).format(first=first),
            "elder": rng.choice(RELATIONS[("elder", sex)]),
            "elder_poss": rng.choice(("my mother's", "my mom's")) if sex == "female" else "my father's",
            "elder_short": rng.choice(("pt", "mom" if sex == "female" else "dad")),
            "sub": subject_pronoun,
            "pos": possessive,
            "provider": PROVIDER_NAMES[rng.choice(providers)],
            "facility": facility,
        }

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in values:
                return values[name]
            return rng.choice(FILLERS[name])

        text = _SLOT_RE.sub(fill, template.text)
        if channel == "phone" and not text.lower().startswith(("pt ", "daughter ")):
            caller = rng.choice(PHONE_CALLERS[template.who])
            text = f"{caller} called{rng.choice((':', ', states', ' -'))} {text[0].lower()}{text[1:]}"
        if channel == "sms":
            for pattern, short in SMS_SHORTHAND:
                if rng.random() < 0.6:
                    text = re.sub(pattern, short, text, flags=re.IGNORECASE)
            if rng.random() < 0.3:
                text = text.rstrip(".!?")
        if rng.random() < (0.45 if channel == "sms" else 0.2):
            text = text.lower()
        if rng.random() < 0.25:
            text = self._typos(text, rng.randint(1, 2))
        if rng.random() < 0.1:
            text = text.replace(". ", ".  ").replace("?", "??")
        if channel == "portal" and rng.random() < 0.15:
            text += rng.choice(("\n\nThanks,\n" + first, "\nthank you", "\n- " + first, "\n\nSent from my iPhone"))
        return text

    def _typos(self, text: str, count: int) -> str:
        rng = self.rng
        words = text.split(" ")
        candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        for _ in range(min(count, len(candidates))):
            i = rng.choice(candidates)
            word = list(words[i])
            j = rng.randrange(1, len(word) - 1)
            kind = rng.random()
            if kind < 0.5:
                word[j], word[j + 1] = word[j + 1], word[j]  # swapped letters
            elif kind < 0.8:
                del word[j]  # dropped letter
            else:
                word.insert(j, word[j])  # doubled letter
            words[i] = "".join(word)
        return " ".join(words)

    # -- scheduling -----------------------------------------------------------------------------
    def _slot(self, lead_days: int) -> datetime:
        """A clinic slot `lead_days` from now: a weekday, 08:00-16:40 local, on a 10-minute grid."""
        rng = self.rng
        local_now = self.now + CLINIC_UTC_OFFSET
        if lead_days == 0:  # same day: later today if the clinic is open, else the next slot
            candidate = local_now + timedelta(minutes=rng.randint(20, 240))
            candidate = candidate.replace(minute=candidate.minute // 10 * 10, second=0)
            if candidate.weekday() < 5 and 8 <= candidate.hour < 17:
                return candidate - CLINIC_UTC_OFFSET
            lead_days = 1
        day = (local_now + timedelta(days=lead_days)).date()
        while day.weekday() >= 5 and not (day.weekday() == 5 and rng.random() < 0.3):
            day += timedelta(days=1)
        hour = rng.choices(range(8, 17), (9, 10, 10, 7, 5, 8, 9, 8, 6))[0]
        minute = rng.choice((0, 10, 20, 30, 40, 50) if hour < 16 else (0, 10, 20, 30, 40))
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
        return local - CLINIC_UTC_OFFSET

    def _booked(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        patient = self._patient()
        department = self._department_for(patient)
        if department == "urgent-care":
            lead = 0
        else:
            # Open-access clinics book a quarter of their visits for the same day.
            lead = rng.choices((0, rng.randint(1, 7), rng.randint(8, 30), rng.randint(31, 90)), (25, 35, 25, 15))[0]
        visit_type = rng.choice(DEPARTMENT_VISITS[department])
        if patient.group in ("infant", "child") and department == "pediatrics" and rng.random() < 0.5:
            visit_type = "well-child"
        duration = rng.choice(VISIT_TYPES[visit_type])
        starts = self._slot(lead)
        appointment_id = self._next_id("appt")
        data: dict[str, Any] = {
            "appointment_id": appointment_id,
            "patient": patient.as_data(),
            "facility": self._facility(patient),
            "department": department,
            "provider_id": rng.choice(DEPARTMENTS[department]),
            "visit_type": visit_type,
            "booked_at": _iso(self.now - timedelta(seconds=rng.randint(0, 30))),
            "starts_at": _iso(starts),
            "duration_min": duration,
            "reminder_channel": self._weighted(REMINDER_CHANNELS),
        }
        # The outcome, decided now and sent when it happens. No-shows rise with lead time and for
        # patients without reminders (the pattern the no-show model should find).
        lead_days = max((starts - self.now).total_seconds() / 86400, 0)
        p_cancel = 0.08 + min(lead_days, 60) * 0.003
        p_no_show = 0.04 + min(lead_days, 60) * 0.003 + (0.06 if data["reminder_channel"] == "none" else 0)
        p_no_show += 0.05 if patient.group == "adult" and patient.birth_date > f"{self.now.year - 30}" else 0
        draw = rng.random()
        until_start = starts - self.now
        if draw < p_cancel and until_start > timedelta(hours=2):
            # A quarter are undone soon after booking (wrong slot, duplicate); most others come close
            # to the visit, after the reminder (log-uniform time before the start).
            minutes_left = until_start.total_seconds() / 60
            if rng.random() < 0.25:
                delay = self._minutes(5, min(minutes_left - 60, 360))
            else:
                delay = until_start - self._minutes(60, minutes_left - 1)
            self._schedule(
                delay, "AppointmentCancelled", {"appointment_id": appointment_id, "reason": rng.choice(CANCEL_REASONS)}
            )
        elif draw < p_cancel + p_no_show:
            self._schedule(
                until_start + timedelta(minutes=rng.randint(15, 40)),
                "AppointmentNoShow",
                {"appointment_id": appointment_id, "reason": rng.choice(NO_SHOW_REASONS)},
            )
        else:
            self._schedule(
                until_start + timedelta(minutes=duration + rng.randint(0, 25)),
                "AppointmentCompleted",
                {"appointment_id": appointment_id, "_visit": data},
            )
        return "AppointmentBooked", data

    def _requested(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        patient = self._patient()
        department = self._department_for(patient)
        data: dict[str, Any] = {
            "request_id": self._next_id("req"),
            "patient": patient.as_data(),
            "facility": self._facility(patient),
        }
        if rng.random() < 0.85:
            data["department"] = department
        if rng.random() < 0.8:
            data["visit_type"] = rng.choice(DEPARTMENT_VISITS[department])
        data["reason"] = rng.choice(REQUEST_REASONS[department])
        if rng.random() < 0.7:
            start = self._slot(rng.randint(1, 14)).replace(hour=13, minute=0)  # 08:00 local
            data["preferred_start"] = _iso(start)
            data["preferred_end"] = _iso(start + timedelta(days=rng.randint(1, 10), hours=9))
        data["requested_at"] = _iso(self.now - timedelta(seconds=rng.randint(0, 60)))
        return "AppointmentRequested", data

    # -- results --------------------------------------------------------------------------------
    def _lab_result(self) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        patient = self._patient(rng.choices(("child", "adult", "senior"), (8, 55, 37))[0])
        department = self._department_for(patient)
        provider = rng.choice(DEPARTMENTS[department])
        data: dict[str, Any] = {
            "result_id": self._next_id("lab"),
            "patient": patient.as_data(),
            "facility": self._facility(patient),
            "ordering_provider_id": provider,
        }
        if rng.random() < 0.1:
            code, display, normal, abnormal, abnormal_flag = rng.choice(QUALITATIVE)
            while code == "2106-3" and patient.sex == "male":  # no pregnancy test for men
                code, display, normal, abnormal, abnormal_flag = rng.choice(QUALITATIVE)
            is_abnormal = rng.random() < 0.25
            data["code"] = {"system": "http://loinc.org", "code": code, "display": display}
            data["value"] = abnormal if is_abnormal else normal
            data["abnormal_flag"] = abnormal_flag if is_abnormal else "N"
            flag = data["abnormal_flag"]
        else:
            lab = rng.choices(LABS, LAB_WEIGHTS)[0]
            while lab.code == "2857-1" and patient.sex == "female":  # no PSA for women
                lab = rng.choices(LABS, LAB_WEIGHTS)[0]
            value, flag = self._lab_value(lab)
            data["code"] = {"system": "http://loinc.org", "code": lab.code, "display": lab.display}
            data["value"] = value
            data["unit"] = lab.unit
            if lab.low is not None:
                data["reference_low"] = lab.low
            if lab.high is not None:
                data["reference_high"] = lab.high
            data["abnormal_flag"] = flag
        data["resulted_at"] = _iso(self.now - timedelta(minutes=rng.randint(0, 20)))
        if rng.random() < 0.9:
            delay = {
                "N": (120, 7200),
                "H": (60, 2880),
                "L": (60, 2880),
                "A": (30, 1440),
                "HH": (3, 45),
                "LL": (3, 45),
                "AA": (3, 45),
            }[flag]
            acknowledged_by = provider if rng.random() < 0.85 else rng.choice(ALL_PROVIDERS)
            self._schedule(
                self._minutes(*delay),
                "ResultAcknowledged",
                {"result_id": data["result_id"], "acknowledged_by": acknowledged_by},
            )
        return "LabResultFinalized", data

    def _lab_value(self, lab: Lab) -> tuple[float | str, str]:
        """Mostly normal, about a fifth high or low, a few critical."""
        rng = self.rng
        low = lab.low if lab.low is not None else lab.panel_low
        high = lab.high if lab.high is not None else lab.panel_high
        draw = rng.random()
        if draw < 0.03 and (lab.crit_low is not None or lab.crit_high is not None):
            if lab.crit_high is not None and (lab.crit_low is None or rng.random() < 0.6):
                value, flag = rng.uniform(lab.crit_high, lab.panel_high), "HH"
            else:
                value, flag = rng.uniform(lab.panel_low, lab.crit_low), "LL"  # type: ignore[arg-type]
        elif draw < 0.24:
            can_high, can_low = lab.high is not None, lab.low is not None
            if can_high and (not can_low or rng.random() < 0.65):
                top = lab.crit_high if lab.crit_high is not None else lab.panel_high
                value, flag = rng.uniform(lab.high, top), "H"  # type: ignore[arg-type]
            else:
                bottom = lab.crit_low if lab.crit_low is not None else lab.panel_low
                value, flag = rng.uniform(bottom, lab.low), "L"  # type: ignore[arg-type]
        else:
            value, flag = rng.uniform(low, high), "N"
        value = round(value, lab.decimals)
        if lab.decimals == 0:
            value = int(value)
        # Rounding can land a value on the limit: keep the flag honest.
        if flag == "H" and lab.high is not None and value <= lab.high:
            flag = "N"
        if flag == "L" and lab.low is not None and value >= lab.low:
            flag = "N"
        if lab.code == "10839-9" and flag == "N" and rng.random() < 0.5:
            return "<0.01", "N"  # troponin below the assay's limit is reported as text
        return value, flag

    # -- documentation and coding ----------------------------------------------------------------
    def _encounter_closed(self, visit: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        if visit is None:  # a walk-in or hospital-outpatient encounter with no booked appointment here
            patient = self._patient()
            department = self._department_for(patient)
            visit = {
                "patient": patient.as_data(),
                "facility": self._facility(patient),
                "department": department,
                "provider_id": rng.choice(DEPARTMENTS[department]),
                "visit_type": rng.choice(DEPARTMENT_VISITS[department]),
            }
        department = visit["department"]
        diagnoses = rng.sample(DIAGNOSES[department], k=min(len(DIAGNOSES[department]), rng.choice((1, 1, 2, 2, 3))))
        procedures: list[dict[str, Any]] = [
            {"system": "CPT", "code": rng.choice(VISIT_CPT[visit["visit_type"]]), "modifiers": []}
        ]
        if rng.random() < 0.35:
            procedures.append({"system": "CPT", "code": rng.choice(ADD_ON_CPT), "modifiers": []})
            if rng.random() < 0.5:
                procedures[0]["modifiers"].append("25")
        if visit["visit_type"] == "telehealth":
            procedures[0]["modifiers"].append(rng.choice(("95", "93")))
        flags = rng.sample(DOC_FLAGS, k=rng.choices((0, 1, 2), (65, 27, 8))[0])
        diagnoses, flags = self._coding_extras(list(diagnoses), flags)
        encounter_id = self._next_id("enc")
        data: dict[str, Any] = {
            "encounter_id": encounter_id,
            "patient": visit["patient"],
            "facility": visit["facility"],
            "department": department,
            "provider_id": visit["provider_id"],
            "closed_at": _iso(self.now),
            "duration_min": max(5, int(visit.get("duration_min") or 20) + rng.randint(-5, 15)),
            "diagnoses": [{"system": "ICD-10-CM", "code": code} for code in diagnoses],
            "procedures": procedures,
            "documentation_flags": flags,
        }
        data["duration_min"] = self._coherent_time(procedures[0]["code"], data["duration_min"])
        self._encounters.append(data)
        return "EncounterClosed", data

    def _coding_extras(self, diagnoses: list[str], flags: list[str]) -> tuple[list[str], list[str]]:
        """What gives the demo coder work: specificity flags for an unspecified code, a category
        sent instead of a code, now and then no diagnosis at all (coding.rules)."""
        crng = self.coding_rng
        for code in diagnoses:
            if code in SPECIFIC_FLAGS and crng.random() < SPECIFIC_FLAG_SHARE:
                flags = [*flags, *SPECIFIC_FLAGS[code]]
        if crng.random() < CATEGORY_ONLY_SHARE:
            diagnoses = [diagnoses[0].split(".")[0], *diagnoses[1:]]
        if crng.random() < NO_DIAGNOSIS_SHARE:
            diagnoses = []
        return diagnoses, flags

    def _coherent_time(self, code: str, minutes: int) -> int:
        """Most providers document a time that fits the E/M level they bill; a few do not."""
        if code in EM_TIME and self.coding_rng.random() < COHERENT_TIME_SHARE:
            low, high = EM_TIME[code]
            return self.coding_rng.randint(low, high)
        return minutes

    def _schedule_signature(self, kind: str, id_field: str, data: dict[str, Any], started: datetime) -> None:
        """OrderSigned / NoteSigned later: most within hours (before any threshold, so no task), some
        after days (a task that closes when signed), the rest never (a task that escalates)."""
        draw = self.coding_rng.random()
        if draw < SIGNED_SOON_SHARE:
            delay = timedelta(minutes=self.coding_rng.uniform(5, 240))
        elif draw < SIGNED_SOON_SHARE + SIGNED_LATE_SHARE:
            delay = timedelta(hours=self.coding_rng.uniform(50, 120))
        else:
            return
        due = max(started + delay, self.now + timedelta(minutes=1))
        keep = {k: data[k] for k in (id_field, "encounter_id", "patient", "facility", "author_id") if k in data}
        self._schedule(due - self.now, kind, keep)

    def _recent_encounter(self) -> dict[str, Any] | None:
        if not self._encounters or self.rng.random() < 0.2:
            return None
        recent = list(self._encounters)[-50:]
        return self.rng.choice(recent)

    def _unsigned_context(self, id_field: str, prefix: str) -> dict[str, Any]:
        """Patient, facility, author and start time of an unsigned order or note: mostly written during
        a recent encounter (so it names that encounter), else outside a visit (e.g. a phone call)."""
        data: dict[str, Any] = {id_field: self._next_id(prefix)}
        encounter = self._recent_encounter()
        if encounter is not None:
            closed = datetime.fromisoformat(encounter["closed_at"].replace("Z", "+00:00"))
            data.update(
                encounter_id=encounter["encounter_id"],
                patient=encounter["patient"],
                facility=encounter["facility"],
                author_id=encounter["provider_id"],
            )
            data["_at"] = closed - self._minutes(1, encounter["duration_min"] + 5)
        else:
            patient = self._patient()
            department = self._department_for(patient)
            data.update(
                patient=patient.as_data(),
                facility=self._facility(patient),
                author_id=self.rng.choice(DEPARTMENTS[department]),
            )
            data["_at"] = self.now - self._minutes(30, 4320)
        return data

    def _order_unsigned(self) -> tuple[str, dict[str, Any]]:
        data = self._unsigned_context("order_id", "ord")
        data["order_type"] = self._weighted(ORDER_TYPES)
        started = data.pop("_at")
        data["ordered_at"] = _iso(started)
        self._schedule_signature("OrderSigned", "order_id", data, started)
        return "OrderUnsigned", data

    def _note_unsigned(self) -> tuple[str, dict[str, Any]]:
        data = self._unsigned_context("note_id", "note")
        data["note_type"] = self._weighted(NOTE_TYPES)
        started = data.pop("_at")
        data["created_at"] = _iso(started)
        self._schedule_signature("NoteSigned", "note_id", data, started)
        return "NoteUnsigned", data

    # -- follow-ups -----------------------------------------------------------------------------
    def _render_follow_up(self, follow_up: _FollowUp) -> dict[str, Any]:
        rng, kind, data, at = self.rng, follow_up.kind, follow_up.data, _iso(self.now)
        if kind == "PatientMessageResolved":
            urgency = data["final_urgency"]
            return {
                "message_id": data["message_id"],
                "final_urgency": urgency,
                "disposition": rng.choice(DISPOSITIONS[urgency]),
                "resolved_by": data["resolved_by"],
                "resolved_at": at,
            }
        if kind == "ResultAcknowledged":
            return {"result_id": data["result_id"], "acknowledged_by": data["acknowledged_by"], "at": at}
        if kind == "AppointmentCompleted":
            if rng.random() < 0.9:  # the visit's encounter is closed (and coded) a little later
                self._schedule(self._minutes(5, 240), "EncounterClosed", {"_visit": data["_visit"]})
            return {"appointment_id": data["appointment_id"], "at": at}
        if kind in ("AppointmentCancelled", "AppointmentNoShow"):
            out = {"appointment_id": data["appointment_id"], "at": at}
            if data.get("reason"):
                out["reason"] = data["reason"]
            return out
        if kind == "EncounterClosed":
            return self._encounter_closed(data["_visit"])[1]
        if kind in ("OrderSigned", "NoteSigned"):
            signer = data.get("author_id")
            return {**{k: v for k, v in data.items() if k != "author_id"}, "at": at} | (
                {"signed_by": signer} if signer else {}
            )
        raise ValueError(f"unknown follow-up {kind}")  # pragma: no cover
