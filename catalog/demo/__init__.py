"""The demo province, Quảng Ninh: agencies, sectors, procedures and logins loaded by ``manage.py seed_demo``.

The procedures are a catalog file in the import format (the CSV files in ``catalog/``, edited like any
export); agencies, users and e-forms, which that format does not carry, are plain Python structures
(``agencies``, ``users``, ``eforms``). ``loader.load_demo`` writes them to the database idempotently.
``DEMO_LOGINS`` and ``DEMO_PASSWORD`` are what the Makefile, the README and the ``serve`` command print.
"""

from .users import DEMO_LOGINS

DEMO_PASSWORD = "motcua-demo"

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD"]
