from django.urls import path

from governance import views

urlpatterns = [
    path("governance/", views.governance_page, name="governance"),
    path("governance/rollout", views.rollout_post, name="governance-rollout"),
    path("governance/policy", views.policy_post, name="governance-policy"),
    path("governance/site", views.site_post, name="governance-site"),
    path("governance/models/<slug:name>", views.model_post, name="governance-model"),
]
