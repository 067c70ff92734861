from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def episode_list(request):
    return render(request, "journal/episode_list.html", {})


def home(request):
    """A welcome for visitors; the Today dashboard for a signed-in person."""
    return render(request, "home.html", {})
