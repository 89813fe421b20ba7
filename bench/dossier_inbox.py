"""Dossier workloads on PostgreSQL with 1,000,000 generated dossiers, served by gunicorn, loaded by wrk.

* a specialist's inbox page (``/can-bo/``, signed in, filtered to their agency), target p99 < 30 ms;
* the public status lookup by code + applicant ID (``/api/v1/public/dossiers/{code}``), target
  ≥ 2,000 req/s and p99 < 20 ms.

The dossiers are valid ones: codes in the real ``<agency code>-<yymmdd>-<4-digit>`` shape (with the
day's code counters), a consistent status (awaiting a supplement goes back to a step), the waiting
role, and the three steps of the procedure's internal process each. They are generated in SQL
(generate_series), about a minute per 100,000 with their steps; re-runs reuse them (and replace data
of an older generator). BENCH_SECONDS sets each measurement's duration (default 15).

Run: ``DATABASE_URL=postgres://… python bench/dossier_inbox.py`` (``make bench`` does).
"""

import os
import random
import sys
from pathlib import Path
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_figures, run_wrk, serve, server_workers, setup_django, strict  # noqa: E402

TOTAL = 1_000_000
AGENCIES = 20
BATCH = 100_000
PER_DAY = 100  # dossiers per agency and reception day: codes <agency>-<yymmdd>-0001 … -0100
STEPS = [
    ("Tiếp nhận hồ sơ", "counter_officer", "0.5"),
    ("Thẩm định", "specialist", "4"),
    ("Phê duyệt", "leader", "0.5"),
]

# Dossier n belongs to agency n % AGENCIES; m = n / AGENCIES is its rank there: received m / PER_DAY
# days ago (Vietnam's date), sequence m % PER_DAY + 1 that day. m % 6 chooses a valid status:
# 0 received (steps planned, none started), 1-2 in progress at the specialist's step, 3 in progress at
# step (m / 6) % 3, 4 awaiting a supplement requested at the specialist's step (clock stopped, goes back
# to in_progress step 2), 5 returned (every step done).
DOSSIERS_SQL = """
WITH g AS (
    SELECT n, n %% %(agency_count)s AS k, n / %(agency_count)s AS m
    FROM generate_series(%(start)s, %(stop)s - 1) AS n
), r AS (
    SELECT n, k, m, m %% 6 AS s,
           (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - m / %(per_day)s AS day,
           m %% %(per_day)s + 1 AS seq
    FROM g
), t AS (
    SELECT r.*,
           ((day + time '07:30' + seq * interval '4 minutes') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS received,
           CASE s WHEN 0 THEN 'received' WHEN 4 THEN 'awaiting_supplement' WHEN 5 THEN 'returned'
                  ELSE 'in_progress' END AS state,
           CASE WHEN s IN (1, 2, 4) THEN 1 WHEN s = 3 THEN (m / 6) %% 3 END AS step
    FROM r
)
INSERT INTO dossiers_dossier (
    code, procedure_id, agency_id, state, step_index, resume_state, channel, priority, applicant_type,
    applicant_name, applicant_name_folded, applicant_id_number, applicant_phone, applicant_email,
    applicant_street, form_data, result_delivery, delivery_address, submitted_at, received_at,
    appointment_at, original_appointment_at, paused_at, step_due_at, current_unit, timeliness, inbox_role,
    decided_at, closed_at, created_at, updated_at)
SELECT
    (%(codes)s::text[])[1 + k] || '-' || to_char(day, 'YYMMDD') || '-' || lpad(seq::text, 4, '0'),
    %(procedure)s, (%(agencies)s::bigint[])[1 + k], state, step,
    CASE WHEN s = 4 THEN 'in_progress' ELSE '' END,
    1 + m %% 3, CASE WHEN m %% 3 = 1 THEN 0 ELSE 1 END, 1,
    'Nguyễn Văn ' || n, 'nguyen van ' || n, lpad((22000000000 + n)::text, 12, '0'),
    '09' || lpad(n::text, 8, '0'), '', '', '{}', 'counter', '',
    CASE WHEN m %% 3 = 1 THEN received END, received,
    received + interval '7 days', received + interval '7 days',
    CASE WHEN s = 4 THEN now() - (m %% 48) * interval '1 hour' END,
    CASE WHEN s IN (1, 2, 3, 4) THEN now() + (m %% 300 - 50) * interval '1 hour' END,
    %(unit)s, CASE WHEN s = 5 THEN 'on_time' ELSE '' END,
    CASE WHEN s IN (0, 4) THEN 'counter_officer' WHEN s = 5 THEN ''
         ELSE (%(roles)s::text[])[1 + step] END,
    CASE WHEN s = 5 THEN received + interval '5 days' END,
    CASE WHEN s = 5 THEN received + interval '6 days' END,
    received, now()
FROM t
"""

