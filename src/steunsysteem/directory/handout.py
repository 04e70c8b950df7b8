"""The printable one-page handout of an activity as a PDF (WeasyPrint), for someone without
internet. It loads nothing from outside: its style is in the page itself."""

from __future__ import annotations

from steunsysteem.core.printable import printable_text


def _refuse_urls(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError("The handout PDF loads nothing from outside.")


def handout_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=printable_text(html), url_fetcher=_refuse_urls).write_pdf()
