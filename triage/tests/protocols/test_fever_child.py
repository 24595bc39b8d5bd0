import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "fever_child"

REACHES = [
    # UKHSA: fever after the infant vaccines (MenB) is expected: a call back today, not the ED
    (
        "my 8 week old had her jabs today and now has a temp of 38.4, feeding well",
        "same_day",
        "infant_fever_after_vaccines",
    ),
    (
        "8-week-old girl had her first immunisations (6-in-1, rotavirus, pneumococcal and MenB) at 10 am; at 8 pm temperature 38.3, feeding normally.",
        "same_day",
        "infant_fever_after_vaccines",
    ),
    ("6 week old with fever 38.5, vaccinations last week", "emergency", "infant_under_3_months"),
    # RED: emergency
    ("my 6 week old has a fever of 38.2", "emergency", "infant_under_3_months"),
    ("My baby is 6 weeks and has a temp of 100.8", "emergency", "infant_under_3_months"),
    ("A 7-week-old infant presents with T 38.4 C, feeding well.", "emergency", None),
    ("newborn with a fever, feels hot to the touch", "emergency", "infant_under_3_months"),
    ("A 7-year-old with fever 39.4 C, neck stiffness and a non-blanching rash", "emergency", None),
    ("my son has a fever and is really pale and floppy", "emergency", "colour_red"),
    ("my daughter has a high fever and her lips are turning blue", "emergency", "colour_red"),
    (
        "my 18 month old has a fever and a rash that doesnt fade when i press a glass on it",
        "emergency",
        "non_blanching_rash",
    ),
    ("my 2 yo has a temp of 39.8 and we can't wake him properly", "emergency", "does_not_wake"),
    ("baby has a feaver and a weird high pitched cry", "emergency", "abnormal_cry"),
    ("my 10 month old has a fever and is grunting with every breath", "emergency", None),
    ("4-month-old febrile 38.9, RR 66, grunting", "emergency", None),
    ("my 9 month old has a fever and the soft spot on his head is bulging", "emergency", "bulging_fontanelle"),
    ("my son has a fever and a stiff neck", "emergency", None),
    ("my toddler has a fever and the skin is mottled", "emergency", None),
    # AMBER: same day
    ("4 month old temp 39.3", "same_day", "infant_3_to_6_months_39"),
    ("my 2 yo has had a fever for 5 days", "same_day", "fever_5_days"),
    ("my 5 yo has fever and won't drink anything", "same_day", "dry_mucous_membranes"),
    ("my daughter has a fever and is very listless, not playing at all", "same_day", "reduced_activity"),
    ("my 8 month old has a fever and is not feeding, only one wet diaper today", "same_day", None),
    ("A 3-year-old with fever 38.8 and dry mucous membranes; CRT 3 s.", "same_day", None),
    ("Pt 2 yo, febrile 39.1, cap refill 4 sec", "same_day", None),
    ("my son has a fever and looks pale", "same_day", "pallor"),
    ("my 4 year old has a fever and won't walk on his leg", "same_day", "not_weight_bearing"),
    ("my son has a fever with shaking chills", "same_day", "rigors"),
    ("my 6 yo has a temp of 104.2", "same_day", "temp_40"),
    ("my daughter has a fever and her knee is swollen", "same_day", "swollen_limb_joint"),
    # GREEN: home care
    ("my daughter has a fever of 102 but is playing and drinking fine", "self_care", "green_features"),
    ("my 3 yr old has a temp of 38.4, smiling and alert", "self_care", "green_features"),
    ("my son has a fever of 101", "self_care", "default"),
    ("our toddler is running a temperature since last night", "self_care", "default"),
]

BELOW = [
    ("my 8 week old had her jabs today and now has a temp of 38.4, feeding well", "emergency", "infant_under_3_months"),
    ("no fever but my son is pale", "same_day", None),
    ("my kid had a fever last week, all fine now", "same_day", None),
    ("my son's fever broke and he is fine now", "same_day", None),
    ("my friend has a fever and feels floppy", "emergency", None),
    ("what should I do if my baby gets a fever after the vaccines?", "emergency", None),
    ("my 6 week old has a temp of 37.1, no fever", "emergency", "infant_under_3_months"),
    ("my daughter is pale and tired but no temperature", "same_day", None),
    ("I have a fever of 38.5", "same_day", None),
    ("my husband has a fever and is pale", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
