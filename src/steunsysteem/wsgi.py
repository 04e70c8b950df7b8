"""WSGI entry point for production servers."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from steunsysteem.core import heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunsysteem.conf.settings.production")
application = get_wsgi_application()
# Import the URL patterns and so every view now (Django would on the first request), so they
# are settled with the rest.
import_module(settings.ROOT_URLCONF)
heap.tune_for_requests()
