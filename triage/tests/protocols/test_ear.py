import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "ear"

REACHES = [
    # emergency
    ("my son's ear is sticking out and there's swelling and redness behind his ear", "emergency", "mastoiditis"),
    ("red swollen tender area behind her right ear after an ear infection", "emergency", "mastoiditis"),
    (
        "6 yo with otalgia, post-auricular swelling and tenderness over the mastoid, pinna pushed forward",
        "emergency",
        None,
    ),
    ("my 3 yo put a button battery in her ear", "emergency", "battery_in_ear"),
    ("ear infection and now he has a stiff neck and is very drowsy", "emergency", "ear_with_meningism"),
    # same day
    ("I woke up this morning and can't hear out of my left ear", "same_day", "sudden_hearing_loss"),
    ("sudden hearing loss in my right ear since yesterday", "same_day", "sudden_hearing_loss"),
    ("my toddler pushed a bead in his ear", "same_day", "object_in_ear"),
    ("there's a bug stuck in my ear, I can hear it buzzing", "same_day", "object_in_ear"),
    ("diabetic, severe ear pain and discharge for a week", "same_day", "severe_ear_pain_high_risk"),
    ("my daughter has an earache and a temp of 39.6", "same_day", "earache_very_unwell"),
    # within 3 days
    ("my 4 year old has had ear pain and a fever for 3 days", "within_3_days", None),
    ("earache for 4 days now, no better", "within_3_days", "earache_3_days"),
    ("there's yellow pus coming out of my ear", "within_3_days", "ear_discharge"),
    ("my sons ear infection is getting worse", "within_3_days", "earache_not_improving"),
    ("my 18 month old has infections in both ears and keeps pulling at them", "within_3_days", "under_2_both_ears"),
    # routine and home care
    ("constant ringing in my ears for a month", "within_2_weeks", "tinnitus"),
    ("I've had an earache for 1 day, otherwise feel fine", "self_care", "earache_short_well"),
    ("Earache since yesterday, no fever", "self_care", "default"),
    ("my ears feel blocked with wax", "self_care", "ear_wax"),
    ("my baby keeps pulling at his ear but is happy and feeding", "self_care", "default"),
]

BELOW = [
    ("had an ear infection last year", "within_3_days", None),
    ("no ear pain, just a cold", "same_day", None),
    ("what if his ear infection comes back", "same_day", None),
    ("my ear doctor said I need tubes", "same_day", None),
    ("my friend has an ear infection with swelling behind the ear", "emergency", None),
    ("denies ear pain or hearing loss", "same_day", None),
    ("ears blocked after the flight, hearing a bit muffled", "same_day", "sudden_hearing_loss"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
