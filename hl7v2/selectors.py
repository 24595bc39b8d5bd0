"""Reads of the HL7 listener: which source a message comes from, its facility, a kept patient."""

from __future__ import annotations

from hl7v2.models import FacilityAlias, Hl7Message, Hl7Patient
from ingest.models import IntegrationSource


def source_for_uri(*, uri: str) -> IntegrationSource | None:
    """The active source whose `source_uris` holds `uri` (exactly); None when none or several do
    (ambiguous: refused rather than guessed)."""
    found = [
        s
        for s in IntegrationSource.objects.filter(is_active=True, source_uris__icontains=uri)
        if uri in (s.source_uris or [])
    ]
    return found[0] if len(found) == 1 else None


def source_named(*, name: str) -> IntegrationSource | None:
    return IntegrationSource.objects.filter(name=name, is_active=True).first()


def facility_aliases(*, source: IntegrationSource) -> dict[tuple[str, str], str]:
    return {
        (a.field, a.value.lower()): a.facility
        for a in FacilityAlias.objects.filter(integration_source=source).only("field", "value", "facility")
    }


def patient_kept(*, source: IntegrationSource, mrn: str) -> Hl7Patient | None:
    return Hl7Patient.objects.filter(integration_source=source, mrn=mrn).first()


def message_answered(*, source: IntegrationSource, control_id: str) -> Hl7Message | None:
    return Hl7Message.objects.filter(integration_source=source, control_id=control_id).first()
