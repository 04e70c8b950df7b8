from django.urls import path

from . import views

app_name = "worktables"
urlpatterns = [
    path("zo-werkt-het/", views.about, name="about"),
    path("werktafels/", views.worktable_list, name="list"),
    path("werktafels/<int:pk>/", views.worktable_detail, name="detail"),
    # Who sits at the table, and who gets its minutes
    path("werktafels/<int:pk>/leden/", views.worktable_members, name="members"),
    path(
        "werktafels/<int:pk>/leden/<int:membership_pk>/rol/",
        views.worktable_member_role,
        name="member_role",
    ),
    path(
        "werktafels/<int:pk>/leden/<int:membership_pk>/van-de-tafel/",
        views.worktable_member_remove,
        name="member_remove",
    ),
    path("werktafels/<int:pk>/verzendlijst/", views.worktable_mailing_list, name="mailing_list"),
    path(
        "werktafels/<int:pk>/verzendlijst/<int:entry_pk>/weg/",
        views.worktable_mailing_list_remove,
        name="mailing_list_remove",
    ),
    path("werktafels/overleg/<int:pk>/", views.meeting_detail, name="meeting"),
    path("werktafels/overleg/<int:pk>/agenda-maken/", views.agenda_build, name="agenda_build"),
    path(
        "werktafels/overleg/<int:pk>/punt-toevoegen/",
        views.agenda_item_add,
        name="agenda_item_add",
    ),
    path("werktafels/overleg/<int:pk>/afsluiten/", views.meeting_close, name="meeting_close"),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/",
        views.agenda_item,
        name="agenda_item",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/voorstel/",
        views.agenda_item_proposal,
        name="agenda_item_proposal",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/status/",
        views.agenda_item_status,
        name="agenda_item_status",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/actie/",
        views.agenda_item_action,
        name="agenda_item_action",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/van-de-agenda/",
        views.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/uitnodigen/",
        views.agenda_item_invite,
        name="agenda_item_invite",
    ),
    path(
        "werktafels/overleg/<int:pk>/punt/<int:item_pk>/tips/",
        views.agenda_item_tips,
        name="agenda_item_tips",
    ),
    path(
        "werktafels/overleg/<int:pk>/aanwezig/", views.attendance_record, name="attendance_record"
    ),
    path("werktafels/overleg/<int:pk>/verslag/", views.minutes, name="minutes"),
    path("werktafels/overleg/<int:pk>/verslag.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("mijn-acties/", views.my_actions, name="my_actions"),
    path("mijn-acties/<int:pk>/klaar/", views.action_complete, name="action_complete"),
]
