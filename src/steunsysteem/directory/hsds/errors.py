"""What the importer reports: a problem names the file, the row, the field and the reason."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    source: str  # the file name, e.g. "services.csv" or "service_full.json"
    row: int | str | None  # a CSV line number, or a path in a JSON document
    field: str | None
    reason: str

    def __str__(self) -> str:
        parts = [self.source]
        if isinstance(self.row, int):
            parts.append(_("row %(row)s") % {"row": self.row})
        elif self.row:
            parts.append(_("at %(path)s") % {"path": self.row})
        if self.field:
            parts.append(_('field "%(field)s"') % {"field": self.field})
        return ", ".join(parts) + f": {self.reason}"


class HsdsImportError(Exception):
    """The data was refused; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
