"""The monitor as CSV: the same tables and the same suppression as the page. A text that a
spreadsheet would read as a formula (=, +, -, @, tab, carriage return) gets a leading
apostrophe, so an organisation's name can never run as a formula."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from steunsysteem.core.printable import printable_text

from .selectors import Monitor, Shown

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = printable_text(value, one_line=True)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _figure(shown: Shown) -> str:
    if not shown.applicable:
        return ""
    if shown.value is None:
        return _("not shown")
    return str(shown.value)


def monitor_csv(result: Monitor) -> str:
    """One line per figure: table, row, column, code, figure ("not shown" when suppressed)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Table"), _("Row"), _("Column"), _("Code"), _("Figure"), _("Unit")])
    scope = result.scope
    writer.writerow([_("Period"), scope.period.code, "", "", "", ""])
    for table in [*result.tables, *result.satisfaction]:
        for row in table.rows:
            for column, shown in zip(table.columns, row.values, strict=True):
                writer.writerow(
                    [
                        safe_cell(table.title),
                        safe_cell(row.label),
                        safe_cell(column),
                        safe_cell(row.code),
                        _figure(shown),
                        "%" if shown.percent else "",
                    ]
                )
    return out.getvalue()


def _xlsx_figure(shown: Shown) -> int | float | str:
    """Numbers stay numbers; a suppressed figure is the text "not shown", never the count."""
    if not shown.applicable:
        return ""
    if shown.value is None:
        return _("not shown")
    if isinstance(shown.value, int | float):
        return shown.value
    return safe_cell(shown.value)


def monitor_xlsx(result: Monitor) -> bytes:
    """The same lines as the CSV in one sheet. Every text is written as a string cell (and made
    formula-safe like the CSV), every figure as a number: nothing in it can run as a formula."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Monitor")[:31]
    sheet.append([_("Table"), _("Row"), _("Column"), _("Code"), _("Figure"), _("Unit")])
    sheet.append([_("Period"), safe_cell(result.scope.period.code), "", "", "", ""])
    for table in [*result.tables, *result.satisfaction]:
        for row in table.rows:
            for column, shown in zip(table.columns, row.values, strict=True):
                sheet.append(
                    [
                        safe_cell(table.title),
                        safe_cell(row.label),
                        safe_cell(column),
                        safe_cell(row.code),
                        _xlsx_figure(shown),
                        "%" if shown.percent else "",
                    ]
                )
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
