from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "queues"
    verbose_name = "Work queues"

    def ready(self) -> None:
        # Register the Celery tasks in every process (web, commands, tests), as a worker's
        # autodiscovery does: services enqueue them by name (queues.services.delivery), and a
        # registered task honours its own options and task_always_eager.
        from queues import tasks  # noqa: F401
