"""Helpers shared by the benchmarks: Django set-up on PostgreSQL, a real server, load, percentiles, figures.

A benchmark script is run as ``python bench/<name>.py`` (``make bench`` runs them all). It calls
:func:`setup_django` first, which refuses to run without PostgreSQL, to prepare its data. Throughput
and latency are then measured as deployed: :func:`serve` starts the WSGI application under gunicorn
(one sync worker process per core by default: BENCH_SERVER_WORKERS) and the load comes from other
processes over HTTP, :func:`run_wrk` (wrk, installed with apt-get when missing) for GET requests, or a
benchmark's own client processes for multi-request scenarios. :func:`print_figures` prints the figures
and whether the targets are met.
"""

import contextlib
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def require_postgres() -> str:
    """The DATABASE_URL, or exit with a clear message when it does not point at PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "This benchmark runs on PostgreSQL: set DATABASE_URL (for example "
            "postgres://postgres@127.0.0.1:5432/motcua_bench, a database used only for benchmarks) "
            "or run `make bench`, which starts a throwaway cluster.",
            file=sys.stderr,
        )
        sys.exit(2)
    return url


def setup_django(settings_module: str = "motcua.settings.dev") -> None:
    """Configure Django as deployed (DEBUG off, so no query log) against DATABASE_URL, and migrate."""
    require_postgres()
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ["DEBUG"] = "false"
    import warnings

    import django

    # WhiteNoise warns when STATIC_ROOT was never collected; the benchmarks serve no static files.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    # Lets django.test.Client talk to the site ("testserver" host, e-mail kept in memory).
    setup_test_environment(debug=False)
    call_command("migrate", verbosity=0, interactive=False)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0–1) percentile of ascending ``sorted_values``, linearly interpolated."""
    if not sorted_values:
        return math.nan
    position = (len(sorted_values) - 1) * fraction
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return sorted_values[lower]
    weight = position - lower
    return sorted_values[lower] * (1 - weight) + sorted_values[upper] * weight


@dataclass(frozen=True)
class Figures:
    count: int
    seconds: float  # wall time of the whole run
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else math.nan

    @classmethod
    def from_durations(cls, durations: Iterable[float], seconds: float | None = None) -> "Figures":
        values = sorted(durations)
        total = sum(values) if seconds is None else seconds
        return cls(
            count=len(values),
            seconds=total,
            p50_ms=percentile(values, 0.50) * 1000,
            p95_ms=percentile(values, 0.95) * 1000,
            p99_ms=percentile(values, 0.99) * 1000,
            max_ms=(values[-1] * 1000) if values else math.nan,
        )


def print_figures(
    title: str,
    figures: Figures,
    target_p99_ms: float | None = None,
    target_per_second: float | None = None,
) -> bool:
    """Print one line of figures; return False when a given target (p99, rate) is missed."""
    met = True
    verdicts = []
    if target_p99_ms is not None:
        p99_met = figures.p99_ms < target_p99_ms
        met &= p99_met
        verdicts.append(f"p99 < {target_p99_ms:g} ms: {'met' if p99_met else 'MISSED'}")
    if target_per_second is not None:
        rate_met = figures.per_second >= target_per_second
        met &= rate_met
        verdicts.append(f"≥ {target_per_second:g}/s: {'met' if rate_met else 'MISSED'}")
    verdict = ("  target " + ", ".join(verdicts)) if verdicts else ""
    print(
        f"{title:<28} {figures.count:>6} req {figures.per_second:>8.1f}/s   "
        f"p50 {figures.p50_ms:7.2f}  p95 {figures.p95_ms:7.2f}  p99 {figures.p99_ms:7.2f}  "
        f"max {figures.max_ms:7.2f} ms{verdict}",
        flush=True,
    )
    return met


def strict() -> bool:
    """With BENCH_STRICT=1 a missed target makes the benchmark exit with status 1."""
    return os.environ.get("BENCH_STRICT", "") in {"1", "true", "yes"}


# --- A real server, and load from other processes -----------------------------------------------------

GUNICORN_CONFIG = Path(__file__).resolve().parent / "gunicorn_conf.py"


