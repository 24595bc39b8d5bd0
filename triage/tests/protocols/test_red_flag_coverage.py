"""The protocols replace the red-flag rules as the decider: every phrasing of the red-flag table
that one of its emergent rules must fire on reaches `emergency` through a protocol criterion —
except where the guideline a protocol cites says less, listed here with the reason — and every
phrasing no rule may fire on (negated, historical, someone else) reaches no emergency."""

import pytest

from triage.protocols import assess
from triage.redflags.rules import EMERGENT, RULES
from triage.tests.protocols.table import explain
from triage.tests.test_redflags import CASES

# The old rule said emergency; the protocol's guideline says a clinician today (never lower).
GUIDELINE_SAYS_SAME_DAY = {
    "coughing up blood this morning": "NHS 111 haemoptysis: urgent same-day review; 999 only for a lot of blood",
    "8 weeks pregnant and spotting": "NICE NG126 / ACOG: light bleeding in early pregnancy without pain -> early pregnancy unit the same day",
    "pregnant, some blood when I wipe": "NICE NG126: light bleeding without pain -> same-day assessment",
    "fever of 104 with shaking chills and rigors": "NICE NG51: rigors are a moderate-to-high (not high) risk criterion",
}
EMERGENT_RULES = {r.name for r in RULES if r.urgency == EMERGENT}
MUST_REACH = [
    text for text, expected in CASES if set(expected) & EMERGENT_RULES and text not in GUIDELINE_SAYS_SAME_DAY
]
NO_RULE = [text for text, expected in CASES if not expected]


@pytest.mark.parametrize("text", MUST_REACH)
def test_an_emergent_red_flag_phrasing_is_a_protocol_emergency(text):
    a = assess(text)
    assert a.care_level == "emergency" and a.by_criterion, f"{text!r}: {explain(text)}"


@pytest.mark.parametrize("text", sorted(GUIDELINE_SAYS_SAME_DAY))
def test_where_the_guideline_says_less_it_is_still_a_clinician_today(text):
    a = assess(text)
    assert a.care_level == "same_day" and a.by_criterion, f"{text!r}: {explain(text)}"


@pytest.mark.parametrize("text", NO_RULE)
def test_a_phrasing_no_rule_fires_on_is_no_emergency(text):
    a = assess(text)
    assert a.care_level != "emergency", f"{text!r}: {explain(text)}"
