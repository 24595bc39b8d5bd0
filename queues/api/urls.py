from django.urls import path

from queues.api import interrupts, views

urlpatterns = [
    path("queues/", views.QueueListView.as_view(), name="queues-list"),
    path("queues/<slug:slug>/items/", views.QueueItemsView.as_view(), name="queue-items"),
    path("items/<uuid:item_id>", views.ItemDetailView.as_view(), name="item-detail"),
    path("items/<uuid:item_id>/claim", views.ItemClaimView.as_view(), name="item-claim"),
    path("items/<uuid:item_id>/release", views.ItemReleaseView.as_view(), name="item-release"),
    path("items/<uuid:item_id>/escalate", views.ItemEscalateView.as_view(), name="item-escalate"),
    path("items/<uuid:item_id>/snooze", views.ItemSnoozeView.as_view(), name="item-snooze"),
    path("items/<uuid:item_id>/reassign", views.ItemReassignView.as_view(), name="item-reassign"),
    path("items/<uuid:item_id>/resolve", views.ItemResolveView.as_view(), name="item-resolve"),
    path("items/decide", views.ItemsBatchDecisionView.as_view(), name="items-decide"),
    path("interrupts/", views.PendingInterruptsView.as_view(), name="interrupts-pending"),
    path("interrupts/ack-all", interrupts.InterruptAckAllView.as_view(), name="interrupts-ack-all"),
    path("interrupts/<int:delivery_id>/ack", views.InterruptAckView.as_view(), name="interrupt-ack"),
    path("me/delivery", views.MyDeliveryView.as_view(), name="my-delivery"),
    path("policies/", views.PolicyListView.as_view(), name="policies-list"),
    path("policies/<int:policy_id>", views.PolicyDetailView.as_view(), name="policy-detail"),
]
