"""``manage.py import_catalog PATH [--user USERNAME] [--dry-run]``: import a catalog file.

PATH is an .xlsx workbook, a .zip of CSV files or a directory of CSV files, in the shape that
``export_catalog`` writes. The file is validated whole: on any error every error is printed (sheet, row,
column, reason), nothing is changed, and the command exits with status 1.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.transfer import CatalogImportError, import_catalog


class Command(BaseCommand):
    help = "Import procedures from an .xlsx workbook or a .zip of CSV files; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="catalog.xlsx, catalog.zip or a directory of CSV files")
        parser.add_argument("--user", help="Username recorded as the author of the procedure changes.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and change nothing.")

    def handle(self, *args, path, user=None, dry_run=False, **options):
        if not Path(path).exists():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(_("There is no user “%(username)s”.") % {"username": user})
        try:
            result = import_catalog(path, user=author, dry_run=dry_run)
        except CatalogImportError as error:
            for issue in error.issues:
                self.stderr.write(str(issue))
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
