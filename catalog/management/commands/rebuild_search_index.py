from django.core.management.base import BaseCommand

from catalog.models import Procedure
from catalog.search_index import rebuild_vocabulary, refresh_search_extra


class Command(BaseCommand):
    help = "Recompute the procedures' lower-weight search column and recount the search vocabulary."

    def handle(self, *args, **options):
        refresh_search_extra(Procedure.objects.values_list("pk", flat=True))
        words = rebuild_vocabulary()
        self.stdout.write(f"{words} words and pairs of words in the search vocabulary.")
