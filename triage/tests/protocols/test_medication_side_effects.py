import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    ("my lips are swelling, i take lisinopril", "emergency", "ace_angioedema"),
    ("Pt on ramipril with tongue swelling since this morning", "emergency", "ace_angioedema"),
    ("started a new antibiotic and now my skin is blistering and peeling", "emergency", "skin_blistering"),
    ("on eliquis and vomiting blood", "emergency", None),
    ("on clozapine and I have a sore throat and fever", "emergency", "marrow_suppression_signs"),
    ("on warfarin and my nose keeps bleeding", "same_day", "anticoagulant_bleeding"),
    ("lithium and i keep throwing up and my hands are shaky", "same_day", "lithium_toxicity"),
    ("on atorvastatin, muscles aching badly and my urine is dark brown", "same_day", "statin_muscle"),
    ("started lamotrigine and now have a rash", "same_day", "rash_on_high_risk_medicine"),
    ("on amoxicillin for 4 days and now a blotchy rash on my tummy, no blisters", "within_3_days", None),
    ("the new pills are making me nauseous", "within_3_days", "default"),
    ("side effects from my new meds, feeling dizzy", "within_3_days", None),
    ("dry cough ever since I started lisinopril", "within_2_weeks", "ace_cough"),
]

BELOW = [
    ("no side effects so far, just need a refill", "within_2_weeks"),
    ("what are the side effects of metformin?", "same_day"),
    ("my friend on warfarin has a nosebleed", "same_day"),
    ("on lisinopril, no swelling, all good", "emergency"),
    ("I stopped lithium years ago", "same_day"),
    ("on warfarin, INR in range, no bleeding or bruising", "same_day"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)


def test_a_blood_thinner_alone_is_not_bleeding():
    not_by("I take xarelto and need a refill", "medication_side_effects")
