"""Sign in with a username, an e-mail address or a phone number, and a password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .identity import normalize_phone


def users_for_login(login: str):
    """The active accounts ``login`` may name: by username, e-mail (any case) or phone (any format)."""
    User = get_user_model()
    login = (login or "").strip()
    if not login:
        return User.objects.none()
    if "@" in login:
        return User.objects.filter(email__iexact=login, is_active=True)
    phone = normalize_phone(login)
    if phone:
        return User.objects.filter(phone=phone, is_active=True)
    return User.objects.filter(username=login, is_active=True)


def login_candidates(login: str) -> list:
    """At most two active accounts ``login`` names, as sign-in resolves it (one: that account)."""
    candidates = list(users_for_login(login)[:2])
    if not candidates and (login or "").strip():  # a username that looks like a phone number or has "@"
        candidates = list(get_user_model().objects.filter(username=login.strip(), is_active=True)[:2])
    return candidates


class LoginNameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        candidates = login_candidates(username)
        if len(candidates) != 1:
            # Unknown, or ambiguous (two accounts with one e-mail or phone): run the hasher anyway so
            # that the answer takes as long as for a real account.
            get_user_model()().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
