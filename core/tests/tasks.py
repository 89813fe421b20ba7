"""Test-only background tasks run by worker subprocesses (core/tests/test_leases.py)."""

import os
import time
from pathlib import Path

from django_tasks import task

from notifications.sms import SmsSender


def _hang_the_first_time(marker: Path, seconds: int = 120) -> None:
    """The first caller leaves a marker and hangs (until the test kills its worker); later ones go on."""
    try:
        with marker.open("x") as handle:
            handle.write(str(os.getpid()))
    except FileExistsError:
        return
    time.sleep(seconds)


@task(queue_name="documents")
def render_slowly_once(marker: str, done: str) -> int:
    """A slow rendering whose first worker dies: the second one records it in ``done``."""
    _hang_the_first_time(Path(marker))
    with Path(done).open("a") as handle:
        handle.write("rendered\n")
    return os.getpid()


class HangOnceSender(SmsSender):
    """An SMS gateway whose first sending hangs; every sending that completes is one line in a file."""

    def send(self, phone, text, *, idempotency_key):
        _hang_the_first_time(Path(os.environ["MOTCUA_TEST_MARKER"]))
        with Path(os.environ["MOTCUA_TEST_SENT"]).open("a") as handle:
            handle.write(f"{phone} {idempotency_key}\n")
