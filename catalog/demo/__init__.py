"""The demo province, Quảng Ninh: agencies, sectors, procedures and logins loaded by ``manage.py seed_demo``.

The data are plain Python structures in this package (``agencies``, ``sectors``, ``procedures``,
``users``); ``loader.load_demo`` writes them to the database idempotently. ``DEMO_LOGINS`` and
``DEMO_PASSWORD`` are what the Makefile, the README and the ``serve`` command print.
"""

from .users import DEMO_LOGINS

DEMO_PASSWORD = "motcua-demo"

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD"]
