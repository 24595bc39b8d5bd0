from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from queues.selectors import queues_with_open_counts


@login_required
def home(request):
    """The queues the user may work, with their open counts."""
    return render(
        request,
        "home.html",
        {"queues": queues_with_open_counts(user=request.user), "idle_seconds": settings.SESSION_COOKIE_AGE},
    )
