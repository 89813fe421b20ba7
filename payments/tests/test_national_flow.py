"""The national payment platform as a gateway: the whole flow against the fake platform the portal
serves itself (INIT → its page → the callback → paid → the dossier proceeds), the callback endpoint's
answers to bad callbacks, reconciliation through the status query, and the real gateway's status query
and GET_BILL against a stub HTTP server on a loopback port."""

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.domain.lifecycle import State
from dossiers.models import Dossier
from notifications.tests.worker import run_worker_once
from payments import national_sandbox, services
from payments.domain import national
from payments.domain.gateway import QueryStatus, StoredPayment
from payments.gateways import GatewayUnavailable, configured_gateway
from payments.gateways.national import NationalGateway
from payments.gateways.national_sandbox import NationalSandboxGateway
from payments.models import Payment, PaymentEvent, SandboxTransaction

API = "/thanh-toan/national-sandbox/api/"
CALLBACK = "/thanh-toan/national-sandbox/callback/"


@pytest.fixture
def national_sandbox_on(settings):
    settings.MOTCUA_PAYMENT_GATEWAY = national_sandbox.GATEWAY_ID


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def state_of_everything(dossier):
    return (
        list(Payment.objects.values_list("state", "gateway_transaction_no", "bank_code", "paid_at")),
        list(PaymentEvent.objects.values_list("pk", flat=True)),
        Dossier.objects.get(pk=dossier.pk).state,
        Dossier.objects.get(pk=dossier.pk).log.count(),
    )


@pytest.mark.django_db
def test_paying_through_the_fake_national_platform_from_the_button_to_the_paid_dossier(
    national_sandbox_on, signed_in, awaiting_fees, procedure, gateway_web
):
    start = signed_in.post(reverse("payments:start", args=[awaiting_fees.pk]))

    assert start.status_code == 302
    assert gateway_web == []  # the fake answers INIT in process (the real gateway posts it: see below)
    payment = Payment.objects.get()
    assert payment.gateway == "national-sandbox" and payment.amount == 1250000
    page_url = urlsplit(start.url)
    assert page_url.path == reverse("payments:national_sandbox_pay", args=[payment.txn_ref])
    init = SandboxTransaction.objects.get().request
    fee = procedure.fees.get(name="Phí thẩm định")
    assert (
        init["LoaiBanTin"] == "INIT" and init["SoTien"] == 1250000 and init["MaThamChieu"] == payment.txn_ref
    )
    assert {key: init["ThongTinBienLai"][key] for key in ("MaDichVu", "MaTTHC", "MaDonVi", "MaHoSo")} == {
        "MaDichVu": "2",
        "MaTTHC": procedure.code,
        "MaDonVi": awaiting_fees.agency.code,
        "MaHoSo": awaiting_fees.code,
    }
    assert init["ThongTinBienLai"]["PhiLePhi"] == [
        {"LoaiPhiLePhi": 1, "MaPhiLePhi": str(fee.pk), "TenPhiLePhi": "Phí thẩm định", "SoTien": 1250000}
    ]
    assert init["ThongTinBienLai"]["HoTenNguoiNop"] == awaiting_fees.applicant_name

    page = signed_in.get(page_url.path).content.decode()
    assert "1.250.000 ₫" in page and awaiting_fees.code in page and "Phí thẩm định" in page
    back = signed_in.post(page_url.path, {"outcome": "success", "ipn": "now"})
    returned = urlsplit(back.url)
    assert returned.path == reverse("payments:return", args=["national-sandbox"])

    # Back on the portal before the callback: still being confirmed, nothing is marked paid.
    assert 'data-state="pending"' in signed_in.get(f"{returned.path}?{returned.query}").content.decode()
    assert Payment.objects.get().state == "pending"

    run_worker_once()  # the fake platform's server sends its callback

    assert ("POST", CALLBACK) in gateway_web
    assert SandboxTransaction.objects.get().ipn_answer == "00 Thanh cong"
    assert 'data-state="paid"' in signed_in.get(f"{returned.path}?{returned.query}").content.decode()
    payment.refresh_from_db()
    assert payment.state == "paid" and payment.gateway_transaction_no.startswith("DVC")
    event = payment.events.order_by("-id").first()
    assert (event.from_state, event.to_state, event.source) == ("pending", "paid", "ipn")
    assert event.params["MaLoi"] == "00" and "MaXacThuc" not in event.params
    dossier = Dossier.objects.get(pk=awaiting_fees.pk)
    assert dossier.state == State.RECEIVED
    assert dossier.log.filter(action="pay_fees", actor_role="system").count() == 1


