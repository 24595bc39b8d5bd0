"""What a message says beyond its complaint (triage.protocols.findings): readings, ages, NEWS2."""

import pytest

from triage.protocols import read_findings
from triage.redflags.context import Doc


def f(text):
    return read_findings(Doc(text))


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("A 62-year-old man", "age_years", 62),
        ("58M c/o chest pain", "age_years", 58),
        ("my 6 week old has a temp", "age_years", 6 / 52),
        ("she is 3 months old", "age_years", 0.25),
        ("temp 39.8", "temp_c", 39.8),
        ("fever of 102.2 F", "temp_c", 39.0),
        ("T 38.9 C, HR 118", "heart_rate", 118),
        ("pulse 44", "heart_rate", 44),
        ("RR 28, SpO2 91% on room air", "resp_rate", 28),
        ("RR 28, SpO2 91% on room air", "spo2", 91),
        ("O2 is 88 on my finger thing", "spo2", 88),
        ("BP 86/50", "systolic_min", 86),
        ("my bp is 190/125", "diastolic", 125),
        ("sugar 45", "glucose_mgdl", 45),
        ("glucose 3.1 mmol/L", "glucose_mgdl", 3.1 * 18),
        ("INR 9.2", "inr", 9.2),
        ("K 6.9", "potassium", 6.9),
        ("sodium 118", "sodium", 118),
        ("Hb 65 g/L", "hemoglobin_gdl", 6.5),
        ("lactate 4.2", "lactate", 4.2),
        ("fever for 6 days", "duration_days", 6),
        ("cough x 3 weeks", "duration_days", 21),
    ],
)
def test_readings(text, field, value):
    assert getattr(f(text), field) == pytest.approx(value, rel=0.01)


@pytest.mark.parametrize(
    "text",
    ["I paid $101.20 for the visit", "my appointment is at 10:30", "I weigh 180 lbs", "room 38 at 2 pm", "I am 45"],
)
def test_no_reading_where_there_is_none(text):
    found = f(text)
    assert found.temp_c is None and found.heart_rate is None and found.spo2 is None and found.systolic is None


def test_conditions_are_taken_only_when_affirmed():
    assert f("I'm 30 weeks pregnant").pregnant and f("I'm 30 weeks pregnant").gestation_weeks == 30
    assert not f("I am not pregnant").pregnant
    assert f("on chemo for breast cancer").immunosuppressed
    assert not f("I finished chemo years ago").immunosuppressed
    assert f("takes warfarin").anticoagulated


def test_news2_scores_the_parameters_given_for_adults_only():
    adult = f("A 70-year-old: RR 26, SpO2 90%, BP 88/50, HR 135, T 39.4, new confusion")
    assert adult.news2_parts() == {
        "resp_rate": 3,
        "spo2": 3,
        "systolic": 3,
        "heart_rate": 3,
        "consciousness": 3,
        "temperature": 2,
    }
    assert adult.news2 == 17 and adult.news2_red
    calm = f("A 40-year-old: RR 16, SpO2 98%, BP 124/80, HR 72, T 37.0")
    assert calm.news2 == 0 and not calm.news2_red
    assert f("my 4 year old: HR 150, RR 40").news2 is None  # NEWS2 is for adults
    assert f("no numbers here").news2 is None
