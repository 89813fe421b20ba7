"""``manage.py store_files_by_content``: once, after upgrading, give the dossier files stored before
content addressing their SHA-256 and their content-addressed name (``dossiers.stored_files``)."""

from django.core.management.base import BaseCommand

from dossiers.stored_files import address_by_content


class Command(BaseCommand):
    help = "Hash the dossier files stored without a SHA-256 and store them under their content's name."

    def handle(self, *args, **options):
        result = address_by_content()
        self.stdout.write(
            f"{result.moved} files stored by content; {result.missing} missing from the storage."
        )
