"""Typed domain events, delivered to their subscribers inside the transaction that caused them.

An event is a frozen dataclass naming what happened. A lower layer publishes it; a higher one
subscribes to its type (in its AppConfig.ready), so the lower layer needs to know nothing of who
listens: the dossiers publish ``DossierChanged``, the notifications (and, next, the national portal's
exchange) subscribe. A subscriber runs synchronously, in the publisher's transaction, so what it writes
(an outbox row) commits or rolls back with the change; it must not do slow work there.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DomainEvent:
    """Base of every event."""


_SUBSCRIBERS: dict[type, list[Callable]] = defaultdict(list)


def subscribe(event_type: type[DomainEvent], handler: Callable[[DomainEvent], None]) -> None:
    """Call ``handler(event)`` for every published event of ``event_type`` (or a subclass); once."""
    if handler not in _SUBSCRIBERS[event_type]:
        _SUBSCRIBERS[event_type].append(handler)


def publish(event: DomainEvent) -> None:
    for event_type, handlers in list(_SUBSCRIBERS.items()):
        if isinstance(event, event_type):
            for handler in list(handlers):
                handler(event)
