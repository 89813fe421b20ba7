"""The payment gateways' providers, registered as this module is imported (``core.plugins``)."""

from . import national, national_sandbox, sandbox, vnpay  # noqa: F401
