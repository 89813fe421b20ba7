from django.core.management.base import BaseCommand

from catalog.models import Procedure
from catalog.search_index import current_index, rebuild_vocabulary, refresh_search_extra


class Command(BaseCommand):
    help = (
        "Recompute the procedures' lower-weight search column; every process then rebuilds its search "
        "index at its next search."
    )

    def handle(self, *args, **options):
        refresh_search_extra(Procedure.objects.values_list("pk", flat=True))
        rebuild_vocabulary()
        index = current_index()
        self.stdout.write(
            f"{len(index.ids)} published procedures, {len(index.words)} words in the search index "
            f"(built in {index.build_seconds:.2f} s)."
        )
