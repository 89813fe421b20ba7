"""Messages sent per second by 1 and by 3 workers while receipts render (PostgreSQL).

The outbox's messages (quick: an e-mail or an SMS each) share the database queue with receipt PDF
renderings (slow: about a tenth of a second each). Before, 3 workers gave only 1.19× one worker: the
messages waited behind the renderings. Now messages have their own queue and the higher priority, and
workers can be pointed at a queue. Each round queues BENCH_MESSAGES messages and BENCH_RECEIPTS receipt
renderings together, starts the workers (``manage.py worker``; with 3, one serves the documents queue
and two the messages), and times until every message is sent, then until every receipt is stored.
Prints messages per second for each round and the ratio.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, require_postgres, setup_django  # noqa: E402

MESSAGES = int(os.environ.get("BENCH_MESSAGES", 2000))
RECEIPTS = int(os.environ.get("BENCH_RECEIPTS", 60))
ROUNDS = {1: [("*",)], 3: [("documents",), ("default",), ("default",)]}


def prepare():
    from catalog.tests.factories import procedure_with_details
    from core.roles import Role
    from dossiers.services import Applicant, Reception, receive_at_counter
    from dossiers.tests.factories import OfficerFactory

    counter = OfficerFactory(username=f"bench-outbox-{time.time_ns()}", role=Role.COUNTER_OFFICER)
    procedure = procedure_with_details(agencies=[counter.agency])
    dossiers = [
        receive_at_counter(
            counter,
            Reception(
                procedure=procedure,
                applicant=Applicant(name="Nguyễn Văn An", id_number="022301004567", phone="0912345678"),
            ),
        )
        for _ in range(RECEIPTS)
    ]
    return dossiers


def queue_round(dossiers):
    """Empty the queue, then queue the messages and the receipt renderings of one round."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from core import outbox
    from dossiers.models import DossierFile
    from dossiers.tasks import store_receipt
    from notifications.models import Notification

    DBTaskResult.objects.all().delete()
    Notification.objects.all().delete()
    DossierFile.objects.filter(kind=DossierFile.Kind.RECEIPT).delete()
    with transaction.atomic():
        for dossier in dossiers:
            store_receipt.enqueue(dossier.pk)
        for number in range(MESSAGES):
            notification = Notification(
                dossier=dossiers[number % len(dossiers)],
                event="received",
                channel=Notification.Channel.SMS,
                recipient="0912345678",
                body="Hồ sơ đã được tiếp nhận.",
            )
            outbox.enqueue(notification, now=time_now())


def time_now():
    from django.utils import timezone

    return timezone.now()


def run_round(workers: list[tuple[str]], sms_folder: str) -> tuple[float, float]:
    from dossiers.models import DossierFile
    from notifications.models import Notification

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
        "DEBUG": "false",
        "MOTCUA_SMS_BACKEND": "file",
        "MOTCUA_SMS_FILE_PATH": sms_folder,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--queue-name", queues[0], "--interval", "0.05"]
            + ["--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for queues in workers
    ]
    messages_done = receipts_done = None
    try:
        deadline = started + 600
        while time.monotonic() < deadline and (messages_done is None or receipts_done is None):
            if messages_done is None and not Notification.objects.exclude(status="sent").exists():
                messages_done = time.monotonic() - started
            if receipts_done is None and (
                DossierFile.objects.filter(kind=DossierFile.Kind.RECEIPT).count() >= RECEIPTS
            ):
                receipts_done = time.monotonic() - started
            time.sleep(0.05)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    from django.db.models import Max, Min

    span = Notification.objects.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    sending = (span["last"] - span["first"]).total_seconds() if span["first"] else float("nan")
    # Rates count from the first message sent: the workers' start-up (Django, ~2 s) is not sending.
    return sending, messages_done or float("nan"), receipts_done or float("nan")


def main() -> int:
    require_postgres()
    setup_django()
    dossiers = prepare()
    results = {}
    for count, workers in ROUNDS.items():
        queue_round(dossiers)
        with tempfile.TemporaryDirectory(prefix="motcua-bench-sms-") as folder:
            results[count] = run_round(workers, folder)
    print(f"{MESSAGES} messages queued with {RECEIPTS} receipt renderings (PostgreSQL, manage.py worker)")
    for count, (sending, messages_seconds, receipts_seconds) in results.items():
        print(
            f"  {count} worker(s): messages {MESSAGES / sending:7.1f}/s from the first sent "
            f"(all sent {messages_seconds:.1f} s after start), "
            f"receipts all stored after {receipts_seconds:.1f} s"
        )
    ratio = results[1][0] / results[3][0]
    print(f"  ratio 3 workers / 1 worker (messages per second): {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
