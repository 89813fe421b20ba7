from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.api_auth import issue_token, user_for_token
from accounts.models import ApiToken
from dossiers.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def test_a_token_identifies_its_user_and_only_a_hash_is_stored():
    officer = OfficerFactory()
    token, secret = issue_token(officer, "Kết nối")
    assert user_for_token(secret) == officer
    assert secret not in token.key_hash and token.prefix == secret[:8]
    assert ApiToken.objects.get().last_used_at is not None


def test_unknown_expired_and_inactive_tokens_are_refused():
    officer = OfficerFactory()
    _token, secret = issue_token(officer, "old", expires_at=timezone.now() - timedelta(seconds=1))
    assert user_for_token(secret) is None
    assert user_for_token("not-a-token") is None
    _token, secret = issue_token(officer, "new")
    officer.is_active = False
    officer.save()
    assert user_for_token(secret) is None


def test_the_command_prints_a_working_secret(capsys):
    officer = OfficerFactory()
    call_command("create_api_token", officer.username, "--name", "CI")
    secret = capsys.readouterr().out.strip()
    assert user_for_token(secret) == officer
