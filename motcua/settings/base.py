"""Settings shared by every environment. Everything deployment-specific comes from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_int, env_list, env_prefixed

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("MOTCUA_VAR_DIR", str(BASE_DIR / "var")))
# A fresh clone has no var/ yet: the SQLite file, media and development mail live there.
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "catalog",
    "portal",
    "backoffice",
    "documents",
    "dossiers",
    "notifications",
    "stats",
    "postal",
    "payments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, its usual header built once
    "core.middleware.PrivacyHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.MalformedRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Content Security Policy (django-csp): scripts and styles only from the portal's own static files (a
# <style> element only with the response's nonce), nothing framed, forms posted only to the portal.
# The logo may come from elsewhere (MOTCUA_LOGO_URL): its origin is added to img-src.
_LOGO_URL = env("MOTCUA_LOGO_URL", "")
_LOGO_ORIGIN = "/".join(_LOGO_URL.split("/")[:3]) if _LOGO_URL.startswith(("https://", "http://")) else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # blob: the preview of photographed pages shows the chosen photos (object URLs made by the
        # page's own script from the user's files; nothing is fetched from elsewhere).
        "img-src": [SELF, "data:", "blob:", *([_LOGO_ORIGIN] if _LOGO_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of the portal uses.
MOTCUA_PERMISSIONS_POLICY = env(
    "MOTCUA_PERMISSIONS_POLICY",
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()",
)
X_FRAME_OPTIONS = "DENY"

# Sessions end after this long without activity (core.middleware.IdleSessionMiddleware): officers
# (and every staff account) sooner than citizens. The cookie never outlives the longer of the two.
MOTCUA_OFFICER_IDLE_MINUTES = env_int("MOTCUA_OFFICER_IDLE_MINUTES", 30)
MOTCUA_CITIZEN_IDLE_MINUTES = env_int("MOTCUA_CITIZEN_IDLE_MINUTES", 120)
SESSION_COOKIE_AGE = 60 * max(MOTCUA_OFFICER_IDLE_MINUTES, MOTCUA_CITIZEN_IDLE_MINUTES)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.branding",
                "accounts.context_processors.national_identity_sign_in",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # A writer waits this long for another to finish instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"].setdefault("timeout", env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20))
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Background work (notifications, sync, deadlines): a durable queue in the database. Rows commit with
# the transaction that enqueues them; `manage.py worker` runs them, on as many machines as needed.
# Two queues: "default" for quick work (notifications), "documents" for PDF renderings, so that a
# message never waits behind a receipt; `manage.py worker --queue-name documents` serves one queue,
# `--queue-name '*'` (what `make run` starts) all. Quick work also has the higher priority.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "documents"],
    }
}
# A worker renews a lease on the task it runs; a task whose lease runs out (its worker was killed) is
# queued again, at most MOTCUA_TASK_MAX_RECLAIMS times (core.leases).
MOTCUA_TASK_LEASE_SECONDS = env_int("MOTCUA_TASK_LEASE_SECONDS", 30)
MOTCUA_TASK_MAX_RECLAIMS = env_int("MOTCUA_TASK_MAX_RECLAIMS", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Sign in with a username, an e-mail address or a phone number (accounts.backends).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginNameBackend",
    "accounts.national_identity.NationalIdentityBackend",
]

# Sign-in with the national identity / single sign-on (OpenID Connect, authorization code flow with
# PKCE). Off unless OIDC_CLIENT_ID is set; the endpoints come from the provider's documentation or its
# /.well-known/openid-configuration. The personal ID claim links the provider's person to an account.
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid profile email phone")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_PERSONAL_ID_CLAIM = env("OIDC_PERSONAL_ID_CLAIM", "personal_id")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "VNeID")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:national_identity_callback"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
# Signing out returns to the portal's home page (not the admin's "logged out" page).
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English on a switch.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["motcua.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Files go through Django's storage API: local disk by default, S3-compatible when MOTCUA_STORAGE=s3.
if env("MOTCUA_STORAGE", "local") == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME", required=True),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            # Signature V4 for the signed download URLs (MOTCUA_FILE_TRANSFER=s3): what AWS, MinIO and
            # Ceph all accept.
            "signature_version": "s3v4",
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# How an authorized download reaches the browser (core.downloads): "django" streams it; "nginx" hands
# it to nginx with X-Accel-Redirect to MOTCUA_FILE_TRANSFER_PREFIX (an `internal` location aliasing
# MEDIA_ROOT); "apache" with X-Sendfile; "s3" redirects to a signed URL valid MOTCUA_S3_URL_SECONDS.
MOTCUA_FILE_TRANSFER = env("MOTCUA_FILE_TRANSFER", "django")
MOTCUA_FILE_TRANSFER_PREFIX = env("MOTCUA_FILE_TRANSFER_PREFIX", "/protected-media/")
MOTCUA_S3_URL_SECONDS = env_int("MOTCUA_S3_URL_SECONDS", 60)
if MOTCUA_FILE_TRANSFER not in ("django", "nginx", "apache", "s3"):
    raise ImproperlyConfigured(
        f"MOTCUA_FILE_TRANSFER is {MOTCUA_FILE_TRANSFER!r}; choose django, nginx, apache or s3."
    )
if MOTCUA_FILE_TRANSFER == "s3" and env("MOTCUA_STORAGE", "local") != "s3":
    raise ImproperlyConfigured("MOTCUA_FILE_TRANSFER=s3 needs MOTCUA_STORAGE=s3.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded scans (PDF, JPEG, PNG, checked by content): the largest file accepted, in bytes.
MOTCUA_UPLOAD_MAX_BYTES = env_int("MOTCUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# All the scans of one dossier together (what an officer can still open and print).
MOTCUA_DOSSIER_MAX_BYTES = env_int("MOTCUA_DOSSIER_MAX_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Virus scan of every upload (documents.scanners): "none", or "clamd" (a ClamAV daemon over a unix
# socket when MOTCUA_CLAMD_SOCKET is set, otherwise TCP host and port). A configured scanner that
# cannot answer within the timeout refuses the upload ("try again later"): nothing is let in unscanned.
MOTCUA_VIRUS_SCANNER = env("MOTCUA_VIRUS_SCANNER", "none")
MOTCUA_CLAMD_HOST = env("MOTCUA_CLAMD_HOST", "127.0.0.1")
MOTCUA_CLAMD_PORT = env_int("MOTCUA_CLAMD_PORT", 3310)
MOTCUA_CLAMD_SOCKET = env("MOTCUA_CLAMD_SOCKET", "")
MOTCUA_CLAMD_TIMEOUT_SECONDS = env_int("MOTCUA_CLAMD_TIMEOUT_SECONDS", 30)

# E-mail: files under var/mail in development; SMTP when EMAIL_BACKEND says so.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Motcua <no-reply@motcua.local>")

# Notifications: the public address used in links sent to applicants, the SMS sender ("file" writes
# var/sms/*.txt, "console" prints; a dotted path names any class with the notifications.sms interface)
# and the retry policy of the background queue.
# Office hours of the province's agencies (Monday to Friday, and an optional Saturday counter);
# deadlines count only this time. Checked at start-up (dossiers.checks).
MOTCUA_OFFICE_HOURS = env("MOTCUA_OFFICE_HOURS", "07:30-11:30,13:00-17:00")
MOTCUA_SATURDAY_HOURS = env("MOTCUA_SATURDAY_HOURS", "")
# The cache holds per-address limits (public look-up): shared between web servers it must be the
# database ("db", after `manage.py createcachetable`) or Redis ("redis://host:6379/0", install .[redis]).
_CACHE_URL = env("CACHE_URL", "")
if _CACHE_URL == "db":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "motcua_cache"}
    }
elif _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How many reverse proxies in front of the portal append to X-Forwarded-For (0: none). Per-address
# limits (sign-in, public look-up) use the address the outermost of them saw.
MOTCUA_TRUSTED_PROXIES = env_int("MOTCUA_TRUSTED_PROXIES", 0)
MOTCUA_PUBLIC_URL = env("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
MOTCUA_SMS_BACKEND = env("MOTCUA_SMS_BACKEND", "file")
MOTCUA_SMS_FILE_PATH = Path(env("MOTCUA_SMS_FILE_PATH", str(VAR_DIR / "sms")))
# Delivery attempts of an outbox message (a notification, …) before it is marked failed.
MOTCUA_OUTBOX_MAX_ATTEMPTS = env_int("MOTCUA_OUTBOX_MAX_ATTEMPTS", 8)
# `manage.py outbox_health` fails when a message has waited longer than this past its planned attempt.
MOTCUA_OUTBOX_MAX_AGE_MINUTES = env_int("MOTCUA_OUTBOX_MAX_AGE_MINUTES", 15)

# Postal delivery of results (postal): the carrier plugin ("file" writes the orders as JSON in the media
# storage; "vnpost" calls the national post's order API), that API's address, customer code and token,
# and the secret the carrier signs its tracking webhook with (no secret: every report is refused).
MOTCUA_POSTAL_CARRIER = env("MOTCUA_POSTAL_CARRIER", "file")
MOTCUA_VNPOST_ORDER_URL = env("MOTCUA_VNPOST_ORDER_URL", "")
MOTCUA_VNPOST_CUSTOMER_CODE = env("MOTCUA_VNPOST_CUSTOMER_CODE", "")
MOTCUA_VNPOST_TOKEN = env("MOTCUA_VNPOST_TOKEN", "")
MOTCUA_POSTAL_WEBHOOK_SECRET = env("MOTCUA_POSTAL_WEBHOOK_SECRET", "")
# The postal fee of a result (postal.tariff), in đồng, paid to the post on delivery: to an address in the
# agency's province, and anywhere else. The defaults are the demo's; set the province's contract prices.
MOTCUA_POSTAL_FEE_WITHIN_PROVINCE = env_int("MOTCUA_POSTAL_FEE_WITHIN_PROVINCE", 25_000)
MOTCUA_POSTAL_FEE_OTHER_PROVINCE = env_int("MOTCUA_POSTAL_FEE_OTHER_PROVINCE", 35_000)
# Online payment of fees (payments): the gateway of new payments, a provider of the gateways' registry
# (core.plugins): "sandbox" (a fake VNPay served by the portal itself, the default outside production),
# "vnpay", or a dotted path. VNPay's terminal code and secret come from the province's merchant account;
# the URLs default to VNPay's test environment. Payments expire after MOTCUA_PAYMENT_EXPIRE_MINUTES;
# those still pending after MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES are asked about (querydr) every
# MOTCUA_PAYMENT_RECONCILE_EVERY_MINUTES.
MOTCUA_PAYMENT_GATEWAY = env("MOTCUA_PAYMENT_GATEWAY", "sandbox")
MOTCUA_PAYMENT_EXPIRE_MINUTES = env_int("MOTCUA_PAYMENT_EXPIRE_MINUTES", 15)
MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES = env_int("MOTCUA_PAYMENT_RECONCILE_AFTER_MINUTES", 15)
MOTCUA_PAYMENT_RECONCILE_EVERY_MINUTES = env_int("MOTCUA_PAYMENT_RECONCILE_EVERY_MINUTES", 5)
MOTCUA_VNPAY_TMN_CODE = env("MOTCUA_VNPAY_TMN_CODE", "")
MOTCUA_VNPAY_HASH_SECRET = env("MOTCUA_VNPAY_HASH_SECRET", "")
MOTCUA_VNPAY_PAYMENT_URL = env(
    "MOTCUA_VNPAY_PAYMENT_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
)
MOTCUA_VNPAY_API_URL = env(
    "MOTCUA_VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)
MOTCUA_VNPAY_ORDER_TYPE = env("MOTCUA_VNPAY_ORDER_TYPE", "other")
# The portal's own address, sent in querydr and refund requests (vnp_IpAddr).
MOTCUA_VNPAY_SERVER_IP = env("MOTCUA_VNPAY_SERVER_IP", "127.0.0.1")
MOTCUA_VNPAY_TIMEOUT_SECONDS = env_int("MOTCUA_VNPAY_TIMEOUT_SECONDS", 10)
# The sandbox's own secret (it is a fake: nothing it signs moves money) and the delay of a delayed IPN.
MOTCUA_SANDBOX_SECRET = env("MOTCUA_SANDBOX_SECRET", "sandbox-secret-not-a-merchant-secret")
MOTCUA_SANDBOX_IPN_DELAY_SECONDS = env_int("MOTCUA_SANDBOX_IPN_DELAY_SECONDS", 30)
# The National Public Service Portal's payment platform (MOTCUA_PAYMENT_GATEWAY=national;
# payments.domain.national): its API address (INIT, the status query and GET_BILL are JSON POSTs to it),
# the partner code and secret key the platform gave the province (MaDoiTac; the key of MaXacThuc), the
# account the fees are paid into (printed on the platform's e-receipt), the protocol version and the
# channel and device codes of a web payment. The callback address to register with the platform is
# <MOTCUA_PUBLIC_URL>/thanh-toan/national/callback/, the return address
# <MOTCUA_PUBLIC_URL>/thanh-toan/national/ket-qua/. Production refuses an empty partner code or secret.
MOTCUA_NATIONAL_PAYMENT_URL = env("MOTCUA_NATIONAL_PAYMENT_URL", "")
MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE = env("MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE", "")
MOTCUA_NATIONAL_PAYMENT_SECRET = env("MOTCUA_NATIONAL_PAYMENT_SECRET", "")
MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT = env("MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_ACCOUNT", "")
MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_BANK = env("MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_BANK", "")
MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_NAME = env("MOTCUA_NATIONAL_PAYMENT_BENEFICIARY_NAME", "")
MOTCUA_NATIONAL_PAYMENT_VERSION = env("MOTCUA_NATIONAL_PAYMENT_VERSION", "1.0.6")
MOTCUA_NATIONAL_PAYMENT_CHANNEL = env("MOTCUA_NATIONAL_PAYMENT_CHANNEL", "1")
MOTCUA_NATIONAL_PAYMENT_DEVICE = env("MOTCUA_NATIONAL_PAYMENT_DEVICE", "1")
MOTCUA_NATIONAL_PAYMENT_TIMEOUT_SECONDS = env_int("MOTCUA_NATIONAL_PAYMENT_TIMEOUT_SECONDS", 10)
# The origin of the platform's payment page (the INIT answer's UrlThanhToan), which the "pay" button's
# form is redirected to: form-action must allow it. By default the API's own origin.
MOTCUA_NATIONAL_PAYMENT_PAGE_ORIGIN = env(
    "MOTCUA_NATIONAL_PAYMENT_PAGE_ORIGIN", "/".join(MOTCUA_NATIONAL_PAYMENT_URL.split("/")[:3])
)
# The fake national platform served by the portal itself (MOTCUA_PAYMENT_GATEWAY=national-sandbox, for
# development and tests; refused in production): its own secret key (nothing it signs moves money).
MOTCUA_NATIONAL_SANDBOX_SECRET = env(
    "MOTCUA_NATIONAL_SANDBOX_SECRET", "national-sandbox-key-not-a-partner-key"
)
if MOTCUA_NATIONAL_PAYMENT_PAGE_ORIGIN.startswith("https://"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(MOTCUA_NATIONAL_PAYMENT_PAGE_ORIGIN)
if MOTCUA_VNPAY_PAYMENT_URL.startswith("https://"):
    # The "pay" button's form is answered by a redirect to VNPay: form-action must allow its origin.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        "/".join(MOTCUA_VNPAY_PAYMENT_URL.split("/")[:3])
    )

# Digital signatures of results, receipts and notices (documents.signing), PAdES.
# The signer, a provider of the signers' registry (core.plugins): "pkcs12" (a key file per agency) or
# "remote" (an HTTP signing service: USB token, HSM, a CA's remote signing), or a dotted path.
MOTCUA_SIGNER = env("MOTCUA_SIGNER", "pkcs12")
# The agencies' PKCS#12 files, <dir>/<agency code>.p12 (`manage.py create_dev_pki` makes them in
# development, with the dev root's root.pem and root.crl beside them).
MOTCUA_SIGNING_PKCS12_DIR = Path(env("MOTCUA_SIGNING_PKCS12_DIR", str(VAR_DIR / "pki")))
# Their password; one agency's own, if it has one, in MOTCUA_SIGNING_PKCS12_PASSWORD_<CODE> (the code in
# capitals, every other character "_": 000.00.04.G18 gives ..._PASSWORD_000_00_04_G18). The default is
# the development PKI's, refused in production.
MOTCUA_SIGNING_PKCS12_PASSWORD = env("MOTCUA_SIGNING_PKCS12_PASSWORD", "motcua-dev")
MOTCUA_SIGNING_PKCS12_AGENCY_PASSWORDS = env_prefixed("MOTCUA_SIGNING_PKCS12_PASSWORD_")
# The roots a signature must chain to be "trusted" (comma-separated PEM files, several certificates each
# allowed): by default the development root.
MOTCUA_SIGNING_TRUST_ROOTS = env_list(
    "MOTCUA_SIGNING_TRUST_ROOTS", [str(MOTCUA_SIGNING_PKCS12_DIR / "root.pem")]
)
# An RFC 3161 timestamp authority: with it signatures are PAdES B-T (empty: B-B).
MOTCUA_SIGNING_TSA_URL = env("MOTCUA_SIGNING_TSA_URL", "")
# Embed the validation data (certificates, revocation lists: PAdES B-LT with a timestamp) when the
# certificate's revocation information can be fetched at signing time.
MOTCUA_SIGNING_EMBED_VALIDATION = env_bool("MOTCUA_SIGNING_EMBED_VALIDATION", False)
# The remote signer's service and its bearer token (protocol: documents/signing/providers.py).
MOTCUA_REMOTE_SIGNER_URL = env("MOTCUA_REMOTE_SIGNER_URL", "")
MOTCUA_REMOTE_SIGNER_TOKEN = env("MOTCUA_REMOTE_SIGNER_TOKEN", "")
# How long a call to the signing service or the timestamp authority may take.
MOTCUA_SIGNING_TIMEOUT_SECONDS = env_int("MOTCUA_SIGNING_TIMEOUT_SECONDS", 10)

# Branding by configuration: the province that runs this portal.
MOTCUA_BRANDING = {
    "portal_name": env("MOTCUA_PORTAL_NAME", "Cổng Dịch vụ công"),
    "province_name": env("MOTCUA_PROVINCE_NAME", "Tỉnh Quảng Ninh (bản trình diễn)"),
    "hotline": env("MOTCUA_HOTLINE", "1900 0000"),
    "contact_email": env("MOTCUA_CONTACT_EMAIL", "motcua@quangninh.example"),
    "primary_colour": env("MOTCUA_PRIMARY_COLOUR", "#a4161a"),
    "logo_url": _LOGO_URL,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # fontTools reports every glyph subset of every PDF at INFO: noise, not news.
    "loggers": {"fontTools": {"level": "WARNING"}, "pikepdf": {"level": "WARNING"}},
}