def started(dossier, applicant):
    payment = services.start_payment(dossier, applicant).payment
    return payment, SandboxTransaction.objects.get(txn_ref=payment.txn_ref)


def post_callback(client, message):
    response = client.post(CALLBACK, json.dumps(message), content_type="application/json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    assert national.verify(answer, national.CALLBACK_ANSWER_FIELDS, national_sandbox.config().secret)
    return answer["MaLoi"], answer["MoTaLoi"]


def resigned(message, **changes):
    fields = {**national.without_auth_code(message), **changes}
    return national.callback_message(fields, national_sandbox.config())


@pytest.mark.django_db
def test_the_callback_answers_each_bad_callback_with_the_platform_s_code_and_changes_nothing(
    national_sandbox_on, client, awaiting_fees, applicant, gateway_web
):
    payment, txn = started(awaiting_fees, applicant)
    national_sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    good = national_sandbox.callback_message(txn)
    before = state_of_everything(awaiting_fees)
    errors = national.CallbackError

    forged = national.callback_message(good, national.NationalConfig("MOTCUA_SANDBOX", "another key", "1"))
    assert post_callback(client, forged) == ("99", errors.BAD_AUTH_CODE)
    assert post_callback(client, resigned(good, SoTien="12500")) == ("99", errors.WRONG_AMOUNT)
    assert post_callback(client, resigned(good, MaThamChieu="260101DEADBEEF00")) == (
        "99",
        errors.UNKNOWN_REFERENCE,
    )
    assert post_callback(client, {}) == ("99", errors.BAD_AUTH_CODE)
    response = client.post(CALLBACK, "not json", content_type="application/json")
    assert response.json()["MaLoi"] == "99"
    assert state_of_everything(awaiting_fees) == before

    assert post_callback(client, good) == ("00", errors.ACCEPTED)
    settled = state_of_everything(awaiting_fees)
    assert settled[0][0][0] == "paid" and settled[2] == State.RECEIVED
    assert post_callback(client, good) == ("00", errors.ALREADY_RECORDED)  # a replay
    assert post_callback(client, resigned(good, MaLoi="24")) == ("99", errors.CONTRADICTS_RECORD)
    assert state_of_everything(awaiting_fees) == settled


@pytest.mark.django_db
def test_the_callback_is_a_post_of_a_national_gateway_and_answers_99_when_it_breaks(
    national_sandbox_on, client, monkeypatch
):
    assert client.get(CALLBACK).status_code == 405
    assert (
        client.post("/thanh-toan/vnpay/callback/", "{}", content_type="application/json").status_code == 404
    )

    def broken(gateway, params):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "handle_ipn", broken)
    code, description = post_callback(client, {"MaThamChieu": "X"})
    assert (code, description) == ("99", national.CallbackError.UNREADABLE)


@pytest.mark.django_db
def test_a_lost_callback_is_found_by_reconciliation_through_the_status_query(
    national_sandbox_on, awaiting_fees, applicant, gateway_web
):
    payment, txn = started(awaiting_fees, applicant)
    assert services.reconcile_pending(timezone.now() + timedelta(minutes=16)) == {"waiting": 1}  # 3 pending
    national_sandbox.finish(txn, "success", "drop")

    report = services.reconcile_pending(timezone.now() + timedelta(minutes=16))

    assert report == {"paid": 1}
    assert gateway_web == [("POST", API), ("POST", API)]  # two status queries over HTTP
    payment.refresh_from_db()
    assert payment.state == "paid"
    event = payment.events.order_by("-id").first()
    assert (event.source, event.params["TrangThaiGD"]) == ("reconciliation", "1")
    assert Dossier.objects.get(pk=awaiting_fees.pk).state == State.RECEIVED


