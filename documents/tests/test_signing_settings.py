"""Production refuses to sign with the development PKI's default password."""

from core.tests.test_settings import run_manage


def test_production_without_a_signing_password_is_a_clear_error():
    result = run_manage(
        "check", SECRET_KEY="x" * 64, ALLOWED_HOSTS="portal.example.gov.vn", MOTCUA_SIGNING_PKCS12_PASSWORD=""
    )
    assert result.returncode != 0
    assert "MOTCUA_SIGNING_PKCS12_PASSWORD must be set in production mode" in result.stderr
