"""Start-up checks of the payment settings (``manage.py check``)."""

from django.conf import settings
from django.core import checks


@checks.register()
def check_vnpay_settings(app_configs=None, **kwargs):
    """VNPay needs both its terminal code and its secret: with neither, online payment is off (a
    province without a merchant account yet); with one alone, something was forgotten."""
    if settings.MOTCUA_PAYMENT_GATEWAY != "vnpay":
        return []
    given = {
        "MOTCUA_VNPAY_TMN_CODE": settings.MOTCUA_VNPAY_TMN_CODE,
        "MOTCUA_VNPAY_HASH_SECRET": settings.MOTCUA_VNPAY_HASH_SECRET,
        "MOTCUA_VNPAY_PAYMENT_URL": settings.MOTCUA_VNPAY_PAYMENT_URL,
        "MOTCUA_VNPAY_API_URL": settings.MOTCUA_VNPAY_API_URL,
    }
    if not (given["MOTCUA_VNPAY_TMN_CODE"] or given["MOTCUA_VNPAY_HASH_SECRET"]):
        return []
    missing = [name for name, value in given.items() if not value]
    if not missing:
        return []
    return [
        checks.Error(
            "VNPay is half configured: " + ", ".join(missing) + " is not set.",
            hint="Set them from the merchant account VNPay gave the province (README, Configuration).",
            id="payments.E001",
        )
    ]


@checks.register()
def check_national_payment_settings(app_configs=None, **kwargs):
    """The national payment platform needs its address, partner code, key and beneficiary account: with
    none, online payment is off; with some alone, something was forgotten."""
    if settings.MOTCUA_PAYMENT_GATEWAY != "national":
        return []
    given = {
        "MOTCUA_NATIONAL_PAYMENT_URL": settings.MOTCUA_NATIONAL_PAYMENT_URL,
        "MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE": settings.MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE,
        "MOTCUA_NATIONAL_PAYMENT_SECRET": settings.MOTCUA_NATIONAL_PAYMENT_SECRET,
        "MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT": settings.MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT,
    }
    missing = [name for name, value in given.items() if not value]
    if not missing or len(missing) == len(given):
        return []
    return [
        checks.Error(
            "The national payment platform is half configured: " + ", ".join(missing) + " is not set.",
            hint="Set them from the partner account the platform gave the province (README, Configuration).",
            id="payments.E002",
        )
    ]
