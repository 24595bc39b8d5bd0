from django.core.management.base import BaseCommand, CommandError

from mlregistry.selectors import model_has_live
from scheduling import noshow
from scheduling.services import MODEL_NAME, noshow_model_train


class Command(BaseCommand):
    help = (
        "Train the no-show model from the site's appointment history (or --csv in the public "
        "'Medical Appointment No Shows' format), report AUC, Brier and calibration on a held-out "
        "later period, and register a model version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", help="A file in the public Medical Appointment No Shows format")
        parser.add_argument(
            "--candidate",
            action="store_true",
            help="(the default, kept for old scripts) training registers a candidate",
        )
        parser.add_argument("--if-missing", action="store_true", help="Only train when no live model exists")

    def handle(self, *args, csv=None, candidate=False, if_missing=False, **options):
        if if_missing and model_has_live(name=MODEL_NAME):
            self.stdout.write("a live no-show model exists; nothing to do")
            return
        try:
            version = noshow_model_train(csv_path=csv, actor="train_noshow")
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"trained on: {version.metrics.get('origin')}")
        self.stdout.write(noshow.format_report(version.metrics))
        self.stdout.write(f"registered {version} sha256={version.sha256}")
        if version.state == "candidate":
            self.stdout.write(
                f"run it beside the live model with: manage.py model_promote {version.name} {version.version} --shadow "
                '--note "..."; promote it with: manage.py model_promote '
                + f'{version.name} {version.version} --note "..."'
            )
