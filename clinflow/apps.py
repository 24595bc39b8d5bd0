from django.apps import AppConfig


class ClinflowConfig(AppConfig):
    """The platform: settings, URLs, ASGI, Celery, health. An app so Celery finds `clinflow/tasks.py`."""

    name = "clinflow"
    verbose_name = "Platform"

    def ready(self) -> None:
        from clinflow import heartbeat  # noqa: F401  (worker heartbeat on start-up)
