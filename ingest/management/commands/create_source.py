from django.core.management.base import BaseCommand, CommandError

from ingest.models import IntegrationSource
from ingest.services import source_create, source_rotate_token


class Command(BaseCommand):
    help = "Create an integration source (EMR) and print its API token on the last line."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--types", required=True, help="Comma-separated event types, or 'all'")
        parser.add_argument("--rotate", action="store_true", help="If the source exists, issue it a new token")

    def handle(self, *args, name, types, rotate, **options):
        existing = IntegrationSource.objects.filter(name=name).first()
        if existing:
            if not rotate:
                raise CommandError(f"source {name!r} exists; use --rotate to issue a new token")
            token = source_rotate_token(source=existing)
        else:
            try:
                _, token = source_create(name=name, types=types)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        self.stderr.write(f"source {name!r} may send: {types}. The token is shown once; store it now.")
        self.stdout.write(token)
