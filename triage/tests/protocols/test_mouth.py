import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by mouth at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("swelling under my tongue and I can't swallow, drooling", "emergency", "ludwigs_angina"),
    ("tooth abscess and the swelling is spreading down to my neck", "emergency", "dental_swelling_spreading"),
    ("toothache with a swollen face and fever", "same_day", "abscess_facial_swelling"),
    ("bad toothache for two days", "within_3_days", "toothache"),
    ("my wisdom tooth is killing me", "within_3_days", "toothache"),
    ("mouth ulcer for 4 weeks that won't heal", "within_2_weeks", "ulcer_3_weeks"),
    ("I have a canker sore", "self_care", "minor_sores"),
    ("my gums are bleeding when I brush", "within_2_weeks", "bleeding_gums"),
    ("I had my wisdom teeth out yesterday and the bleeding won't stop", "same_day", "extraction_bleeding"),
    ("there's a white patch on my tongue that's been there a while", "within_2_weeks", "ulcer_not_healing"),
    # typos
    ("tooth ache realy bad, cheek is swolen and i have a fever", "same_day", None),
    ("dry socket after extraction, throbbing", "within_3_days", "toothache"),
    # caregivers
    ("my 6 week old baby has a cold sore", "same_day", "newborn_cold_sore"),
    ("white patches in my baby's mouth", "within_3_days", "infant_oral_thrush"),
    ("my daughter's front tooth came out completely, it's her adult tooth", "same_day", "adult_tooth_out"),
    # clinical vignettes
    (
        "A 35-year-old with a dental abscess, submandibular swelling, trismus and drooling.",
        "emergency",
        "ludwigs_angina",
    ),
    ("A 28-year-old with a lower molar abscess, facial swelling, T 38.4.", "same_day", None),
    ("A 60-year-old smoker with an oral ulcer for 5 weeks.", "within_2_weeks", "ulcer_3_weeks"),
]

# reached at this level, possibly decided by a neighbouring protocol
ALSO_REACHES = [
    ("my jaw and neck are swollen from a bad tooth and it's hard to breathe", "emergency"),
]

BELOW = [
    ("no toothache", "within_3_days"),
    ("had a dental abscess last year", "within_3_days"),
    ("my friend has a toothache", "within_3_days"),
    ("what should I do if my tooth gets knocked out", "same_day"),
    ("denies dental pain or facial swelling", "same_day"),
    ("no mouth ulcers or sores", "within_3_days"),
]

# milder phrasing: stays below the level (mouth may fire a milder criterion)
MILDER = [
    ("cold sore on my lip", "within_3_days"),
    ("small mouth ulcer since Monday", "within_3_days"),
    ("my tooth is sensitive to cold", "same_day"),
    ("bad toothache for two days", "same_day"),
    ("my gums are bleeding when I brush", "within_3_days"),
    ("my 7 year old's wiggly baby tooth came out", "same_day"),
    ("my 7 year old's tooth fell out", "same_day"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="mouth", criterion=criterion)


@pytest.mark.parametrize("text,level", ALSO_REACHES)
def test_also_reaches(text, level):
    reaches(text, level)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "mouth")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
