"""Per-address limits see the real client behind the province's reverse proxies, and cannot be fooled."""

import pytest
from django.test import RequestFactory

from core.network import client_address


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    assert client_address(request(forwarded="1.2.3.4")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client forged the first entry
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "", "10.0.0.5"),
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_counts(settings, proxies, forwarded, expected):
    settings.MOTCUA_TRUSTED_PROXIES = proxies
    assert client_address(request(forwarded=forwarded)) == expected
