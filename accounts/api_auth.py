"""Authentication for the REST API: a bearer token (for programs) or the browser session (for pages).

Tokens are random secrets of which only a SHA-256 hash is stored; ``issue_token`` returns the secret
once. Use ``API_AUTH`` as a router's or operation's ``auth``.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from .models import ApiToken

# Writing last_used_at on every request would turn each read into a write; once a minute is enough.
_LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user, name: str, *, expires_at=None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with its secret, which is not stored anywhere."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:8], key_hash=_hash(secret), expires_at=expires_at
    )
    return token, secret


def user_for_token(secret: str):
    """The active user a valid, unexpired token belongs to, or None."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__agency")
        .filter(key_hash=_hash(secret), user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            # Handlers read request.user, whichever way the caller signed in.
            request.user = user
        return user


API_AUTH = [ApiTokenAuth(), django_auth]
