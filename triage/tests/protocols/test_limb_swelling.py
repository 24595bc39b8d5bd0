import pytest

from triage.protocols import assess
from triage.tests.protocols.table import explain, not_by, reaches, stays_below

PROTOCOL = "limb_swelling"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # possible PE
    ("my left calf is swollen and painful and now I'm short of breath", "emergency", "possible_pe"),
    ("I have a DVT and now chest pain when I breathe in", "emergency", "possible_pe"),
    ("leg has been swollen for 2 days, today I coughed up blood", "emergency", "possible_pe"),
    # acute limb ischaemia
    ("my right leg is suddenly cold, white and numb", "emergency", "acute_limb_ischaemia"),
    ("my foot is ice cold and blue and I can't move my toes", "emergency", "acute_limb_ischaemia"),
    ("no pulse in my left foot", "emergency", "no_pulse"),
    ("78M with AF, acutely painful pale left leg, absent pedal pulses", "emergency", None),
    # DVT features, Wells risk factors: today
    ("my left calf is red, hot and swollen", "same_day", "one_leg_swollen_painful"),
    ("right calf swollen since my flight from Tokyo, it hurts", "same_day", "one_leg_swollen_painful"),
    (
        "A 34-year-old woman on the combined pill with a swollen, tender left calf; Wells score 2.",
        "same_day",
        "one_leg_swollen_painful",
    ),
    (
        "I had knee surgery 2 weeks ago and now my calf hurts and is swollen",
        "same_day",
        "calf_pain_or_swelling_with_risk",
    ),
    ("I think I have a blood clot in my leg", "same_day", "one_leg_swollen_painful"),
    ("my mom has cancer and her leg is swollen", "same_day", "calf_pain_or_swelling_with_risk"),
    ("both my legs are swollen and I get short of breath lying flat", "same_day", None),
    ("I'm 32 weeks pregnant and my feet and ankles are swollen", "same_day", "swelling_in_pregnancy"),
    # bilateral, milder
    ("my ankles have been swelling more over the past few days, pitting", "within_3_days", "both_ankles_new_or_worse"),
    ("my ankles have been mildly swollen for about a month", "within_2_weeks", "both_ankles_weeks"),
    ("my ankles are a bit swollen after a long day on my feet, goes down overnight", "self_care", "dependent_mild"),
    ("feet swollen after the long flight, both of them, no pain", "self_care", "dependent_mild"),
    ("calf cramps at night", "self_care", "night_cramps"),
]

# (text, score level): the Wells DVT score reaches this level
WELLS = [
    ("swollen left calf, tender along the calf, pitting, had a DVT before", "same_day"),
    ("whole leg is swollen and I'm on chemo", "same_day"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no calf pain or swelling", "same_day", True),
    ("had a DVT in 2019, need my refill", "same_day", True),
    ("my friend has a swollen leg", "same_day", True),
    ("what should I watch for with a blood clot?", "same_day", True),
    ("my feet are always cold in winter", "same_day", True),
    ("denies leg swelling, no calf tenderness", "same_day", True),
    ("my ankles are a bit swollen after a long day on my feet, goes down overnight", "within_3_days", False),
    ("calf cramps at night", "within_3_days", False),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    if criterion is None:
        reaches(text, level)
    else:
        reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level", WELLS)
def test_wells_score(text, level):
    hits = [h for h in assess(text).hits if h.protocol == PROTOCOL and h.kind == "score"]
    assert hits and hits[0].care_level == level, explain(text)


@pytest.mark.parametrize("text,level,silent", BELOW)
def test_stays_below(text, level, silent):
    stays_below(text, level)
    if silent:
        not_by(text, PROTOCOL)
