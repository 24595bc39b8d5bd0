"""Lab result severity (pure): abnormal flags, reference ranges and critical limits."""

from __future__ import annotations

from dataclasses import dataclass

# Critical (panic) limits by LOINC code: (low, high); None = no limit on that side. Common
# laboratory call-back values; a site would tune these — they are data, not logic.
CRITICAL_LIMITS: dict[str, tuple[float | None, float | None]] = {
    "2823-3": (2.8, 6.2),  # potassium mmol/L
    "6298-4": (2.8, 6.2),  # potassium, blood
    "2951-2": (120, 160),  # sodium mmol/L
    "2345-7": (40, 450),  # glucose mg/dL
    "2339-0": (40, 450),  # glucose, blood
    "718-7": (6.0, 20.0),  # hemoglobin g/dL
    "777-3": (20, 1000),  # platelets 10*3/uL
    "6690-2": (1.0, 50.0),  # leukocytes 10*3/uL
    "6301-6": (None, 5.0),  # INR
    "17861-6": (6.0, 13.0),  # calcium mg/dL
    "2524-7": (None, 4.0),  # lactate mmol/L
    "10839-9": (None, 0.4),  # troponin I ng/mL
    "2160-0": (None, 7.0),  # creatinine mg/dL
}
CRITICAL_FLAGS = {"HH", "LL", "AA"}
ABNORMAL_FLAGS = {"H", "L", "A"}


@dataclass(frozen=True)
class Severity:
    level: str  # normal | abnormal | critical
    reasons: tuple[str, ...]


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _bound(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def classify_result(*, code: str, value, flag: str | None, low: float | None, high: float | None) -> Severity:
    """The worse of what the lab's flag says and what the numbers say."""
    reasons: list[str] = []
    level = "normal"
    number = _number(value)
    if flag in CRITICAL_FLAGS:
        level, reasons = "critical", [f"flag {flag}"]
    limits = CRITICAL_LIMITS.get(code)
    if number is not None and limits:
        lo, hi = limits
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            level = "critical"
            reasons.append(f"{number:g} beyond critical limit {_bound(lo)}–{_bound(hi)}")
    if level != "critical":
        if flag in ABNORMAL_FLAGS:
            level, reasons = "abnormal", reasons + [f"flag {flag}"]
        if number is not None and ((low is not None and number < low) or (high is not None and number > high)):
            level = "abnormal"
            reasons.append(f"{number:g} outside reference {_bound(low)}–{_bound(high)}")
    return Severity(level, tuple(reasons))
