"""VNPay 2.1.0 as a payment gateway (``payments.domain.vnpay`` holds the protocol).

Configured from the environment (README, "Configuration"): MOTCUA_VNPAY_TMN_CODE (the merchant's
terminal code), MOTCUA_VNPAY_HASH_SECRET, MOTCUA_VNPAY_PAYMENT_URL (``…/paymentv2/vpcpay.html``),
MOTCUA_VNPAY_API_URL (``…/merchant_webapi/api/transaction``, querydr and refund). The IPN address to
register with VNPay is ``<MOTCUA_PUBLIC_URL>/thanh-toan/vnpay/ipn/``.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings

from ..domain import vnpay
from . import PaymentGateway, payment_gateways
from . import http as transport


@dataclass(frozen=True)
class VnpayConfig:
    tmn_code: str
    secret: str
    payment_url: str
    api_url: str
    order_type: str = "other"
    server_ip: str = "127.0.0.1"
    timeout: float = 10


@payment_gateways.register("vnpay")
class VnpayGateway(PaymentGateway):
    label = "VNPay"

    def config(self) -> VnpayConfig:
        return VnpayConfig(
            tmn_code=settings.MOTCUA_VNPAY_TMN_CODE,
            secret=settings.MOTCUA_VNPAY_HASH_SECRET,
            payment_url=settings.MOTCUA_VNPAY_PAYMENT_URL,
            api_url=settings.MOTCUA_VNPAY_API_URL,
            order_type=settings.MOTCUA_VNPAY_ORDER_TYPE,
            server_ip=settings.MOTCUA_VNPAY_SERVER_IP,
            timeout=settings.MOTCUA_VNPAY_TIMEOUT_SECONDS,
        )

    def ready(self):
        config = self.config()
        return bool(config.tmn_code and config.secret and config.payment_url and config.api_url)

    def payment_url(self, order):
        config = self.config()
        return vnpay.payment_url(
            config.payment_url, order, config.tmn_code, config.secret, order_type=config.order_type
        )

    def reference(self, params):
        return str(params.get("vnp_TxnRef", ""))

    def decide_callback(self, params, stored):
        return vnpay.ipn_decision(params, stored, self.config().secret)

    def read_return(self, params):
        return vnpay.read_return(params, self.config().secret)

    def query(self, stored, *, now):
        config = self.config()
        body = vnpay.querydr_request(
            stored,
            tmn_code=config.tmn_code,
            secret=config.secret,
            request_id=secrets.token_hex(16),
            now=now,
            ip_address=config.server_ip,
        )
        answer = transport.post_json(config.api_url, body, timeout=config.timeout)
        return vnpay.read_query_answer(answer, stored, config.secret)

    refunds = True

    def refund(self, stored, *, transaction_no, amount, created_by, now):
        config = self.config()
        body = vnpay.refund_request(
            stored,
            tmn_code=config.tmn_code,
            secret=config.secret,
            request_id=secrets.token_hex(16),
            transaction_no=transaction_no,
            amount=amount,
            created_by=created_by,
            now=now,
            ip_address=config.server_ip,
        )
        answer = transport.post_json(config.api_url, body, timeout=config.timeout)
        return vnpay.read_refund_answer(answer, stored, amount, config.secret)
