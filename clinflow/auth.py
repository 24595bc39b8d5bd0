from rest_framework.authentication import SessionAuthentication


class StaffSessionAuthentication(SessionAuthentication):
    """Session auth (with CSRF) that answers 401, not 403, to a caller who is not logged in."""

    def authenticate_header(self, request):
        return 'Session realm="clinflow", login="/accounts/login/"'
