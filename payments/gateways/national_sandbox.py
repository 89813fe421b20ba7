"""The national sandbox gateway: the national payment platform's protocol against the fake platform the
portal serves itself (``payments.national_sandbox``, pages under ``/thanh-toan/national-sandbox/``), so
that the whole flow runs on one machine. Never in production (the production settings refuse it)."""

import json

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

    def send_init(self, message):
        # Answered in this process, in the transaction creating the payment, not over HTTP: on SQLite
        # (`make run`) that transaction holds the database's write lock, so the fake's own view, on
        # another connection, could not record the transaction until it ends. The JSON round trip
        # keeps what crosses the wire what it would be. (A real platform is another server; the
        # status query and GET_BILL, made outside any transaction, go over HTTP to the fake.)
        return national_sandbox.answer_api(json.loads(json.dumps(message)))
