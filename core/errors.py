"""The refusals every layer raises, with messages translated when they are shown.

Defined here, at the bottom, so that any app can raise them and the API's one mapping to statuses
(``core.api_errors``) needs no app above it: :class:`NotFound` is a 404, :class:`Invalid` a 422 with
the fields at fault, :class:`Forbidden` a 403, any other :class:`DomainError` a 409 ("not possible
now").
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy


class DomainError(Exception):
    """A refusal with a translatable message.

    The message is kept as a (lazy) template and its parameters, and formatted only when it is read
    (``str(error)`` or ``error.message``): raising needs no configured settings, and the text comes out
    in the language active where it is displayed.
    """

    def __init__(self, template: Any, params: Mapping[str, Any] | None = None):
        self.template = template
        self.params = dict(params or {})
        super().__init__(template, self.params)

    @property
    def message(self) -> str:
        return str(self.template) % {key: str(value) for key, value in self.params.items()}

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """What was asked for does not exist, or is not visible to this person (both look the same)."""


class Forbidden(DomainError):
    """This person may not do this (yet): for example an account whose contact is not confirmed (a 403)."""


class Invalid(DomainError):
    """Some answers cannot be accepted. ``errors`` maps a field key to its messages."""

    def __init__(self, errors: dict[str, list[str]], template: Any = None):
        super().__init__(template or gettext_lazy("Some information is missing or needs correcting."))
        self.errors = {key: [str(m) for m in messages] for key, messages in errors.items()}
