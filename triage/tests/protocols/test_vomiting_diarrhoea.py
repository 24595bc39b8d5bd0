import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by vomiting_diarrhoea at exactly this level (criterion None: any)
REACHES = [
    ("my 5 week old is projectile vomiting after every feed", "same_day", None),
    ("Pyloric stenosis? 4-week-old with forceful vomiting after feeds.", "same_day", None),
    ("my 6 week old spits up a little milk after feeds, gaining weight well", "self_care", "baby_regurgitation"),
    (
        "6-week-old brings up small amounts of milk after most feeds; not projectile, not green, gaining weight",
        "self_care",
        "baby_regurgitation",
    ),
    # lay wording
    ("my son has had a stomach bug since Sunday and now there's blood in his vomit", "emergency", "blood_in_vomit"),
    (
        "I've been vomiting and now there's a stiff neck and a terrible headache",
        "emergency",
        "vomiting_headache_stiff_neck",
    ),
    ("can't keep anything down for 2 days", "same_day", "cannot_keep_fluids"),
    ("bloody diarrhea since this morning", "same_day", "bloody_diarrhoea"),
    ("diarrhea for 10 days", "within_3_days", "prolonged_diarrhoea"),
    ("diarrhoea since finishing my antibiotics last week", "within_3_days", "prolonged_diarrhoea_words"),
    ("I've had diarrhea since yesterday but I'm drinking fine", "self_care", "mild_coping"),
    ("stomach bug, throwing up since last night", "self_care", "default"),
    ("I'm on chemo and have diarrhea", "same_day", "immunosuppressed"),
    ("type 1 diabetic and throwing up since last night", "same_day", "diabetic_vomiting"),
    ("dizzy every time I stand up after two days of the runs", "same_day", "dehydration_in_illness"),
    # typos and abbreviations
    ("bad diarhea and vomitting, cant keep water down", "same_day", "cannot_keep_fluids"),
    ("N/V/D x 1 day, tolerating fluids", "self_care", "mild_coping"),
    # caregivers writing about children
    ("my 8 month old has had no wet diaper for 12 hours and has been vomiting", "emergency", "infant_dehydration"),
    ("my 3 year old has diarrhea and is really lethargic and floppy", "emergency", "child_dehydration_shock"),
    ("my 4 yo has sunken eyes and no tears, diarrhea since Tuesday", "same_day", "dehydration"),
    ("my 5 year old has bloody diarrhoea and has barely peed since yesterday", "emergency", "possible_hus"),
    ("my 6 week old is vomiting after every feed", "same_day", "young_infant"),
    ("my toddler has the stomach flu and is refusing to drink anything", "same_day", "refusing_feeds"),
    ("my 2 year old has diarrhea but is drinking and peeing normally", "self_care", "mild_coping"),
    # clinical vignettes
    ("A 2-year-old with 3 days of diarrhoea, sunken eyes and reduced skin turgor.", "same_day", "dehydration"),
    ("A 10-month-old with vomiting and diarrhoea who is drowsy with mottled skin.", "emergency", None),
    ("A 30-year-old with watery diarrhoea for 9 days, no blood, afebrile.", "within_3_days", "prolonged_diarrhoea"),
]

# reached at this level, possibly decided by a neighbouring protocol
ALSO_REACHES = [
    ("vomiting blood", "emergency"),
    ("throwing up what looks like coffee grounds", "emergency"),
    ("A 55-year-old with coffee-ground emesis this morning.", "emergency"),
    ("My 5 year old has bloody diarrhoea and hasn't peed since yesterday, looks pale", "emergency"),
]

BELOW = [
    ("no vomiting or diarrhea", "same_day"),
    ("my roommate has norovirus", "same_day"),
    ("what should I do if my kids get the stomach flu", "same_day"),
    ("had bloody diarrhea years ago, fine now", "same_day"),
    ("denies N/V/D", "same_day"),
    ("my baby is not dehydrated, lots of wet diapers", "same_day"),
    ("my friend's son is vomiting and lethargic", "emergency"),
]

# milder phrasing: stays below the level (vomiting_diarrhoea may fire a milder criterion)
MILDER = [
    ("threw up once this morning, feeling better", "same_day"),
    ("diarrhea for 2 days, drinking fine", "within_3_days"),
    ("my 5 year old threw up twice but is keeping sips down", "same_day"),
    ("a bit nauseous after lunch", "within_3_days"),
    ("diarrhoea for 8 days", "same_day"),
    ("my 4 yo has sunken eyes and no tears, diarrhea since Tuesday", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="vomiting_diarrhoea", criterion=criterion)


@pytest.mark.parametrize("text,level", ALSO_REACHES)
def test_also_reaches(text, level):
    reaches(text, level)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "vomiting_diarrhoea")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
