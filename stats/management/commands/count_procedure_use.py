"""``manage.py count_procedure_use``: recount each procedure's use for the catalog search. Run nightly.

A procedure's use is its dossiers submitted or received in the last year (``dossiers.queries.
procedure_use``); the search lists the more used of equally good matches first
(``catalog.Procedure.popularity``). Every process's search index follows within a second.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalog.search_index import update_popularity
from dossiers.queries import procedure_use


class Command(BaseCommand):
    help = "Recount each procedure's dossiers of the last 12 months, which the catalog search ranks by."

    def handle(self, *args, **options):
        use = procedure_use(now=timezone.now())
        changed = update_popularity(use)
        self.stdout.write(f"{len(use)} procedures used in the last 12 months; {changed} changed.")
