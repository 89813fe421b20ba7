"""The base class of the domain's refusals, with messages translated when they are shown."""

from collections.abc import Mapping
from typing import Any


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