def server_workers() -> int:
    """Gunicorn worker processes: BENCH_SERVER_WORKERS, else one per core."""
    return int(os.environ.get("BENCH_SERVER_WORKERS") or os.cpu_count() or 2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(
    env: dict[str, str] | None = None,
    workers: int | None = None,
    *,
    app: str = "motcua.wsgi:application",
    ready_path: str = "/api/v1/openapi.json",
    root: Path = ROOT,
) -> Iterator[str]:
    """Serve ``app`` (motcua.wsgi) under gunicorn (sync workers, DEBUG off) on a free port; yield its
    base URL once ``ready_path`` answers.

    ``env`` adds environment variables for the server (e.g. MEDIA_ROOT, or BENCH_LIFT_LOOKUP_LIMIT=1,
    read by bench/gunicorn_conf.py). The server is stopped on the way out. Another WSGI application
    (bench/lookup_floor.py's) runs under the same configuration, for a comparison on equal terms, and
    so does another checkout of the project (``root``: the code before a change, on its own database).
    """
    require_postgres()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        sys.exit("gunicorn is missing: pip install -e '.[bench]'")
    port = _free_port()
    workers = workers or server_workers()
    server_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
        "DEBUG": "false",
        "PYTHONWARNINGS": "ignore",
        **(env or {}),
    }
    command = [
        str(gunicorn),
        app,
        "--config=python:bench.gunicorn_conf",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--backlog=2048",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=root, env=server_env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + ready_path, timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start ({exc})") from exc
                time.sleep(0.2)
        where = "" if root == ROOT else f" from {root}"
        print(f"gunicorn: {app}{where}, {workers} sync worker processes on {base}", flush=True)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_wrk() -> str:
    """The path of wrk, installed from Debian with apt-get when missing (needs root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: `sudo apt-get install wrk`.")
    print("Installing wrk with apt-get…", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
    subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, **quiet)
    return shutil.which("wrk") or sys.exit("wrk could not be installed.")


_WRK_SCRIPT = """
local requests = {%(requests)s}
function setup(thread)
  thread:set("offset", (thread_count or 0) * 7919)
  thread_count = (thread_count or 0) + 1
