from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from queues.selectors import queues_for_user


@login_required
def home(request):
    return render(request, "home.html", {"queues": queues_for_user(user=request.user)})
