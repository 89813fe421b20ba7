"""Online submission through the citizen API on PostgreSQL, target ≥ 300 submissions/s, p99 < 100 ms.

One submission is what a citizen's app does: create a draft (``POST /api/v1/me/dossiers``), fill the
e-form (``PUT``), upload one 200 KB PDF (``POST …/files``, checked by content and stored) and submit
(``POST …/submit``: dossier code, deadline arithmetic, receipt PDF, the queued notifications). Each of
``WORKERS`` processes (one per core by default) runs its own citizens through Django's full request
stack (test Client: no network, no web server in front), so the figures are the application's, on
this machine's cores; a production server adds its own overhead.

Run: ``DATABASE_URL=postgres://… python bench/online_submission.py`` (``make bench`` does).
"""

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figures, print_figures, setup_django, strict  # noqa: E402

PROCEDURE_CODE = "9.999002"
AGENCIES = 10
WORKERS = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2))
PER_WORKER = int(os.environ.get("BENCH_SUBMISSIONS", 150))
WARMUP = 10
PDF_200KB = b"%PDF-1.4\n%" + b"0" * (200 * 1024 - 20) + b"\n%%EOF\n"


def prepare():
    """The procedure (level 4, an e-form, one required component) and one citizen + token per worker."""
    from accounts.api_auth import issue_token
    from accounts.models import User
    from accounts.roles import Role
    from catalog.models import Agency, FormField, Procedure
    from catalog.tests.factories import AgencyFactory, procedure_with_details

    procedure = Procedure.objects.filter(code=PROCEDURE_CODE).first()
    if procedure is None:
        agencies = [
            Agency.objects.filter(code=f"999.01.{n:02d}.B99").first()
            or AgencyFactory(code=f"999.01.{n:02d}.B99", name=f"UBND xã benchmark {n}")
            for n in range(AGENCIES)
        ]
        procedure = procedure_with_details(
            agencies=agencies, code=PROCEDURE_CODE, name="Thủ tục benchmark nộp trực tuyến", service_level=4
        )
        FormField.objects.create(
            procedure=procedure, order=1, key="birth_date", label="Ngày sinh", kind="date"
        )
        FormField.objects.create(
            procedure=procedure, order=2, key="kind", label="Loại", kind="choice", choices=["Số 1", "Số 2"]
        )
    agencies = [a.code for a in procedure.agencies.all()]
    secrets = []
    for worker in range(WORKERS):
        user = User.objects.filter(username=f"bench.citizen.{worker}").first() or User.objects.create_user(
            username=f"bench.citizen.{worker}",
            password=None,
            role=Role.CITIZEN,
            first_name="Lan",
            last_name="Nguyễn Thị",
            email=f"bench{worker}@example.vn",
            phone=f"09{worker:08d}",
            personal_id=f"0221900{worker:05d}",
        )
        secrets.append(issue_token(user, "benchmark")[1])
    component = procedure.components.filter(required=True).first().pk
    return agencies, secrets, component


def run_worker(args):
    secret, agencies, component, count, media_root = args
    setup_django()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    settings.MEDIA_ROOT = media_root
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    base = "/api/v1/me/dossiers"

    def submit_one(n):
        response = client.post(
            base, {"procedure": PROCEDURE_CODE, "agency": agencies[n % len(agencies)]}, "application/json"
        )
        assert response.status_code == 201, response.content
        draft = response.json()["id"]
        response = client.put(
            f"{base}/{draft}", {"form_data": {"birth_date": "25/03/1990", "kind": "Số 1"}}, "application/json"
        )
        assert response.status_code == 200, response.content
        upload = SimpleUploadedFile("to-khai.pdf", PDF_200KB, content_type="application/pdf")
        response = client.post(f"{base}/{draft}/files", {"component": component, "file": upload})
        assert response.status_code == 201, response.content
        response = client.post(f"{base}/{draft}/submit")
        assert response.status_code == 200, response.content

    for n in range(WARMUP):
        submit_one(n)
    durations = []
    for n in range(count):
        before = time.perf_counter()
        submit_one(n)
        durations.append(time.perf_counter() - before)
    return durations


def main() -> int:
    setup_django()
    from django.db import connections

    from dossiers.models import Dossier

    agencies, secrets, component = prepare()
    connections.close_all()  # the worker processes open their own
    media_root = tempfile.mkdtemp(prefix="motcua-bench-media-")
    before = Dossier.objects.filter(procedure__code=PROCEDURE_CODE).exclude(code=None).count()
    print(f"{WORKERS} processes × {PER_WORKER} submissions (+{WARMUP} warm-up each), 200 KB PDF each.")
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        started = time.perf_counter()
        results = pool.map(run_worker, [(s, agencies, component, PER_WORKER, media_root) for s in secrets])
        wall = time.perf_counter() - started
    durations = [d for worker in results for d in worker]
    submitted = Dossier.objects.filter(procedure__code=PROCEDURE_CODE).exclude(code=None).count() - before
    assert submitted == WORKERS * (PER_WORKER + WARMUP), submitted
    # Wall time includes each process's start-up and warm-up; the rate uses the timed part only.
    timed = max(sum(worker) for worker in results)
    figures = Figures.from_durations(durations, timed)
    ok = print_figures("online submission (API)", figures, 100)
    rate_ok = figures.per_second >= 300
    print(
        f"{'':<28} throughput {figures.per_second:.0f} submissions/s on {WORKERS} processes "
        f"(target ≥ 300: {'met' if rate_ok else 'MISSED'}); wall {wall:.1f} s with start-up",
        flush=True,
    )
    return 0 if (ok and rate_ok) or not strict() else 1


if __name__ == "__main__":
    sys.exit(main())
