import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "sore_throat"

REACHES = [
    # red flags
    ("my son has a sore throat and is drooling", "emergency", "drooling"),
    ("my toddler cant swallow her own saliva", "emergency", "airway_red_flags"),
    ("bad sore throat, my voice sounds muffled and I can't open my mouth", "emergency", None),
    (
        "Sore throat for 4 days, now severe on the left with the uvula pushed to the right",
        "emergency",
        "trismus_quinsy",
    ),
    ("32M with odynophagia, trismus and a hot potato voice", "emergency", None),
    ("throat is killing me and there's a big swelling on one side of my throat", "emergency", "trismus_quinsy"),
    ("my daughter has a sore throat and is making a high pitched noise when she breathes in", "emergency", None),
    # same day
    ("my throat hurts so much I can't drink anything", "same_day", "cannot_swallow_fluids"),
    ("sore throat and a rough sandpaper rash on his chest", "same_day", "scarlet_fever"),
    # FeverPAIN / Centor
    ("sore throat and fever since yesterday, tonsils swollen with white spots, no cough", "same_day", "FeverPAIN"),
    ("Sore throat x2 days, T 38.6, tonsillar exudate, inflamed tonsils, no cough or coryza.", "same_day", "FeverPAIN"),
    ("14 yo with sore throat, fever 38.5, pus on enlarged tonsils, tender anterior cervical nodes", "same_day", None),
    ("I have a sore throat and a fever", "within_3_days", "FeverPAIN"),
    ("strep throat? tonsils are huge and covered in white patches", "within_3_days", "FeverPAIN"),
    ("sore throut for 10 days", "within_3_days", None),
    ("sore throat for 10 days", "within_3_days", "lasting_a_week"),
    # home care
    ("I have a sore throat", "self_care", "default"),
    ("sore throat with a runny nose and cough", "self_care", "default"),
    ("scratchy throat and sniffles, started today", "self_care", None),
]

BELOW = [
    ("no sore throat, just a cough", "within_3_days", None),
    ("what if my sore throat is strep", "within_3_days", None),
    ("my friend has strep throat and a fever", "within_3_days", None),
    ("had tonsillitis as a kid, need a refill of my inhaler", "within_3_days", None),
    ("sore throat, no fever, no white spots, coughing a lot", "within_3_days", None),
    ("denies sore throat, drooling or trouble swallowing", "same_day", None),
    ("my toddler is teething and drooling a lot", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
