def nav(request):
    """Which sections the top navigation offers this user."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from queues.models import Queue
    from queues.selectors import queues_for_user

    return {"nav_scheduling": queues_for_user(user=user).filter(kind=Queue.Kind.SCHEDULING).exists()}
