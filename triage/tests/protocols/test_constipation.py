import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by constipation at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("constipated and I haven't passed gas in 2 days", "emergency", "no_wind_passing"),
    ("constipated, vomiting and my belly is swollen", "emergency", "vomiting_swollen"),
    ("constipated for 5 days and now the pain is getting worse", "same_day", "severe_pain"),
    ("constipated for 5 days, tried miralax and nothing is working", "within_3_days", "laxatives_not_working"),
    ("constipated since starting oxycodone after my surgery", "within_3_days", "laxatives_not_working"),
    ("constipated for 4 days", "self_care", "default"),
    ("hard stools and straining, otherwise fine", "self_care", "default"),
    ("constipation on and off, and my stools are thinner than usual", "within_2_weeks", "weight_loss"),
    ("I've been constipated for 2 months", "within_2_weeks", "long_standing"),
    # typos
    ("constapated for a week, cant poop", "self_care", "default"),
    ("havent pooped in 6 days and cant even fart", "emergency", "no_wind_passing"),
    # caregivers
    ("my 2 month old is constipated", "same_day", "young_baby"),
    ("my 8 month old is constipated since starting solids", "within_3_days", "infant_constipation"),
    ("my 4 year old is constipated and there was blood on the toilet paper", "within_3_days", "child_with_blood"),
    ("my 3 yo is constipated and his legs seem weak", "same_day", "child_red_flags"),
    # clinical vignettes
    ("A 62-year-old with new constipation for 4 weeks.", "within_2_weeks", "new_change_over_50"),
    ("A 40-year-old with constipation for 3 days, passing flatus, abdomen soft.", "self_care", "default"),
    ("A 75-year-old constipated for a week, vomiting, abdominal distension.", "emergency", "vomiting_swollen"),
]

BELOW = [
    ("not constipated", "within_3_days"),
    ("was constipated years ago", "within_3_days"),
    ("my friend is constipated", "within_3_days"),
    ("what should I do if my baby gets constipated on formula", "within_3_days"),
    ("denies constipation or diarrhea", "within_3_days"),
    ("no hard stools, no straining", "within_3_days"),
]

# milder phrasing: stays below the level (constipation may fire a milder criterion)
MILDER = [
    ("constipated for 3 days, passing gas", "same_day"),
    ("a bit backed up after the flight", "within_3_days"),
    ("constipated for 2 days with mild bloating", "same_day"),
    ("constipated for 5 days, tried miralax and nothing is working", "same_day"),
    ("my 8 month old is constipated since starting solids", "same_day"),
    ("hard stools and straining, otherwise fine", "within_3_days"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="constipation", criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "constipation")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
