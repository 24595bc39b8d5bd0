from django.apps import AppConfig


class FhirapiConfig(AppConfig):
    name = "fhirapi"
    verbose_name = "FHIR R4 interface"
