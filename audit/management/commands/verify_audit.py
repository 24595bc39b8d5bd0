from django.core.management.base import BaseCommand, CommandError

from audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Recompute the audit hash chain and report the first broken record."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(
                f"audit chain BROKEN at seq {report.first_bad_seq}: {report.problem} "
                f"({report.checked} records verified before it)"
            )
        self.stdout.write(f"audit chain OK: {report.checked} records verified")
