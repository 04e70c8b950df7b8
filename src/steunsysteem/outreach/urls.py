from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("deelnemers/<uuid:pk>/route/", views.route, name="route"),
    path("deelnemers/<uuid:pk>/route/bezoek/", views.visit_add, name="visit_add"),
    path("kwartiermaken/", views.approach_list, name="approaches"),
    path("kwartiermaken/nieuw/", views.approach_create, name="approach_create"),
    path("kwartiermaken/<int:pk>/", views.approach_detail, name="approach"),
    path("kwartiermaken/<int:pk>/gesprek/", views.conversation_add, name="conversation_add"),
    path("kwartiermaken/<int:pk>/voorstellen/", views.propose, name="propose"),
]