end
local counter = 0
function request()
  counter = counter + 1
  local r = requests[((counter + (offset or 0)) %% #requests) + 1]
  return wrk.format("GET", r[1], r[2])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p95\\": %%d, "
    .. "\\"p99\\": %%d, \\"max\\": %%d, \\"status_errors\\": %%d, \\"socket_errors\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def run_wrk(
    base_url: str,
    requests: Sequence[tuple[str, dict[str, str]]],
    *,
    seconds: int = 10,
    connections: int | None = None,
    threads: int = 1,
    quiet: bool = False,
) -> Figures:
    """Load ``base_url`` with wrk for ``seconds``, cycling through ``requests`` (path, headers).

    A closed loop of ``connections`` (default: twice the server's workers) concurrent clients; latency
    is wrk's, measured from its own process. Exits when any response is an error (status ≥ 400).
    """
    wrk = ensure_wrk()
    connections = connections or 2 * server_workers()

    def lua(text: str) -> str:
        return json.dumps(text, ensure_ascii=True)

    entries = ",\n".join(
        "{{{}, {{{}}}}}".format(lua(path), ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in headers.items()))
        for path, headers in requests
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT % {"requests": entries})
    try:
        result = subprocess.run(
            [
                wrk,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout=10s",
                "-s",
                script.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCHJSON "))
    data = json.loads(line.removeprefix("BENCHJSON "))
    if data["status_errors"] or data["socket_errors"]:
        sys.exit(f"wrk: {data['status_errors']} error responses, {data['socket_errors']} socket errors")
    if not quiet:
        print(f"wrk: {connections} connections, {seconds} s", flush=True)
    return Figures(
        count=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
    )


# --- The generated dossiers (bench/dossier_inbox.py, bench/lookup_floor.py) ---------------------------
#
# 1,000,000 valid dossiers in 20 agencies: codes in the real ``<agency code>-<yymmdd>-<4-digit>`` shape
# (with the day's code counters), a consistent status (awaiting a supplement goes back to a step), the
# waiting role, and the three steps of the procedure's internal process each. They are generated in
# SQL (generate_series), about a minute per 100,000 with their steps; re-runs reuse them (and replace
# data of an older generator).

DOSSIER_TOTAL = 1_000_000
DOSSIER_AGENCIES = 20
_BATCH = 100_000
_PER_DAY = 100  # dossiers per agency and reception day: codes <agency>-<yymmdd>-0001 … -0100
DOSSIER_STEPS = [
    ("Tiếp nhận hồ sơ", "counter_officer", "0.5"),
    ("Thẩm định", "specialist", "4"),
    ("Phê duyệt", "leader", "0.5"),
]

# Dossier n belongs to agency n % DOSSIER_AGENCIES; m = n / DOSSIER_AGENCIES is its rank there:
# received m / _PER_DAY days ago (Vietnam's date), sequence m % _PER_DAY + 1 that day. m % 6 chooses a
# valid status: 0 received (steps planned, none started), 1-2 in progress at the specialist's step, 3 in
# progress at step (m / 6) % 3, 4 awaiting a supplement requested at the specialist's step (clock
# stopped, goes back to in_progress step 2), 5 returned (every step done).
_DOSSIERS_SQL = """
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
_STEPS_SQL = """
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


def _generate_dossiers():
    from django.db import connection

    from catalog.models import Agency, Procedure
    from catalog.tests.factories import AgencyFactory, procedure_with_details
    from core.roles import Role
    from dossiers.models import Dossier
    from dossiers.tests.factories import OfficerFactory

    agencies = list(Agency.objects.filter(code__startswith="999.").order_by("code")[:DOSSIER_AGENCIES])
    if not agencies:
        agencies = [
            AgencyFactory(code=f"999.00.{n:02d}.B99", name=f"Sở benchmark {n}")
            for n in range(DOSSIER_AGENCIES)
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
        "per_day": _PER_DAY,
        "names": [name for name, _role, _budget in DOSSIER_STEPS],
        "roles": [role for _name, role, _budget in DOSSIER_STEPS],
        "budgets": [budget for _name, _role, budget in DOSSIER_STEPS],
        "unit": unit,
    }
    with connection.cursor() as cursor:
        for start in range(existing - existing % _BATCH, DOSSIER_TOTAL, _BATCH):
            stop = min(start + _BATCH, DOSSIER_TOTAL)
            cursor.execute("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
            after = cursor.fetchone()[0]
            cursor.execute(_DOSSIERS_SQL, {**params, "start": start, "stop": stop})
            cursor.execute(_STEPS_SQL, {**params, "after": after})
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


def generated_dossiers():
    """The benchmark's agencies and a queryset of their dossiers, generating them first when needed."""
    from catalog.models import Agency
    from dossiers.models import Dossier

    agencies = list(Agency.objects.filter(code__startswith="999.").order_by("code")[:DOSSIER_AGENCIES])
    generated = Dossier.objects.filter(agency__in=agencies)
    if not agencies or generated.count() < DOSSIER_TOTAL or generated.filter(code__startswith="B").exists():
        agencies = _generate_dossiers()
        generated = Dossier.objects.filter(agency__in=agencies)
    print(f"{generated.count():,} dossiers in {len(agencies)} agencies.", flush=True)
    return agencies, generated


def lookup_requests(generated, count: int = 5000) -> list[tuple[str, dict[str, str]]]:
    """``count`` public look-ups (path, headers) of random generated dossiers, for :func:`run_wrk`."""
    from dossiers.domain.codes import parse_dossier_code

    sample = list(generated.order_by("?").values_list("code", "applicant_id_number")[:count])
    for code, _applicant in sample[:50]:
        parse_dossier_code(code)  # the real shape, or this raises
    return [(f"/api/v1/public/dossiers/{code}?applicant_id={applicant}", {}) for code, applicant in sample]


def fetch_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def check_lookup(base: str, path: str) -> dict:
    """One look-up answers like a real one: the right code, a status in words, the three steps."""
    data = fetch_json(base, path)
    code = path.removeprefix("/api/v1/public/dossiers/").partition("?")[0]
    assert data["code"] == code and len(data["steps"]) == len(DOSSIER_STEPS), data
    print(f"sample look-up: {code} {data['state_label']!r}, {len(data['steps'])} steps", flush=True)
    return data
