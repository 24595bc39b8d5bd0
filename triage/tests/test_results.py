import pytest

from triage.results import classify_result


@pytest.mark.parametrize(
    ("code", "value", "flag", "low", "high", "level"),
    [
        ("2823-3", 4.2, "N", 3.5, 5.1, "normal"),
        ("2823-3", 5.4, None, 3.5, 5.1, "abnormal"),  # outside the reference range, no flag sent
        ("2823-3", 5.4, "H", 3.5, 5.1, "abnormal"),
        ("2823-3", 6.8, "H", 3.5, 5.1, "critical"),  # beyond the critical limit although flagged H
        ("2823-3", 6.4, "HH", 3.5, 5.1, "critical"),
        ("718-7", 5.1, "L", 12.0, 16.0, "critical"),
        ("2951-2", 133, "L", 135, 145, "abnormal"),
        ("94500-6", "Detected", "A", None, None, "abnormal"),  # text result with an abnormal flag
        ("94500-6", "Not detected", "N", None, None, "normal"),
        ("600-7", "positive", "AA", None, None, "critical"),
        ("99999-9", "<0.01", None, 0.0, 0.04, "normal"),  # unparsable number: go by the flag
    ],
)
def test_severity(code, value, flag, low, high, level):
    assert classify_result(code=code, value=value, flag=flag, low=low, high=high).level == level


def test_reasons_say_why():
    sev = classify_result(code="2823-3", value=6.8, flag="H", low=3.5, high=5.1)
    assert any("critical limit" in r for r in sev.reasons)
