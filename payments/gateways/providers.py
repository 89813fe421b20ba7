"""The payment gateways' providers, registered as this module is imported (``core.plugins``)."""

from . import sandbox, vnpay  # noqa: F401
