"""Dossier workloads on PostgreSQL with 1,000,000 generated dossiers, served by gunicorn, loaded by wrk.

* a specialist's inbox page (``/can-bo/``, signed in, filtered to their agency), target p99 < 30 ms;
* the public status lookup by code + applicant ID (``/api/v1/public/dossiers/{code}``), target
  ≥ 2,000 req/s and p99 < 20 ms.

The dossiers (bench.common.generated_dossiers) are valid ones, generated in SQL once and reused.
BENCH_SECONDS sets each measurement's duration (default 15). bench/lookup_floor.py compares the
look-up with a framework-free floor.

Run: ``DATABASE_URL=postgres://… python bench/dossier_inbox.py`` (``make bench`` does).
"""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    check_lookup,
    generated_dossiers,
    lookup_requests,
    print_figures,
    run_wrk,
    serve,
    server_workers,
    setup_django,
    strict,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", 15))


def main() -> int:
    setup_django()
    from django.db import connections
    from django.test import Client

    from accounts.models import User

    agencies, generated = generated_dossiers()

    # Each specialist's session cookie (sessions live in the database, so every server process knows them).
    cookies = []
    for agency in agencies:
        client = Client()
        client.force_login(User.objects.get(username=f"bench.specialist.{agency.pk}"))
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    rng = random.Random(7)
    inbox_requests = [
        ("/can-bo/" + rng.choice(["", "?state=in_progress", "?due=overdue", "?page=3"]), {"Cookie": cookie})
        for cookie in cookies
        for _ in range(20)
    ]
    rng.shuffle(inbox_requests)
    lookups = lookup_requests(generated)
    connections.close_all()

    ok = True
    with serve(env={"BENCH_LIFT_LOOKUP_LIMIT": "1"}) as base:
        check_lookup(base, lookups[0][0])
        run_wrk(base, inbox_requests[:40], seconds=2)  # warm-up: connections, templates, caches
        # The page's latency: one officer per server worker, so no request waits for a free worker.
        figures = run_wrk(base, inbox_requests, seconds=SECONDS, connections=server_workers())
        ok &= print_figures("specialist inbox page", figures, 30)
        # Saturated (twice as many officers as workers): throughput, latency including the wait.
        figures = run_wrk(base, inbox_requests, seconds=SECONDS)
        print_figures("  inbox, saturated", figures)
        run_wrk(base, lookups[:200], seconds=2)
        figures = run_wrk(base, lookups, seconds=SECONDS)
        ok &= print_figures("public status lookup", figures, 20, 2000)
    return 0 if ok or not strict() else 1


if __name__ == "__main__":
    sys.exit(main())
