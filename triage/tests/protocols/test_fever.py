import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    (
        "52-year-old on adjuvant docetaxel and cyclophosphamide, last cycle 9 days ago; temperature 38.2, feels fine",
        "emergency",
        "fever_reading_immunosuppressed",
    ),
    ("I have a fever of 101 and body aches", "self_care", "fever_reading"),
    ("running a temp of 38.4 since last night, otherwise ok", "self_care", None),
    ("temp 39.8 and shaking chills", "same_day", "fever_rigors"),
    ("fever 104 F since this morning", "same_day", "high_fever"),
    ("fever for 6 days now", "within_3_days", "fever_five_days"),
    ("on chemo and my temp is 38.2", "emergency", "fever_reading_immunosuppressed"),
    ("I had a kidney transplant and now I have a fever", "emergency", "fever_immunosuppressed"),
    ("my mom has a fever and is confused, not making sense", "emergency", None),
    ("fever with a stiff neck and the light hurts my eyes", "emergency", "fever_meningism"),
    ("high temp and a rash that doesn't fade under a glass", "emergency", None),
    ("A 68-year-old man with fever 38.9 C, HR 124, RR 26 and new confusion.", "emergency", "fever_high_risk_vitals"),
    ("A 45-year-old woman, T 38.6, HR 104, RR 20, BP 118/76, feels unwell.", "same_day", "fever_moderate_risk"),
    ("doctor said I might have sepsis", "emergency", "sepsis_named"),
    ("fever since my surgery last week, the incision is red", "same_day", None),
]

BELOW = [
    ("no fever, just tired", "self_care"),
    ("had a fever last week, all better now", "same_day"),
    ("my coworker has a fever", "self_care"),
    ("what should I give if I get a fever after the vaccine?", "same_day"),
    ("temp 98.6, need a refill", "self_care"),
    ("I finished chemo years ago and have a mild fever", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)


def test_the_septic_shock_tank_is_not_sepsis():
    not_by("the septic tank guy is coming tuesday", "fever")
