"""Dossier workloads on PostgreSQL with 1,000,000 generated dossiers.

* a specialist's inbox page (the back office's first page, filtered to their agency), target p99 < 30 ms;
* the public status lookup by code + applicant ID (``/api/v1/public/dossiers/{code}``), target
  ≥ 2,000 req/s and p99 < 20 ms.

The dossiers are generated in SQL (generate_series) in a few seconds per 100,000; re-runs reuse them.
Run: ``DATABASE_URL=postgres://… python bench/dossier_inbox.py`` (``make bench`` does).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figures, print_figures, setup_django, strict, time_requests  # noqa: E402

TOTAL = 1_000_000
AGENCIES = 20
BATCH = 100_000


def generate():
    from django.db import connection

    from accounts.roles import Role
    from catalog.models import Agency, Procedure
    from catalog.tests.factories import AgencyFactory, procedure_with_details
    from dossiers.models import Dossier
    from dossiers.tests.factories import OfficerFactory

    existing = Dossier.objects.count()
    agencies = list(Agency.objects.filter(code__startswith="999.")[:AGENCIES])
    if not agencies:
        agencies = [
            AgencyFactory(code=f"999.00.{n:02d}.B99", name=f"Sở benchmark {n}") for n in range(AGENCIES)
        ]
        procedure_with_details(agencies=agencies, code="9.999001", name="Thủ tục benchmark hồ sơ")
        for agency in agencies:
            OfficerFactory(username=f"bench.specialist.{agency.pk}", agency=agency, role=Role.SPECIALIST)
    procedure = Procedure.objects.get(code="9.999001")
    states = ["received", "in_progress", "in_progress", "in_progress", "awaiting_supplement", "returned"]
    with connection.cursor() as cursor:
        for start in range(existing, TOTAL, BATCH):
            stop = min(start + BATCH, TOTAL)
            cursor.execute(
                """
                INSERT INTO dossiers_dossier (
                    code, procedure_id, agency_id, state, step_index, resume_state, channel, priority,
                    applicant_type,
                    applicant_name, applicant_name_folded, applicant_id_number, applicant_phone,
                    applicant_email, applicant_street, form_data, result_delivery, delivery_address,
                    received_at, appointment_at, step_due_at, current_unit, timeliness, inbox_role,
                    created_at, updated_at)
                SELECT
                    'B' || lpad(n::text, 9, '0'), %(procedure)s,
                    (%(agencies)s::bigint[])[1 + n %% %(agency_count)s],
                    (%(states)s::text[])[1 + n %% 6], CASE WHEN n %% 6 IN (1, 2, 3) THEN 1 END, '',
                    1 + n %% 3, CASE WHEN n %% 3 = 1 THEN 0 ELSE 1 END, 1,
                    'Nguyễn Văn ' || n, 'nguyen van ' || n, lpad((22000000000 + n)::text, 12, '0'),
                    '09' || lpad(n::text, 8, '0'), '', '', '{}', 'counter', '',
                    now() - (n %% 1000) * interval '1 hour', now() + (n %% 500 - 100) * interval '1 hour',
                    CASE WHEN n %% 6 IN (1, 2, 3) THEN now() + (n %% 300 - 50) * interval '1 hour' END,
                    '', '',
                    CASE WHEN n %% 6 IN (1, 2, 3) THEN 'specialist'
                         WHEN n %% 6 IN (0, 4) THEN 'counter_officer' ELSE '' END,
                    now(), now()
                FROM generate_series(%(start)s, %(stop)s - 1) AS n
                """,
                {
                    "procedure": procedure.pk,
                    "agencies": [a.pk for a in agencies],
                    "agency_count": len(agencies),
                    "states": states,
                    "start": start,
                    "stop": stop,
                },
            )
            print(f"  generated {stop:,} dossiers", flush=True)
        cursor.execute("ANALYZE dossiers_dossier")
    return agencies


def main() -> int:
    setup_django()
    from django.test import Client

    from accounts.models import User
    from catalog.models import Agency
    from dossiers.models import Dossier

    if Dossier.objects.count() < TOTAL:
        generate()
    agencies = list(Agency.objects.filter(code__startswith="999.")[:AGENCIES])
    print(f"{Dossier.objects.count():,} dossiers in {len(agencies)} agencies.")
    ok = True

    clients = []
    for agency in agencies:
        client = Client()
        client.force_login(User.objects.get(username=f"bench.specialist.{agency.pk}"))
        clients.append(client)
    rng = random.Random(7)
    inbox_work = [
        (rng.choice(clients), rng.choice(["", "?state=in_progress", "?due=overdue", "?page=3"]))
        for _ in range(600)
    ]

    def open_inbox(item):
        client, query = item
        response = client.get("/can-bo/" + query)
        assert response.status_code == 200, response.status_code

    durations, seconds = time_requests(open_inbox, inbox_work, warmup=inbox_work[:50])
    ok &= print_figures("specialist inbox page", Figures.from_durations(durations, seconds), 30)

    from dossiers import lookup as lookup_rules

    # One client address asks everything here: lift the per-address look-up limit for the benchmark.
    lookup_rules.LOOKUP_LIMIT = 10**9
    public = Client()
    sample = list(Dossier.objects.order_by("?").values_list("code", "applicant_id_number")[:2000])

    def lookup(item):
        code, applicant_id = item
        response = public.get(f"/api/v1/public/dossiers/{code}", {"applicant_id": applicant_id})
        assert response.status_code == 200, response.status_code

    durations, seconds = time_requests(lookup, sample, warmup=sample[:100])
    ok &= print_figures("public status lookup", Figures.from_durations(durations, seconds), 20)
    return 0 if ok or not strict() else 1


if __name__ == "__main__":
    sys.exit(main())
