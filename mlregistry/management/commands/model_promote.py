"""Promote a model version to live (or, with --shadow, run it as the challenger beside the live one):

manage.py model_promote triage-clf 4 --shadow --note "challenger: retrained on October's labels"
manage.py model_promote triage-clf 4 --note "agreement 0.93 vs 0.90 over 2 weeks in shadow"
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mlregistry.models import ModelVersion
from mlregistry.services import LifecycleError, model_promote, model_state_set


class Command(BaseCommand):
    help = "Promote a model version to live, or with --shadow run it as the challenger (audited, a note required)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the model's name, e.g. triage-clf or noshow")
        parser.add_argument("version", type=int)
        parser.add_argument("--shadow", action="store_true", help="run it in shadow beside the live model instead")
        parser.add_argument("--note", default="", help="why (required; kept with the version and in the audit)")
        parser.add_argument("--actor", default="operator", help="who is acting (for the audit trail)")

    def handle(self, *args: Any, name: str, version: int, shadow: bool, note: str, actor: str, **opts: Any) -> None:
        try:
            if shadow:
                found = ModelVersion.objects.filter(name=name, version=version).first()
                if found is None:
                    raise LifecycleError(f"no {name} v{version}", field="version")
                changed = model_state_set(
                    version_id=found.pk, state=ModelVersion.State.SHADOW, actor=actor, note=note, action="shadow"
                )
            else:
                changed = model_promote(name=name, version=version, actor=actor, note=note)
        except LifecycleError as exc:
            raise CommandError(f"{exc.field}: {exc}") from exc
        self.stdout.write(f"{changed.name} v{changed.version} is now {changed.state}")
