"""Helpers shared by the benchmarks: Django set-up on PostgreSQL, a timing loop, percentiles, figures.

A benchmark script is run as ``python bench/<name>.py`` (``make bench`` runs them all). It calls
:func:`setup_django` first, which refuses to run without PostgreSQL, then times its work with
:func:`time_requests` and prints :class:`Figures` with :func:`print_figures`.
"""

import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
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


def print_figures(title: str, figures: Figures, target_p99_ms: float | None = None) -> bool:
    """Print one line of figures; return False when a p99 target is given and missed."""
    met = target_p99_ms is None or figures.p99_ms < target_p99_ms
    verdict = ""
    if target_p99_ms is not None:
        verdict = f"  target p99 < {target_p99_ms:g} ms: {'met' if met else 'MISSED'}"
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
