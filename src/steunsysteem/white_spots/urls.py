from django.urls import path

from . import views

app_name = "signals"
urlpatterns = [
    path("signalen/", views.signal_list, name="list"),
    path("signalen/zoeken/", views.signal_detect_now, name="detect"),
    path("signalen/melden/", views.signal_raise, name="raise"),
    path("signalen/<int:pk>/", views.signal_detail, name="detail"),
    path("signalen/<int:pk>/beschrijven/", views.signal_describe, name="describe"),
    path("signalen/<int:pk>/versturen/", views.signal_send, name="send"),
    path("signalen/<int:pk>/beantwoord/", views.signal_answer, name="answer"),
    path("signalen/<int:pk>/afsluiten/", views.signal_dismiss, name="dismiss"),
    path("signalen/<int:pk>/antwoord-gemeente/", views.signal_respond, name="respond"),
]
