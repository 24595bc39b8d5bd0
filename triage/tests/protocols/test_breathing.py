import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "breathing"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # severe distress, lay wording, typos, caregivers
    ("I can't breathe", "emergency", "severe_distress"),
    ("i cant breath, please help", "emergency", "severe_distress"),
    ("my son is struggling to breathe and his lips look blue", "emergency", "severe_distress"),
    ("she can't finish a sentence without stopping for breath", "emergency", "severe_distress"),
    ("my baby's ribs are sucking in with every breath", "emergency", "severe_distress"),
    ("barking cough and stridor at rest", "emergency", "severe_distress"),
    ("high pitched noise when he breathes in", "emergency", "severe_distress"),
    ("my asthma is bad and my inhaler isn't helping", "emergency", "reliever_not_helping"),
    ("took 10 puffs of ventolin and still wheezing", "emergency", "reliever_not_helping"),
    ("peak flow is 45% of my best", "emergency", "peak_flow_severe"),
    ("short of breath since this morning", "emergency", "breathless_at_rest"),
    ("breathless after my knee replacement last week", "emergency", "breathless_pe_risk"),
    ("suddenly short of breath", "emergency", "sudden_breathless"),
    # clinical wording
    ("pt c/o SOB at rest", "emergency", "breathless_at_rest"),
    ("A 6-year-old with wheeze, intercostal recession and SpO2 91% on air.", "emergency", "severe_distress"),
    ("42F asthmatic, RR 28, HR 118, speaking in phrases, PEF 40% predicted", "emergency", None),
    ("my copd is worse, sats 86", "emergency", "copd_low_spo2"),
    ("Asthma exacerbation, wheezy, HR 122.", "emergency", "acute_severe_asthma_hr"),
    # moderate: today
    ("asthma flare, ventolin helps but I need it every 4 hours", "same_day", "reliever_every_4_hours"),
    ("my daughter is wheezing, the inhaler helps for a bit", "same_day", "reliever_every_4_hours"),
    ("asthma attack this morning, my inhaler settled it", "same_day", "asthma_attack"),
    ("COPD flare, more phlegm and it's turned green", "same_day", "copd_exacerbation"),
    ("peak flow in the yellow zone", "same_day", "peak_flow_moderate"),
    ("a little short of breath when i climb stairs, started a few days ago", "same_day", "exertional_new"),
    ("I get short of breath lying flat and need 3 pillows", "same_day", "breathless_lying_flat"),
    # milder
    ("using my inhaler more than usual this week", "within_3_days", "reliever_more_than_usual"),
    ("a bit wheezy tonight", "within_3_days", "mild_wheeze"),
    ("I've been short of breath walking up stairs for the past 3 months", "within_2_weeks", "exertional_chronic"),
    ("slight wheeze with my cold, inhaler helps", "self_care", "mild_wheeze_settling"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no shortness of breath", "same_day", True),
    ("denies SOB or wheeze", "same_day", True),
    ("my friend has asthma and can't breathe", "same_day", True),
    ("what should I do if I get short of breath on the new medication?", "same_day", True),
    ("had an asthma attack last year, need my inhaler refill", "same_day", True),
    ("asthma inhaler refill please", "same_day", True),
    ("my breathing is fine now", "same_day", True),
    ("i cant breath through my nose, so stuffy", "same_day", True),
    ("a bit wheezy tonight", "same_day", False),
    ("using my inhaler more than usual this week", "same_day", False),
    ("I've been short of breath walking up stairs for the past 3 months", "within_3_days", False),
    ("slight wheeze with my cold, inhaler helps", "within_3_days", False),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    if criterion is None:
        reaches(text, level)
    else:
        reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,silent", BELOW)
def test_stays_below(text, level, silent):
    stays_below(text, level)
    if silent:
        not_by(text, PROTOCOL)
