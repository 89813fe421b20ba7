from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import DOSSIER_ROLES, STAFF_ROLES, STATISTICS_ROLES, Role


class User(AbstractUser):
    """A person who signs in: a citizen, an organization's representative, or an officer."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    agency = models.ForeignKey(
        "catalog.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("The agency an officer works for; officers see only its dossiers."),
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    personal_id = models.CharField(_("personal ID number"), max_length=12, blank=True, db_index=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    # A citizen's or organization's details, prefilled into online dossiers. 1 citizen, 2 organization
    # (the values of dossiers.constants.ApplicantType).
    applicant_type = models.PositiveSmallIntegerField(
        _("applicant type"), choices=[(1, _("Citizen")), (2, _("Organization"))], default=1
    )
    organization_name = models.CharField(_("organization name"), max_length=255, blank=True)
    street = models.CharField(_("street address"), max_length=255, blank=True)
    province_code = models.PositiveIntegerField(_("province"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("commune or ward"), null=True, blank=True)
    # Empty until the person typed the one-time code sent to their phone or e-mail (accounts.confirmation).
    # Only self-registration leaves it empty: officers, accounts made by staff or by code, and those from
    # the national identity (already verified there) are confirmed when created.
    contact_confirmed_at = models.DateTimeField(
        _("phone or e-mail confirmed at"),
        null=True,
        blank=True,
        default=timezone.now,
        help_text=_("Empty while a self-registered account has not yet typed the code sent to it."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One person, one account: registration and national-identity sign-in rely on it.
            models.UniqueConstraint(
                fields=["personal_id"], condition=~models.Q(personal_id=""), name="user_personal_id_unique"
            )
        ]

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (``last_name``), then the given name."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    @property
    def contact_confirmed(self) -> bool:
        """Whether the phone or e-mail has been confirmed (or needed no confirmation)."""
        return self.contact_confirmed_at is not None

    @property
    def is_officer(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def handles_dossiers(self) -> bool:
        """An officer of an agency who works on its dossiers (not a catalog officer)."""
        return self.role in DOSSIER_ROLES and self.agency_id is not None

    @property
    def reads_statistics(self) -> bool:
        """A manager (their agency's statistics) or a province manager (every agency's)."""
        return self.role in STATISTICS_ROLES and self.agency_id is not None

    def __str__(self):
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored: the secret is shown once, when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class LoginAttempt(models.Model):
    """A failed sign-in (or password-reset request), kept for the brute-force limits of accounts.throttle.

    In the database rather than a per-process cache, so the limits hold across several web servers.
    """

    identifier = models.CharField(max_length=254)
    address = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["identifier", "at"], name="login_attempt_identifier"),
            models.Index(fields=["address", "at"], name="login_attempt_address"),
        ]

    def __str__(self):
        return f"{self.identifier} {self.address} {self.at:%d/%m/%Y %H:%M}"


class ContactCode(models.Model):
    """A one-time code sent to confirm an account's phone (by SMS) or e-mail. Only a keyed hash of the
    code is stored. The rows of the last hour are also the record the resend limits count."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="contact_codes")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    destination = models.CharField(max_length=254)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="contact_code_user_created")]

    def __str__(self):
        return f"{self.user_id} {self.channel} {self.created_at:%d/%m/%Y %H:%M}"
