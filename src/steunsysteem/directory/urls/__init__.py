"""URLs of the sociale kaart: public pages and the provider editors' pages."""

from .editor import urlpatterns as editor_urlpatterns
from .public import urlpatterns as public_urlpatterns

app_name = "directory"
urlpatterns = public_urlpatterns + editor_urlpatterns
