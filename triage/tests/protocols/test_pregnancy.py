import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

# (text, level, criterion): decided by pregnancy at exactly this level (criterion None: any)
REACHES = [
    # lay wording
    ("I'm 8 weeks pregnant and bleeding heavily, soaking a pad an hour", "emergency", "heavy_bleeding"),
    ("12 weeks pregnant with spotting and cramping", "emergency", "bleeding_with_pain"),
    ("I'm 24 weeks pregnant and noticed some spotting", "emergency", "bleeding_from_20_weeks"),
    ("I'm 7 weeks pregnant and have some light spotting, no pain", "same_day", "early_bleeding"),
    ("I am 30 weeks pregnant and the baby hasn't moved since this morning", "emergency", "reduced_fetal_movements"),
    ("my water broke and I'm 32 weeks pregnant", "emergency", "preterm_waters"),
    ("I'm 28 weeks pregnant and my face and hands are suddenly swollen", "emergency", "preeclampsia_signs"),
    ("I'm pregnant and can't keep anything down, throwing up 10 times a day", "same_day", "hyperemesis"),
    ("I'm 38 weeks pregnant and my water broke", "same_day", "waters_at_term"),
    ("I just found out I'm pregnant, need to book my first prenatal appointment", "within_2_weeks", "new_pregnancy"),
    ("I'm 26 weeks pregnant and my palms and soles are itching like crazy", "same_day", "cholestasis_itch"),
    ("9 weeks pregnant with morning sickness but managing", "self_care", "nausea_coping"),
    ("I'm 16 weeks pregnant, can I take tylenol for a sore back?", "self_care", "medicine_question"),
    ("I'm 33 weeks pregnant and having contractions every 10 minutes", "emergency", "preterm_contractions"),
    ("I'm 22 weeks pregnant and fell down the stairs onto my belly", "emergency", "trauma_from_20_weeks"),
    # after birth
    ("I gave birth 5 days ago and I'm soaking a pad every hour", "emergency", "heavy_bleeding"),
    ("had my baby last week and now have a fever of 101", "emergency", "postpartum_fever"),
    ("I had a baby 2 weeks ago and I'm scared I'll hurt the baby", "emergency", "thoughts_harming_baby"),
    ("postpartum 10 days, my c-section incision is red and oozing", "same_day", "caesarean_wound"),
    # typos
    ("im 36 wks pregant and havent felt the baby move today", "emergency", "reduced_fetal_movements"),
    ("pregnent 10 weeks, spoting a little when i wipe", "same_day", "early_bleeding"),
    # clinical vignettes
    ("G2P1 at 34 weeks gestation, BP 168/112, headache", "emergency", "severe_hypertension"),
    ("A 29-year-old, 35 weeks pregnant, with a severe headache and blurred vision.", "emergency", None),
    ("Pt 31 weeks pregnant reports a gush of clear fluid an hour ago.", "emergency", "preterm_leaking"),
    ("Postpartum day 3, BP 152/96, no symptoms", "same_day", "raised_bp"),
]

# reached at this level, possibly decided by a neighbouring protocol
ALSO_REACHES = [
    ("I'm pregnant and had a seizure", "emergency"),
    ("35 weeks pregnant with a bad headache and seeing spots", "emergency"),
]

BELOW = [
    ("not pregnant, just a cold", "same_day"),
    ("had a miscarriage in 2019", "same_day"),
    ("my sister is pregnant and bleeding", "same_day"),
    ("what should I do if my water breaks early", "same_day"),
    ("pregnant, denies bleeding, leaking fluid or contractions, baby moving well", "same_day"),
    ("I'm 30 weeks pregnant, no headache and no vision changes", "same_day"),
]

# milder phrasing: stays below the level (pregnancy may fire a milder criterion)
MILDER = [
    ("I'm 7 weeks pregnant and have some light spotting, no pain", "emergency"),
    ("I'm 20 weeks pregnant and the baby is moving a lot", "same_day"),
    ("pregnant with mild nausea in the mornings", "same_day"),
    ("I'm 38 weeks pregnant and my water broke", "emergency"),
    ("pregnant, can I eat sushi?", "within_3_days"),
    ("I'm 15 weeks pregnant and worried I haven't felt the baby move yet", "emergency"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol="pregnancy", criterion=criterion)


@pytest.mark.parametrize("text,level", ALSO_REACHES)
def test_also_reaches(text, level):
    reaches(text, level)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
    not_by(text, "pregnancy")


@pytest.mark.parametrize("text,level", MILDER)
def test_milder_stays_below(text, level):
    stays_below(text, level)
