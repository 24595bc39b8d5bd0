from django.urls import path

from queues.api import views

urlpatterns = [
    path("queues/", views.QueueListView.as_view(), name="queues-list"),
    path("queues/<slug:slug>/items/", views.QueueItemsView.as_view(), name="queue-items"),
    path("items/<uuid:item_id>", views.ItemDetailView.as_view(), name="item-detail"),
    path("policies/", views.PolicyListView.as_view(), name="policies-list"),
    path("policies/<int:policy_id>", views.PolicyDetailView.as_view(), name="policy-detail"),
]