@pytest.mark.django_db
def test_the_fake_platform_refuses_a_forged_init_and_hands_out_its_receipt(
    national_sandbox_on, client, awaiting_fees, applicant, gateway_web
):
    payment, txn = started(awaiting_fees, applicant)
    tampered = {**txn.request, "SoTien": 100}
    tampered = national.signed(tampered, national.INIT_FIELDS, "not the key")
    answer = client.post(API, json.dumps(tampered), content_type="application/json").json()
    assert (answer["MaLoi"], answer["MoTaLoi"]) == ("99", "Sai ma xac thuc")

    lines_off = national.signed(
        {**txn.request, "SoTien": 1}, national.INIT_FIELDS, national_sandbox.config().secret
    )
    answer = client.post(API, json.dumps(lines_off), content_type="application/json").json()
    assert (answer["MaLoi"], answer["MoTaLoi"]) == ("99", "Tong phi le phi khong khop so tien")

    national_sandbox.finish(txn, "success", "drop")
    txn.refresh_from_db()
    pdf = configured_gateway().fetch_bill(payment.stored(), txn.transaction_no)
    assert pdf.startswith(b"%PDF-")


@pytest.mark.django_db
def test_when_the_platform_does_not_answer_init_nothing_starts_and_the_citizen_is_told(
    national_sandbox_on, signed_in, awaiting_fees, monkeypatch
):
    def unreachable(gateway, message):
        raise GatewayUnavailable("connection refused")

    monkeypatch.setattr(NationalSandboxGateway, "send_init", unreachable)
    response = signed_in.post(reverse("payments:start", args=[awaiting_fees.pk]), follow=True)

    assert response.redirect_chain[0][0] == reverse("portal:my_dossier", args=[awaiting_fees.pk])
    assert "không phản hồi" in response.content.decode()
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_the_fake_platform_s_pages_exist_only_while_it_is_configured(client, settings):
    settings.MOTCUA_PAYMENT_GATEWAY = "sandbox"
    assert client.post(API, "{}", content_type="application/json").status_code == 404
    assert client.get(reverse("payments:national_sandbox_pay", args=["X"])).status_code == 404
    assert client.post(CALLBACK, "{}", content_type="application/json").status_code == 404


# --- The real gateway against a stub platform on a loopback port -----------------------------------

STUB_KEY = "stub-platform-key"
REFERENCE = "260305A1B2C3D4E5"


@pytest.fixture(scope="module")
def stub_platform():
    """A stub of the platform's API: checks the authentication code and answers QUERY and GET_BILL."""
    config = national.NationalConfig("UBND_TINH_X", STUB_KEY, "3711.0.1234567")
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 -- http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append(body)
            fields = {"MaLoi": "00", "MaDoiTac": "UBND_TINH_X", "MaThamChieu": body.get("MaThamChieu", "")}
            if body["LoaiBanTin"] == "INIT" and national.verify(body, national.INIT_FIELDS, STUB_KEY):
                page = f"https://thanhtoan.example.gov.vn/pay/{body['MaThamChieu']}"
                answer = national.signed(
                    {**fields, "MoTaLoi": "Thanh cong", "UrlThanhToan": page},
                    national.INIT_ANSWER_FIELDS,
                    STUB_KEY,
                )
            elif body["LoaiBanTin"] == "QUERY" and national.verify(body, national.QUERY_FIELDS, STUB_KEY):
                fields.update({"SoTien": "1385000", "TrangThaiGD": "1", "MaGiaoDich": "DVC0000012345"})
                answer = national.query_answer(fields, config)
            elif body["LoaiBanTin"] == "GET_BILL" and national.verify(body, national.BILL_FIELDS, STUB_KEY):
                answer = national.bill_answer(
                    {**fields, "MaGiaoDich": body["MaGiaoDich"]}, b"%PDF-1.4 bill", config
                )
            else:
                answer = national.query_answer({**fields, "MaLoi": "99"}, config)
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def national_configured(settings, stub_platform):
    url, received = stub_platform
    received.clear()
    settings.MOTCUA_PAYMENT_GATEWAY = "national"
    settings.MOTCUA_NATIONAL_PAYMENT_URL = url
    settings.MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE = "UBND_TINH_X"
    settings.MOTCUA_NATIONAL_PAYMENT_SECRET = STUB_KEY
    settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT = "3711.0.1234567"
    return received


