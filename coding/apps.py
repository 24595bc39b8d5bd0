from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "coding"

    def ready(self) -> None:
        from coding import handlers  # noqa: F401  (registers the order, note and encounter handlers)
