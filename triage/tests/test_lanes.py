"""The intake lane check (triage.handlers.message_may_be_urgent): cheap enough for the HTTP
request, and it only orders work — the worker scores the whole text either way."""

from triage.handlers import LANE_PROTOCOL_CHARS, message_may_be_urgent
from triage.protocols import assess

FILLER = "I wanted to update you about my week and the appointment. " * 1700  # ~100 KB


def lane(body):
    return message_may_be_urgent({"subject": "", "body": body})


def test_a_protocol_emergency_early_in_the_message_takes_the_urgent_lane():
    assert lane("my blood pressure is 82/48 on the home cuff")  # NEWS2 (systolic <= 90): no red-flag rule says it
    assert not lane("can I get a refill of my lisinopril please")


def test_a_red_flag_anywhere_in_a_long_message_takes_the_urgent_lane():
    assert lane(FILLER + " and now I can't breathe and my lips are blue")


def test_past_the_protocol_window_only_the_red_flags_are_read_at_intake_but_the_worker_reads_all():
    body = FILLER + " my blood pressure is 82/48 on the home cuff"
    assert len(FILLER) > LANE_PROTOCOL_CHARS
    assert not lane(body)  # the ordinary lane ...
    assert assess(body).care_level == "emergency"  # ... and still an emergency once scored
