from django.urls import path

from steunsysteem.core.rate_limits import rate_limited

from . import views

# Drawing a PNG or PDF takes the server a while: the map and its downloads are limited.
_limited = rate_limited("network_map")

app_name = "networks"
urlpatterns = [
    path("deelnemers/<uuid:pk>/netwerk/", views.network, name="network"),
    path("deelnemers/<uuid:pk>/netwerk/nieuw/", views.member_add, name="member_add"),
    path("deelnemers/<uuid:pk>/netwerk/<uuid:member_pk>/", views.member_edit, name="member_edit"),
    path(
        "deelnemers/<uuid:pk>/netwerk/<uuid:member_pk>/weghalen/",
        views.member_remove,
        name="member_remove",
    ),
    path("deelnemers/<uuid:pk>/netwerk/helpers/", views.keeper_set, name="keeper_set"),
    path("deelnemers/<uuid:pk>/netwerk/momentopnames/", views.snapshot_take, name="snapshot_take"),
    path(
        "deelnemers/<uuid:pk>/netwerk/momentopnames/<int:snapshot_pk>/",
        views.snapshot_detail,
        name="snapshot",
    ),
    path("netwerk/koppelen/<str:token>/", views.link_confirm, name="link_confirm"),
    path("deelnemers/<uuid:pk>/netwerk/kaart/", _limited(views.network_map_page), name="map"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.svg", _limited(views.network_map_svg), name="map_svg"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.png", _limited(views.network_map_png), name="map_png"),
    path("deelnemers/<uuid:pk>/netwerk/kaart.pdf", _limited(views.network_map_pdf), name="map_pdf"),
]
