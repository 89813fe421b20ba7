from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.network import client_address
from core.roles import Role

from . import confirmation, throttle
from .api_auth import issue_token
from .forms import ApiTokenForm, ContactCodeForm, LoginForm, ProfileForm, RegistrationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_default_redirect_url(self):
        """Without a ``next``: officers to their inbox, citizens to their dossiers."""
        user = self.request.user
        if user.handles_dossiers:
            return resolve_url("backoffice:inbox")
        if user.role == Role.CATALOG_OFFICER and user.is_staff:
            return resolve_url("admin:index")
        if user.role == Role.CITIZEN:
            return resolve_url("portal:my_dossiers")
        return super().get_default_redirect_url()


class PasswordResetView(auth_views.PasswordResetView):
    """Reset by e-mail; requests count against the same brute-force limits as sign-in."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        address = client_address(self.request)
        # Counted whether or not an account has this address, and never cleared: resets are rare.
        if throttle.begin_attempt(email, address).locked_until is not None:
            form.add_error("email", _("Too many requests. Try again in 15 minutes."))
            return self.form_invalid(form)
        return super().form_valid(form)


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return ""
    return next_url


def confirm_contact_url(next_url: str = "") -> str:
    """The confirmation page, then on to ``next_url``."""
    url = reverse("accounts:confirm_contact")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _sent_message(sent: confirmation.Sent) -> str:
    if sent.channel == confirmation.SMS:
        return _("We sent a 6-digit code by text message to %(destination)s.") % {"destination": sent.shown}
    return _("We sent a 6-digit code by e-mail to %(destination)s.") % {"destination": sent.shown}


@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    """A citizen or organization opens an account, is signed in, and confirms its phone or e-mail with
    the code sent to it before submitting online."""
    next_url = _safe_next(request)
    form = RegistrationForm(request.POST or None)
    user, status = None, 200
    if request.method == "POST" and form.is_valid():
        if throttle.begin_registration(client_address(request)) is None:
            user = form.save()
        else:
            form.add_error(None, _("Too many accounts were opened from your network. Try again in an hour."))
            status = 429
    if user is not None:
        login(request, user, backend="accounts.backends.LoginNameBackend")
        messages.success(request, _("Your account is created and you are signed in."))
        try:
            sent = confirmation.send_code(user)
        except confirmation.CodeNotSent as error:
            messages.error(request, error.message)
        else:
            messages.info(request, _sent_message(sent))
        return redirect(confirm_contact_url(next_url))
    return render(
        request,
        "accounts/register.html",
        {"form": form, "next": next_url},
        status=status if status != 200 else 400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_contact(request):
    """Type the code sent to the phone or e-mail; or ask for a new one (limited)."""
    user, next_url = request.user, _safe_next(request)
    if user.contact_confirmed:
        return redirect(next_url or "accounts:profile")
    here = confirm_contact_url(next_url)
    if request.method == "POST" and "resend" in request.POST:
        try:
            sent = confirmation.send_code(user, channel=request.POST.get("channel"))
        except (confirmation.ResendRefused, confirmation.CodeNotSent) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _sent_message(sent))
        return redirect(here)
    form = ContactCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmation.confirm(user, form.cleaned_data["code"])
        except confirmation.CodeRefused as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, _("Thank you: your account is confirmed. You can now submit online."))
            return redirect(next_url or "portal:my_dossiers")
    last = user.contact_codes.order_by("-created_at", "-pk").first()
    channel = last.channel if last else (confirmation.channels(user) or [None])[0]
    others = [c for c in confirmation.channels(user) if c != channel]
    return render(
        request,
        "accounts/confirm_contact.html",
        {
            "form": form,
            "next": next_url,
            "by_sms": channel == confirmation.SMS,
            "shown": confirmation.masked(channel, confirmation.destination(user, channel)) if channel else "",
            "other_channel": others[0] if others else None,
            "minutes": int(confirmation.VALID_FOR.total_seconds() // 60),
        },
        status=400 if form.errors else 200,
    )


#: A citizen keeps a handful of keys; more is a sign of keys being leaked and re-made.
MAX_API_TOKENS = 5


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """My account: contact details and address (prefilled into dossiers), and API keys."""
    form = ProfileForm(request.user, request.POST or None)
    if request.method == "POST" and "refresh" not in request.POST and form.is_valid():
        was_confirmed = request.user.contact_confirmed
        user = form.save()
        messages.success(request, _("Your details are saved."))
        if was_confirmed and not user.contact_confirmed:
            messages.info(
                request, _("Your phone number or e-mail changed: confirm it with the code we send.")
            )
            try:
                messages.info(request, _sent_message(confirmation.send_code(user)))
            except (confirmation.ResendRefused, confirmation.CodeNotSent) as error:
                messages.error(request, error.message)
            return redirect(confirm_contact_url(reverse("accounts:profile")))
        return redirect("accounts:profile")
    return _profile_page(request, form=form, status=400 if form.errors else 200)


def _profile_page(request, *, form=None, token_form=None, new_secret=None, status=200):
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form or ProfileForm(request.user),
            "token_form": token_form or ApiTokenForm(),
            "tokens": request.user.api_tokens.order_by("-created_at"),
            "new_secret": new_secret,
            "max_tokens": MAX_API_TOKENS,
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def api_token_create(request):
    """A personal API key; the secret is shown once, on the page that answers this request."""
    token_form = ApiTokenForm(request.POST)
    if token_form.is_valid() and request.user.api_tokens.count() >= MAX_API_TOKENS:
        token_form.add_error(
            None, _("You already have %(count)s keys: revoke one first.") % {"count": MAX_API_TOKENS}
        )
    if not token_form.is_valid():
        return _profile_page(request, token_form=token_form, status=400)
    expires_at = timezone.now() + timedelta(days=token_form.cleaned_data["valid_days"])
    _token, secret = issue_token(request.user, token_form.cleaned_data["name"], expires_at=expires_at)
    response = _profile_page(request, new_secret=secret)
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@login_required
@require_http_methods(["POST"])
def api_token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    token.delete()
    messages.success(request, _("The key “%(name)s” no longer works.") % {"name": token.name})
    return redirect("accounts:profile")
