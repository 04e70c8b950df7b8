from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """The region's name, logo and colours for every page.

    ``region`` as well as ``site_name``: Django's own auth views put the host name
    ("127.0.0.1:8000") in ``site_name``, so the page header and titles read ``region.name``.
    """
    return {
        "site_name": settings.SITE_NAME,
        "region": {
            "name": settings.SITE_NAME,
            "logo_url": settings.SITE_LOGO_URL,
            "colour_primary": settings.SITE_COLOUR_PRIMARY,
            "colour_accent": settings.SITE_COLOUR_ACCENT,
        },
    }
