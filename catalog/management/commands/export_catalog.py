"""``manage.py export_catalog PATH``: write the procedure catalog to PATH.

``PATH.xlsx`` gives an Excel workbook (one sheet per table plus the "Hướng dẫn" instructions sheet);
``PATH.zip`` gives one CSV file per table in a .zip; an existing directory, or a path ending in "/",
receives the CSV files themselves. Form files are not embedded: the forms sheet names the stored files.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.transfer import DIRECTORY, XLSX, ZIP, export_catalog
from catalog.transfer.files import path_format


class Command(BaseCommand):
    help = (
        "Export the procedure catalog to an .xlsx workbook, a .zip of CSV files, or a directory of CSV files."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write: catalog.xlsx, catalog.zip or a directory/")

    def handle(self, *args, path, **options):
        fmt = path_format(path)
        if fmt not in (XLSX, ZIP, DIRECTORY):
            raise CommandError(_("Give a path ending in .xlsx or .zip, or a directory."))
        target = Path(path)
        if fmt != DIRECTORY and not target.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": target.parent})
        tables = export_catalog(target, fmt)
        counts = ", ".join(f"{key} {len(rows)}" for key, (_headers, rows) in tables.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("Catalog exported to %(path)s: %(counts)s.") % {"path": path, "counts": counts}
            )
        )
