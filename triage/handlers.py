"""What the triage app does with each event type (registered with ingest's handler registry)."""

from ingest.handlers import handles, urgent_if
from ingest.models import Event
from triage import protocols, redflags, services
from triage.results import classify_result


@handles("PatientMessageReceived")
def score_message(event: Event):
    return services.message_triage(event=event)


@handles("PatientMessageResolved")
def record_resolution(event: Event):
    return services.message_resolved_record(event=event)


@handles("LabResultFinalized")
def route_lab_result(event: Event):
    return services.lab_result_route(event=event)


@handles("ResultAcknowledged")
def acknowledge_result(event: Event):
    return services.result_acknowledge(event=event)


# Intake lanes: cheap, pure checks (no model, no database) that send a possible emergency to the
# urgent Celery queue, so it is scored first even behind a backlog.
# The lane check runs inside the HTTP request: the protocols read only the start of a long message
# (all ~3,600 patterns cost about 2.8 s on a 100 KB body, 66 ms on 2,000 characters); the red-flag
# rules read all of it (126 ms at 100 KB). The worker scores the whole text either way: the lane
# only decides what is scored first.
LANE_PROTOCOL_CHARS = 2000


@urgent_if("PatientMessageReceived")
def message_may_be_urgent(data) -> bool:
    """A possible emergency: a red-flag rule anywhere, or a protocol emergency in the first
    ``LANE_PROTOCOL_CHARS`` characters."""
    text = services._message_text(data)
    if redflags.find_red_flags(text):
        return True
    return protocols.assess(text[:LANE_PROTOCOL_CHARS]).care_level == "emergency"


@urgent_if("LabResultFinalized")
def result_may_be_critical(data) -> bool:
    return (
        classify_result(
            code=data["code"]["code"],
            value=data["value"],
            flag=data.get("abnormal_flag"),
            low=data.get("reference_low"),
            high=data.get("reference_high"),
        ).level
        == "critical"
    )
