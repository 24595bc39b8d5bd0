from django.core.management.base import BaseCommand, CommandError

from ingest.models import IntegrationSource
from ingest.services import source_revoke


class Command(BaseCommand):
    help = "Revoke an integration source's token (its requests get 401 from now on)."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        source = IntegrationSource.objects.filter(name=name).first()
        if source is None:
            raise CommandError(f"no source named {name!r}")
        source_revoke(source=source)
        self.stdout.write(f"revoked {name}")
