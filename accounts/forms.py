import uuid

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from core.network import client_address

from . import throttle
from .backends import users_for_login
from .identity import InvalidIdentifier, normalize_phone, normalize_tax_code, parse_personal_id
from .models import User


def checked_phone(raw: str, accounts_with, taken_message) -> str:
    """A typed phone number as 10 digits ("" when left empty); refused when malformed, or when
    ``accounts_with(phone)`` finds an account that has it already."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    phone = normalize_phone(raw)
    if not phone:
        raise forms.ValidationError(_("Write the phone number with its 10 digits, for example 0912345678."))
    if accounts_with(phone).exists():
        raise forms.ValidationError(taken_message)
    return phone


class LoginForm(AuthenticationForm):
    """Sign in with e-mail, phone or username; refused for a while after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The login or the password is not right. Check both and try again."),
        "locked": _(
            "Too many failed attempts. For your safety, signing in is paused: try again after %(time)s."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail, phone number or username")
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254

    def _address(self):
        return client_address(self.request) if self.request else ""

    def clean(self):
        login = self.cleaned_data.get("username", "")
        attempt = None
        if login and self.cleaned_data.get("password"):
            # Counted (per account) before the password is checked; refused while locked.
            attempt = throttle.begin_attempt(login, self._address())
            if attempt.locked_until is not None:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"time": time_format(timezone.localtime(attempt.locked_until), "H:i")},
                )
        cleaned = super().clean()
        if attempt is not None:
            throttle.succeeded(attempt)
        return cleaned


class RegistrationForm(forms.Form):
    applicant_type = forms.TypedChoiceField(
        label=_("You register as"),
        coerce=int,
        choices=[(1, _("A citizen")), (2, _("An organization or business"))],
        initial=1,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150, help_text=_("As on your ID card."))
    organization_name = forms.CharField(label=_("Name of the organization"), max_length=255, required=False)
    personal_id = forms.CharField(label=_("Personal ID number (12 digits)"), max_length=20, required=False)
    tax_code = forms.CharField(label=_("Tax code"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput)

    def clean_personal_id(self):
        value = self.cleaned_data["personal_id"].strip()
        if not value:
            return ""
        try:
            return parse_personal_id(value).number
        except InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None

    def clean_tax_code(self):
        value = self.cleaned_data["tax_code"].strip()
        if not value:
            return ""
        try:
            return normalize_tax_code(value)
        except InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and users_for_login(email).exists():
            raise forms.ValidationError(
                _("An account already uses this e-mail. Sign in, or reset its password.")
            )
        return email

    def clean_phone(self):
        return checked_phone(
            self.cleaned_data["phone"],
            users_for_login,
            _("An account already uses this phone number. Sign in instead."),
        )

    def clean(self):
        data = super().clean()
        organization = data.get("applicant_type") == 2
        if organization:
            if not data.get("organization_name", "").strip():
                self.add_error("organization_name", _("Fill in the organization's name."))
            if not data.get("tax_code") and "tax_code" not in self.errors:
                self.add_error("tax_code", _("Fill in the tax code."))
        elif not data.get("personal_id") and "personal_id" not in self.errors:
            self.add_error("personal_id", _("Fill in your personal ID number (12 digits)."))
        personal_id = data.get("personal_id")
        if not organization and personal_id and User.objects.filter(personal_id=personal_id).exists():
            self.add_error("personal_id", _("An account already has this personal ID. Sign in instead."))
        if not data.get("email") and not data.get("phone") and not ({"email", "phone"} & set(self.errors)):
            self.add_error("phone", _("Give an e-mail address or a phone number: you sign in with it."))
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = User(email=data.get("email", ""), first_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self) -> User | None:
        """The new account, or None (with the error on the form) when another request took its
        personal ID in the meantime."""
        try:
            with transaction.atomic():
                return self._create()
        except IntegrityError:
            self.add_error("personal_id", _("An account already has this personal ID. Sign in instead."))
            return None

    def _create(self) -> User:
        data = self.cleaned_data
        organization = data["applicant_type"] == 2
        return User.objects.create_user(
            # Citizens never see the username: they sign in with their e-mail or phone.
            username=f"u-{uuid.uuid4().hex[:20]}",
            password=data["password1"],
            email=data["email"],
            phone=data["phone"],
            first_name=data["full_name"].strip(),
            applicant_type=data["applicant_type"],
            organization_name=data.get("organization_name", "").strip() if organization else "",
            personal_id="" if organization else data["personal_id"],
            tax_code=data["tax_code"] if organization else "",
            # Unconfirmed until the code sent to the phone or e-mail is typed (accounts.confirmation).
            contact_confirmed_at=None,
        )


class ContactCodeForm(forms.Form):
    """The one-time code sent to confirm the phone or e-mail."""

    code = forms.CharField(
        label=_("Confirmation code (6 digits)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("Type the 6 digits of the code, for example 123456."))
        return code


class ProfileForm(forms.Form):
    """A citizen's own contact details and postal address, prefilled into their online dossiers."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, user, *args, **kwargs):
        from core.address_fields import add_address_fields

        self.user = user
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.get_full_name(),
                "email": user.email,
                "phone": user.phone,
                "address_province": str(user.province_code or ""),
                "address_ward": str(user.ward_code or ""),
                "address_street": user.street,
            },
        )
        super().__init__(*args, **kwargs)
        add_address_fields(self, "address")

    @property
    def address(self):
        from core.address_fields import AddressGroup

        return AddressGroup(
            self,
            "address",
            _("Postal address"),
            required=False,
            help_text=_("Where results sent by post reach you; filled in for you in online dossiers."),
        )

    def _others(self):
        return User.objects.exclude(pk=self.user.pk).filter(is_active=True)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and self._others().filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account already uses this e-mail."))
        return email

    def clean_phone(self):
        return checked_phone(
            self.cleaned_data["phone"],
            lambda phone: self._others().filter(phone=phone),
            _("Another account already uses this phone number."),
        )

    def clean(self):
        from core.address_fields import address_value
        from core.addresses import address_error

        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Keep an e-mail or a phone number: you sign in and are told with it."))
        address = address_value(self.data, "address")
        error = address_error(address["province_code"], address["ward_code"])
        if error:
            self.add_error("address_ward", error)
        data["address"] = address
        return data

    def save(self) -> User:
        """Save the details; a changed phone or e-mail must be confirmed again (the account cannot
        submit until then), since the confirmed one may be the one gone."""
        data, user = self.cleaned_data, self.user
        user.first_name, user.last_name = data["full_name"].strip(), ""
        if (user.email, user.phone) != (data["email"], data["phone"]):
            user.contact_confirmed_at = None
        user.email, user.phone = data["email"], data["phone"]
        user.province_code = data["address"]["province_code"]
        user.ward_code = data["address"]["ward_code"]
        user.street = data["address"]["street"][:255]
        user.save(
            update_fields=[
                "first_name",
                "last_name",
                "email",
                "phone",
                "province_code",
                "ward_code",
                "street",
                "contact_confirmed_at",
            ]
        )
        return user


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the key is for"), max_length=100, help_text=_("For example: my accounting software.")
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("one year"))],
        initial=90,
    )
