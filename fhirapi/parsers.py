"""Request bodies of the FHIR endpoints: application/fhir+json (or application/json), under the
batch byte limit and the nesting limit of the event API (ingest.api.parsers)."""

from __future__ import annotations

from ingest.api.parsers import BatchJSONParser


class FhirJSONParser(BatchJSONParser):
    media_type = "application/fhir+json"


class FhirPlainJSONParser(BatchJSONParser):
    media_type = "application/json"
