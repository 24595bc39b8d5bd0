"""What the coding app does with each documentation event (registered with ingest's registry)."""

from coding import services
from ingest.handlers import handles
from ingest.models import Event


@handles("OrderUnsigned", "NoteUnsigned")
def track_unsigned(event: Event):
    return services.unsigned_received(event=event)


@handles("OrderSigned", "NoteSigned")
def close_signed(event: Event):
    return services.unsigned_signed(event=event)


@handles("EncounterClosed")
def check_coding(event: Event):
    return services.encounter_checked(event=event)
