"""The public status look-up against a framework-free floor, side by side, on 1,000,000 dossiers.

The floor (:func:`application`, below) is a plain WSGI function with psycopg 3 and one connection per
gunicorn worker process: it sends PostgreSQL the same two SQL statements as Motcua's look-up (copied
from Django's, captured with CaptureQueriesContext, and checked against them before measuring: the
same text, client-side bound as Django binds it), applies the same identifier check and answers
the same JSON bytes (shape, Vietnamese status words, datetimes as Django's encoder writes them). No
headers beyond Content-Type, no language choice, no rate limit: what Python and PostgreSQL allow.

Both run under the same gunicorn configuration (bench.common.serve: one sync worker per core) at the
same time, and wrk loads them in turn, BENCH_ROUNDS times each (default 4) for BENCH_SECONDS each
(default 8), alternating (floor, Motcua, floor, …), so that whatever else the machine is doing falls
on both alike. Printed: each round, the pooled figures of each (requests over the total time; the
rounds' median percentiles), and the ratio of Motcua's throughput to the floor's. Targets: Motcua
≥ 50 % of the floor, and p99 < 20 ms.

As in bench/dossier_inbox.py, every request comes from one address: the per-address look-up limit is
lifted in the server (BENCH_LIFT_LOOKUP_LIMIT, bench/gunicorn_conf.py); the look-up still counts
each request in the cache, as in production.

Run: ``DATABASE_URL=postgres://… python bench/lookup_floor.py`` (``make bench`` does).
"""

import json
import os
import re
import sys
from pathlib import Path

# --- The floor: no Django below this line until main() -------------------------------------------------

# Django's SQL for the look-up (dossiers.lookup.find_for_applicant and public_steps), placeholders for
# the two parameters; main() checks that Django still sends exactly this.
DOSSIER_SQL = (
    'SELECT "dossiers_dossier"."id" AS "id", "dossiers_dossier"."code" AS "code", '
    '"dossiers_dossier"."procedure_id" AS "procedure_id", '
    '"dossiers_dossier"."agency_id" AS "agency_id", "dossiers_dossier"."state" AS "state", '
    '"dossiers_dossier"."step_index" AS "step_index", '
    '"dossiers_dossier"."resume_state" AS "resume_state", '
    '"dossiers_dossier"."applicant_id_number" AS "applicant_id_number", '
    '"dossiers_dossier"."applicant_phone" AS "applicant_phone", '
    '"dossiers_dossier"."received_at" AS "received_at", '
    '"dossiers_dossier"."appointment_at" AS "appointment_at", '
    '"catalog_procedure"."name" AS "procedure__name", '
    '"catalog_agency"."name" AS "agency__name" '
    'FROM "dossiers_dossier" '
    'INNER JOIN "catalog_procedure" ON ("dossiers_dossier"."procedure_id" = "catalog_procedure"."id") '
    'INNER JOIN "catalog_agency" ON ("dossiers_dossier"."agency_id" = "catalog_agency"."id") '
    'WHERE "dossiers_dossier"."code" = %s LIMIT 1'
)
STEPS_SQL = (
    'SELECT "dossiers_dossierstep"."name" AS "name", "dossiers_dossierstep"."due_at" AS "due_at", '
    '"dossiers_dossierstep"."done_at" AS "done_at" FROM "dossiers_dossierstep" '
    'WHERE "dossiers_dossierstep"."dossier_id" = %s ORDER BY "dossiers_dossierstep"."index" ASC'
)
PREFIX = "/api/v1/public/dossiers/"
_SEPARATORS = re.compile(r"[\s.\-]")
_connection = None
# The status words in Vietnamese, from Motcua's own translations (main() passes them in the environment,
# so that the floor answers the same words without importing Django).
_LABELS = json.loads(os.environ.get("BENCH_FLOOR_LABELS") or "{}")


def _db():
    """This worker process's connection (opened on its first request, after gunicorn's fork)."""
    global _connection
    if _connection is None or _connection.closed:
        import psycopg

        # ClientCursor: parameters bound in the client, as Django binds them, so PostgreSQL receives
        # the very same statements from both servers.
        _connection = psycopg.connect(
            os.environ["DATABASE_URL"], autocommit=True, cursor_factory=psycopg.ClientCursor
        )
    return _connection


def _normalize(value: str) -> str:  # dossiers.lookup.normalize_identifier
    cleaned = _SEPARATORS.sub("", value or "").upper()
    if cleaned.startswith("+84"):
        cleaned = "0" + cleaned[3:]
    elif cleaned.startswith("84") and len(cleaned) == 11:
        cleaned = "0" + cleaned[2:]
    return cleaned


def _when(value):
    """A datetime as django.core.serializers.json.DjangoJSONEncoder writes it (ninja's encoder)."""
    if value is None:
        return None
    text = value.isoformat()
    if value.microsecond:
        text = text[:23] + text[26:]
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _answer(start_response, status: str, body: dict):
    data = json.dumps(body).encode()
    headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data)))]
    start_response(status, headers)
    return [data]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/ready":
        return _answer(start_response, "200 OK", {"ready": True})
    if not path.startswith(PREFIX):
        return _answer(start_response, "404 Not Found", {"message": "Not found.", "errors": []})
    from urllib.parse import parse_qs

    code = path[len(PREFIX) :].strip().upper()
    identifier = parse_qs(environ.get("QUERY_STRING", "")).get("applicant_id", [""])[-1]
    wanted = _normalize(identifier)
    row = None
    if code and wanted:
        with _db().cursor() as cursor:
            cursor.execute(DOSSIER_SQL, (code,))
            row = cursor.fetchone()
            if row is not None and wanted in {_normalize(row[7]), _normalize(row[8])} - {""}:
                cursor.execute(STEPS_SQL, (row[0],))
                steps = cursor.fetchall()
            else:
                row = None
    if row is None:
        message = _LABELS.get("not_found", "")
        return _answer(start_response, "404 Not Found", {"message": message, "errors": []})
    state, step = row[4], row[5]
    label, national = _LABELS["states"][state]
    if state == "in_progress":
        label = _LABELS["in_progress_step"] % {"step": step + 1}
    body = {
        "code": row[1],
        "state": state,
        "state_label": label,
        "national_status": national,
        "procedure": row[11],
        "agency": row[12],
        "received_at": _when(row[9]),
        "appointment_at": _when(row[10]),
        "steps": [{"name": name, "due_at": _when(due), "done_at": _when(done)} for name, due, done in steps],
    }
    return _answer(start_response, "200 OK", body)


