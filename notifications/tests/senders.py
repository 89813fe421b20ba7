"""Test-only SMS senders used by a worker subprocess."""

import os
import time
from pathlib import Path

from notifications.sms import SmsSender


class HangingSender(SmsSender):
    """Signals that it was reached (a marker file), then hangs until the test kills the worker."""

    def send(self, phone, text, *, idempotency_key):
        Path(os.environ["MOTCUA_TEST_MARKER"]).write_text(idempotency_key)
        time.sleep(120)
