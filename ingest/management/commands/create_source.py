from django.core.management.base import BaseCommand, CommandError

from ingest.models import IntegrationSource
from ingest.services import source_create, source_rotate_token


class Command(BaseCommand):
    help = "Create an integration source (EMR) and print its API token on the last line."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--types", required=True, help="Comma-separated event types, or 'all'")
        parser.add_argument(
            "--source-uri",
            dest="source_uris",
            default=None,
            help="Comma-separated CloudEvents 'source' URIs it may send as (default: bound to the first one it uses)",
        )
        parser.add_argument(
            "--facilities", default=None, help="Comma-separated facility slugs it may send for (default: all)"
        )
        parser.add_argument("--rotate", action="store_true", help="If the source exists, issue it a new token")

    def handle(self, *args, name, types, rotate, source_uris=None, facilities=None, **options):
        existing = IntegrationSource.objects.filter(name=name).first()
        if existing:
            if not rotate:
                raise CommandError(f"source {name!r} exists; use --rotate to issue a new token")
            token = source_rotate_token(source=existing)
        else:
            try:
                source, token = source_create(name=name, types=types, source_uris=source_uris, facilities=facilities)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            uris = ", ".join(source.source_uris) or "the first source URI it uses"
            self.stderr.write(f"source {name!r} is bound to {uris}; facilities: {', '.join(source.facilities)}.")
            if not facilities:
                self.stderr.write("warning: no --facilities given: it may send for every facility.")
        self.stderr.write(f"source {name!r} may send: {types}. The token is shown once; store it now.")
        self.stdout.write(token)
