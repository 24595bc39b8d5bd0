import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    ("my heart is racing and i have chest pain", "emergency", None),
    ("palpitations and I fainted at work", "emergency", None),
    ("heart pounding, pulse 172 at rest", "emergency", None),
    (
        "A 73-year-old man has 5 days of palpitations. Exam: irregularly irregular pulse, rate 104.",
        "same_day",
        "new_irregular_or_sustained",
    ),
    ("my apple watch says I might have afib, heart feels fluttery", "same_day", None),
    ("ECG: irregular rhythm without visible P waves", "same_day", "new_irregular_or_sustained"),
    ("heart racing for 2 hours and won't slow down, no chest pain", "same_day", None),
    ("I get skipped beats now and then, otherwise fine", "within_2_weeks", "brief_ectopics"),
    ("occasional flutters in my chest for a second, no other symptoms", "within_2_weeks", None),
    ("palpitations after too much coffee", "within_3_days", "default"),
    ("pt c/o palpitations x 3 days", "within_3_days", None),
    ("heart fluttering when I lie down at night", "within_3_days", None),
]

BELOW = [
    ("no palpitations, no chest pain", "within_3_days"),
    ("had palpitations years ago, all fine", "within_3_days"),
    ("my friend has afib", "same_day"),
    ("what should I do if my heart starts racing?", "within_3_days"),
    ("known AF on apixaban, rate controlled, need a refill", "same_day"),
    ("my heart rate is normal, 72", "within_3_days"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)


def test_a_known_rate_controlled_af_is_not_a_new_one():
    not_by("known AF, rate controlled, feeling well", "palpitations", "new_irregular_or_sustained")
