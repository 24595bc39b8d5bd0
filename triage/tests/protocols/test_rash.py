import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "rash"

REACHES = [
    # meningococcal: non-blanching rash, with or without fever
    ("my daughter has a rash that doesn't fade when I press a glass on it", "emergency", "non_blanching_rash"),
    ("did the glass test on his spots and they didn't fade", "emergency", "non_blanching_rash"),
    ("purple spots on his legs that look like bruises", "emergency", "non_blanching_rash"),
    ("Petechiae on the trunk and legs, afebrile, otherwise well.", "emergency", "non_blanching_rash"),
    ("21 yo student with non-blanching purpuric rash and headache", "emergency", "non_blanching_rash"),
    ("rash with tiny pinpoint red spots all over and a temp of 39", "emergency", "pinpoint_spots_fever"),
    ("rash and fever and now she has cold hands and feet and leg pain", "emergency", "rash_fever_meningitis_signs"),
    ("I have a rash and fever and light hurts my eyes", "emergency", None),
    # ticks
    (
        "bitten by a tick 5 days ago, now fever and red spots on my wrists and ankles",
        "emergency",
        "tick_bite_fever_rash",
    ),
    ("tick bite 10 days ago and now fever and body aches", "same_day", "tick_bite_fever"),
    ("found a tick on me last week, now I have a bull's eye rash", "within_3_days", "erythema_migrans"),
    ("pulled a tick off my son and now theres an expanding red ring around it", "within_3_days", None),
    ("removed a tick from my son's leg this morning, no rash", "self_care", "tick_bite_well"),
    # severe skin reaction
    (
        "rash all over, the skin is peeling off and my lips and mouth are covered in sores",
        "emergency",
        "skin_peeling_mucosal",
    ),
    ("Stevens-Johnson syndrome suspected: target lesions and oral ulcers", "emergency", "sjs_named"),
    # rash with fever
    ("I have a rash and a temperature of 38.5", "same_day", "rash_with_fever"),
    ("spotty rash all over his tummy and a fever since yesterday", "same_day", "rash_with_fever"),
    # shingles
    ("I think I have shingles, a band of painful blisters on one side of my chest", "within_3_days", "shingles"),
    ("shingles rash on my forehead near my eye", "same_day", "shingles_near_eye"),
    ("Shingles on the chest in a 70 yo on chemo", "same_day", "shingles_immunosuppressed"),
    # chickenpox when pregnant
    ("I'm 20 weeks pregnant and think I have chickenpox", "same_day", "chickenpox_high_risk"),
    # home care
    ("itchy rash on my arm", "self_care", "default"),
    ("my son has chicken pox, he's itchy but otherwise fine", "self_care", "default"),
]

BELOW = [
    (
        "84-year-old with flat dark purple patches on the backs of her forearms after minor knocks; thin sun-damaged skin; no fever",
        "same_day",
        "non_blanching_rash",
    ),
    (
        "My 14 month old had 3 days of high fever; the fever settled yesterday and now a pink rash on his trunk",
        "same_day",
        "rash_with_fever",
    ),
    ("the rash fades when I press on it", "same_day", None),
    ("no rash, just a fever", "same_day", None),
    ("my friend has a rash that won't fade", "emergency", None),
    ("what if a rash doesn't fade under a glass?", "emergency", None),
    ("had a tick bite last summer, need my lyme titer results", "emergency", "tick_bite_fever_rash"),
    ("had shingles years ago, should I get the vaccine?", "within_3_days", None),
    ("sore throat with white spots on the tonsils and a fever", "same_day", "rash_with_fever"),
    ("denies rash, petechiae or bruising", "emergency", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
