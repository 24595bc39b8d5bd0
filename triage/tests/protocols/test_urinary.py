import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by urinary at exactly this level (criterion None: any)
REACHES = [
    (
        "pink-red urine this morning after a big beetroot salad yesterday, no pain or burning",
        "self_care",
        "coloured_urine_food",
    ),
    ("my pee is red, I had beetroot but it also burns when I pee", "within_3_days", "uti_woman"),
    (
        "14 weeks pregnant, booking urine culture grew >100,000 CFU/mL E. coli; no dysuria or fever.",
        "within_3_days",
        "bacteriuria_pregnant",
    ),
    (
        "I'm 20 weeks pregnant and the midwife said bacteria grew in my urine culture",
        "within_3_days",
        "bacteriuria_pregnant",
    ),
    # lay wording
    ("it burns when i pee and i'm peeing every 20 minutes", "within_3_days", "uti_woman"),
    ("I think I have a UTI", "within_3_days", "uti_woman"),
    ("burning urination, fever 101.8 and pain in my right flank", "same_day", "pyelonephritis_fever"),
    ("UTI symptoms and now pain in my back on the left and shaking chills", "same_day", "pyelonephritis_signs"),
    ("my husband has burning when he pees", "same_day", "uti_man"),
    ("I'm 20 weeks pregnant and it hurts to pee", "same_day", "uti_pregnant"),
    ("I can't pee at all and my lower belly is really painful", "emergency", "painful_retention"),
    ("haven't peed in 12 hours", "emergency", "no_urine_8_hours"),
    ("I can't pee, only a dribble comes out", "same_day", "retention"),
    ("blood in my urine, no pain", "within_2_weeks", "visible_haematuria"),
    ("severe pain in my left side radiating to my groin, think it's a kidney stone", "same_day", "renal_colic"),
    ("kidney stone and a fever of 102", "emergency", "stone_with_fever"),
    ("very mild burning when I pee, getting better", "self_care", "very_mild_uti"),
    ("weak stream and getting up 3 times at night to pee", "within_2_weeks", "lower_urinary_tract"),
    # typos and abbreviations
    ("i think i have a uti, it stings wen i pee", "within_3_days", "uti_woman"),
    ("peein blood clots", "same_day", "clots_in_urine"),
    # caregivers
    ("my 6 year old daughter says it stings when she pees", "same_day", "uti_child"),
    ("my mom is 84 with a UTI and now she's confused and not making sense", "emergency", "uti_sepsis"),
    # clinical vignettes
    ("78 year old woman with UTI symptoms, now confused", "emergency", "uti_sepsis"),
    ("Pt with dysuria, frequency, costovertebral angle tenderness, T 38.6", "same_day", None),
    (
        "A 35-year-old woman with dysuria and frequency for 2 days, afebrile, no flank pain.",
        "within_3_days",
        "uti_woman",
    ),
    ("A 67-year-old man with painless visible haematuria.", "within_2_weeks", "visible_haematuria"),
    ("Known renal colic, now febrile 38.9 with rigors", "emergency", None),
    ("Foley catheter in place, urine cloudy and foul smelling", "same_day", "uti_catheter"),
]

BELOW = [
    ("urine culture grew >100,000 CFU/mL E. coli, not pregnant, no symptoms", "within_3_days"),
    ("no burning when I pee", "within_3_days"),
    ("had a UTI last year, all cleared", "within_3_days"),
    ("my friend has a UTI", "within_3_days"),
    ("what should I do if I get a UTI on holiday", "within_3_days"),
    ("urine test came back fine, need my results", "within_2_weeks"),
    ("denies dysuria, frequency or hematuria", "within_3_days"),
    ("history of kidney stones, currently fine, need a refill", "same_day"),
]

# milder phrasing: stays below the level (urinary may fire a milder criterion)
MILDER = [
    ("burning when I pee since yesterday", "same_day"),
    ("very mild burning when I pee, getting better", "within_3_days"),
    ("blood in my urine, no pain", "within_3_days"),
    ("I can't pee, only a dribble comes out", "emergency"),
    ("cloudy pee", "same_day"),
    ("getting up twice at night to pee", "within_3_days"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="urinary", criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "urinary")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
