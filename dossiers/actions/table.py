"""The table of actions: each dossier action's handler, registered by the module that implements it.

A handler is a small object with four optional steps, which ``perform`` calls in order:

* ``prepare(ctx)``: slow work that needs no lock (rendering a notice's PDF), before the dossier's row
  is locked, so that the lock is held only for the change itself; ``ctx.dossier`` is then a snapshot;
* ``check(ctx)``: what the action needs (a reason, the items, the agency…), before anything changes;
* ``do(ctx)``: change the locked dossier and its rows (clocks, steps, units);
* ``after(ctx)``: once the process-log row is written, keep the documents it sends (notices, result).
"""

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.lifecycle import Action, DossierStatus


@dataclass
class ActionContext:
    """Everything an action's handler reads, and what it leaves for the record."""

    dossier: object  # the locked Dossier
    user: object
    actor: object
    action: Action
    steps: list
    previous: DossierStatus
    new_status: DossierStatus
    now: datetime
    comment: str
    consulted: bool
    calendar: object
    options: dict
    written: list  # stored files to remove if the transaction fails
    # Left for the record by the handler:
    from_unit: str = ""
    to_unit: str = ""
    finished: object = None
    to_officer: object = None
    new_appointment: datetime | None = None
    proposal: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def current_step(self):
        """The step the dossier was being handled at (None unless it was in progress)."""
        previous = self.previous
        if previous.step is not None and previous.state.value == "in_progress":
            return self.steps[previous.step]
        return None


class Handler:
    def prepare(self, ctx: ActionContext) -> None:
        pass

    def check(self, ctx: ActionContext) -> None:
        pass

    def do(self, ctx: ActionContext) -> None:
        pass

    def after(self, ctx: ActionContext) -> None:
        pass


HANDLERS: dict[Action, Handler] = {}


def handles(*actions: Action):
    """Class decorator: the handler of ``actions`` (one instance serves them all)."""

    def decorator(cls):
        instance = cls()
        for action in actions:
            if action in HANDLERS:
                raise ValueError(f"{action} has two handlers")
            HANDLERS[action] = instance
        return cls

    return decorator
