import pytest

from triage.protocols import assess
from triage.tests.protocols.table import explain, not_by, reaches, stays_below

PROTOCOL = "allergic_reaction"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # airway
    ("my throat is closing after eating shrimp", "emergency", "airway"),
    ("my son's tongue is swelling after he ate peanuts", "emergency", "tongue_or_throat_swelling"),
    ("Pt on lisinopril with lip swelling since this morning", "emergency", None),
    ("my voice sounds hoarse and I have hives after the antibiotic", "emergency", "airway_voice_or_swallowing"),
    ("stung by a wasp, now it's hard to swallow", "emergency", None),
    ("Lip angioedema after cashews; voice is muffled.", "emergency", None),
    ("I think I'm having anaphalaxis", "emergency", "airway"),
    ("my lips are swelling up, I think I'm having an allergic reaction", "emergency", "lip_or_face_swelling"),
    # breathing, circulation, adrenaline, skin + gut
    ("I got stung by a bee and now I'm wheezing", "emergency", None),
    (
        "A 9-year-old with known peanut allergy has urticaria, wheeze and SpO2 93% after eating a cookie.",
        "emergency",
        "breathing_after_exposure",
    ),
    ("hives all over and I feel faint", "emergency", "circulation_after_exposure"),
    ("I used my epipen and I feel better now", "emergency", "adrenaline_used"),
    ("gave him his epi pen 10 min ago", "emergency", "adrenaline_used"),
    ("my daughter has hives and keeps vomiting after eating cashews", "emergency", "skin_with_gi_after_allergen"),
    ("blistering skin and sores in my mouth since starting lamotrigine", "emergency", None),
    # widespread hives, no airway or breathing problem: today
    ("I'm covered in hives, no trouble breathing", "same_day", "widespread_hives"),
    ("my eyes are swollen shut from an allergic reaction", "same_day", "widespread_hives"),
    ("hives all over my body since this morning, no swelling of my lips", "same_day", "widespread_hives"),
    ("I'm having an allergic reaction", "same_day", "default"),
    # local and mild: self-care
    ("mosquito bite on my leg is swollen and itchy", "self_care", None),
    ("a few hives on my arm, itchy", "self_care", "mild_hives"),
    ("my hay fever is bad, sneezing and itchy eyes", "self_care", "hay_fever"),
]

# (text, criterion): this protocol's criterion fires (another protocol may decide the level)
FIRES = [
    ("I have a rash since starting amoxicillin 3 days ago, no swelling", "rash_after_new_medicine"),
    ("mosquito bite on my leg is swollen and itchy", "local_bite_reaction"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no swelling of lips or tongue, no trouble breathing", "same_day", True),
    ("allergic to penicillin, need a refill of my inhaler", "same_day", True),
    ("my friend had an allergic reaction", "same_day", True),
    ("what should I do if my son has an allergic reaction?", "same_day", True),
    ("I had anaphylaxis to peanuts as a child", "same_day", True),
    ("denies throat tightness, tongue swelling or wheeze", "same_day", True),
    ("my lip is swollen after the dentist", "emergency", False),
    # a hoarse voice or a painful swallow with a cold is no airway sign
    ("sore throat for 2 days with a runny nose, hoarse voice and cough; no drooling or rash", "emergency", True),
    ("my voice has gone hoarse since the cold started, no hives", "emergency", True),
    ("hurts to swallow, tonsils red, no allergic reaction", "emergency", True),
    ("a few hives on my arm, itchy", "same_day", False),
    ("my hay fever is bad, sneezing and itchy eyes", "same_day", False),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    if criterion is None:
        reaches(text, level)
    else:
        reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,criterion", FIRES)
def test_fires(text, criterion):
    assert any(h.protocol == PROTOCOL and h.criterion == criterion for h in assess(text).hits), explain(text)


@pytest.mark.parametrize("text,level,silent", BELOW)
def test_stays_below(text, level, silent):
    stays_below(text, level)
    if silent:
        not_by(text, PROTOCOL)
