"""The national sandbox gateway: the national payment platform's protocol against the fake platform the
portal serves itself (``payments.national_sandbox``, pages under ``/thanh-toan/national-sandbox/``), so
that the whole flow runs on one machine. Never in production (the production settings refuse it)."""

from .. import national_sandbox
from . import payment_gateways
from .national import NationalGateway


@payment_gateways.register(national_sandbox.GATEWAY_ID)
class NationalSandboxGateway(NationalGateway):
    label = "Sandbox (national payment platform's protocol, development and tests)"
    fake = True

    def config(self):
        return national_sandbox.config()

    def api_url(self):
        return national_sandbox.api_url()

    def timeout(self):
        return 5
