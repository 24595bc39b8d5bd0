import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    ("O2 is 88 on my finger thing", "emergency", None),
    ("my pulse ox says 90%", "emergency", None),
    ("HR 136, BP 84/50, RR 28", "emergency", "news2_high"),
    ("A 50-year-old with BP 82/48 and otherwise well", "emergency", "news2_red_parameter"),
    ("resp rate 30", "emergency", "news2_red_parameter"),
    ("my bp is 190/125 and i have a headache", "emergency", "hypertensive_emergency"),
    ("BP 210/130 and blurry vision", "emergency", "hypertensive_emergency"),
    ("bp 185/110 no symptoms, just checked at the pharmacy", "same_day", "severe_hypertension"),
    ("A 60-year-old: RR 22, SpO2 95%, HR 104, T 38.3", "same_day", "news2_medium"),
    ("my blood pressure was 165/102 at home this week", "within_2_weeks", "stage2_hypertension"),
    ("sats 89% on room air", "emergency", None),
    ("pulse 38 and I feel faint", "emergency", None),
]

BELOW = [
    ("BP 124/80, HR 72, SpO2 98%, feeling fine", "same_day"),
    ("my bp is usually 120/80", "within_2_weeks"),
    ("I was at 38 weeks when I delivered", "same_day"),
    ("room 88 at the clinic", "same_day"),
    ("oxygen 97 percent", "same_day"),
    ("my 5 year old has a pulse of 110", "same_day"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)


def test_on_home_oxygen_a_low_saturation_is_scored_not_flagged_alone():
    not_by("on 2L home oxygen, sats 91", "vital_signs", "low_oxygen")
