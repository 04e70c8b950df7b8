from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("sociale-kaart/", views.search, name="search"),
]
