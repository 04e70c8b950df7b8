from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Service


def search(request: HttpRequest) -> HttpResponse:
    services = Service.objects.public().order_by("name")[:50]
    return render(request, "directory/search.html", {"services": services})