# Three steps per dossier of the batch (ids above %(after)s): done before the current one, the current
# one started and due at step_due_at, later ones only planned; all done once returned.
STEPS_SQL = """
INSERT INTO dossiers_dossierstep (
    dossier_id, index, name, role, handling_unit, budget, planned_due_at, started_at, due_at, done_at,
    handled_by_id, timeliness)
SELECT d.id, i, (%(names)s::text[])[1 + i], (%(roles)s::text[])[1 + i], %(unit)s,
       (%(budgets)s::numeric[])[1 + i],
       d.received_at + (i + 1) * interval '2 days',
       CASE WHEN i <= c.cur THEN d.received_at + i * interval '2 days' END,
       CASE WHEN i = c.cur AND d.state <> 'returned' THEN d.step_due_at
            WHEN i <= c.cur THEN d.received_at + (i + 1) * interval '2 days' END,
       CASE WHEN i < c.cur THEN d.received_at + (i + 1) * interval '2 days' - interval '3 hours' END,
       NULL, CASE WHEN i < c.cur THEN 'on_time' ELSE '' END
FROM dossiers_dossier d
CROSS JOIN LATERAL (SELECT CASE d.state WHEN 'received' THEN -1 WHEN 'returned' THEN 3
                                         ELSE d.step_index END AS cur) c
CROSS JOIN generate_series(0, 2) AS i
WHERE d.id > %(after)s AND d.agency_id = ANY(%(agencies)s::bigint[])
"""

SECONDS = int(os.environ.get("BENCH_SECONDS", 15))


