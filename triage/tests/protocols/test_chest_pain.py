import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    # lay wording
    ("crushing chest pain going down my left arm", "emergency", "cardiac_features"),
    ("feels like an elephant sitting on my chest", "emergency", "cardiac_features"),
    ("my husband has chest pain and hes sweating a lot", "emergency", None),
    ("I have chest pain", "emergency", "adult_chest_pain"),
    ("chest hurts and i feel like im going to throw up", "emergency", None),
    # clinical wording
    ("58M c/o substernal pressure x 40 min, diaphoretic", "emergency", "cardiac_features"),
    ("Pt reports CP radiating to jaw, onset 30 min ago.", "emergency", "cardiac_features"),
    ("A 45-year-old woman has had chest discomfort for an hour with shortness of breath.", "emergency", None),
    # chest wall
    ("my chest hurts only when i press on it, pulled a muscle at the gym", "self_care", "chest_wall_pain"),
    ("A 24-year-old has chest pain reproducible on palpation of the costochondral junction.", "self_care", None),
    # a child's chest pain without features
    ("my 8 yo says his chest hurts", "same_day", "default"),
]

BELOW = [
    ("no chest pain, just a cough", "emergency"),
    ("had chest pain last year, all fine now, need my refill", "emergency"),
    ("my coworker has chest pain, should he go in?", "emergency"),
    ("what should I do if I get chest pain on the new medication?", "emergency"),
    ("denies CP or SOB", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="chest_pain", criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "chest_pain")
