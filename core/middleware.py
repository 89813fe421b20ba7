import time

from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig
from django.core.signals import setting_changed
from django.http import Http404, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


class VietnameseFirstMiddleware:
    """Pages open in Vietnamese unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a government portal opens in
    Vietnamese for everyone and offers English on a switch (the language cookie), so the header is
    ignored for pages. API clients have no switch: for them Accept-Language still chooses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class MalformedRequestMiddleware:
    """A request body Django cannot read gets a clear 400 (413 when too large), never a 500; a NUL
    character in the address is answered as :func:`_without_nul` says.

    Django parses a form body lazily, on the first read of ``request.POST`` (the CSRF check's, usually),
    and raises ``MultiPartParserError`` for a multipart body without a valid boundary, or
    ``RequestDataTooBig`` past ``DATA_UPLOAD_MAX_MEMORY_SIZE``. This parses it up front, so that the
    refusal has the one documented shape: ``{"message", "errors"}`` for the API, a page for people.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def _refusal(self, request):
        content_type = request.META.get("CONTENT_TYPE", "")
        try:
            if request.method == "POST" and content_type.startswith(("multipart/", "application/x-www")):
                request.POST  # noqa: B018 -- parse now, where a failure can be answered properly
            elif request.method in ("POST", "PUT", "PATCH", "DELETE"):
                request.body  # noqa: B018 -- read now: enforces DATA_UPLOAD_MAX_MEMORY_SIZE
        except RequestDataTooBig:
            return refuse(
                request,
                413,
                _("The request is too large: a body may be at most %(size)s.")
                % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
            )
        except (MultiPartParserError, UnicodeDecodeError, ValueError):
            return refuse(
                request, 400, _("The request's body could not be read: send it again from the form.")
            )
        return _without_nul(request)


def _without_nul(request):
    """NUL characters in the address, which no database stores (PostgreSQL refuses them outright) and
    no person types: in the path, a 404 (no such page or dossier); in the API's query parameters, the
    422 of any invalid parameter, naming them; in a page's query, dropped (the page shows what the
    rest of the query finds). Form and JSON bodies are checked field by field (core.validation)."""
    if "\x00" in request.path_info:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"message": str(_("Not found.")), "errors": []}, status=404)
        raise Http404
    bad = [key for key, values in request.GET.lists() if "\x00" in key or any("\x00" in v for v in values)]
    if not bad:
        return None
    if request.path_info.startswith("/api/"):
        message = _("Remove the NUL characters (\\0): they cannot be stored.")
        fields = [key.replace("\x00", "") for key in bad]
        return JsonResponse(
            {
                "message": _("Invalid parameters: %(fields)s") % {"fields": ", ".join(fields)},
                "errors": [{"field": field, "message": str(message)} for field in fields],
            },
            status=422,
        )
    cleaned = request.GET.copy()
    for key in bad:
        values = [value.replace("\x00", "") for value in cleaned.pop(key)]
        cleaned.setlist(key.replace("\x00", ""), values)
    request.GET = cleaned
    return None


def refuse(request, status: int, message) -> HttpResponse:
    """The documented refusal: JSON ``{"message", "errors": []}`` under /api/, a short page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": str(message), "errors": []}, status=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


#: Views that show personal data to people who are not signed in (the status look-up).
PERSONAL_ANONYMOUS_VIEWS = frozenset({"portal:lookup", "api-v1:public_lookup"})


class PrivacyHeadersMiddleware:
    """Headers every response carries:

    * ``Cache-Control: private, no-store`` on whatever a signed-in person (or API client) is shown, and
      on the public look-up, unless the view set its own: personal data must stay in no cache, shared
      or local (a counter's shared computer);
    * ``Permissions-Policy``: no camera, microphone, location, payment or sensor API for any page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.MOTCUA_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if "Cache-Control" not in response.headers and self._personal(request):
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response

    @staticmethod
    def _personal(request) -> bool:
        user = getattr(request, "user", None)
        # Without a session cookie nobody is signed in by the session: the lazy user would only load
        # an empty session to say so (an API token's user replaced it and is checked here).
        no_session = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if isinstance(user, SimpleLazyObject) and no_session:
            user = None
        if user is not None and user.is_authenticated:
            return True
        match = getattr(request, "resolver_match", None)
        return match is not None and match.view_name in PERSONAL_ANONYMOUS_VIEWS


#: How often an active session's expiry is pushed back (a session write): at most once a minute.
SESSION_REFRESH_SECONDS = 60


class IdleSessionMiddleware:
    """Sessions end after a time without activity: officers' after ``MOTCUA_OFFICER_IDLE_MINUTES``
    (30 by default), citizens' after ``MOTCUA_CITIZEN_IDLE_MINUTES`` (120).

    Each request of a signed-in person moves the session's expiry (in the session store and the
    cookie) to that much after now, at most once a minute; a session found idle for longer is ended
    here too, whatever the store kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and request.user.is_authenticated:
            self._expire_or_refresh(request)
        return self.get_response(request)

    @staticmethod
    def idle_seconds(user) -> int:
        officer = user.is_officer or user.is_staff or user.is_superuser
        minutes = settings.MOTCUA_OFFICER_IDLE_MINUTES if officer else settings.MOTCUA_CITIZEN_IDLE_MINUTES
        return int(minutes * 60)

    def _expire_or_refresh(self, request):
        seen = request.session.get("_motcua_seen")
        now = time.time()
        if seen is not None and now - seen > self.idle_seconds(request.user):
            logout(request)
        elif seen is None or now - seen >= SESSION_REFRESH_SECONDS:
            self._refresh(request, request.user)

    @classmethod
    def _refresh(cls, request, user):
        request.session["_motcua_seen"] = time.time()
        request.session.set_expiry(cls.idle_seconds(user))


def start_idle_clock(sender, request, user, **kwargs):
    """On sign-in (``user_logged_in``): the session's idle time starts now, by the person's kind."""
    if request is not None and hasattr(request, "session"):
        IdleSessionMiddleware._refresh(request, user)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy of a response that used no nonce built once.

    django-csp builds the header from the settings for every response (copies, sorts and joins every
    directive): on a short API answer that cost as much as the rest of the middleware. A response that
    needs nothing of its own (no nonce was used, no ``@csp_update``/``@csp_replace`` on the view, no
    report-only policy) gets the same header every time; anything else goes through django-csp as is.
    """

    _policy: str | None = None

    def process_response(self, request, response):
        simple = (
            getattr(request, "_csp_nonce", None) is None
            and not settings.DEBUG
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            and not any(
                getattr(response, attribute, None) is not None
                for kind in ("config", "update", "replace", "exempt")
                for attribute in (f"_csp_{kind}", f"_csp_{kind}_ro")
            )
        )
        if not simple:
            return super().process_response(request, response)
        policy = ContentSecurityPolicyMiddleware._policy
        if policy is None:
            policy = ContentSecurityPolicyMiddleware._policy = build_policy()
        if policy and CSP_HEADER not in response:
            response[CSP_HEADER] = policy
        # As django-csp does: a nonce asked for after the header was written is an error, not a silent
        # policy without it.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _forget_policy(setting, **kwargs):
    if setting in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY", "DEBUG"):
        ContentSecurityPolicyMiddleware._policy = None


setting_changed.connect(_forget_policy)
