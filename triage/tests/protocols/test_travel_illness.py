import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "travel_illness"

REACHES = [
    # a febrile traveller back from a malaria area: emergency
    ("I got back from Nigeria 2 weeks ago and now I have a fever and chills", "emergency", "fever_after_malaria_area"),
    ("Just got back from Ghana. Now I have a fever.", "emergency", "fever_after_malaria_area"),
    ("fever of 39 after a safari in Kenya last month, took malarone", "emergency", "fever_after_malaria_area"),
    (
        "A 34-year-old returned from Sierra Leone 10 days ago with fever 39.2 and headache",
        "emergency",
        "fever_after_malaria_area",
    ),
    (
        "my husband returned from India 3 months ago and has fever, he's confused and yellow",
        "emergency",
        "severe_malaria_features",
    ),
    ("could this be malaria? got back from Uganda last week and feel achy and shivery", "emergency", None),
    (
        "my daughter has a temp of 102, we were visiting family in Pakistan until last week",
        "emergency",
        "fever_after_malaria_area",
    ),
    ("Febrile returned traveller from sub-Saharan Africa, T 38.9, rigors.", "emergency", None),
    ("back from a mission trip to Haiti and running a fever", "emergency", "fever_after_malaria_area"),
    # same day
    ("came back from a trip to Mexico and have a fever", "same_day", "fever_after_travel"),
    ("bloody diarrhea since coming back from my trip to Peru", "same_day", "bloody_diarrhoea_after_travel"),
    (
        "diarrhea after our vacation and now I can't keep anything down and I'm very dizzy when standing",
        "same_day",
        None,
    ),
    # within 3 days
    ("diarrhea for 3 weeks since my trip to Nepal", "within_3_days", "diarrhoea_over_2_weeks"),
    # home care
    (
        "I have travellers diarrhea after my trip to Mexico, no blood, drinking fine",
        "self_care",
        "travellers_diarrhoea",
    ),
    ("got back from Spain and have the runs, no fever", "self_care", "travellers_diarrhoea"),
]

BELOW = [
    ("I'm going to Kenya next month, what vaccines do I need?", "same_day", None),
    ("my friend came back from Uganda with a fever", "same_day", None),
    ("no fever since I got back from Tanzania", "same_day", None),
    ("had malaria in 2010 after a trip to Ghana, fine now", "same_day", None),
    ("what should I do if I get a fever after my trip to India?", "same_day", None),
    ("need malaria pills for my trip to Nigeria", "same_day", None),
    ("back from Ghana last week, feeling great, need a note for work", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