def generate():
    from django.db import connection

    from catalog.models import Agency, Procedure
    from catalog.tests.factories import AgencyFactory, procedure_with_details
    from core.roles import Role
    from dossiers.models import Dossier
    from dossiers.tests.factories import OfficerFactory

    agencies = list(Agency.objects.filter(code__startswith="999.").order_by("code")[:AGENCIES])
    if not agencies:
        agencies = [
            AgencyFactory(code=f"999.00.{n:02d}.B99", name=f"Sở benchmark {n}") for n in range(AGENCIES)
        ]
        procedure_with_details(agencies=agencies, code="9.999001", name="Thủ tục benchmark hồ sơ")
        for agency in agencies:
            OfficerFactory(username=f"bench.specialist.{agency.pk}", agency=agency, role=Role.SPECIALIST)
    procedure = Procedure.objects.get(code="9.999001")
    generated = Dossier.objects.filter(agency__in=agencies)
    if generated.filter(code__startswith="B").exists():  # an older generator's invalid rows
        print("  deleting dossiers of an older generator…", flush=True)
        with connection.cursor() as cursor:
            ids = [a.pk for a in agencies]
            cursor.execute(
                "DELETE FROM dossiers_dossierstep WHERE dossier_id IN "
                "(SELECT id FROM dossiers_dossier WHERE agency_id = ANY(%s))",
                [ids],
            )
            cursor.execute("DELETE FROM dossiers_dossier WHERE agency_id = ANY(%s)", [ids])
    existing = generated.count()
    unit = f"Phòng chuyên môn – {procedure.name}"[:255]
    params = {
        "procedure": procedure.pk,
        "agencies": [a.pk for a in agencies],
        "codes": [a.code for a in agencies],
        "agency_count": len(agencies),
        "per_day": PER_DAY,
        "names": [name for name, _role, _budget in STEPS],
        "roles": [role for _name, role, _budget in STEPS],
        "budgets": [budget for _name, _role, budget in STEPS],
        "unit": unit,
    }
    with connection.cursor() as cursor:
        for start in range(existing - existing % BATCH, TOTAL, BATCH):
            stop = min(start + BATCH, TOTAL)
            cursor.execute("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
            after = cursor.fetchone()[0]
            cursor.execute(DOSSIERS_SQL, {**params, "start": start, "stop": stop})
            cursor.execute(STEPS_SQL, {**params, "after": after})
            print(f"  generated {stop:,} dossiers with their steps", flush=True)
        # The day counters, as if the codes had been allocated one by one.
        cursor.execute(
            """
            INSERT INTO dossiers_dossiercodecounter (agency_id, day, last_sequence)
            SELECT agency_id, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*)
            FROM dossiers_dossier WHERE agency_id = ANY(%(agencies)s::bigint[])
            GROUP BY 1, 2
            ON CONFLICT (agency_id, day) DO UPDATE SET last_sequence = greatest(
                dossiers_dossiercodecounter.last_sequence, excluded.last_sequence)
            """,
            params,
        )
        # As a settled production database: statistics, and the visibility map that lets the inbox's
        # count use its indexes alone (otherwise autovacuum would be doing this during the measurement).
        cursor.execute("VACUUM ANALYZE dossiers_dossier")
        cursor.execute("VACUUM ANALYZE dossiers_dossierstep")
    return agencies


def check_sample(base: str, code: str, applicant_id: str) -> None:
    """One look-up answers like a real one: the right code, a status in words, the three steps."""
    import json

    with urlopen(f"{base}/api/v1/public/dossiers/{code}?applicant_id={applicant_id}", timeout=10) as response:
        data = json.load(response)
    assert data["code"] == code and len(data["steps"]) == len(STEPS), data
    print(f"sample look-up: {code} {data['state_label']!r}, {len(data['steps'])} steps")


def main() -> int:
    setup_django()
    from django.db import connections
    from django.test import Client

    from accounts.models import User
    from catalog.models import Agency
    from dossiers.domain.codes import parse_dossier_code
    from dossiers.models import Dossier

    agencies = list(Agency.objects.filter(code__startswith="999.").order_by("code")[:AGENCIES])
    generated = Dossier.objects.filter(agency__in=agencies)
    if not agencies or generated.count() < TOTAL or generated.filter(code__startswith="B").exists():
        agencies = generate()
        generated = Dossier.objects.filter(agency__in=agencies)
    print(f"{generated.count():,} dossiers in {len(agencies)} agencies.")

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
    sample = list(generated.order_by("?").values_list("code", "applicant_id_number")[:5000])
    for code, _applicant in sample[:50]:
        parse_dossier_code(code)  # the real shape, or this raises
    lookup_requests = [
        (f"/api/v1/public/dossiers/{code}?applicant_id={applicant_id}", {}) for code, applicant_id in sample
    ]
    connections.close_all()

    ok = True
    with serve(env={"BENCH_LIFT_LOOKUP_LIMIT": "1"}) as base:
        check_sample(base, *sample[0])
        run_wrk(base, inbox_requests[:40], seconds=2)  # warm-up: connections, templates, caches
        # The page's latency: one officer per server worker, so no request waits for a free worker.
        figures = run_wrk(base, inbox_requests, seconds=SECONDS, connections=server_workers())
        ok &= print_figures("specialist inbox page", figures, 30)
        # Saturated (twice as many officers as workers): throughput, latency including the wait.
        figures = run_wrk(base, inbox_requests, seconds=SECONDS)
        print_figures("  inbox, saturated", figures)
        run_wrk(base, lookup_requests[:200], seconds=2)
        figures = run_wrk(base, lookup_requests, seconds=SECONDS)
        ok &= print_figures("public status lookup", figures, 20, 2000)
    return 0 if ok or not strict() else 1


if __name__ == "__main__":
    sys.exit(main())
