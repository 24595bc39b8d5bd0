from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Event intake"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from clinflow.dbsafety import install_safe_timestamp_loader
        from clinflow.health import metrics_register
        from ingest import schemas, tasks  # noqa: F401  (tasks: registered in every process, enqueued by name)
        from ingest.metrics import EventCollector

        connection_created.connect(install_safe_timestamp_loader, dispatch_uid="clinflow-safe-timestamps")

        metrics_register("ingest.events", EventCollector())

        # The OpenAPI document carries the same per-type schemas the validator uses.
        settings.SPECTACULAR_SETTINGS["APPEND_COMPONENTS"] = schemas.openapi_components()
