from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"

    def ready(self) -> None:
        from ingest.selectors import register_status_provider
        from queues import hooks
        from triage import handlers, labels, selectors  # noqa: F401  (registers the event handlers)

        register_status_provider(selectors.event_results)
        hooks.on_item_resolved(labels.label_record_for_item)  # a nurse's decision becomes a training label
        hooks.on_item_reopened(labels.label_withdraw_for_item)  # and an undone one is taken back
        hooks.provides_message_scores(selectors.message_scores)  # each message of a thread with its own score
