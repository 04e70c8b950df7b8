from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("deelnemers/<uuid:pk>/netwerk/kaart/", views.network_map_page, name="map"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.svg", views.network_map_svg, name="map_svg"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.png", views.network_map_png, name="map_png"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.pdf", views.network_map_pdf, name="map_pdf"),
]
