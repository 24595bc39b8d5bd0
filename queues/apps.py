from django.apps import AppConfig


class QueuesConfig(AppConfig):
    name = "queues"
    verbose_name = "Work queues"

    def ready(self) -> None:
        # Register the Celery tasks in every process (web, commands, tests), as a worker's
        # autodiscovery does: services enqueue them by name (queues.services.delivery), and a
        # registered task honours its own options and task_always_eager.
        from django.contrib.auth.signals import user_logged_out

        from clinflow.health import metrics_register
        from queues import tasks  # noqa: F401
        from queues.metrics import QueueCollector
        from queues.services.delivery import session_ended

        metrics_register("queues.items", QueueCollector())

        # every open tab of a login that logs out closes its socket (no patient data after logout)
        user_logged_out.connect(session_ended, dispatch_uid="queues.session_ended")
