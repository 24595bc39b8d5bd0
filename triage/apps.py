from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"

    def ready(self) -> None:
        from ingest.selectors import register_status_provider
        from triage import handlers, selectors  # noqa: F401  (registers the event handlers)

        register_status_provider(selectors.event_results)
