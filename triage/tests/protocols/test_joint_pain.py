import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

REACHES = [
    ("woke up with my big toe red hot and swollen, cant even put a sheet on it", "same_day", None),  # or cellulitis
    (
        "A 49-year-old man woke with severe pain, redness and swelling of his right big toe joint.",
        "within_3_days",
        None,
    ),
    ("gout flare again in my ankle", "within_3_days", None),
    ("my knee is hot and swollen and i have a fever of 101", "same_day", "hot_joint_fever"),
    ("A 70-year-old with a hip replacement has a warm swollen hip.", "same_day", "hot_joint_at_risk"),
    ("A 62-year-old has a hot swollen knee, temp 39.2, HR 136 and new confusion.", "emergency", None),
    (
        "both hands swollen and stiff every morning, morning stiffness over an hour",
        "within_2_weeks",
        "inflammatory_pattern",
    ),
    ("my knees ache when i walk, has been months", "within_2_weeks", "default"),
    ("joint pain in my fingers", "within_2_weeks", "default"),
    ("sore muscles all over after my first crossfit class", "self_care", "exercise_soreness"),
    ("thighs achy, muscles sore after the hike yesterday", "self_care", "exercise_soreness"),
    ("Pt c/o knee effusion, warm, afebrile", "within_3_days", None),
]

BELOW = [
    ("no joint pain, just tired", "within_2_weeks"),
    ("my coworker has gout", "within_3_days"),
    ("had gout years ago, need a refill of allopurinol", "within_3_days"),
    ("muscles sore after the gym, pee is normal", "within_2_weeks"),
    ("what should I do if my knee swells after the surgery?", "within_3_days"),
    ("knee is not swollen or red, just a little stiff", "within_3_days"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)


def test_dark_urine_after_exercise_is_not_simple_soreness():
    not_by("muscles really sore after the workout and my pee is dark brown", "joint_pain", "exercise_soreness")
