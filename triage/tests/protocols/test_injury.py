import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "injury"

REACHES = [
    # head injury, NICE NG232
    ("my son hit his head on the playground and has vomited twice since", "emergency", "head_injury_with_symptoms"),
    ("I fell and hit my head, I'm on Eliquis", "emergency", None),
    ("My 78 year old father slipped and bumped his head on the counter", "emergency", "head_injury_older_adult"),
    ("pt sustained head injury with LOC and amnesia for the event, GCS 14", "emergency", "head_injury_with_symptoms"),
    (
        "she banged her head and was knocked out for a minute, now she keeps asking the same questions",
        "emergency",
        None,
    ),
    ("A 40-year-old fell from a ladder about 10 feet and hit his head", "emergency", "dangerous_mechanism"),
    ("my daughter was hit by a car on her bike, says her hip hurts", "emergency", "dangerous_mechanism"),
    ("hit my head on a cabinet and theres clear fluid dripping from my nose", "emergency", "head_injury_with_symptoms"),
    # fractures, deformity, neck
    ("fell off my bike, my wrist looks bent and deformed", "emergency", "deformity"),
    ("the bone is sticking out of his leg", "emergency", "open_fracture"),
    ("I think I dislocated my shoulder playing rugby", "emergency", "deformity"),
    ("hurt my neck in a car accident and now my arm is numb and tingling", "emergency", "neck_injury_neuro"),
    ("my 85 yo mom fell and can't get up, her hip hurts", "emergency", "fall_older_cant_get_up"),
    # same day
    ("I twisted my ankle and can't put any weight on it", "same_day", "cannot_bear_weight"),
    ("rolled my ankle playing soccer, it's tender over the ankle bone", "same_day", "bony_tenderness"),
    (
        "A 25-year-old inverted her ankle; bony tenderness at the base of the 5th metatarsal.",
        "same_day",
        "bony_tenderness",
    ),
    ("I think I broke my toe", "same_day", "bony_tenderness"),
    ("fell on my outstretched hand, heard a crack, wrist is really swollen", "same_day", "bony_tenderness"),
    ("jammed my finger and now it's crooked", "same_day", "finger_toe_deformity"),
    ("got rear ended yesterday and my neck is sore and stiff", "same_day", "neck_injury"),
    ("my 9 month old rolled off the bed and hit her head, seems ok", "same_day", "head_injury_infant"),
    # within 3 days
    ("twisted my knee 2 weeks ago and it still hurts", "within_3_days", None),
    # home care
    ("my toddler bumped his head on the table, small bump, acting totally normal", "self_care", "minor_head_bump"),
    ("sprained my ankle yesterday but I can walk on it fine", "self_care", "sprain_walking"),
    ("pulled a muscle in my calf, walking ok", "self_care", "sprain_walking"),
    ("bruised my shin on the coffee table", "self_care", "default"),
]

BELOW = [
    ("his wrist is not bent or deformed", "emergency", None),
    ("hit my head last year and had a concussion, need a note for work", "emergency", None),
    ("what should i do if my kid hits his head", "same_day", None),
    ("my friend fell and hit her head", "same_day", None),
    ("no head injury, just bruised my knee", "same_day", None),
    (
        "hit my head yesterday, no vomiting, no loss of consciousness, feel fine",
        "same_day",
        "head_injury_with_symptoms",
    ),
    ("my dad broke his hip in 2019, need his refill", "same_day", None),
    ("sprained ankle 3 years ago, wants physio referral", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
