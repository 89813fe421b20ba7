"""The gateways' registry and the payment settings: what start-up says about them."""

from django.core import checks

from core.tests.test_settings import run_manage
from payments.checks import check_vnpay_settings
from payments.gateways import configured_gateway, gateway_named, payment_gateways
from payments.gateways.sandbox import SandboxGateway
from payments.gateways.vnpay import VnpayGateway


def test_the_registry_holds_vnpay_the_national_platform_and_their_sandboxes_and_tests_use_the_sandbox():
    assert payment_gateways.ids() == ["national", "national-sandbox", "sandbox", "vnpay"]
    assert isinstance(configured_gateway(), SandboxGateway)
    assert SandboxGateway.fake and not VnpayGateway.fake


def test_vnpay_takes_payments_only_once_its_terminal_and_secret_are_set(settings):
    settings.MOTCUA_PAYMENT_GATEWAY = "vnpay"
    settings.MOTCUA_VNPAY_TMN_CODE = settings.MOTCUA_VNPAY_HASH_SECRET = ""
    assert not configured_gateway().ready()
    assert check_vnpay_settings() == []  # online payment is simply off
    assert gateway_named("sandbox") is None  # a fake's callbacks no longer count
    assert isinstance(gateway_named("vnpay"), VnpayGateway)

    settings.MOTCUA_VNPAY_TMN_CODE = "MOTCUA01"
    problems = check_vnpay_settings()
    assert [(p.id, p.level) for p in problems] == [("payments.E001", checks.ERROR)]
    assert "MOTCUA_VNPAY_HASH_SECRET" in problems[0].msg

    settings.MOTCUA_VNPAY_HASH_SECRET = "s3cr3t"
    assert check_vnpay_settings() == [] and configured_gateway().ready()


def test_production_refuses_the_sandbox():
    result = run_manage(
        "check", SECRET_KEY="x" * 64, ALLOWED_HOSTS="portal.example.gov.vn", MOTCUA_PAYMENT_GATEWAY="sandbox"
    )
    assert result.returncode != 0
    assert "MOTCUA_PAYMENT_GATEWAY=sandbox is a fake gateway" in result.stderr


def test_production_refuses_the_national_sandbox_and_the_national_platform_without_its_key():
    base = {"SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "portal.example.gov.vn"}
    fake = run_manage("check", **base, MOTCUA_PAYMENT_GATEWAY="national-sandbox")
    assert fake.returncode != 0
    assert "MOTCUA_PAYMENT_GATEWAY=national-sandbox is a fake gateway" in fake.stderr
    keyless = run_manage(
        "check",
        **base,
        MOTCUA_PAYMENT_GATEWAY="national",
        MOTCUA_NATIONAL_PAYMENT_PARTNER_CODE="UBND_TINH_X",
        MOTCUA_NATIONAL_PAYMENT_SECRET="",
    )
    assert keyless.returncode != 0
    assert "The environment variable MOTCUA_NATIONAL_PAYMENT_SECRET must be set" in keyless.stderr


class ProvinceGateway(SandboxGateway):
    """A province's own gateway, named by its dotted path (here: the sandbox's protocol)."""


def test_a_gateway_named_by_its_dotted_path_is_known_by_that_path(settings):
    settings.MOTCUA_PAYMENT_GATEWAY = "payments.tests.test_settings.ProvinceGateway"
    gateway = configured_gateway()
    assert isinstance(gateway, ProvinceGateway)
    assert gateway.id == "payments.tests.test_settings.ProvinceGateway"
    assert gateway_named(gateway.id).id == gateway.id
    assert gateway_named("sandbox") is None
