from django.urls import path

from coding import views

urlpatterns = [path("coding/policy/", views.policy_page, name="coding-policy")]
