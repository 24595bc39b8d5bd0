import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "eye"

REACHES = [
    # emergency
    ("I suddenly can't see out of my left eye", "emergency", "vision_loss"),
    ("it's like a curtain coming down over the vision in my right eye", "emergency", "vision_loss"),
    ("my son got bleach splashed in his eye", "emergency", "chemical_injury"),
    ("got oven cleaner in my eyes", "emergency", "chemical_injury"),
    ("a piece of metal flew into my eye while I was grinding", "emergency", "penetrating_injury"),
    ("severe eye pain and I see halos around lights and feel sick", "emergency", "acute_glaucoma"),
    (
        "64F with acute painful red eye, nausea, mid-dilated pupil and blurred vision",
        "emergency",
        "acute_glaucoma_red_eye",
    ),
    ("hit in the eye with a ball and now vision is blurry", "emergency", "injury_vision_change"),
    ("my daughter's eyelid is red and swollen and she has a fever of 38.9", "emergency", "swollen_eyelid_fever"),
    ("his eye is bulging and it hurts to move it", "emergency", "orbital_cellulitis"),
    # same day
    ("my eye is red and painful and light hurts", "same_day", "painful_red_eye"),
    ("Painful red eye with photophobia and reduced acuity, 3 days.", "same_day", "painful_red_eye"),
    ("I wear contacts and my right eye is red and sore", "same_day", None),
    ("contact lens wearer, eye watering and gritty since this morning", "same_day", "contact_lens_red_eye"),
    ("I've got new floaters and flashes in my right eye", "same_day", "floaters_flashes"),
    ("seeing flashing lights in the corner of my eye", "same_day", "floaters_flashes"),
    ("my 2 week old has a sticky eye", "same_day", "newborn_sticky_eye"),
    (
        "got sawdust in my eye, rinsed it but it still feels like something is in there",
        "same_day",
        "foreign_body_persisting",
    ),
    # home care
    ("my toddler has pink eye, sticky and crusty in the morning", "self_care", "conjunctivitis"),
    ("his eyes are goopy and glued shut this morning", "self_care", "conjunctivitis"),
    ("I have a stye on my upper eyelid", "self_care", "stye"),
    ("burst blood vessel in my eye, doesn't hurt", "self_care", "burst_blood_vessel"),
    # the default: an eye problem without a criterion
    ("my eye hurts", "within_3_days", "default"),
]

BELOW = [
    ("no eye pain, just itchy eyes from hayfever", "same_day", None),
    ("my eye doctor appt is tomorrow", "within_3_days", None),
    ("what should I do if I get bleach in my eye?", "emergency", None),
    ("my friend got something in her eye", "same_day", None),
    ("had a detached retina in 2015, need my eye drop refill", "same_day", None),
    ("denies vision loss or eye pain", "same_day", None),
]

# other protocols decide these; the eye protocol must not fire
NOT_EYE = [
    "chemical burn on my hand from bleach",
    "blurred vision when my blood sugar is high, need a glucose meter",
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)


@pytest.mark.parametrize("text", NOT_EYE)
def test_not_eye(text):
    not_by(text, PROTOCOL)
