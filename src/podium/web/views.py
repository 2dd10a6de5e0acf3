from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from podium.programme.models import Session


def home(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.order_by("-start_date", "title")
    return render(request, "web/home.html", {"sessions": sessions})
