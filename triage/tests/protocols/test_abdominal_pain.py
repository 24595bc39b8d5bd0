import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by abdominal_pain at exactly this level (criterion None: any)
REACHES = [
    # NICE NG156: "renal colic" with faintness or shock in an older adult may be a ruptured aneurysm
    (
        "72-year-old ex-smoker with 2 hours of severe left flank pain radiating to the groin; felt faint and sweaty; thinks it's a kidney stone.",
        "emergency",
        "aaa_rupture_signs",
    ),
    ("Pt 75M, new severe back pain, BP 88/50, HR 110", "emergency", "aaa_low_bp"),
    # lay wording
    ("my stomach hurts so bad, worst pain of my life", "emergency", "severe_pain"),
    ("severe abdominal pain since this morning, I'm doubled over", "emergency", "severe_pain"),
    ("my tummy is rock hard and hurts to touch", "emergency", "peritonism"),
    (
        "pain started around my belly button and moved to my lower right side, and I threw up twice",
        "emergency",
        "appendicitis_features",
    ),
    ("my 3 month old is vomiting green stuff", "emergency", "bilious_vomiting"),
    ("I'm 6 weeks pregnant with cramping in my lower belly", "emergency", "pain_early_pregnancy"),
    ("missed my period and have a sharp pain on my left side", "emergency", "one_sided_pain_missed_period"),
    (
        "lower belly pain and a weird pain in the tip of my shoulder, my period is late",
        "emergency",
        "shoulder_tip_pain",
    ),
    ("my belly is swollen and I haven't passed gas in 2 days", "emergency", "obstruction_signs"),
    ("stomach pain and a fever of 101.5", "same_day", "pain_with_fever"),
    ("pain in my lower right side since last night", "same_day", "right_lower_pain"),
    ("stomach ache getting worse all day", "same_day", "worsening_pain"),
    ("pain under my right ribs after fatty meals", "within_3_days", "biliary_colic"),
    ("stomach pain on and off for months", "within_2_weeks", "recurrent_pain"),
    ("mild stomach cramps and gas, getting better", "self_care", "mild_or_easing"),
    ("I have a stomach ache", "within_3_days", "default"),
    # typos and abbreviations
    ("severly bad stomache pain, cant even stand up", "emergency", "severe_pain"),
    ("abd pain x 2 days, mild, improving", "self_care", "described_mild"),
    # caregivers
    ("my 6 yo has a stomachache", "within_3_days", "default"),
    ("my son has tummy pain and a temp of 39", "same_day", "pain_with_fever"),
    # clinical vignettes
    ("A 34-year-old with a rigid, board-like abdomen and rebound tenderness.", "emergency", "peritonism"),
    ("A 22-year-old with periumbilical pain migrating to the RLQ, anorexia, T 38.1, WBC 15.", "emergency", None),
    ("RLQ pain, WBC 15.2", "emergency", "appendicitis_inflammation"),
    ("Exam: McBurney's point tenderness, positive Rovsing sign", "emergency", "appendicitis_findings"),
    ("A 72-year-old man with abdominal pain radiating to his back.", "emergency", "pain_to_back_older"),
    ("Pt with known AAA now c/o abdominal pain", "emergency", "aortic_aneurysm"),
    ("Pt 68F c/o abd pain x2 days, afebrile", "same_day", "pain_older_or_immunosuppressed"),
    ("A 45-year-old with RUQ pain after fatty meals, afebrile, no jaundice.", "within_3_days", "biliary_colic"),
]

BELOW = [
    ("My 80 year old dad has low back pain after gardening, walking ok", "emergency"),
    ("45 year old with left flank pain and sweating, passed a stone before", "emergency"),
    ("no stomach pain, just a runny nose", "within_3_days"),
    ("my friend has severe abdominal pain", "emergency"),
    ("had appendicitis in 2015, need my records", "emergency"),
    ("what should I do if I get stomach pain after the surgery", "same_day"),
    ("Rovsing sign negative, abdomen soft and non-tender", "emergency"),
    ("my stomach doesn't hurt anymore", "same_day"),
    ("denies abdominal pain, rebound or guarding", "emergency"),
    ("my coworker's belly is swollen and he can't pass gas", "emergency"),
]

# milder phrasing: stays below the level (abdominal_pain may fire a milder criterion)
MILDER = [
    ("mild stomach cramps, getting better", "within_3_days"),
    ("pregnant 30 weeks with mild stomach ache", "emergency"),
    ("gassy and bloated after dinner", "within_3_days"),
    ("pain under my right ribs after fatty meals", "same_day"),
    ("stomach ache", "same_day"),
    ("I'm 25 with lower right stomach pain, no fever, no vomiting", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="abdominal_pain", criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "abdominal_pain")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
