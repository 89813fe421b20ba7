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
        web = subprocess.Popen([*manage, "runserver", "--noreload", f"{host}:{port}"])
        worker = None
        if not no_worker:
            # Recover outbox messages a killed worker left behind and plan the periodic sweep.
            subprocess.run([*manage, "sweep_outbox"], check=False)
            # Plan the periodic reconciliation of pending payments with the gateway (the sandbox here).
            subprocess.run([*manage, "reconcile_payments", "--plan-only"], check=False)
            command = [*manage, "worker", "--queue-name", "*", "--interval", "1", "--no-reload"]
            worker = _Supervised(command, self.stderr)

        stopping = []

        def stop(*_args):
            stopping.append(True)

        signal.signal(signal.SIGTERM, stop)
        try:
            while web.poll() is None and not stopping:
                if worker is not None:
                    worker.keep_running()
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in (web, worker.process if worker else None):
                if child is not None and child.poll() is None:
                    child.terminate()
            for child in (web, worker.process if worker else None):
                if child is None:
                    continue
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        if not stopping and web.returncode not in (None, 0, -signal.SIGTERM):
            # The web server could not start (a port in use, say) or died: say so and fail.
            raise CommandError(
                _("%(command)s stopped with exit code %(code)s; everything else was stopped too.")
                % {"command": " ".join(web.args[1:3]), "code": web.returncode}
            )

    def _print_demo_logins(self):
        try:
            from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD
        except ImportError:
            return
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<22} {role}")


#: A worker that stopped is started again after this many seconds, doubling up to the maximum.
RESTART_BACKOFF_SECONDS = (1, 60)


class _Supervised:
    """A child process kept running: when it stops, it is started again after a back-off (1 s,
    doubling to a minute; back to 1 s once it has run a minute), and each restart is logged. The
    portal keeps serving meanwhile: queued work waits in the database."""

    def __init__(self, command: list[str], log):
        self.command = command
        self.log = log
        self.delay = RESTART_BACKOFF_SECONDS[0]
        self.restart_at = None
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(command)

    def keep_running(self):
        now = time.monotonic()
        if self.process.poll() is None:
            if now - self.started_at > RESTART_BACKOFF_SECONDS[1]:
                self.delay = RESTART_BACKOFF_SECONDS[0]
            return
        if self.restart_at is None:
            self.log.write(
                _("The background worker stopped (exit code %(code)s); starting it again in %(delay)s s.")
                % {"code": self.process.returncode, "delay": self.delay}
            )
            self.restart_at = now + self.delay
            self.delay = min(self.delay * 2, RESTART_BACKOFF_SECONDS[1])
        elif now >= self.restart_at:
            self.restart_at = None
            self.started_at = now
            self.process = subprocess.Popen(self.command)
