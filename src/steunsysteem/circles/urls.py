from django.urls import path

from . import views

app_name = "circles"
urlpatterns = [
    path("telefooncirkels/", views.circle_list, name="list"),
    path("telefooncirkels/nieuw/", views.circle_create, name="create"),
    path("telefooncirkels/<int:pk>/", views.circle_detail, name="detail"),
    path("telefooncirkels/<int:pk>/lid-toevoegen/", views.member_add, name="member_add"),
    path(
        "telefooncirkels/<int:pk>/leden/<int:member_pk>/vertrekt/",
        views.member_leave,
        name="member_leave",
    ),
    path(
        "telefooncirkels/<int:pk>/leden/<int:member_pk>/eerder/",
        views.member_move_up,
        name="member_move_up",
    ),
    path(
        "telefooncirkels/<int:pk>/weg/",
        views.absence_add,
        name="absence_add",
    ),
    path(
        "telefooncirkels/<int:pk>/gebeld/",
        views.call_report,
        name="call_report",
    ),
    path(
        "telefooncirkels/<int:pk>/gemist/<int:report_pk>/opgevolgd/",
        views.follow_up,
        name="follow_up",
    ),
]
