"""What the triage app does with each event type (registered with ingest's handler registry)."""

from ingest.handlers import handles
from triage import services


@handles("PatientMessageReceived")
def score_message(event):
    return services.message_triage(event=event)


@handles("PatientMessageResolved")
def record_resolution(event):
    return services.message_resolved_record(event=event)


@handles("LabResultFinalized")
def route_lab_result(event):
    return services.lab_result_route(event=event)


@handles("ResultAcknowledged")
def acknowledge_result(event):
    return services.result_acknowledge(event=event)
