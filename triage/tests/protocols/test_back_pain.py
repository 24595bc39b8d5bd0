import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by back_pain at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("back pain and I can't feel the toilet paper when I wipe", "emergency", "saddle_numbness"),
    ("my back is killing me and my groin and bottom feel numb", "emergency", "saddle_area_numb"),
    ("back pain and I wet myself this morning without realising", "emergency", "bladder_bowel_change"),
    ("sciatica down both legs since yesterday", "emergency", "bilateral_sciatica"),
    ("my legs are getting weaker and my back is killing me", "emergency", "progressive_weakness"),
    ("back pain with a fever of 101", "same_day", "back_pain_fever"),
    ("I have a history of breast cancer and now new back pain", "same_day", "back_pain_cancer"),
    ("back pain, IV drug user", "same_day", "back_pain_ivdu"),
    ("I've had back pain for 2 months", "within_2_weeks", "back_pain_6_weeks"),
    ("threw my back out, can barely walk", "within_3_days", "uncontrolled_pain"),
    ("my lower back hurts after lifting boxes yesterday", "self_care", "mechanical_back_pain"),
    ("lower back pain that wakes me up at night and I've lost weight", "within_2_weeks", "night_pain_weight_loss"),
    # typos and abbreviations
    ("bak pain and cant control my bladder", "emergency", "bladder_bowel_change"),
    ("LBP x 3 days after gardening", "self_care", "mechanical_back_pain"),
    # caregivers
    ("my mom is 82, she fell yesterday and now has back pain", "same_day", "trauma_older"),
    ("my husband hurt his back at work, it's sore but he's moving around", "self_care", "mechanical_back_pain"),
    # clinical vignettes
    ("A 45-year-old with low back pain, saddle anaesthesia and urinary retention.", "emergency", "saddle_numbness"),
    ("A 50-year-old with back pain and new foot drop on the left.", "emergency", "progressive_weakness"),
    ("PMH: metastatic breast cancer. c/o new thoracic back pain", "same_day", "back_pain_cancer"),
    ("A 38-year-old with acute low back pain for 5 days, no red flags, neuro intact.", "self_care", "default"),
    ("Low back pain x 8 weeks, not improving with physio", "within_2_weeks", "back_pain_6_weeks"),
    ("A 60-year-old on long-term prednisone with back pain after a minor fall.", "same_day", None),
]

# reached at this level, possibly decided by a neighbouring protocol
ALSO_REACHES = [
    ("sudden tearing pain in my back", "emergency"),
]

BELOW = [
    ("no back pain", "same_day"),
    ("had back pain years ago, fine now", "within_2_weeks"),
    ("my coworker has sciatica", "within_3_days"),
    ("what should I do if my back pain comes back", "within_3_days"),
    ("back is fine, denies saddle numbness or incontinence", "emergency"),
    ("I'll call back about my pain meds", "within_3_days"),
]

# milder phrasing: stays below the level (back_pain may fire a milder criterion)
MILDER = [
    (
        "4 days of low back pain after moving furniture; no saddle numbness, no leg weakness, fever, weight loss, history of cancer, immunosuppression or IV drug use",
        "same_day",
    ),
    ("back pain, denies IV drug use, no history of cancer", "same_day"),
    ("my mom died of cancer and I have back pain", "same_day"),
    ("pulled my back lifting, sore but walking ok", "within_3_days"),
    ("back pain for 3 days", "within_3_days"),
    ("back pain and numbness down my right leg", "emergency"),
    ("I've had back pain for 2 months", "within_3_days"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="back_pain", criterion=criterion)


@pytest.mark.parametrize("text,level", ALSO_REACHES)
def test_also_reaches(text, level):
    reaches(text, level)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "back_pain")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
