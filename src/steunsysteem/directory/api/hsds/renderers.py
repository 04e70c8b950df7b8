"""Output formats of the HSDS API: JSON, and NDJSON (``format=ndjson``) for bulk download."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.renderers import BaseRenderer


class NdjsonRenderer(BaseRenderer):
    """One JSON object per line; the views stream it, so this only renders single objects."""

    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return ndjson_line(data)


def ndjson_line(data) -> bytes:
    return (json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n").encode("utf-8")
