import time

from django.core.management.base import BaseCommand

from stats.rebuild import BATCH, rebuild


class Command(BaseCommand):
    help = "Count the statistics' aggregates again from every dossier (they are otherwise kept up to date)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH, help="Dossiers read at a time.")

    def handle(self, *args, batch, **options):
        started = time.perf_counter()
        rebuilt = rebuild(batch=batch)
        phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in rebuilt.seconds.items())
        self.stdout.write(
            f"{rebuilt.dossiers} dossiers counted into {rebuilt.aggregates} aggregate rows "
            f"in {time.perf_counter() - started:.1f} s ({phases})"
        )
