from django.core.management.base import BaseCommand, CommandError

from mlregistry.selectors import model_has_live
from scheduling import noshow
from scheduling.services import MODEL_NAME, noshow_model_train, noshow_training_data

KINDS = {"logistic": "logistic regression (the live model)", "gbm": "gradient-boosted trees (the challenger)"}


class Command(BaseCommand):
    help = (
        "Train the no-show models from the site's appointment history (or --csv in the public "
        "'Medical Appointment No Shows' format): the logistic model and the gradient-boosted challenger, "
        "report AUC, Brier and calibration slope / intercept of each on a held-out later period of unseen "
        "patients, and register each as a candidate version (training never promotes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", help="A file in the public Medical Appointment No Shows format")
        parser.add_argument(
            "--kind", choices=["logistic", "gbm", "both"], default="both", help="which model(s) to train"
        )
        parser.add_argument(
            "--candidate",
            action="store_true",
            help="(the default, kept for old scripts) training registers a candidate",
        )
        parser.add_argument("--if-missing", action="store_true", help="Only train when no live model exists")

    def handle(self, *args, csv=None, kind="both", candidate=False, if_missing=False, **options):
        if if_missing and model_has_live(name=MODEL_NAME):
            self.stdout.write("a live no-show model exists; nothing to do")
            return
        kinds = ["logistic", "gbm"] if kind == "both" else [kind]
        if if_missing:
            kinds = ["logistic"]  # a fresh install needs its live model, not a challenger
        try:
            data = noshow_training_data(csv_path=csv)
            versions = []
            for k in kinds:
                self.stdout.write(f"training {KINDS[k]} ...")
                version = noshow_model_train(csv_path=csv, actor="train_noshow", kind=k, appts_origin=data)
                self.stdout.write(noshow.format_report(version.metrics))
                self.stdout.write(f"registered {version} sha256={version.sha256}\n")
                versions.append((k, version))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"trained on: {data[1]}")
        self.stdout.write(
            f"{'model':<10}{'version':>8}{'state':>11}{'AUC':>8}{'Brier':>8}{'slope':>8}{'intercept':>10}"
        )
        for k, v in versions:
            m = v.metrics

            def num(x, spec=".3f"):
                return "n/a" if x is None else format(x, spec)

            self.stdout.write(
                f"{k:<10}{'v' + str(v.version):>8}{v.state:>11}{num(m.get('auc')):>8}{num(m.get('brier'), '.4f'):>8}"
                f"{num(m.get('calibration_slope'), '.2f'):>8}{num(m.get('calibration_intercept'), '.2f'):>10}"
            )
        for _, v in versions:
            if v.state == "candidate":
                self.stdout.write(
                    f'run it beside the live model: manage.py model_promote {v.name} {v.version} --shadow --note "..."'
                )
