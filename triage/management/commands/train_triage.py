from django.core.management.base import BaseCommand

from mlregistry.selectors import model_has_live
from triage import classifier
from triage.services import MODEL_NAME, site_training_samples, triage_model_train


class Command(BaseCommand):
    help = (
        "Train the triage classifier on the seed corpus plus the site's resolved messages, print "
        "cross-validated metrics per class, and register a new model version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--seed-only", action="store_true", help="Ignore the site's own labels")
        parser.add_argument(
            "--candidate",
            action="store_true",
            help="(the default, kept for old scripts) training registers a candidate",
        )
        parser.add_argument("--if-missing", action="store_true", help="Only train when no live model exists")

    def handle(self, *args, folds, seed_only, candidate, if_missing, **options):
        if if_missing and model_has_live(name=MODEL_NAME):
            self.stdout.write("a live triage model exists; nothing to do")
            return
        n_site = 0 if seed_only else len(site_training_samples())
        n_seed = len(classifier.load_seed_corpus())
        self.stdout.write(f"training on {n_seed} seed + {n_site} site messages ({folds}-fold CV) ...")
        version = triage_model_train(include_site=not seed_only, folds=folds, actor="train_triage")
        if version.metrics:
            self.stdout.write(classifier.format_report(version.metrics))
        self.stdout.write(f"registered {version} sha256={version.sha256}")
        if version.state == "candidate":
            self.stdout.write(
                f"run it beside the live model with: manage.py model_promote {version.name} {version.version} --shadow "
                '--note "..."; promote it with: manage.py model_promote '
                + f'{version.name} {version.version} --note "..."'
            )
