"""The half-yearly evaluation report as a tagged PDF (WeasyPrint, PDF/UA): the figures with
their charts and tables, the signals, the targets and what the covenant partners put in. The
document a coordinator takes to the stuurgroep. It loads nothing from outside."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from steunsysteem.core.printable import printable_text
from steunsysteem.directory.coverage import district_coverage
from steunsysteem.white_spots.models import Signal

from . import selectors
from .charts import bar_chart
from .counting import Scope
from .models import MssRole, SteeringGroupSeat


def _no_fetching(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError("The monitor report loads nothing from outside.")


def report_context(result: selectors.Monitor) -> dict:
    period = result.scope.period
    signals = (
        Signal.objects.filter(sent_at__date__gte=period.start, sent_at__date__lt=period.end)
        .select_related("district")
        .order_by("sent_at")
    )
    return {
        "monitor": result,
        "charted": [(table, bar_chart(table)) for table in result.tables + result.satisfaction],
        "partners": selectors.covenant_partners(),
        "roles": MssRole.objects.select_related("partner").order_by("kind", "title"),
        "seats": SteeringGroupSeat.objects.select_related("partner").order_by("function"),
        "signals": signals,
        "made_on": timezone.localdate(),
        "coverage": district_coverage(),
    }


def report_pdf(scope: Scope) -> bytes:
    from weasyprint import HTML

    html = render_to_string("monitor/report.html", report_context(selectors.monitor(scope)))
    return HTML(string=printable_text(html), url_fetcher=_no_fetching).write_pdf(
        pdf_variant="pdf/ua-1"
    )
