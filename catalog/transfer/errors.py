"""Import errors: every problem of a file, each with the sheet, the row as Excel shows it and the column."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class ImportIssue:
    """One problem in an imported file.

    ``row`` is the row number the person sees in Excel (the header is row 1); ``None`` for a problem with
    the whole file or sheet. ``column`` is the column's key (its header), or ``""`` when not about one.
    """

    sheet: str
    row: int | None
    column: str
    message: str

    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        return ", ".join(parts) or _("file")

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class CatalogImportError(Exception):
    """The file was rejected whole; ``issues`` lists every problem found."""

    def __init__(self, issues: list[ImportIssue]):
        self.issues = list(issues)
        count = len(self.issues)
        super().__init__(
            ngettext(
                "The file has %(count)d error; nothing was imported.",
                "The file has %(count)d errors; nothing was imported.",
                count,
            )
            % {"count": count}
        )
