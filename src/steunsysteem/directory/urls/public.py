from django.urls import path

from ..views import public

urlpatterns = [
    path("sociale-kaart/", public.search, name="search"),
]
