import pytest

from triage.tests.protocols.table import reaches, stays_below

REACHES = [
    ("Routine bloods: K+ 7.1 mmol/L (not haemolysed), creatinine 241", "emergency", "potassium_severe"),
    ("K 6.9", "emergency", "potassium_severe"),
    ("my potassium came back 2.3", "emergency", "potassium_severe"),
    ("my potassium came back 6.1", "same_day", "potassium_abnormal"),
    ("Na 118", "emergency", "sodium_severe"),
    ("sodium 128 on the new labs", "same_day", "sodium_low"),
    ("INR 9.2 with gum bleeding", "emergency", "inr_with_bleeding"),
    ("my INR was 6.4 today, no bleeding", "same_day", "inr_high"),
    ("INR 3.9 this week", "within_3_days", "inr_above_range"),
    ("lactate 4.6", "emergency", "lactate_high"),
    ("Hb 6.2 and I get short of breath walking", "emergency", "anaemia_symptomatic"),
    ("hemoglobin 6.5", "same_day", "anaemia_severe"),
    ("platelets 12 and my nose keeps bleeding", "emergency", "platelets_bleeding"),
    ("ANC 0.3 and a fever of 38.5", "emergency", None),
    ("the ER said my troponin was elevated", "emergency", "troponin_raised"),
]

BELOW = [
    ("K 4.1, Na 139, all normal", "same_day"),
    ("INR 2.5, in range", "within_3_days"),
    ("my hemoglobin is 13", "same_day"),
    ("troponin was normal", "emergency"),
    ("lactate 1.1", "same_day"),
    ("no bleeding, INR 2.8", "same_day"),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, criterion=criterion)


@pytest.mark.parametrize("text,level", BELOW)
def test_stays_below(text, level):
    stays_below(text, level)
