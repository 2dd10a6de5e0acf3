from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from podium.programme import extensions
from podium.programme.models import Session


def home(request: HttpRequest) -> HttpResponse:
    sessions = [
        (session, extensions.links_for(session))
        for session in Session.objects.order_by("-start_date", "title")
    ]
    return render(request, "web/home.html", {"sessions": sessions})
