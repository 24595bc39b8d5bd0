import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by genital at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("sudden severe pain in my left testicle", "emergency", "testicular_torsion"),
    ("erection that won't go down for 5 hours", "emergency", "priapism"),
    ("testicle pain and swelling for 2 days", "same_day", "testicle_pain"),
    ("I found a lump on my right testicle, doesn't hurt", "within_2_weeks", "testicle_lump"),
    ("painful blisters on my vagina", "same_day", "painful_genital_sores"),
    ("yellow discharge with pelvic pain and fever", "same_day", "pid_signs"),
    ("I have a thick white discharge and itching down there", "within_3_days", "discharge_itch"),
    ("thrush again, same as before, want to get the cream", "self_care", "recurrent_thrush"),
    ("I want to get tested for STDs, no symptoms", "within_2_weeks", "sti_check"),
    ("condom broke last night, need the morning after pill", "same_day", "time_limited_treatment"),
    ("discharge from my penis and it burns", "within_3_days", "penile_symptoms"),
    ("spotting after menopause", "within_2_weeks", "postmenopausal_bleeding"),
    ("painful swollen lump on my labia, can barely sit", "same_day", "bartholin_abscess"),
    # typos and abbreviations
    ("fishy smell and grey discharge, think its BV", "within_3_days", "discharge_itch"),
    ("my balls hurt realy bad all of a sudden", "emergency", "testicle_pain_sudden"),
    ("partner tested positive for chlamydia, i have no symptoms", "within_2_weeks", "sti_check"),
    # caregivers
    ("my 14 year old son says his balls hurt and he threw up", "emergency", None),
    ("my 10 year old son's testicle is swollen and sore", "emergency", "testicle_pain_boy"),
    # clinical vignettes
    (
        "A 16-year-old with sudden onset left testicular pain, high-riding testis, absent cremasteric reflex.",
        "emergency",
        "testicular_torsion",
    ),
    ("A 40-year-old with scrotal pain and swelling for 3 days, dysuria.", "same_day", "testicle_pain"),
    ("A 32-year-old with a painless firm testicular lump.", "within_2_weeks", "testicle_lump"),
    ("A 24-year-old with vaginal discharge, dyspareunia and cervical motion tenderness.", "same_day", "pid_signs"),
]

BELOW = [
    ("no testicle pain", "same_day"),
    ("had chlamydia in 2018, treated", "within_3_days"),
    ("my friend has herpes", "same_day"),
    ("what should I do if my testicle swells after the vasectomy", "same_day"),
    ("denies penile discharge or testicular pain", "within_3_days"),
    ("no discharge, no itching", "within_3_days"),
]

# milder phrasing: stays below the level (genital may fire a milder criterion)
MILDER = [
    ("thrush again, same as before, want to get the cream", "within_3_days"),
    ("mild itching down there", "same_day"),
    ("I found a lump on my right testicle, doesn't hurt", "same_day"),
    ("my partner has chlamydia", "within_3_days"),
    ("I have genital warts", "within_3_days"),
    ("testicle ache on and off for a week", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="genital", criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "genital")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
