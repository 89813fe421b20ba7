"""Production: secrets must come from the environment, and `manage.py check --deploy` stays silent."""

from .base import *  # noqa: F403
from .env import env, env_bool, env_int, env_list

DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names in production mode.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Online payment through VNPay (off until its terminal code and secret are set); never the sandbox,
# whose pages let anyone "pay".
MOTCUA_PAYMENT_GATEWAY = env("MOTCUA_PAYMENT_GATEWAY", "vnpay")
if MOTCUA_PAYMENT_GATEWAY in ("sandbox", "national-sandbox"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"MOTCUA_PAYMENT_GATEWAY={MOTCUA_PAYMENT_GATEWAY} is a fake gateway for development: "
        "not in production."
    )
# The national payment platform authenticates every message with the partner's key: never empty.
if MOTCUA_PAYMENT_GATEWAY == "national":
    MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE = env("MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE", required=True)
    MOTCUA_NATIONAL_PAYMENT_SECRET = env("MOTCUA_NATIONAL_PAYMENT_SECRET", required=True)
    MOTCUA_NATIONAL_PAYMENT_URL = env("MOTCUA_NATIONAL_PAYMENT_URL", required=True)
    MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT = env(
        "MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT", required=True
    )
if MOTCUA_SIGNER == "dev":  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("MOTCUA_SIGNER=dev signs with a development PKI: not in production.")
# The agencies' signing certificates open with their own password, never the development PKI's default.
if MOTCUA_SIGNER == "pkcs12":  # noqa: F405
    MOTCUA_SIGNING_PKCS12_PASSWORD = env("MOTCUA_SIGNING_PKCS12_PASSWORD", required=True)
LOGGING["root"]["level"] = env("LOG_LEVEL", "WARNING")  # noqa: F405

if OIDC_RP_CLIENT_ID:  # noqa: F405
    _missing = [
        name
        for name, value in {
            "OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,  # noqa: F405
            "OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,  # noqa: F405
            "OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,  # noqa: F405
            "OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,  # noqa: F405
            "OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,  # noqa: F405
        }.items()
        if not value
    ]
    if _missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "OIDC_CLIENT_ID is set, so national-identity sign-in is on; also set " + ", ".join(_missing) + "."
        )
