"""What the scheduling app does with each appointment event (registered with ingest's registry)."""

from ingest.handlers import handles
from ingest.models import Event
from scheduling import services


@handles("AppointmentBooked")
def score_booking(event: Event):
    return services.appointment_booked(event=event)


@handles("AppointmentCompleted", "AppointmentNoShow", "AppointmentCancelled")
def record_outcome(event: Event):
    return services.appointment_outcome(event=event)


@handles("AppointmentRequested")
def suggest_slots(event: Event):
    return services.appointment_requested(event=event)