@pytest.mark.django_db
def test_init_is_posted_to_the_platform_whose_signed_answer_gives_the_payment_page(
    national_configured, awaiting_fees, applicant
):
    started = services.start_payment(awaiting_fees, applicant, ip_address="203.113.0.7")

    payment = started.payment
    assert started.redirect_url == f"https://thanhtoan.example.gov.vn/pay/{payment.txn_ref}"
    assert payment.gateway == "national"
    (init,) = national_configured
    assert national.verify(init, national.INIT_FIELDS, STUB_KEY)
    assert (init["MaDoiTac"], init["SoTien"], init["Ip"]) == ("UBND_TINH_X", 1250000, "203.113.0.7")
    assert init["ThongTinBienLai"]["TKThuHuong"] == "3711.0.1234567"
    assert init["ThongTinBienLai"]["MaHoSo"] == awaiting_fees.code


def test_the_status_query_reaches_the_platform_over_http_and_reads_its_signed_answer(national_configured):
    gateway = configured_gateway()
    assert isinstance(gateway, NationalGateway) and gateway.ready()
    created = datetime(2026, 3, 5, 2, 30, 15, tzinfo=UTC)
    stored = StoredPayment(reference=REFERENCE, amount=1385000, state="pending", created_at=created)

    reading = gateway.query(stored, now=datetime(2026, 3, 5, 2, 50, tzinfo=UTC))

    assert reading.status is QueryStatus.PAID and reading.facts.transaction_no == "DVC0000012345"
    (request,) = national_configured
    assert {key: request[key] for key in ("LoaiBanTin", "MaDoiTac", "MaThamChieu", "ThoiGianGD")} == {
        "LoaiBanTin": "QUERY",
        "MaDoiTac": "UBND_TINH_X",
        "MaThamChieu": REFERENCE,
        "ThoiGianGD": "20260305095000",
    }
    # A paid answer for another amount settles nothing.
    wrong = StoredPayment(reference=REFERENCE, amount=1, state="pending", created_at=created)
    assert gateway.query(wrong, now=created).status is QueryStatus.UNKNOWN

    assert gateway.fetch_bill(stored, "DVC0000012345") == b"%PDF-1.4 bill"


def test_with_another_key_the_platform_refuses_and_its_answer_settles_nothing(national_configured, settings):
    settings.MOTCUA_NATIONAL_PAYMENT_SECRET = "not the platform's key"
    stored = StoredPayment(reference=REFERENCE, amount=1385000, state="pending", created_at=timezone.now())
    reading = configured_gateway().query(stored, now=timezone.now())
    assert (reading.status, reading.detail) == (QueryStatus.UNKNOWN, "bad authentication code")
    assert len(national_configured) == 1


def test_an_unreachable_platform_is_reported_as_such(settings):
    settings.MOTCUA_NATIONAL_PAYMENT_URL = "http://127.0.0.1:9/api/"  # the discard port: nothing listens
    settings.MOTCUA_NATIONAL_PAYMENT_SECRET = STUB_KEY
    settings.MOTCUA_NATIONAL_PAYMENT_TIMEOUT_SECONDS = 2
    stored = StoredPayment(reference=REFERENCE, amount=1, state="pending", created_at=timezone.now())
    with pytest.raises(GatewayUnavailable):
        NationalGateway().query(stored, now=timezone.now())


def test_the_national_gateway_is_off_until_configured_and_start_up_says_what_is_missing(settings):
    from payments.checks import check_national_payment_settings

    settings.MOTCUA_PAYMENT_GATEWAY = "national"
    assert not configured_gateway().ready()
    assert check_national_payment_settings() == []  # nothing set: online payment is simply off
    settings.MOTCUA_NATIONAL_PAYMENT_URL = "https://thanhtoan.example.gov.vn/api/"
    settings.MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE = "UBND_TINH_X"
    settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT = "3711.0.1234567"
    problems = check_national_payment_settings()
    assert [problem.id for problem in problems] == ["payments.E002"]
    assert "MOTCUA_NATIONAL_PAYMENT_SECRET is not set" in problems[0].msg
    assert not configured_gateway().ready()
    settings.MOTCUA_NATIONAL_PAYMENT_SECRET = STUB_KEY
    assert check_national_payment_settings() == [] and configured_gateway().ready()
