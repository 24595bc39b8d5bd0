"""What the triage app does with each event type (registered with ingest's handler registry)."""

from ingest.handlers import handles, urgent_if
from ingest.models import Event
from triage import protocols, services
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
@urgent_if("PatientMessageReceived")
def message_may_be_urgent(data) -> bool:
    """An emergency by the complaint protocols (the criteria that will decide when it is scored)."""
    return protocols.assess(services._message_text(data)).care_level == "emergency"


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
