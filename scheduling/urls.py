from django.urls import path

from scheduling import views

urlpatterns = [
    path("scheduling/review/", views.review_page, name="scheduling-review"),
    path("scheduling/review/undo", views.review_undo, name="scheduling-review-undo"),
    path("scheduling/capacity/", views.capacity_page, name="scheduling-capacity"),
    path("vendor/plotly.js", views.plotly_js, name="plotly-js"),
]
