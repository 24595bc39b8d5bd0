from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from clinflow import problems
from ingest.services import source_authenticate


class SourceTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <source token>` → request.auth is the IntegrationSource."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            raise problems.Unauthenticated("Send the source's API token as 'Authorization: Bearer <token>'.")
        if header[0].lower() != self.keyword or len(header) != 2:
            raise problems.Unauthenticated("The Authorization header must be 'Bearer <token>'.")
        try:
            token = header[1].decode()
        except UnicodeDecodeError:
            raise problems.Unauthenticated("The token is not valid.") from None
        source = source_authenticate(token=token)
        if source is None:
            raise problems.Unauthenticated("The token is unknown or has been revoked.")
        return (None, source)

    def authenticate_header(self, request):
        return 'Bearer realm="clinflow"'


class SourceTokenScheme(OpenApiAuthenticationExtension):
    """Documents the source token as an HTTP bearer scheme in the OpenAPI document."""

    target_class = SourceTokenAuthentication
    name = "sourceToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Integration source token (create_source)"}
