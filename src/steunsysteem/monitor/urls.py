from django.urls import path

from . import views

app_name = "monitor"
urlpatterns = [
    path("monitor/", views.dashboard, name="dashboard"),
    path("monitor/export.csv", views.export_csv, name="export_csv"),
    path("monitor/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("monitor/rapport.pdf", views.report_download, name="report_pdf"),
    path("monitor/doelen/", views.targets, name="targets"),
    path("monitor/doelen/<int:pk>/verwijderen/", views.target_remove, name="target_remove"),
    path("monitor/convenant/", views.covenant, name="covenant"),
    path("monitor/convenant/<str:part>/", views.covenant_add, name="covenant_add"),
    path("deelnemers/<uuid:pk>/doelgroep/", views.target_group, name="target_group"),
]
