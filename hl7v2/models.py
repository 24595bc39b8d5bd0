"""What the MLLP listener keeps: every message it answered for a known source (with the answer, so
a resend gets the same ACK), the demographics ADT messages carried, and the facility mapping."""

from django.db import models

CONTROL_ID_MAX = 199  # MSH-10 is ST(199) since v2.7; older versions allow 20


class Hl7Message(models.Model):
    """One received message of a known source, keyed by its control id (MSH-10), with the ACK it got.

    An AA row is a promise kept: its events are committed with it, and a resend of the same control
    id is answered with `ack` again without being processed. AE/AR rows are records: a resend of
    such a control id is processed afresh (and the row updated)."""

    class Ack(models.TextChoices):
        AA = "AA", "accepted"
        AE = "AE", "error"
        AR = "AR", "rejected"

    integration_source = models.ForeignKey("ingest.IntegrationSource", on_delete=models.PROTECT, related_name="+")
    control_id = models.CharField(max_length=CONTROL_ID_MAX)
    source_uri = models.CharField(max_length=255, help_text="urn:hl7:<MSH-3>:<MSH-4>, the events' CloudEvents source")
    message_type = models.CharField(max_length=16, help_text="MSH-9, e.g. SIU^S12")
    raw = models.TextField(help_text="The message as decoded (segments separated by CR)")
    raw_sha256 = models.CharField(max_length=64)
    decoded_as = models.CharField(max_length=32, blank=True)
    ack_code = models.CharField(max_length=2, choices=Ack.choices)
    ack = models.TextField(help_text="The ACK sent, resent verbatim for a repeat")
    error = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True, help_text="What was acknowledged but not turned into events")
    event_ids = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField()
    answered_at = models.DateTimeField()
    receipts = models.PositiveIntegerField(default=1, help_text="How many times this control id was received")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["integration_source", "control_id"], name="hl7_message_source_control_id"),
        ]
        indexes = [models.Index(fields=["integration_source", "received_at"], name="hl7_message_source_received")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.control_id} ({self.ack_code})"


class Hl7Patient(models.Model):
    """Demographics from ADT (A01/A04/A08/A28/A31), per source and MRN, filled into the `patient` of
    later SIU/ORU/MDM messages that carry only the MRN."""

    integration_source = models.ForeignKey("ingest.IntegrationSource", on_delete=models.CASCADE, related_name="+")
    mrn = models.CharField(max_length=64)
    name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, blank=True)
    updated_at = models.DateTimeField()
    updated_by_control_id = models.CharField(max_length=CONTROL_ID_MAX)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["integration_source", "mrn"], name="hl7_patient_source_mrn")]

    def __str__(self) -> str:
        return f"{self.mrn} ({self.integration_source_id})"


class FacilityAlias(models.Model):
    """Per-source mapping of an HL7 facility value to a clinflow facility slug: PV1-3 (its facility
    component 4, or point of care component 1) or MSH-4 (sending facility, component 1)."""

    class Field(models.TextChoices):
        PV1_3 = "PV1-3"
        MSH_4 = "MSH-4"

    integration_source = models.ForeignKey("ingest.IntegrationSource", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=8, choices=Field.choices)
    value = models.CharField(max_length=200, help_text="As sent, compared case-insensitively")
    facility = models.SlugField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["integration_source", "field", "value"], name="hl7_facility_alias_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.field}={self.value} → {self.facility}"
