import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "headache"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    (
        "headache worse at home in the evenings, we just turned the old gas heater on",
        "emergency",
        "carbon_monoxide_pattern",
    ),
    ("we turned the gas boiler on and the kids have headaches too, and the dog is lethargic", "emergency", None),
    ("me, my husband and the kids have all had headaches and feel sick for 3 days", "emergency", "carbon_monoxide"),
    # thunderclap
    ("worst headache of my life, came on suddenly an hour ago", "emergency", "thunderclap"),
    ("felt like I was hit on the back of the head with a bat", "emergency", "thunderclap"),
    ("sudden severe headache while lifting weights", "emergency", "thunderclap"),
    ("headache came on all at once, like a thunderclap", "emergency", "thunderclap"),
    ("my head is killing me, excruciating, it started suddenly", "emergency", "sudden_severe"),
    # fever with neck stiffness or rash, neurological signs, head injury
    ("my son has a headache, fever and a stiff neck", "emergency", None),
    ("headache, temp 39.2 and a rash that doesn't fade with a glass", "emergency", "fever_neck_or_rash"),
    ("headache and my left arm feels weak and numb", "emergency", "neuro_deficit"),
    ("bad hedache and now she's confused", "emergency", "neuro_deficit"),
    ("bumped my head yesterday and now I have a headache", "emergency", "after_head_injury"),
    # pregnancy / BP / eye / CO
    ("I'm 34 weeks pregnant with a headache and my BP is 152/98", "emergency", "pregnancy_pre_eclampsia"),
    ("34 weeks pregnant, bad headache and seeing spots", "emergency", None),
    ("I had my baby 5 days ago, headache and my face and hands are suddenly swollen", "emergency", None),
    ("headache and my blood pressure is 190/115", "emergency", "hypertensive"),
    ("headache with a red painful eye and halos around lights", "emergency", "acute_glaucoma"),
    ("the whole family has headaches and the CO alarm keeps beeping", "emergency", "carbon_monoxide"),
    # clinical wording
    ("45F with sudden-onset occipital headache, maximal at onset, photophobia; BP 150/90.", "emergency", "thunderclap"),
    # today
    ("headache getting worse every day and I've been vomiting", "same_day", "worsening_with_vomiting"),
    ("headache with a fever of 38.5", "same_day", "with_fever"),
    ("I'm 10 weeks pregnant and have a headache", "same_day", "pregnancy_postpartum"),
    ("I'm 72 and have a new headache, my jaw hurts when I chew", "same_day", "giant_cell_arteritis"),
    (
        "A 71-year-old woman with new temporal headache and scalp tenderness when brushing her hair.",
        "same_day",
        "giant_cell_arteritis",
    ),
    ("headache came on suddenly", "same_day", "sudden_onset"),
    ("I get a headache every time I cough", "same_day", "triggered_by_exertion"),
    # later
    ("I have a headache for 4 days now", "within_3_days", "long_headache"),
    ("my headaches have been getting worse over the past month", "within_2_weeks", "progressive_weeks"),
    ("I've been taking excedrin every day for my headaches", "within_2_weeks", "medication_overuse"),
    # self-care
    ("my usual migraine, took my sumatriptan", "self_care", "typical_headache"),
    ("tension headache from stress at work", "self_care", "typical_headache"),
    ("mild headache", "self_care", "typical_headache"),
    ("I have a headache", "self_care", "default"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no headache", "self_care", True),
    ("had the worst headache of my life years ago, fine now", "self_care", True),
    ("my friend has a headache and a stiff neck", "self_care", True),
    ("I have a headache, it gets better when I go out for a walk", "emergency", False),
    ("what if I get a headache after the vaccine", "self_care", True),
    ("denies headache, vision changes", "self_care", True),
    ("hx of migraines, need a refill of my sumatriptan", "self_care", True),
    ("my usual migraine, took my sumatriptan", "within_3_days", False),
    ("tension headache from stress at work", "within_3_days", False),
    ("I have a headache", "within_3_days", False),
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
