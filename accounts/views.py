from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.network import client_address

from . import throttle
from .forms import LoginForm, RegistrationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


class PasswordResetView(auth_views.PasswordResetView):
    """Reset by e-mail; requests count against the same brute-force limits as sign-in."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        address = client_address(self.request)
        if throttle.locked_until(email, address) is not None:
            form.add_error("email", _("Too many requests. Try again in 15 minutes."))
            return self.form_invalid(form)
        throttle.record_failure(email, address)  # counted whether or not the address is known
        return super().form_valid(form)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    """A citizen or organization opens an account, then is signed in and sent on."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.LoginNameBackend")
        messages.success(request, _("Your account is ready. You are signed in."))
        return redirect(next_url or "portal:home")
    return render(
        request,
        "accounts/register.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )
