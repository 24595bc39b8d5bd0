import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "stroke"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # BE-FAST, lay wording and caregivers
    ("my husband's face is drooping on one side and his speech is slurred", "emergency", "befast_sign"),
    ("her words are jumbled and she can't lift her right arm", "emergency", "befast_sign"),
    ("my arm feels heavy and numb on the left side", "emergency", "befast_sign"),
    ("dad's talking gibberish all of a sudden", "emergency", "befast_sign"),
    ("I suddenly lost my balance and can't walk straight", "emergency", "befast_sign"),
    ("sudden double vision and dizzy", "emergency", "befast_balance_eyes_arm"),
    ("vision in my left eye went black for a few minutes then came back", "emergency", "befast_balance_eyes_arm"),
    # a TIA that resolved is still an emergency
    (
        "Mom's left arm went weak for 15 minutes this morning, now it's back to normal",
        "emergency",
        "befast_balance_eyes_arm",
    ),
    ("his face drooped for a few minutes but it's gone now", "emergency", "befast_sign"),
    ("I think I had a mini stroke yesterday, fine now", "emergency", "befast_sign"),
    # clinical wording
    (
        "72M with sudden onset right-sided weakness and expressive aphasia, LKW 0930",
        "emergency",
        "befast_balance_eyes_arm",
    ),
    (
        "A 66-year-old woman had 20 minutes of slurred speech and left facial droop that resolved; BP 168/94.",
        "emergency",
        "befast_sign",
    ),
    ("pt is FAST positive", "emergency", "befast_balance_eyes_arm"),
    ("sudden numbness in my face", "emergency", None),
    # confusion
    ("my dad suddenly seems confused and doesn't know where he is", "emergency", "befast_sign"),
    ("grandma is confused today and not herself", "emergency", "new_confusion"),
    ("grandpa is acting strange today, not himself", "same_day", "behaviour_change"),
    # lower levels
    ("my left hand has been numb since yesterday", "same_day", "limb_or_face_numbness"),
    ("tingling in my fingers at night, carpal tunnel?", "within_2_weeks", "tingling_hands_feet"),
    ("pins and needles in both feet for a few weeks", "within_2_weeks", "tingling_hands_feet"),
    ("my mom is getting more forgetful over the past year", "within_2_weeks", "gradual_memory"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("got a tingly blister on my lip, pretty sure its a cold sore", "within_2_weeks", True),
    ("no facial droop, no slurred speech, no weakness", "same_day", True),
    ("denies focal neuro deficits", "same_day", True),
    ("had a stroke in 2019, need refill of my meds", "same_day", True),
    ("my friend had a stroke", "same_day", True),
    ("what are the signs of a stroke?", "same_day", True),
    ("I'm confused about my bill", "same_day", True),
    ("after my stroke I still get tired", "same_day", True),
    ("worried about stroke risk with my blood pressure", "same_day", True),
    ("tingling in my fingers at night, carpal tunnel?", "same_day", False),
    ("my mom is getting more forgetful over the past year", "same_day", False),
    ("my left hand has been numb since yesterday", "emergency", False),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    if criterion is None:
        reaches(text, level)
    else:
        reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,silent", BELOW)
def test_stays_below(text, level, silent):
    stays_below(text, level)
    if silent:
        not_by(text, PROTOCOL)
