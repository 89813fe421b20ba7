"""Production settings: a missing secret stops start-up clearly; `check --deploy` reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    # A deployment's own signing password (the development PKI's default is refused in production).
    environment["MOTCUA_SIGNING_PKCS12_PASSWORD"] = "a-deployment-password"
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "motcua.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_is_a_clear_error():
    result = run_manage("check", ALLOWED_HOSTS="portal.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production mode" in result.stderr


def test_production_without_allowed_hosts_is_a_clear_error():
    result = run_manage("check", SECRET_KEY="x" * 64)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_check_deploy_reports_nothing_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY="k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
        ALLOWED_HOSTS="portal.example.gov.vn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_national_identity_half_configured_is_a_clear_error():
    result = run_manage(
        "check",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="portal.example.gov.vn",
        OIDC_CLIENT_ID="motcua",
        OIDC_AUTHORIZATION_ENDPOINT="https://sso.example.gov.vn/authorize",
    )
    assert result.returncode != 0
    assert "also set OIDC_CLIENT_SECRET, OIDC_TOKEN_ENDPOINT, OIDC_USERINFO_ENDPOINT, OIDC_JWKS_ENDPOINT" in (
        result.stderr
    )
