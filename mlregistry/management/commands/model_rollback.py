"""Put the previous live version of a model back live (the current one retired):

manage.py model_rollback triage-clf --note "v4 under-calls chest pain: INC-51"
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mlregistry.services import LifecycleError, model_rollback


class Command(BaseCommand):
    help = "Roll a model back to the version that was live before the current one (audited, a note required)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the model's name, e.g. triage-clf or noshow")
        parser.add_argument("--note", default="", help="why (required; kept with the version and in the audit)")
        parser.add_argument("--actor", default="operator", help="who is acting (for the audit trail)")

    def handle(self, *args: Any, name: str, note: str, actor: str, **opts: Any) -> None:
        try:
            restored = model_rollback(name=name, actor=actor, note=note)
        except LifecycleError as exc:
            raise CommandError(f"{exc.field}: {exc}") from exc
        self.stdout.write(f"rolled back: {restored.name} v{restored.version} is live again")
