from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import SessionAuthentication


class StaffSessionAuthentication(SessionAuthentication):
    """Session auth (with CSRF) that answers 401, not 403, to a caller who is not logged in."""

    def authenticate_header(self, request):
        return 'Session realm="clinflow", login="/accounts/login/"'


class StaffSessionScheme(OpenApiAuthenticationExtension):
    """Documents staff session auth (cookie + X-CSRFToken on writes) in the OpenAPI document."""

    target_class = StaffSessionAuthentication
    name = "staffSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Session from /accounts/login/; send X-CSRFToken on unsafe methods",
        }
