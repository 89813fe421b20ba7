"""The sandbox gateway: VNPay's protocol against the fake gateway the portal serves itself
(``payments.sandbox``, pages under ``/thanh-toan/sandbox/``), so that the whole flow runs on one
machine. Never in production (the production settings refuse it)."""

from django.conf import settings
from django.urls import reverse

from .. import sandbox
from . import payment_gateways
from .vnpay import VnpayConfig, VnpayGateway


@payment_gateways.register("sandbox")
class SandboxGateway(VnpayGateway):
    label = "Sandbox (VNPay protocol, development and tests)"
    fake = True

    def config(self) -> VnpayConfig:
        public = settings.MOTCUA_PUBLIC_URL
        return VnpayConfig(
            tmn_code=sandbox.TMN_CODE,
            secret=sandbox.secret(),
            payment_url=public + reverse("payments:sandbox_pay"),
            api_url=public + reverse("payments:sandbox_api"),
            timeout=5,
        )
