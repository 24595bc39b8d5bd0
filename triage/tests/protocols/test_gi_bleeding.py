import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by gi_bleeding at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("vomiting blood", "emergency", "vomiting_blood"),
    ("my stools are black and tarry", "emergency", "melaena"),
    ("passing clots of blood from my bottom, the toilet is full of blood", "emergency", "heavy_rectal_bleeding"),
    ("blood in my stool and I feel dizzy and lightheaded", "emergency", "bleeding_with_shock"),
    ("blood in my poop", "same_day", "default"),
    (
        "small streaks of bright red blood on the toilet paper after passing a hard stool",
        "self_care",
        "minor_outlet_bleeding",
    ),
    ("black poop but I'm taking iron tablets", "self_care", "black_from_iron"),
    # typos and abbreviations
    ("pooping blood, feel like im gonna faint", "emergency", "bleeding_with_shock"),
    ("blood in my stoll and the poop is black like tar", "emergency", "melaena"),
    ("BRBPR this am", "same_day", "default"),
    # caregivers
    ("my baby has blood in her diaper", "same_day", "default"),
    ("my dad is 81 and on eliquis, there is blood in his stool", "same_day", None),
    # clinical vignettes
    ("62M with hematochezia, HR 118, BP 92/60", "emergency", "bleeding_abnormal_vitals"),
    ("A 70-year-old with melaena for 2 days and dizziness on standing.", "emergency", None),
    (
        "A 58-year-old with rectal bleeding and a change in bowel habit to looser stools for 6 weeks.",
        "within_2_weeks",
        "bleeding_bowel_change_over_50",
    ),
    (
        "A 28-year-old with bright red blood on the paper, known haemorrhoids, hard stools.",
        "self_care",
        "minor_outlet_bleeding",
    ),
    (
        "A 60-year-old with small streaks of bright red blood on the toilet paper.",
        "within_2_weeks",
        "minor_outlet_bleeding_over_50",
    ),
    ("Blood in the stool on and off for 4 weeks, no other symptoms", "within_2_weeks", "bleeding_3_weeks"),
]

# reached at this level, possibly decided by a neighbouring protocol
ALSO_REACHES = [
    ("I'm on warfarin and there is blood in my stool", "same_day"),
    ("throwing up blood and coffee grounds", "emergency"),
]

BELOW = [
    ("no blood in stool", "same_day"),
    ("had rectal bleeding in 2019, need a colonoscopy referral", "same_day"),
    ("my coworker is vomiting blood", "emergency"),
    ("what if I see blood in my stool after the colonoscopy", "same_day"),
    ("denies melena or hematochezia", "same_day"),
    ("no black or tarry stools, no blood", "same_day"),
]

# milder phrasing: stays below the level (gi_bleeding may fire a milder criterion)
MILDER = [
    ("tiny bit of blood on the tissue when I wipe, I have piles", "same_day"),
    ("black stools since starting iron tablets, feel fine", "same_day"),
    ("A 60-year-old with small streaks of bright red blood on the toilet paper.", "same_day"),
    ("blood in my poop", "emergency"),
    ("a little blood when I wipe after a hard poo", "within_2_weeks"),
    ("spot of red blood on the paper with constipation", "same_day"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="gi_bleeding", criterion=criterion)


@pytest.mark.parametrize("text,level", ALSO_REACHES)
def test_also_reaches(text, level):
    reaches(text, level)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "gi_bleeding")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
