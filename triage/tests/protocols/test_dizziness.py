import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "dizziness"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # faints: an emergency unless an uncomplicated faint with a clear trigger
    ("I fainted", "emergency", "faint_unexplained"),
    ("I fainted this morning but I feel fine now", "emergency", "faint_unexplained"),
    ("my wife passed out while jogging", "emergency", "faint_red_flags"),
    ("passed out and my heart was racing before", "emergency", "faint_red_flags"),
    ("I blacked out without any warning while sitting down", "emergency", "faint_red_flags"),
    ("My 78 year old mother fainted in the kitchen", "emergency", "faint_risk_group"),
    ("he is unresponsive", "emergency", "still_unresponsive"),
    ("fainted when they took my blood, felt fine after a few minutes", "same_day", "uncomplicated_faint"),
    ("my daughter fainted standing in the heat at assembly, she's fine now", "same_day", "uncomplicated_faint"),
    # NICE CG109: a few jerks during a faint with a clear trigger and warning is still uncomplicated
    (
        "Fainted during venepuncture after feeling hot and nauseated; a few brief jerks of the arms, alert within a minute.",
        "same_day",
        "uncomplicated_faint",
    ),
    ("he passed out out of nowhere and was jerking his arms", "emergency", "faint_red_flags"),
    # dizziness with red flags
    ("dizzy and can't walk straight, seeing double", "emergency", "dizzy_neuro_signs"),
    (
        "A 64-year-old with acute vertigo, inability to stand unaided and direction-changing nystagmus.",
        "emergency",
        "dizzy_neuro_signs",
    ),
    ("lightheaded with palpitations", "emergency", "dizzy_cardiac"),
    ("dizzy, BP 84/50", "emergency", "dizzy_low_bp"),
    ("dizzy and my poop is black", "emergency", None),
    # today / 3 days / 2 weeks
    ("room spinning and I suddenly can't hear out of my left ear", "same_day", "vertigo_hearing_loss"),
    ("vertigo and I can't stop throwing up", "same_day", "vertigo_persistent_vomiting"),
    ("I almost fainted", "within_3_days", "near_faint"),
    ("felt like I was going to pass out", "within_3_days", "near_faint"),
    ("the room is spinning when I roll over in bed", "within_3_days", "new_vertigo"),
    ("vertigo with ringing in my ear", "within_3_days", None),
    ("dizzy since starting my new blood pressure pills", "within_3_days", "dizzy_on_new_medication"),
    ("I feel dizzy", "within_3_days", "default"),
    ("dizzy spells on and off for weeks", "within_2_weeks", "recurrent_dizziness"),
    # self-care
    ("I get a head rush when I stand up too quickly, passes in seconds", "self_care", "brief_on_standing"),
    ("a little dizzy on a hot day, hadn't drunk enough", "self_care", "mild_passing_dizziness"),
    ("my BPPV is back, doing the Epley", "self_care", "known_bppv"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no dizziness", "within_3_days", True),
    ("denies syncope or presyncope", "within_3_days", True),
    ("I fainted 5 years ago", "within_3_days", True),
    ("my friend fainted at work", "within_3_days", True),
    ("what should i do if i feel faint?", "within_3_days", True),
    ("I almost fainted", "emergency", False),
    ("felt like I was going to pass out", "same_day", False),
    ("I get a head rush when I stand up too quickly, passes in seconds", "within_3_days", False),
    ("my BPPV is back, doing the Epley", "within_3_days", False),
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
