import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "poisoning_overdose"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # deliberate
    ("I took a whole bottle of tylenol on purpose", "emergency", "deliberate_overdose"),
    ("she took 20 tablets to end it", "emergency", "deliberate_overdose"),
    (
        "A 16-year-old took an intentional overdose of sertraline 3 hours ago; alert, HR 112.",
        "emergency",
        "deliberate_overdose",
    ),
    # paracetamol thresholds, staggered
    ("I took 10 extra strength tylenol today", "emergency", "paracetamol_over_limit"),
    ("took 6 grams of acetaminophen yesterday", "emergency", "paracetamol_over_limit"),
    ("Patient ingested approximately 8 g of paracetamol 4 hours ago.", "emergency", "paracetamol_over_limit"),
    (
        "I've been taking more than the max dose of tylenol for 3 days for my toothache",
        "emergency",
        "staggered_overdose",
    ),
    # overdose in general, with symptoms
    ("I overdosed on my sleeping pills", "emergency", "overdose"),
    ("took too many of my pain pills and now I'm really drowsy", "emergency", "overdose_with_symptoms"),
    # children, batteries, caustics
    ("my 2 year old swallowed some of grandma's pills", "emergency", "child_swallowed_medicine"),
    ("my toddler got into the medicine cabinet", "emergency", "child_swallowed_medicine"),
    ("my son swallowed a button battery", "emergency", "caustic_battery_magnet"),
    ("my daughter drank some bleach", "emergency", "caustic_battery_magnet"),
    ("he ate a laundry pod", "emergency", "caustic_battery_magnet"),
    # high-risk medicine taken twice
    ("accidentally took my insulin twice", "emergency", "high_risk_extra_dose"),
    ("I took my oxycodone twice by mistake", "emergency", "high_risk_extra_dose"),
    # an extra dose of an everyday medicine: today (Poison Help)
    ("I accidentally took an extra dose of my lisinopril", "same_day", "extra_dose_by_mistake"),
    ("I took my morning meds twice by mistake", "same_day", "extra_dose_by_mistake"),
    ("gave my son a double dose of his amoxicillin by mistake", "same_day", "extra_dose_by_mistake"),
    ("my toddler swallowed a penny", "same_day", "swallowed_object_or_plant"),
    ("my son ate some berries from a bush in the yard", "same_day", "swallowed_object_or_plant"),
    # non-toxic
    ("my baby ate a silica gel packet", "self_care", "non_toxic_taste"),
    ("my son ate a crayon", "self_care", "non_toxic_taste"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("I didn't take too many, just my normal dose", "same_day", True),
    ("what happens if I take too many tylenol?", "same_day", True),
    ("my friend overdosed last night", "same_day", True),
    ("is it safe to take 2 tylenol with advil?", "same_day", True),
    ("how much tylenol can I take in a day?", "same_day", True),
    ("I had food poisoning", "same_day", True),
    ("overdosed in 2015, clean now, need a refill", "same_day", True),
    ("took 2 tylenol for my headache", "same_day", True),
    ("I accidentally took an extra dose of my lisinopril", "emergency", False),
    ("my baby ate a silica gel packet", "same_day", False),
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
