"""Payment gateways: a kind of outside party behind the plugin registry (``core.plugins``).

The provider for new payments is chosen by MOTCUA_PAYMENT_GATEWAY: ``vnpay`` (VNPay 2.1.0, the real
protocol) or ``sandbox`` (a fake served by the portal itself, speaking VNPay's protocol, for
development and tests; the default outside production), or the dotted path of a
:class:`PaymentGateway` subclass. A payment remembers its gateway, whose callbacks keep being accepted
after the setting changes (a fake's only while it is the configured one).

A gateway reads its protocol into the plain values of ``payments.domain.gateway``; the services
(``payments.services``) act on those alone.
"""

from collections.abc import Mapping
from datetime import datetime

from core.plugins import Plugin, Registry, UnknownProvider

from ..domain.gateway import (
    CallbackDecision,
    PaymentOrder,
    QueryReading,
    RefundReading,
    ReturnReading,
    StoredPayment,
)
from ..domain.vnpay import without_signature


class GatewayUnavailable(Exception):
    """The gateway could not be reached or answered something unreadable; try again later."""


class PaymentGateway(Plugin):
    """One payment gateway's protocol."""

    def ready(self) -> bool:
        """Whether the gateway is configured enough to take payments (otherwise none is offered)."""
        return True

    def payment_url(self, order: PaymentOrder) -> str:  # pragma: no cover - interface
        """The address the citizen's browser is sent to, to pay ``order``."""
        raise NotImplementedError

    def reference(self, params: Mapping[str, str]) -> str:  # pragma: no cover - interface
        """Our payment reference named by a callback's parameters ("" when none)."""
        raise NotImplementedError

    def decide_callback(
        self, params: Mapping[str, str], stored: StoredPayment | None
    ) -> CallbackDecision:  # pragma: no cover - interface
        """The answer to a server-to-server callback (IPN) about ``stored`` (None: no such payment)."""
        raise NotImplementedError

    def loggable(self, params: Mapping[str, str]) -> dict:
        """A callback's parameters as kept in the payment's log: without its signature."""
        return without_signature(params)

    def read_return(self, params: Mapping[str, str]) -> ReturnReading:  # pragma: no cover - interface
        raise NotImplementedError

    def query(self, stored: StoredPayment, *, now: datetime) -> QueryReading:  # pragma: no cover
        """Ask the gateway what became of ``stored``; raises GatewayUnavailable."""
        raise NotImplementedError

    #: Whether :meth:`refund` is offered (money goes back through the gateway's refund API).
    refunds = False

    def refund(
        self, stored: StoredPayment, *, transaction_no: str, amount: int, created_by: str, now: datetime
    ) -> RefundReading:  # pragma: no cover - interface
        """Ask the gateway to refund ``amount`` VND of the paid ``stored``; raises GatewayUnavailable."""
        raise NotImplementedError


payment_gateways: Registry[PaymentGateway] = Registry(
    "payment gateway",
    PaymentGateway,
    setting="MOTCUA_PAYMENT_GATEWAY",
    providers="payments.gateways.providers",
)


def _instance(cls: type[PaymentGateway], name: str) -> PaymentGateway:
    gateway = cls()
    if name not in payment_gateways.ids():
        # A class named by its dotted path is known by that path (its payments, its callbacks' URLs),
        # not by the id it may inherit from a registered provider.
        gateway.id = name
    return gateway


def configured_gateway() -> PaymentGateway:
    """The gateway new payments go through."""
    name = payment_gateways.configured_name()
    return _instance(payment_gateways.provider_class(name), name)


def gateway_named(name: str) -> PaymentGateway | None:
    """The gateway ``name`` whose callbacks are accepted now: any real one, a fake only while it is the
    configured one (a fake's callbacks must never count in production). None otherwise."""
    try:
        cls = payment_gateways.provider_class(name)
    except UnknownProvider:
        return None
    if cls.fake and name != payment_gateways.configured_name():
        return None
    return _instance(cls, name)
