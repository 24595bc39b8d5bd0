from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from clinflow import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("queues.urls")),
    path("", include("scheduling.urls")),
    path("", include("coding.urls")),  # /coding/policy/
    path("", include("ingest.urls")),  # /ops/
    path("", include("dashboards.urls")),
    path("", include("governance.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ingest.api.urls")),
    path("api/v1/", include("queues.api.urls")),
    path("api/v1/", include("dashboards.api")),
    path("api/v1/", include("fhirapi.urls")),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema", permission_classes=[]), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema", permission_classes=[]), name="redoc"),
]
