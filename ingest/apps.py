from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Event intake"

    def ready(self) -> None:
        from django.conf import settings

        from ingest import schemas, signals  # noqa: F401  (worker heartbeat on start-up)

        # The OpenAPI document carries the same per-type schemas the validator uses.
        settings.SPECTACULAR_SETTINGS["APPEND_COMPONENTS"] = schemas.openapi_components()
