"""Run every benchmark under bench/ in turn, each printing its own figures.

Every script but the helpers in SKIP: catalog_search, dossier_inbox, lookup_floor (the public look-up
against a plain WSGI + psycopg floor, alternating), online_submission, outbox_workers,
statistics_report (with BENCH_STATS_DOSSIERS dossiers, 500,000 unless set: the issue's 10,000,000 take
about an hour, ``BENCH_STATS_DOSSIERS=10000000 make bench``).

Needs DATABASE_URL pointing at PostgreSQL (`make bench` provides a throwaway cluster).
"""

import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SKIP = {"run_all.py", "common.py", "__init__.py", "gunicorn_conf.py"}
ARGUMENTS = {"statistics_report.py": ["--dossiers", os.environ.get("BENCH_STATS_DOSSIERS") or "500000"]}


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Benchmarks run on PostgreSQL: set DATABASE_URL or use `make bench`.", file=sys.stderr)
        return 2
    failures = 0
    for script in sorted(BENCH_DIR.glob("*.py")):
        if script.name in SKIP:
            continue
        print(f"\n=== {script.stem} ===", flush=True)
        result = subprocess.run(
            [sys.executable, str(script), *ARGUMENTS.get(script.name, [])], cwd=BENCH_DIR.parent
        )
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
