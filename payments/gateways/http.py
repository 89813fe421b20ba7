"""The gateways' one way out to the network: a JSON POST and a GET, with a timeout (tests replace these
two functions to route the calls to the portal's own views)."""

import json
import urllib.error
import urllib.request

from . import GatewayUnavailable


def _checked(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise GatewayUnavailable(f"not a web address: {url!r}")
    return url


def post_json(url: str, body: dict, *, timeout: float) -> dict:
    request = urllib.request.Request(  # noqa: S310 -- the address comes from the settings, checked above
        _checked(url),
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise GatewayUnavailable(f"{url}: {error}") from error


def get(url: str, *, timeout: float) -> str:
    try:
        with urllib.request.urlopen(_checked(url), timeout=timeout) as response:  # noqa: S310
            return response.read().decode("utf-8")
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise GatewayUnavailable(f"{url}: {error}") from error
