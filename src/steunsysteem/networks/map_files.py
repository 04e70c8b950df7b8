"""The network map as files to download: SVG on its own, PNG (CairoSVG) and PDF (WeasyPrint).

Nothing is fetched while drawing: the SVG carries its styles (the network-map block of
site.css), the PDF's fonts are the system's (DejaVu on Debian), and any URL WeasyPrint
meets other than an inline ``data:`` one is refused. Whatever people typed reaches the
files through ``core.printable``: a control character in a name would make the SVG invalid
XML, and CairoSVG would refuse to draw it.
"""

from __future__ import annotations

import functools
import re

import cairosvg
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from steunsysteem.core.printable import printable_text

PNG_WIDTH = 2720  # twice the map's own size: sharp when printed
_MAP_CSS = re.compile(r"/\* network-map:start.*?\*/(.*?)/\* network-map:end \*/", re.DOTALL)


@functools.cache
def map_css() -> str:
    """The map's rules from site.css, to embed where site.css does not reach."""
    path = finders.find("core/site.css")
    with open(path, encoding="utf-8") as stylesheet:
        match = _MAP_CSS.search(stylesheet.read())
    if match is None:
        raise RuntimeError("site.css has no network-map block")
    return " ".join(match.group(1).split())


def map_svg(context: dict) -> str:
    """A standalone SVG document of the map."""
    svg = render_to_string(
        "networks/_network_map.svg", {**context, "standalone": True, "map_css": map_css()}
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + printable_text(svg.strip()) + "\n"


def map_png(svg: str) -> bytes:
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PNG_WIDTH)


def _refuse_urls(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError("The network map PDF loads nothing from outside.")


def map_pdf(context: dict) -> bytes:
    """An A4 landscape PDF: title, date and map on the first page, then the list."""
    from weasyprint import HTML

    html = render_to_string(
        "networks/map_pdf.html", {**context, "standalone": True, "map_css": map_css()}
    )
    return HTML(string=printable_text(html), url_fetcher=_refuse_urls).write_pdf()
