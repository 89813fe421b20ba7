"""Sign-in with the national identity / single sign-on through OpenID Connect.

The provider (VNeID, the National Public Service Portal's SSO, or a province's own) is configured
entirely by environment variables (see ``motcua.settings.base``); with no client ID the feature is off
and its pages answer 404. mozilla-django-oidc runs the authorization code flow (state, nonce, PKCE) and
checks the ID token's signature; this module decides which account a person signs in to:

* the personal ID claim must be a valid 12-digit personal ID, or nobody is signed in;
* the citizen account with that personal ID is used; without one, a citizen account is created from
  the claims (name, and e-mail or phone when no other account has them already);
* an officer's account is never reached this way: officers sign in with their work account.

A refusal is kept on the request so the callback can tell the person why, in plain words.
"""

import logging
import uuid

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.roles import STAFF_ROLES, Role

from .identity import InvalidIdentifier, normalize_phone, parse_personal_id

logger = logging.getLogger(__name__)

_REQUIRED_SETTINGS = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


def is_enabled() -> bool:
    """Whether a provider is configured (a client ID and the endpoints the flow needs)."""
    return all(getattr(settings, name, "") for name in _REQUIRED_SETTINGS)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


class SignInRefused(SuspiciousOperation):
    """The provider vouched for a person this portal cannot sign in; the message says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def full_name_from_claims(claims: dict) -> str:
    """The person's full name, Vietnamese order (family name first) when only the parts are sent."""
    name = (claims.get("name") or "").strip()
    if name:
        return name
    parts = [claims.get("family_name"), claims.get("middle_name"), claims.get("given_name")]
    return " ".join(part.strip() for part in parts if part and part.strip())


class NationalIdentityBackend(OIDCAuthenticationBackend):
    """Links the provider's person to an account by the personal ID claim."""

    def __init__(self, *args, **kwargs):
        # Django instantiates every backend on each sign-in and session load: stay harmless when off.
        self.enabled = is_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not self.enabled or request is None or "code" not in request.GET:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SignInRefused as refusal:
            request.national_identity_refusal = refusal.message
        except SuspiciousOperation as error:  # a token that fails its checks
            logger.warning("national identity sign-in refused: %s", error)
        except requests.RequestException as error:
            logger.warning("national identity provider unreachable: %s", error)
            request.national_identity_refusal = _(
                "%(provider)s cannot be reached just now. Try again in a few minutes, or sign in with your "
                "password."
            ) % {"provider": provider_name()}
        return None

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; the audience must be this portal too."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        return payload

    def refuse(self, message):
        # Kept on the request too: the library turns the exception into a plain "no user".
        self.request.national_identity_refusal = message
        raise SignInRefused(message)

    def personal_id_from_claims(self, claims: dict) -> str:
        raw = str(claims.get(settings.OIDC_PERSONAL_ID_CLAIM) or "")
        if not raw:
            self.refuse(
                _("%(provider)s did not share your personal ID number, which the portal needs to know you.")
                % {"provider": provider_name()}
            )
        try:
            return parse_personal_id(raw).number
        except InvalidIdentifier as error:
            self.refuse(
                _("%(provider)s sent a personal ID number the portal cannot accept: %(reason)s")
                % {"provider": provider_name(), "reason": error.message}
            )

    def verify_claims(self, claims):
        self.personal_id_from_claims(claims)
        return True

    def filter_users_by_claims(self, claims):
        accounts = self.UserModel.objects.filter(
            personal_id=self.personal_id_from_claims(claims), is_active=True
        )
        if any(account.role in STAFF_ROLES for account in accounts):
            self.refuse(
                _(
                    "This personal ID belongs to an officer's account. "
                    "Officers sign in with their work account."
                )
            )
        return accounts

    def describe_user_by_claims(self, claims):
        return f"personal ID ending {self.personal_id_from_claims(claims)[-4:]}"

    def create_user(self, claims):
        user = self.UserModel(
            username=f"u-{uuid.uuid4().hex[:20]}",
            role=Role.CITIZEN,
            personal_id=self.personal_id_from_claims(claims),
            first_name=full_name_from_claims(claims)[:150],
            # The national identity has verified the person: no code to confirm.
            contact_confirmed_at=timezone.now(),
        )
        self._fill_contact_details(user, claims)
        user.set_unusable_password()  # a password can be set later with "forgot your password"
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same person's other sign-in, a moment earlier, created it
            return self.UserModel.objects.get(personal_id=user.personal_id)
        return user

    def update_user(self, user, claims):
        """Fill in what the account lacks; never overwrite what the citizen has set themselves."""
        changed = self._fill_contact_details(user, claims)
        if user.contact_confirmed_at is None:  # registered here, then verified by the national identity
            user.contact_confirmed_at = timezone.now()
            changed = True
        if not user.get_full_name() and full_name_from_claims(claims):
            user.first_name = full_name_from_claims(claims)[:150]
            changed = True
        if changed:
            user.save()
        return user

    def _fill_contact_details(self, user, claims) -> bool:
        """E-mail and phone from the claims, when verified and no other account uses them."""
        others = self.UserModel.objects.exclude(pk=user.pk) if user.pk else self.UserModel.objects.all()
        contacts = [
            ("email", (claims.get("email") or "").strip(), "email_verified", "email__iexact"),
            ("phone", normalize_phone(claims.get("phone_number") or ""), "phone_number_verified", "phone"),
        ]
        changed = False
        for field, value, verified, lookup in contacts:
            if (
                value
                and not getattr(user, field)
                and claims.get(verified, True) is not False
                and not others.filter(**{lookup: value}).exists()
            ):
                setattr(user, field, value)
                changed = True
        return changed


class NationalIdentitySignIn(OIDCAuthenticationRequestView):
    """Sends the person to the provider (with state, nonce and PKCE kept in the session)."""

    def __init__(self, *args, **kwargs):
        if is_enabled():
            super().__init__(*args, **kwargs)

    def get(self, request):
        if not is_enabled():
            raise Http404
        return super().get(request)


class NationalIdentityCallback(OIDCAuthenticationCallbackView):
    """The provider sends the person back here; a refusal is explained on the sign-in page."""

    def get(self, request):
        if not is_enabled():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # an unknown or replayed state
            logger.warning("national identity callback refused: %s", error)
            return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, "national_identity_refusal", None)
        if self.request.GET.get("error") == "access_denied":
            reason = _("Sign-in with %(provider)s was cancelled.") % {"provider": provider_name()}
        messages.error(
            self.request,
            reason
            or _("Sign-in with %(provider)s did not succeed. Try again, or sign in with your password.")
            % {"provider": provider_name()},
        )
        return redirect("accounts:login")
