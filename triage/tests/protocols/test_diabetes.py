import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "diabetes"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # severe hypo
    ("my husband's sugar is 38 and he's confused and not making sense", "emergency", "severe_hypo_symptoms"),
    ("blood sugar 2.5 mmol and she can't swallow", "emergency", "severe_hypo_symptoms"),
    ("had to give my son glucagon, he's awake now", "emergency", "glucagon_given"),
    ("sugar was 50, had juice twice and it's still not coming up", "emergency", "hypo_not_recovering"),
    ("Pt is a 70M with T2DM, FSBS 42, diaphoretic, GCS 13.", "emergency", "severe_hypo_symptoms"),
    # DKA / HHS
    ("sugar 350 and I've been throwing up all morning", "emergency", "dka_signs"),
    ("my daughter's blood sugar is 22 mmol/L and her breath smells fruity", "emergency", "dka_signs"),
    ("blood ketones 3.4", "emergency", "ketones_3_or_more"),
    ("ketones 1.8 and vomiting", "emergency", "ketones_with_symptoms"),
    ("large ketones and sugar 320", "emergency", "ketones_with_symptoms"),
    ("my meter just says HI", "emergency", "hhs_or_meter_hi"),
    (
        "A 17-year-old with type 1 diabetes, glucose 28 mmol/L, ketones 4.2, vomiting and abdominal pain.",
        "emergency",
        "dka_signs",
    ),
    ("I think my son is in DKA", "emergency", "dka_named"),
    # today
    ("my sugar is 45 right now", "same_day", "hypo_treated"),
    ("I had a hypo last night, sugar went to 55, had juice and it came back up to 110", "same_day", "hypo_treated"),
    ("BG 62 this morning, treated, feeling fine now", "same_day", "hypo_treated"),
    ("my blood sugar is 450", "same_day", "very_high"),
    ("sugar 310 no symptoms", "same_day", "very_high"),
    ("my insulin pump stopped working", "same_day", "no_insulin_or_pump_failure"),
    ("ran out of my insulin", "same_day", "no_insulin_or_pump_failure"),
    ("I'm diabetic and have been vomiting since last night", "same_day", None),
    ("my 6 year old is drinking loads and wetting the bed again", "same_day", "possible_new_type1_child"),
    # later
    ("blood sugar has been running around 250 for the past few days", "within_3_days", "running_high"),
    ("my sugars have been high all week, 200s", "within_3_days", "running_high"),
    ("I've been really thirsty and peeing a lot", "within_3_days", None),
    ("my A1c came back 8.2", "within_2_weeks", "routine_review"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("blood sugar 110 this morning", "within_3_days", True),
    ("no low blood sugars this week", "within_3_days", True),
    ("had a hypo 3 years ago", "within_3_days", True),
    ("what should I do if my sugar goes low?", "within_3_days", True),
    ("my friend's sugar is low", "within_3_days", True),
    ("my blood pressure monitor says 145/90", "within_3_days", True),
    ("took 10 units of insulin, sugar 140", "within_3_days", True),
    ("ketones negative, sugar 190", "same_day", False),
    ("my A1c came back 8.2", "within_3_days", False),
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
