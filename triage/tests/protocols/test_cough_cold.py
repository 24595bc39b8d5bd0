import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "cough_cold"

REACHES = [
    # emergency
    ("coughing up a lot of blood and clots", "emergency", "massive_hemoptysis"),
    ("sinus infection with swelling around my eye and double vision", "emergency", "periorbital_red_flags"),
    # same day
    ("I've been coughing up blood since this morning", "same_day", "hemoptysis"),
    ("my dad is coughing up bloody phlegm", "same_day", "hemoptysis"),
    (
        "cough and fever of 38.7 for 3 days and now it hurts in my side when I breathe in",
        "same_day",
        "fever_breathless_or_pleuritic",
    ),
    ("Productive cough, T 38.9, pleuritic pain on the right.", "same_day", "fever_breathless_or_pleuritic"),
    ("my son has a cold and now his eyelid is swollen and red", "same_day", "periorbital_swelling"),
    ("my 6 week old has a cough", "same_day", "infant_cough"),
    ("my daughter has coughing fits until she throws up", "same_day", "whooping_cough"),
    # within 3 days
    ("some streaks of blood in my phlegm with this cold", "within_3_days", "blood_streaks"),
    ("sinus pain for 2 weeks", "within_3_days", "sinus_over_10_days"),
    ("my cold was getting better but now it's worse again with face pain", "within_3_days", "double_sickening"),
    ("stuffy nose and pressure in my cheeks for 12 days", "within_3_days", "sinus_over_10_days"),
    # within 2 weeks
    ("I've had a cough for 4 weeks", "within_2_weeks", None),
    ("cough for a month that won't go away", "within_2_weeks", None),
    ("smoker, 58, persistent cough", "within_2_weeks", "cough_weeks_words"),
    # home care
    ("just a cold, runny nose and cough, breathing fine", "self_care", "simple_cold_cough"),
    ("I have a cough and runny nose", "self_care", "default"),
    ("my kid has a coff and the sniffles", "self_care", "default"),
    ("Dry cough x 5 days; no fever or SOB. Eating and drinking well.", "self_care", "simple_cold_cough"),
]

BELOW = [
    (
        "3 weeks of sneezing, clear runny nose and itchy watery eyes, as every spring",
        "within_3_days",
        "sinus_over_10_days",
    ),
    ("no cough, just sneezing", "same_day", None),
    ("had a cough last winter", "same_day", None),
    ("what if the cough turns into pneumonia", "same_day", None),
    ("my coworker is coughing up blood", "same_day", None),
    ("denies hemoptysis, cough for 2 days", "same_day", None),
    ("I need a refill of my cough syrup", "same_day", None),
    ("used to cough up blood years ago with TB, treated", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
