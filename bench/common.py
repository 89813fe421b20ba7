"""Helpers shared by the benchmarks: Django set-up on PostgreSQL, a real server, load, percentiles, figures.

A benchmark script is run as ``python bench/<name>.py`` (``make bench`` runs them all). It calls
:func:`setup_django` first, which refuses to run without PostgreSQL, to prepare its data. Throughput
and latency are then measured as deployed: :func:`serve` starts the WSGI application under gunicorn
(one sync worker process per core by default: BENCH_SERVER_WORKERS) and the load comes from other
processes over HTTP, :func:`run_wrk` (wrk, installed with apt-get when missing) for GET requests, or a
benchmark's own client processes for multi-request scenarios. :func:`print_figures` prints the figures
and whether the targets are met. :func:`time_requests` (in-process, one at a time) remains for the
catalog benchmark.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def time_requests(
    call: Callable[[object], object], work: Sequence[object], warmup: Sequence[object] = ()
) -> tuple[list[float], float]:
    """Run ``call`` on every item of ``warmup`` (not timed), then on every item of ``work``.

    Returns the duration of each timed call in seconds, and the wall time of the timed loop.
    """
    for item in warmup:
        call(item)
    durations = []
    started = time.perf_counter()
    for item in work:
        before = time.perf_counter()
        call(item)
        durations.append(time.perf_counter() - before)
    return durations, time.perf_counter() - started


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
def serve(env: dict[str, str] | None = None, workers: int | None = None) -> Iterator[str]:
    """Serve motcua.wsgi under gunicorn (sync workers, DEBUG off) on a free port; yield its base URL.

    ``env`` adds environment variables for the server (e.g. MEDIA_ROOT, or BENCH_LIFT_LOOKUP_LIMIT=1,
    read by bench/gunicorn_conf.py). The server is stopped on the way out.
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
        "motcua.wsgi:application",
        "--config=python:bench.gunicorn_conf",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--backlog=2048",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start ({exc})") from exc
                time.sleep(0.2)
        print(f"gunicorn: {workers} sync worker processes on {base}", flush=True)
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
    print(f"wrk: {connections} connections, {seconds} s", flush=True)
    return Figures(
        count=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
    )
