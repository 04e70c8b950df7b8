from django.urls import path

from . import views

app_name = "notes"
urlpatterns = [
    path("deelnemers/<uuid:pk>/notities/", views.note_list, name="list"),
    path("deelnemers/<uuid:pk>/notities/nieuw/", views.note_write, name="write"),
    path(
        "deelnemers/<uuid:pk>/notities/<int:note_pk>/corrigeren/",
        views.note_write,
        name="correct",
    ),
]
