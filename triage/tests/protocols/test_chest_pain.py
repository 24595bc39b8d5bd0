import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    # anginal equivalents in older adults and people with diabetes (AHA/ACC 2021)
    (
        "74-year-old diabetic woman, 3 hours of a vague ache between the shoulder blades, clammy, mildly breathless; denies chest pain.",
        "emergency",
        "anginal_equivalent",
    ),
    ("I'm 70 and diabetic, aching in my jaw and left arm and I'm sweaty", "emergency", "anginal_equivalent"),
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
    ("68 year old with a sore shoulder after painting the ceiling, feels fine", "emergency"),
    ("I'm 66, ache in my upper back when I move, tender to touch", "emergency"),
    ("35 year old, jaw ache from grinding my teeth, a bit sweaty at the gym", "emergency"),
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
