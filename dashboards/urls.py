"""Manager dashboard pages and CSV exports (the JSON metrics API is in dashboards/api.py)."""

from django.urls import path

from dashboards import review, transparency, views

urlpatterns = [
    path("dashboards/", views.dashboard_index, name="dashboards"),
    path("dashboards/<slug:workflow>/", views.workflow_page, name="dashboard-workflow"),
    path("dashboards/<slug:workflow>/feedback-records.csv", views.feedback_csv, name="dashboard-feedback-csv"),
    path("dashboards/<slug:workflow>/<slug:metric>.csv", views.metric_csv, name="dashboard-csv"),
    path("dashboards/<slug:workflow>/review/", review.review_page, name="dashboards-review"),
    path("models/<slug:name>/<int:version>/", transparency.model_page, name="model-transparency"),
]
