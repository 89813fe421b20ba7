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
