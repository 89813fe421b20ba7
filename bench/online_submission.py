"""Online submission through the citizen API on PostgreSQL, target ≥ 300 submissions/s, p99 < 100 ms.

One submission is what a citizen's app does: create a draft (``POST /api/v1/me/dossiers``), fill the
e-form (``PUT``), upload one 200 KB PDF (``POST …/files``, multipart, checked by content and stored)
and submit (``POST …/submit``: dossier code, deadline arithmetic, receipt, the queued notifications).
The application runs under gunicorn (bench.common.serve, one worker process per core); BENCH_CLIENTS
client processes (default: twice the server's workers) each submit as their own citizen over HTTP,
one submission after another, for BENCH_SECONDS (default 15) after a warm-up. A submission's latency
is its four requests'; the rate counts submissions finished in the timed window on the whole machine.
Afterwards one receipt is downloaded and checked (a PDF naming the dossier's code).

Run: ``DATABASE_URL=postgres://… python bench/online_submission.py`` (``make bench`` does).
"""

import http.client
import json
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figures, print_figures, serve, server_workers, setup_django, strict  # noqa: E402

PROCEDURE_CODE = "9.999002"
AGENCIES = 10
CLIENTS = int(os.environ.get("BENCH_CLIENTS") or 2 * server_workers())
SECONDS = float(os.environ.get("BENCH_SECONDS", 15))
WARMUP = 5
# A one-page PDF padded to a scan's size with a comment: a real reader (and the upload check) opens it.
_PAGE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
)
PDF_200KB = _PAGE + b"%" + b"0" * (200 * 1024 - 300) + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def prepare():
    """The procedure (level 4, an e-form, one required component) and one citizen + token per worker."""
    from accounts.api_auth import issue_token
    from accounts.models import User
    from catalog.models import Agency, FormField, Procedure
    from catalog.tests.factories import AgencyFactory, procedure_with_details
    from core.roles import Role

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
    for worker in range(CLIENTS):
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


class Citizen:
    """One citizen's app: an HTTP/1.1 connection to the server and their bearer token."""

    def __init__(self, base: str, secret: str):
        self.connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
        self.headers = {"Authorization": f"Bearer {secret}"}

    def call(self, method: str, path: str, body: bytes = b"", content_type: str = "", expect: int = 200):
        headers = dict(self.headers)
        if content_type:
            headers["Content-Type"] = content_type
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        if response.status != expect:
            raise RuntimeError(f"{method} {path}: {response.status} {content[:300]!r}")
        return (
            json.loads(content)
            if content and response.getheader("Content-Type", "").startswith("application/json")
            else content
        )

    def submit_one(self, agency: str, component: int) -> dict:
        base = "/api/v1/me/dossiers"
        draft = self.call(
            "POST",
            base,
            json.dumps({"procedure": PROCEDURE_CODE, "agency": agency}).encode(),
            "application/json",
            201,
        )["id"]
        form = {"form_data": {"birth_date": "25/03/1990", "kind": "Số 1"}}
        self.call("PUT", f"{base}/{draft}", json.dumps(form).encode(), "application/json")
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="component"\r\n\r\n{component}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="to-khai.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + PDF_200KB
            + f"\r\n--{boundary}--\r\n".encode()
        )
        self.call("POST", f"{base}/{draft}/files", body, f"multipart/form-data; boundary={boundary}", 201)
        return self.call("POST", f"{base}/{draft}/submit")


def run_client(args):
    base, secret, agencies, component, start_at, stop_at = args
    citizen = Citizen(base, secret)
    for n in range(WARMUP):
        citizen.submit_one(agencies[n % len(agencies)], component)
    while time.time() < start_at:
        time.sleep(0.001)
    finished = []  # (end time, duration) of the submissions that ended in the timed window
    n = 0
    while time.time() < stop_at:
        before = time.time()
        citizen.submit_one(agencies[n % len(agencies)], component)
        after = time.time()
        if after <= stop_at:
            finished.append(after - before)
        n += 1
    return finished, n + WARMUP


def check_receipt(base: str, secret: str, agencies, component) -> None:
    """The receipt can be downloaded right after submission, and is a PDF."""
    citizen = Citizen(base, secret)
    detail = citizen.submit_one(agencies[0], component)
    content = citizen.call("GET", detail["receipt_url"])
    assert content.startswith(b"%PDF-") and len(content) > 1000, content[:100]
    print(f"sample submission {detail['code']}: receipt downloaded, {len(content):,} bytes")


def main() -> int:
    setup_django()
    from django.db import connections

    from dossiers.models import Dossier

    agencies, secrets, component = prepare()
    connections.close_all()
    media_root = tempfile.mkdtemp(prefix="motcua-bench-media-")
    before = Dossier.objects.filter(procedure__code=PROCEDURE_CODE).exclude(code=None).count()
    with serve(env={"MEDIA_ROOT": media_root}) as base:
        print(f"{CLIENTS} client processes, each submitting one 200 KB PDF per dossier, {SECONDS:g} s.")
        start_at = time.time() + 8  # after every client's warm-up
        stop_at = start_at + SECONDS
        context = multiprocessing.get_context("spawn")
        with context.Pool(CLIENTS) as pool:
            results = pool.map(
                run_client, [(base, s, agencies, component, start_at, stop_at) for s in secrets]
            )
        check_receipt(base, secrets[0], agencies, component)
    durations = [d for finished, _count in results for d in finished]
    submitted = Dossier.objects.filter(procedure__code=PROCEDURE_CODE).exclude(code=None).count() - before
    assert submitted == sum(count for _finished, count in results) + 1, submitted
    # Each submission queued its notification (the citizens have an e-mail) and its receipt, durably.
    from django_tasks_db.models import DBTaskResult

    from dossiers.tasks import store_receipt
    from notifications.models import Notification

    queued = Notification.objects.filter(dossier__procedure__code=PROCEDURE_CODE, event="submitted").count()
    receipts = DBTaskResult.objects.filter(task_path=store_receipt.module_path).count()
    print(f"queued with the submissions: {queued:,} notifications, {receipts:,} receipt renderings")
    assert queued >= submitted and receipts >= submitted, (queued, receipts, submitted)
    figures = Figures.from_durations(durations, SECONDS)
    ok = print_figures("online submission (API)", figures, 100, 300)
    return 0 if ok or not strict() else 1


if __name__ == "__main__":
    sys.exit(main())
