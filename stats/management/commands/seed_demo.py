"""``manage.py seed_demo``: load the demo province (Quảng Ninh) and print the demo logins.

Idempotent: a second run changes nothing. ``--if-empty`` loads only into a database without agencies or
procedures, which is what ``make run`` uses so that real data are never mixed with the demo.

Into a database without dossiers it also puts the demo dossiers of the Department of Justice
(``dossiers.demo``), then ``--history-months`` months of dossiers of four agencies and an upgrade plan
(``stats.demo``), so that the statistics have something to show. The command lives in the statistics
app, the highest of the three it loads (catalog, dossiers, statistics).
"""

import io
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD
from catalog.models import Agency, Procedure
from dossiers.constants import Channel


class Command(BaseCommand):
    help = "Load the demo province (Quảng Ninh): agencies, sectors, procedures and demo logins. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the catalog already holds agencies or procedures.",
        )
        parser.add_argument(
            "--history-months",
            type=int,
            default=6,
            help="Months of generated dossiers put into a database without dossiers (0: none).",
        )

    def handle(self, *args, if_empty=False, history_months=6, **options):
        if if_empty and (Agency.objects.exists() or Procedure.objects.exists()):
            self.stdout.write(_("The catalog is not empty; the demo province was not loaded."))
            self._print_logins()
            return
        from catalog.demo.loader import load_demo

        started = time.monotonic()
        report = load_demo()
        elapsed = time.monotonic() - started
        totals = report.totals
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo province loaded in %(seconds).1f s: %(agencies)d agencies, %(sectors)d sectors, "
                    "%(procedures)d procedures, %(users)d demo users."
                )
                % {"seconds": elapsed, **totals}
            )
        )
        if report.changed:
            for kind, counter in (
                (_("created"), report.created),
                (_("updated"), report.updated),
                (_("deleted"), report.deleted),
            ):
                if +counter:
                    details = ", ".join(f"{name} {count}" for name, count in sorted(counter.items()) if count)
                    self.stdout.write(f"  {kind}: {details}")
            if report.files_written:
                self.stdout.write(_("  form files written: %(count)d") % {"count": report.files_written})
        else:
            self.stdout.write(_("  Nothing to change: the database already holds the demo province."))
        from dossiers.demo import seed_dossiers  # the demo dossiers follow the catalog they use

        dossiers = seed_dossiers()
        if dossiers:
            self.stdout.write(
                _("  %(count)d demo dossiers of the Department of Justice, in the states an inbox shows.")
                % {"count": dossiers}
            )
            self._seed_history(history_months)  # only into the database the demo dossiers just started
            call_command("count_procedure_use", verbosity=0, stdout=io.StringIO())
        self._print_logins()

    def _seed_history(self, months: int):
        from stats.demo import seed_history, seed_upgrade_plan

        started = time.monotonic()
        history = seed_history(months=months)
        if history.dossiers:
            channels = ", ".join(
                f"{Channel(channel).label} {count}" for channel, count in sorted(history.channels.items())
            )
            self.stdout.write(
                _("  %(count)d dossiers of %(months)d months generated in %(seconds).1f s (%(channels)s).")
                % {
                    "count": history.dossiers,
                    "months": months,
                    "seconds": time.monotonic() - started,
                    "channels": channels,
                }
            )
        if seed_upgrade_plan() is not None:
            self.stdout.write(_("  A province-wide plan to raise procedures to level 4."))

    def _print_logins(self):
        usernames = [username for username, _label in DEMO_LOGINS]
        if not get_user_model().objects.filter(username__in=usernames).exists():
            return
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for username, label in DEMO_LOGINS:
            self.stdout.write(f"  {username:<22} {label}")
