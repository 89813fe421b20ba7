"""The National Public Service Portal's payment platform as a payment gateway
(``payments.domain.national`` holds the protocol).

Configured from the environment (README, "Configuration"): MOTCUA_NATIONAL_PAYMENT_URL (the platform's
API: INIT, the status query, GET_BILL), MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE (MaDoiTac),
MOTCUA_NATIONAL_PAYMENT_SECRET (the key of MaXacThuc), MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_* (the
account fees are paid into). The callback address to register with the platform is
``<MOTCUA_PUBLIC_URL>/thanh-toan/national/callback/`` (``payments.views_national``), the return address
``<MOTCUA_PUBLIC_URL>/thanh-toan/national/ket-qua/``.

Unlike VNPay, the payment page's address is not computed here: INIT is posted to the platform, whose
answer gives it. So starting a payment needs the platform to answer; when it does not, nothing is
started and the citizen is told to try again (:class:`PlatformUnavailable`).
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from ..domain import national
from ..domain.gateway import StoredPayment
from . import GatewayUnavailable, PaymentGateway, payment_gateways
from . import http as transport


class PlatformUnavailable(DomainError):
    """The platform gave no payment page; nothing was started (the payment is rolled back)."""


@payment_gateways.register("national")
class NationalGateway(PaymentGateway):
    label = "Nền tảng thanh toán – Cổng Dịch vụ công quốc gia"

    def config(self) -> national.NationalConfig:
        return national.NationalConfig(
            partner_code=settings.MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE,
            secret=settings.MOTCUA_NATIONAL_PAYMENT_SECRET,
            beneficiary_account=settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT,
            beneficiary_bank=settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_BANK,
            beneficiary_name=settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_NAME,
            version=settings.MOTCUA_NATIONAL_PAYMENT_VERSION,
            channel_code=settings.MOTCUA_NATIONAL_PAYMENT_CHANNEL,
            device_code=settings.MOTCUA_NATIONAL_PAYMENT_DEVICE,
        )

    def api_url(self) -> str:
        return settings.MOTCUA_NATIONAL_PAYMENT_URL

    def timeout(self) -> float:
        return settings.MOTCUA_NATIONAL_PAYMENT_TIMEOUT_SECONDS

    def ready(self):
        config = self.config()
        return bool(config.partner_code and config.secret and config.beneficiary_account and self.api_url())

    def payment_url(self, order):
        config = self.config()
        message = national.init_message(order, config)
        try:
            return national.read_init_answer(self.send_init(message), order.reference, config)
        except (GatewayUnavailable, national.InitRefused) as error:
            raise PlatformUnavailable(
                _("The national payment platform did not answer. Please try again in a few minutes.")
            ) from error

    def send_init(self, message: dict) -> dict:
        """Post INIT to the platform; its answer. (Called inside the transaction creating the payment.)"""
        return transport.post_json(self.api_url(), message, timeout=self.timeout())

    def reference(self, params):
        return str(params.get("MaThamChieu", ""))

    def decide_callback(self, params, stored):
        return national.callback_decision(params, stored, self.config(), timezone.now())

    def error_answer(self, params) -> dict:
        """The answer to a callback that could not be handled at all."""
        return national.error_answer(params, self.config(), timezone.now())

    def loggable(self, params):
        return {key: str(value) for key, value in national.without_auth_code(params).items()}

    def read_return(self, params):
        return national.read_return(params, self.config())

    def query(self, stored, *, now):
        config = self.config()
        body = national.query_request(stored, config, now)
        answer = transport.post_json(self.api_url(), body, timeout=self.timeout())
        return national.read_query_answer(answer, stored, config)

    def fetch_bill(self, stored: StoredPayment, transaction_no: str, *, now: datetime | None = None) -> bytes:
        """The platform's e-receipt (GET_BILL) of a paid payment, a PDF. Raises GatewayUnavailable
        when the platform cannot be reached, national.BillUnavailable when it gives no receipt."""
        config = self.config()
        body = national.bill_request(stored.reference, transaction_no, config, now or timezone.now())
        answer = transport.post_json(self.api_url(), body, timeout=self.timeout())
        return national.read_bill_answer(answer, stored.reference, config)
