"""Tests: the same as development but fast hashing, in-memory mail and an isolated media folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Overridable so that a worker subprocess in a test can be given a sender of the test's choosing.
MOTCUA_SMS_BACKEND = os.environ.get("MOTCUA_TEST_SMS_BACKEND", "memory")
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="motcua-test-media-"))
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The sandbox gateway, whatever the environment says: the payments' tests run against it.
MOTCUA_PAYMENT_GATEWAY = "sandbox"
# Real signatures over a development PKI made for this run: each agency a test makes is issued its
# certificate the first time it signs (the "dev" signer), and only this run's root is trusted.
MOTCUA_SIGNER = "dev"
MOTCUA_SIGNING_PKCS12_DIR = Path(tempfile.mkdtemp(prefix="motcua-test-pki-"))
MOTCUA_SIGNING_TRUST_ROOTS = [str(MOTCUA_SIGNING_PKCS12_DIR / "root.pem")]
MOTCUA_SIGNING_TSA_URL = ""
MOTCUA_SIGNING_EMBED_VALIDATION = False
