import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "skin"

REACHES = [
    (
        "A 66-year-old man noticed redness on his shin 2 days ago after a scratch. It has since spread to 10 x 8 cm and is warm and tender.",
        "same_day",
        "cellulitis_spread",
    ),
    (
        "On examination: warm, tender, blanching erythema of the left shin with ill-defined margins.",
        "same_day",
        "cellulitis",
    ),
    # emergency
    ("red hot swollen leg and I have a fever of 38.6 and chills", "emergency", "cellulitis_fever"),
    ("the red area on my arm is spreading and I feel confused", "emergency", "cellulitis_systemic"),
    ("Cellulitis of the left shin, T 38.9, HR 118.", "emergency", None),
    ("pain in my thigh is out of proportion and the skin is turning purple", "emergency", "necrotising_infection"),
    ("burn from drain cleaner on my arm", "emergency", "burn_chemical_electrical"),
    (
        "my son got an electric shock from the outlet and has a burn on his finger",
        "emergency",
        "burn_chemical_electrical",
    ),
    ("the burn is white and leathery and doesn't hurt", "emergency", "burn_deep_or_large"),
    ("scalded my whole arm with boiling water, bigger than my hand", "emergency", "burn_deep_or_large"),
    ("spilled boiling water on my hand and it's blistering", "emergency", "burn_special_site_blister"),
    ("kitchen fire, burned my face and now my voice is hoarse and I inhaled smoke", "emergency", None),
    # same day
    ("my leg is red, hot and swollen and the redness is spreading", "same_day", "cellulitis"),
    ("I have a blister from a burn on my forearm, about the size of a coin", "same_day", "burn_blistering"),
    ("my toddler pulled a cup of hot tea on himself and his chest is scalded", "same_day", None),
    ("diabetic with a sore on my foot", "same_day", "diabetic_foot"),
    ("type 2 diabetic, my big toe is black and smells", "same_day", "diabetic_foot"),
    ("bad sunburn with blisters and a fever", "same_day", "severe_sunburn"),
    # within 3 days
    ("I have a boil on my thigh", "within_3_days", "skin_infection_minor"),
    ("my daughter's eczema is weeping with yellow crusts", "within_3_days", "skin_infection_minor"),
    # within 2 weeks
    ("I have a mole that has changed shape and is bleeding", "within_2_weeks", "changing_mole"),
    ("new dark mole on my back with irregular edges", "within_2_weeks", "changing_mole"),
    ("a scab on my nose that won't heal for 2 months", "within_2_weeks", "changing_mole"),
    ("severe cystic acne leaving scars", "within_2_weeks", "severe_acne"),
    # home care
    ("burned my arm on the oven, small red mark, no blisters", "self_care", "minor_burn"),
    ("got a bad sunburn at the beach", "self_care", "minor_burn"),
    ("my eczema is flaring up again", "self_care", "common_skin_condition"),
    ("athlete's foot that won't go away", "self_care", "common_skin_condition"),
    ("my skin is so itchy and dry", "self_care", "common_skin_condition"),
]

BELOW = [
    ("stung by a bee an hour ago, red swollen patch about 4cm, itchy and sore", "within_2_weeks", "changing_mole"),
    ("3-year-old with painful spots in her mouth and a rash on her hands and feet", "within_2_weeks", "severe_acne"),
    ("the rash has spread to his arms, itchy, no fever", "emergency", "cellulitis_spread"),
    ("the redness is not spreading", "same_day", None),
    ("my mole has not changed", "within_2_weeks", None),
    ("the burn is not blistering", "same_day", "burn_blistering"),
    ("no burns, just a bit of redness", "same_day", None),
    ("what if my mole changes", "within_2_weeks", None),
    ("my friend burned her hand", "same_day", None),
    ("had cellulitis last year, need a refill of my cream", "same_day", None),
    ("mole checked in 2019, all fine", "within_2_weeks", None),
    ("denies fever, redness or swelling", "same_day", None),
    ("it burns when I pee", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