# --- The benchmark --------------------------------------------------------------------------------------

ROUNDS = int(os.environ.get("BENCH_ROUNDS", 4))
SECONDS = int(os.environ.get("BENCH_SECONDS", 8))
TARGET_RATIO = 0.5
TARGET_P99_MS = 20


def _labels() -> str:
    """The floor's words: Motcua's status labels, national statuses and 404 message, in Vietnamese."""
    from django.utils import translation

    from dossiers.domain.lifecycle import State

    with translation.override("vi"):
        return json.dumps(
            {
                "states": {s.value: [str(s.label), s.national_status] for s in State},
                "in_progress_step": str(translation.gettext("In progress, step %(step)s")),
                "not_found": str(
                    translation.gettext("No dossier matches this code and this personal ID or phone number.")
                ),
            }
        )


def _check_same_queries(path: str) -> None:
    """Django still sends the floor's two statements for a look-up (else the comparison is void)."""
    import psycopg
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dossiers.models import Dossier

    code = path.removeprefix(PREFIX).partition("?")[0]
    dossier_id = Dossier.objects.values_list("pk", flat=True).get(code=code)
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    sent = [query["sql"] for query in queries.captured_queries]
    with psycopg.ClientCursor(connection.connection) as cursor:
        expected = [cursor.mogrify(DOSSIER_SQL, [code]), cursor.mogrify(STEPS_SQL, [dossier_id])]
    assert sent == expected, f"Motcua's look-up queries changed; update the floor's:\n{sent}"


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import (
        Figures,
        check_lookup,
        fetch_json,
        generated_dossiers,
        lookup_requests,
        print_figures,
        run_wrk,
        serve,
        setup_django,
        strict,
    )

    setup_django()
    from django.core.management import call_command
    from django.db import connections

    # As deployed (`make run`): the Vietnamese catalog compiled, so both answer the same words.
    call_command("compile_translations", verbosity=0)
    _agencies, generated = generated_dossiers()
    lookups = lookup_requests(generated)
    _check_same_queries(lookups[0][0])
    labels = _labels()
    connections.close_all()

    floor_env = {"BENCH_FLOOR_LABELS": labels}
    with (
        serve(env={"BENCH_LIFT_LOOKUP_LIMIT": "1"}) as motcua,
        serve(env=floor_env, app="bench.lookup_floor:application", ready_path="/ready") as floor,
    ):
        servers = {"floor": floor, "motcua": motcua}
        for path, _headers in lookups[:20]:  # the same answer, byte for byte
            assert fetch_json(floor, path) == fetch_json(motcua, path), path
        check_lookup(motcua, lookups[0][0])
        for base in servers.values():  # warm-up: connections, imports, caches
            run_wrk(base, lookups[:200], seconds=2, quiet=True)
        rounds = {name: [] for name in servers}
        print(f"wrk: {ROUNDS} rounds of {SECONDS} s each, alternating", flush=True)
        for number in range(ROUNDS):
            order = list(servers) if number % 2 == 0 else list(servers)[::-1]
            for name in order:
                figures = run_wrk(servers[name], lookups, seconds=SECONDS, quiet=True)
                rounds[name].append(figures)
                print_figures(f"  round {number + 1}: {name}", figures)
    pooled = {name: _pooled(figures, Figures) for name, figures in rounds.items()}
    print_figures("floor (plain WSGI+psycopg)", pooled["floor"])
    ok = print_figures("Motcua public look-up", pooled["motcua"], TARGET_P99_MS)
    ratio = pooled["motcua"].per_second / pooled["floor"].per_second
    per_round = [m.per_second / f.per_second for m, f in zip(rounds["motcua"], rounds["floor"], strict=True)]
    ratio_met = ratio >= TARGET_RATIO
    print(
        f"Motcua / floor: {ratio:.0%} of the floor's throughput (rounds: "
        f"{', '.join(f'{r:.0%}' for r in per_round)})  target ≥ {TARGET_RATIO:.0%}: "
        f"{'met' if ratio_met else 'MISSED'}",
        flush=True,
    )
    return 0 if (ok and ratio_met) or not strict() else 1


def _pooled(figures, figures_class):
    """All rounds of one server as one: requests over time; each percentile the rounds' median (on a
    shared machine one busy round would otherwise decide), the maximum the rounds' worst."""
    from statistics import median

    return figures_class(
        count=sum(f.count for f in figures),
        seconds=sum(f.seconds for f in figures),
        p50_ms=median(f.p50_ms for f in figures),
        p95_ms=median(f.p95_ms for f in figures),
        p99_ms=median(f.p99_ms for f in figures),
        max_ms=max(f.max_ms for f in figures),
    )


if __name__ == "__main__":
    sys.exit(main())
