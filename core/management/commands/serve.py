"""Serve the portal and run the background worker beside it; one Ctrl-C stops both."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Serve the portal (Django's development server) with a background task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-worker", action="store_true", help="Do not start the task worker.")

    def handle(self, *args, host, port, no_worker, **options):
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(_("Motcua is being served at %(url)s") % {"url": url}))
        self.stdout.write(_("Staff back office and catalog administration: %(url)sadmin/") % {"url": url})
        self._print_demo_logins()
        manage = [sys.executable, "manage.py"]
        children = [subprocess.Popen([*manage, "runserver", "--noreload", f"{host}:{port}"])]
        if not no_worker:
            # Recover notifications a killed worker left behind and plan the periodic sweep.
            subprocess.run([*manage, "sweep_notifications"], check=False)
            # --no-reload: a reloading worker can be cut off mid-task, and one Ctrl-C must stop it.
            children.append(subprocess.Popen([*manage, "db_worker", "--interval", "1", "--no-reload"]))

        def stop(*_args):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        failed = None
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            failed = next(child for child in children if child.poll() is not None)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        if failed is not None and failed.returncode not in (0, -signal.SIGTERM):
            # The web server could not start (a port in use, say) or the worker died: say so and fail.
            raise CommandError(
                _("%(command)s stopped with exit code %(code)s; everything else was stopped too.")
                % {"command": " ".join(failed.args[1:3]), "code": failed.returncode}
            )

    def _print_demo_logins(self):
        try:
            from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD
        except ImportError:
            return
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<22} {role}")
