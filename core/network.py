"""The address a request really comes from, behind the province's reverse proxies."""

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address, for per-address limits.

    Behind MOTCUA_TRUSTED_PROXIES reverse proxies (each appending to X-Forwarded-For), the address the
    outermost trusted proxy saw; entries further left are whatever the client sent and are ignored.
    With no trusted proxy, the connecting address.
    """
    proxies = settings.MOTCUA_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return forwarded[0] if forwarded else remote
    return forwarded[-proxies]
