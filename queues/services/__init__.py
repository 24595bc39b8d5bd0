"""Writes of the queues app, by concern. Callers import the module: `from queues.services import items`.

- `facilities`: facility_setup (a facility and its standard queues), queue_grant (who may work one),
  workflow_grant / workflow_revoke (who manages a workflow: dashboards, shadow review).
- `policies`: routing_policy_ensure / routing_policy_update (versioned, audited).
- `items`: every change to a work item — from events (item_route, item_refresh_suggestion,
  item_close_for_event, item_resolve_message_in_emr), by people (item_claim, item_release,
  item_resolve, item_escalate, item_snooze, item_reassign, item_decide_batch, item_view_record)
  and by the system (item_escalate_step / _undeliverable / _due, item_wake_snoozed,
  item_release_expired_claims).
- `delivery`: presence, preference_update, item_schedule_delivery, item_deliver,
  item_redeliver_lost, item_escalation_notify, interrupt_acknowledge, digests_build.

Dependencies point one way: queues.api / views / consumers / tasks → services (items → delivery)
→ selectors / routing / visibility / representations / publish / hooks → models. Services never
import queues.tasks: they enqueue by task name after commit (see delivery.DELIVER_ITEM_TASK), and
queues.tasks orchestrates what spans two services (deliver, then escalate what reached nobody).
"""
