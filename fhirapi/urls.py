from django.urls import path, re_path

from fhirapi import views

urlpatterns = [
    path("fhir/Task/<str:item_id>", views.FhirTaskView.as_view(), name="fhir-task"),
    path("fhir", views.FhirIngestView.as_view(), name="fhir-ingest"),
    re_path(
        r"^fhir/(?P<resource_type>[A-Z][A-Za-z]{1,63})$", views.FhirIngestTypedView.as_view(), name="fhir-ingest-type"
    ),
]
